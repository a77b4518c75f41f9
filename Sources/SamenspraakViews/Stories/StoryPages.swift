import Foundation
import Plot
import SamenspraakCore

/// A story as lists show it.
public struct StoryCard: Equatable, Sendable {
    public var slug: String
    public var id: String
    public var title: String
    public var summary: String
    /// nil for an anonymous story.
    public var schoolName: String?
    public var schoolSlug: String?
    public var keys: [Int]
    public var status: StoryStatus
    public var published: Day?

    public init(slug: String, id: String, title: String, summary: String, schoolName: String?, schoolSlug: String?, keys: [Int],
                status: StoryStatus, published: Day?) {
        self.slug = slug
        self.id = id
        self.title = title
        self.summary = summary
        self.schoolName = schoolName
        self.schoolSlug = schoolSlug
        self.keys = keys
        self.status = status
        self.published = published
    }

    static func mock(_ text: String) -> StoryCard {
        StoryCard(slug: text, id: text, title: text, summary: text, schoolName: text, schoolSlug: text, keys: [9], status: .published,
                  published: Day(year: 2026, month: 11, day: 2))
    }
}

enum StoryBits {
    static func byline(_ card: StoryCard, _ t: Localizer, link: Bool) -> Node<HTML.BodyContext> {
        let name = card.schoolName ?? t("stories.anonymous_school")
        return .p(.class("muted"),
                  link && card.schoolSlug != nil && card.schoolName != nil
                    ? .a(.attr("href", SiteRoute.storiesOfSchool(slug: LinkSlug(card.schoolSlug ?? "")).path), .plainText(name)) : .plainText(name),
                  .unwrap(card.published) { .plainText(" · " + Dates.long($0, t)) })
    }

    static func keyLinks(_ keys: [Int], names: [Int: String]) -> Node<HTML.BodyContext> {
        .ul(.class("inline-list key-tags"), .forEach(keys) { key in
            .li(.a(.attr("href", SiteRoute.storiesForKey(key: KeyNumber(key)).path), .plainText("\(key). \(names[key] ?? "")")))
        })
    }

    /// Story cards; `topLevel` when they sit right under the page's h1 (then each title is an h2).
    static func cards(_ cards: [StoryCard], names: [Int: String], t: Localizer, empty: String, topLevel: Bool = false) -> Node<HTML.BodyContext> {
        cards.isEmpty ? .p(.class("muted"), .plainText(empty)) : .ul(.class("cards stories"), .forEach(cards) { card in
            let link: Node<HTML.BodyContext> = .a(.attr("href", SiteRoute.story(slug: LinkSlug(card.slug)).path), .plainText(card.title))
            return .li(topLevel ? .h2(link) : .h3(link),
                byline(card, t, link: true),
                .p(.attr("dir", "auto"), .plainText(card.summary)),
                keyLinks(card.keys, names: names))
        })
    }

    static func searchForm(_ t: Localizer, query: String) -> Node<HTML.BodyContext> {
        .form(.method(.get), .attr("action", SiteRoute.storySearch.path), .attr("role", "search"), .class("search"),
              .label(.attr("for", "q"), .plainText(t("stories.search_label"))),
              .input(.type(.search), .attr("id", "q"), .attr("name", "q"), .attr("value", query), .attr("maxlength", "200")),
              .button(.type(.submit), .plainText(t("stories.search_submit"))))
    }

    /// Every public stories page names the Atom feed in its head, so a feed reader finds it from any page's address.
    static func feedLink(_ t: Localizer) -> Node<HTML.HeadContext> {
        .link(.rel(.alternate), .attr("type", "application/atom+xml"), .attr("title", t("stories.title")),
              .attr("href", SiteRoute.storyFeed.path))
    }

    static func document(_ shell: PageShell, title: String, main: Node<HTML.BodyContext>) -> HTML {
        Layout.document(shell, title: title, head: feedLink(shell.t), main: .div(
            .class("stories-site"),
            .p(.class("no-print"), .a(.attr("href", SiteRoute.stories.path), .plainText(shell.t("stories.site"))),
               .plainText(" · "), .a(.attr("href", SiteRoute.storyFeed.path), .attr("type", "application/atom+xml"), .plainText(shell.t("stories.feed")))),
            main
        ))
    }
}

/// The stories website's home: the newest stories, the 12 keys, the search box.
public enum StoriesHomePage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var newest: [StoryCard]
        public var keyNames: [Int: String]
        public var counts: [Int: Int]
        public init(shell: PageShell, newest: [StoryCard], keyNames: [Int: String], counts: [Int: Int]) {
            self.shell = shell
            self.newest = newest
            self.keyNames = keyNames
            self.counts = counts
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text, signedIn: false), newest: [.mock(text)], keyNames: [9: text], counts: [9: 1])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return StoryBits.document(model.shell, title: t("stories.title"), main: .div(
            .h1(.plainText(t("stories.title"))),
            .p(.class("lead"), .plainText(t("stories.intro"))),
            StoryBits.searchForm(t, query: ""),
            .section(.attr("aria-labelledby", "newest"),
                     .h2(.id("newest"), .plainText(t("stories.newest"))),
                     StoryBits.cards(model.newest, names: model.keyNames, t: t, empty: t("stories.none"))),
            .section(.attr("aria-labelledby", "keys"),
                     .h2(.id("keys"), .plainText(t("stories.keys"))),
                     .ol(.class("key-list"), .forEach(Questionnaire.keys) { key in
                         .li(.a(.attr("href", SiteRoute.storiesForKey(key: KeyNumber(key)).path), .plainText(model.keyNames[key] ?? String(key))),
                             .plainText(" " + t((model.counts[key] ?? 0) == 1 ? "stories.count_one" : "stories.count",
                                           ["count": String(model.counts[key] ?? 0)])))
                     }))
        ))
    }
}

/// A list of stories: those on one key, of one school, or found by a search.
public enum StoryListPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var title: String
        public var intro: String?
        public var cards: [StoryCard]
        public var keyNames: [Int: String]
        /// For a search: what was typed (shown in the box again).
        public var query: String?
        public init(shell: PageShell, title: String, intro: String?, cards: [StoryCard], keyNames: [Int: String], query: String? = nil) {
            self.shell = shell
            self.title = title
            self.intro = intro
            self.cards = cards
            self.keyNames = keyNames
            self.query = query
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text, signedIn: false), title: text, intro: text, cards: [.mock(text)], keyNames: [9: text], query: text)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return StoryBits.document(model.shell, title: model.title, main: .div(
            .h1(.plainText(model.title)),
            .unwrap(model.intro) { .p(.class("lead"), .plainText($0)) },
            .unwrap(model.query) { StoryBits.searchForm(t, query: $0) },
            StoryBits.cards(model.cards, names: model.keyNames, t: t, empty: t(model.query == nil ? "stories.none" : "stories.no_results"),
                            topLevel: true)
        ))
    }
}

/// One story: title, school, keys, photo, summary and the body (Markdown, sanitized).
public enum StoryPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var card: StoryCard
        public var body: SanitizedHTML
        public var photoPath: String?
        public var photoAlt: String?
        public var photoSize: (width: Int, height: Int)?
        public var keyNames: [Int: String]
        public init(shell: PageShell, card: StoryCard, body: SanitizedHTML, photoPath: String?, photoAlt: String?,
                    photoSize: (width: Int, height: Int)?, keyNames: [Int: String]) {
            self.shell = shell
            self.card = card
            self.body = body
            self.photoPath = photoPath
            self.photoAlt = photoAlt
            self.photoSize = photoSize
            self.keyNames = keyNames
        }
        public static func == (a: Model, b: Model) -> Bool {
            a.shell == b.shell && a.card == b.card && a.body == b.body && a.photoPath == b.photoPath && a.photoAlt == b.photoAlt
                && a.photoSize?.width == b.photoSize?.width && a.photoSize?.height == b.photoSize?.height && a.keyNames == b.keyNames
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text, signedIn: false), card: .mock(text), body: Markdown.render(text), photoPath: text, photoAlt: text,
                  photoSize: (800, 600), keyNames: [9: text])
        }
    }

    public static func article(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        return .element(named: "article", nodes: [
            .class("story"),
            .h1(.attr("dir", "auto"), .plainText(model.card.title)),
            StoryBits.byline(model.card, t, link: true),
            StoryBits.keyLinks(model.card.keys, names: model.keyNames),
            .unwrap(model.photoPath) { path in
                .element(named: "figure", nodes: [
                    .img(.attr("src", path), .attr("alt", model.photoAlt ?? ""),
                         .attr("width", String(model.photoSize?.width ?? 800)), .attr("height", String(model.photoSize?.height ?? 600)),
                         .attr("loading", "lazy")),
                ])
            },
            .p(.class("story-summary"), .attr("dir", "auto"), .plainText(model.card.summary)),
            .div(.class("story-body"), .attr("dir", "auto"), .sanitized(model.body)),
        ])
    }

    public static func view(_ model: Model) -> HTML {
        StoryBits.document(model.shell, title: model.card.title, main: article(model))
    }
}

/// The Atom feed of the newest published stories.
public enum StoryFeed {
    public struct Entry: Equatable, Sendable {
        public var id: String
        public var url: String
        public var title: String
        public var summary: String
        public var author: String
        public var updated: Date
        public init(id: String, url: String, title: String, summary: String, author: String, updated: Date) {
            self.id = id
            self.url = url
            self.title = title
            self.summary = summary
            self.author = author
            self.updated = updated
        }
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default:
                // Characters XML 1.0 does not allow are left out.
                if scalar.value >= 0x20 || scalar == "\n" || scalar == "\t" || scalar == "\r" { result.unicodeScalars.append(scalar) }
            }
        }
        return result
    }

    public static func xml(title: String, siteURL: String, feedURL: String, entries: [Entry]) -> String {
        let formatter = ISO8601DateFormatter()
        let updated = entries.map(\.updated).max() ?? Date(timeIntervalSince1970: 0)
        var lines = [
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>",
            "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"nl\">",
            "<title>\(escape(title))</title>",
            "<id>\(escape(feedURL))</id>",
            "<link rel=\"self\" href=\"\(escape(feedURL))\"/>",
            "<link rel=\"alternate\" type=\"text/html\" href=\"\(escape(siteURL))\"/>",
            "<updated>\(formatter.string(from: updated))</updated>",
        ]
        for entry in entries {
            lines += [
                "<entry>",
                "<id>\(escape(entry.id))</id>",
                "<title>\(escape(entry.title))</title>",
                "<link rel=\"alternate\" type=\"text/html\" href=\"\(escape(entry.url))\"/>",
                "<updated>\(formatter.string(from: entry.updated))</updated>",
                "<author><name>\(escape(entry.author))</name></author>",
                "<summary type=\"text\">\(escape(entry.summary))</summary>",
                "</entry>",
            ]
        }
        lines.append("</feed>")
        return lines.joined(separator: "\n") + "\n"
    }
}
