import Foundation
import Plot
import SamenspraakCore

/// "You told us — we are doing this": what came of a wave, for its parents, in their language. Fixed texts and key
/// names in the page's language; what the school wrote (actions, its thanks, the answers it quotes) as written, each
/// marked with its own direction. No figure but how many answered; no JavaScript needed (the read-aloud button
/// appears only where the browser has a voice).
public enum ResultsForParentsPage {
    public struct Action: Equatable, Sendable {
        public var what: String
        public var due: Day
        public var done: Bool
        public init(what: String, due: Day, done: Bool) {
            self.what = what
            self.due = due
            self.done = done
        }
    }

    public struct Model: Equatable, Sendable {
        /// The page's fixed texts (the profile catalog) in its language, which sets `lang` and `dir`.
        public var t: Localizer
        public var languages: [LanguageLink]
        public var schoolName: String
        public var period: String
        /// How many parents answered; nil when the wave has too few answers to say anything.
        public var responses: Int?
        /// Key names in the page's language.
        public var strengths: [String]
        public var growth: [String]
        public var actions: [Action]
        public var quotes: [String]
        public var thanks: String
        /// The language the school wrote its thanks in.
        public var thanksLanguage: LanguageCode

        public init(t: Localizer, languages: [LanguageLink], schoolName: String, period: String, responses: Int?, strengths: [String],
                    growth: [String], actions: [Action], quotes: [String], thanks: String, thanksLanguage: LanguageCode) {
            self.t = t
            self.languages = languages
            self.schoolName = schoolName
            self.period = period
            self.responses = responses
            self.strengths = strengths
            self.growth = growth
            self.actions = actions
            self.quotes = quotes
            self.thanks = thanks
            self.thanksLanguage = thanksLanguage
        }

        public static func mock(text: String) -> Model {
            Model(t: .keys, languages: [LanguageLink(language: .nl, href: text), LanguageLink(language: .ar, href: text)], schoolName: text,
                  period: text, responses: 30, strengths: [text], growth: [text],
                  actions: [Action(what: text, due: Day(year: 2027, month: 2, day: 1), done: true),
                            Action(what: text, due: Day(year: 2027, month: 3, day: 1), done: false)],
                  quotes: [text], thanks: text, thanksLanguage: .nl)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.t
        let listen = t("results.listen")
        return ParentLayout.document(language: t.language, title: "\(t("results.title")) · \(model.schoolName)", schoolName: model.schoolName,
                                     readAloud: true, main: .div(
            .class("results"),
            .if(model.languages.count > 1, RatingPage.languageNav(model.languages, current: t.language, label: t("profile.choose_language"))),
            .h1(.id("results-title"), .plainText(t("results.title"))),
            ParentLayout.readAloudButton(targetID: "results-body", label: listen),
            .div(.id("results-body"), content(model))
        ))
    }
}

extension ResultsForParentsPage {
    /// What the page says, shared by the phone page and the A4 poster.
    static func content(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.t
        return .group(
            .unwrap(model.responses) { count in
                .p(.class("lead"), .plainText(t("results.answered", ["count": String(count), "period": model.period])))
            },
            .if(!model.strengths.isEmpty, .section(
                .attr("aria-labelledby", "results-strengths"),
                .h2(.id("results-strengths"), .plainText(t("results.strengths"))),
                .ul(.forEach(model.strengths) { .li(.plainText($0)) })
            )),
            .if(!model.growth.isEmpty, .section(
                .attr("aria-labelledby", "results-growth"),
                .h2(.id("results-growth"), .plainText(t("results.growth"))),
                .ul(.forEach(model.growth) { .li(.plainText($0)) })
            )),
            .if(!model.actions.isEmpty, .section(
                .attr("aria-labelledby", "results-actions"),
                .h2(.id("results-actions"), .plainText(t("results.actions"))),
                .ul(.class("results-actions"), .forEach(model.actions) { action in
                    .li(.span(.attr("dir", "auto"), .plainText(action.what)), .plainText(" "),
                        action.done ? .strong(.class("done"), .plainText(t("results.done")))
                            : .span(.class("muted"), .plainText(t("results.due", ["date": Dates.long(action.due, t)]))))
                })
            )),
            .if(!model.quotes.isEmpty, .section(
                .attr("aria-labelledby", "results-quotes"),
                .h2(.id("results-quotes"), .plainText(t("results.quotes"))),
                .ul(.class("quotes"), .forEach(model.quotes) { quote in
                    .li(.element(named: "q", nodes: [.attr("dir", "auto"), .plainText(quote)]))
                })
            )),
            .section(
                .attr("aria-labelledby", "results-thanks"),
                .h2(.id("results-thanks"), .plainText(t("results.thanks"))),
                .p(.attr("lang", model.thanksLanguage.rawValue), .attr("dir", model.thanksLanguage.isRightToLeft ? "rtl" : "ltr"),
                   .plainText(model.thanks))
            )
        )
    }
}

/// The parents' page on A4 for the school gate, one language per sheet, with the QR code of the survey's short link
/// (which leads to the page once the wave is closed).
public enum ResultsPosterPage {
    public struct Model: Equatable, Sendable {
        public var page: ResultsForParentsPage.Model
        public var link: String
        public var qr: QRMatrix?
        public var printHint: String
        public var tools: PrintLayout.Tools?
        public init(page: ResultsForParentsPage.Model, link: String, qr: QRMatrix?, printHint: String, tools: PrintLayout.Tools?) {
            self.page = page
            self.link = link
            self.qr = qr
            self.printHint = printHint
            self.tools = tools
        }

        public static func mock(text: String) -> Model {
            Model(page: .mock(text: text), link: text, qr: QRMatrix(size: 1, modules: [true]), printHint: text,
                  tools: .init(back: text, backLabel: text, printLabel: text))
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.page.t
        return PrintLayout.document(language: t.language, title: "\(t("results.title")) · \(model.page.schoolName)", bodyClass: "poster",
                                    main: .div(
            PrintLayout.tools(model.tools),
            .p(.class("screen-only"), .plainText(model.printHint)),
            .h1(.plainText(t("results.title"))),
            .p(.class("lead"), .attr("dir", "auto"), .plainText(model.page.schoolName)),
            ResultsForParentsPage.content(model.page),
            .unwrap(model.qr) { QRImage.svg($0, label: model.link, size: 200) },
            .p(.class("poster-link"), .plainText(model.link))
        ))
    }
}

/// The parents' page when there is none to show: not published yet (404) or taken offline (410), said kindly in the
/// parent's language.
public enum ResultsMessagePage {
    public struct Model: Equatable, Sendable {
        public var t: Localizer
        public var schoolName: String?
        public var offline: Bool
        public init(t: Localizer, schoolName: String?, offline: Bool) {
            self.t = t
            self.schoolName = schoolName
            self.offline = offline
        }

        public static func mock(text: String) -> Model { Model(t: .keys, schoolName: text, offline: true) }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.t
        let kind = model.offline ? "offline" : "none"
        return ParentLayout.document(language: t.language, title: t("results.\(kind).title"), schoolName: model.schoolName, main: .div(
            .class("message"),
            .h1(.plainText(t("results.\(kind).title"))),
            .p(.plainText(t("results.\(kind).text")))
        ))
    }
}

/// The lead's form for the parents' page of a wave: the plan's actions and the shown open answers to choose from, a
/// sentence of thanks in a language the lead names; publish or update, and take offline.
public enum ResultsEditPage {
    public struct Option: Equatable, Sendable {
        public var id: String
        public var label: String
        public init(id: String, label: String) {
            self.id = id
            self.label = label
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var waveID: String
        public var schoolName: String
        public var period: String
        /// The report has enough answers to publish anything.
        public var hasFigures: Bool
        public var actions: [Option]
        /// Shown open answers only: a hidden one is never offered.
        public var quotes: [Option]
        public var languages: [LanguageCode]
        public var draft: ResultsDraft
        public var errors: FieldErrors
        /// nil: never published; true: online; false: taken offline.
        public var published: Bool?
        /// The page's address for parents (the survey's short link leads there once the wave is closed).
        public var publicPath: String
        public var notice: String?
        /// The A4 poster in each language, once the page is online.
        public var posters: [LanguageLink] = []

        public init(shell: PageShell, waveID: String, schoolName: String, period: String, hasFigures: Bool, actions: [Option],
                    quotes: [Option], languages: [LanguageCode], draft: ResultsDraft, errors: FieldErrors = [:], published: Bool?,
                    publicPath: String, notice: String? = nil) {
            self.shell = shell
            self.waveID = waveID
            self.schoolName = schoolName
            self.period = period
            self.hasFigures = hasFigures
            self.actions = actions
            self.quotes = quotes
            self.languages = languages
            self.draft = draft
            self.errors = errors
            self.published = published
            self.publicPath = publicPath
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), waveID: text, schoolName: text, period: text, hasFigures: true,
                  actions: [Option(id: text, label: text)], quotes: [Option(id: text, label: text)], languages: [.nl, .ar],
                  draft: ResultsDraft(thanks: text, language: text, actionIDs: [text], quoteIDs: [text]), errors: ["thanks": text],
                  published: true, publicPath: text, notice: "results.saved")
                .with(posters: [LanguageLink(language: .nl, href: text), LanguageLink(language: .ar, href: text)])
        }

        public func with(posters: [LanguageLink]) -> Model {
            var model = self
            model.posters = posters
            return model
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let action = SiteRoute.results(waveID: WaveID(model.waveID)).path
        return Layout.document(model.shell, title: t("results.edit_title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("results.edit_title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.report(waveID: WaveID(model.waveID)).path), .plainText(model.schoolName)),
               .plainText(" · " + model.period)),
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.plainText(t("results.edit_intro"))),
            .unwrap(model.published) { online in
                .p(.strong(.plainText(t(online ? "results.state_online" : "results.state_offline"))),
                   .if(online, .group(.plainText(" "), .a(.attr("href", model.publicPath), .plainText(model.publicPath)))))
            },
            .if(model.published == true && !model.posters.isEmpty, .p(
                .plainText(t("results.posters") + " "),
                .forEach(model.posters.enumerated().map { $0 }) { index, poster in
                    .group(.if(index > 0, .plainText(" · ")),
                           .a(.attr("href", poster.href), .attr("lang", poster.language.rawValue), .plainText(poster.language.endonym)))
                }
            )),
            model.hasFigures ? .group(
                Forms.errorSummary(model.errors, order: ResultsDraft.order, t: t),
                .form(.method(.post), .attr("action", action), .attr("novalidate", "novalidate"),
                      Forms.csrf(model.shell.csrfToken),
                      .input(.type(.hidden), .attr("name", "intent"), .attr("value", "publish")),
                      model.actions.isEmpty ? .p(.class("notice error"), .plainText(t("results.no_actions")))
                          : Forms.choices(name: "actions", legend: t("field.results_actions"), type: "checkbox",
                                          options: model.actions.map { .init(value: $0.id, label: $0.label) }, selected: model.draft.actionIDs,
                                          error: model.errors["actions"], hint: t("field.results_actions_hint"), t: t),
                      model.quotes.isEmpty ? .p(.class("muted"), .plainText(t("results.no_quotes")))
                          : Forms.choices(name: "quotes", legend: t("field.results_quotes"), type: "checkbox",
                                          options: model.quotes.map { .init(value: $0.id, label: $0.label) }, selected: model.draft.quoteIDs,
                                          error: model.errors["quotes"], hint: t("field.results_quotes_hint"), t: t),
                      .div(.attr("class", model.errors["thanks"] == nil ? "field" : "field invalid"),
                           .label(.attr("for", "thanks"), .plainText(t("field.results_thanks"))),
                           .p(.class("hint"), .attr("id", "thanks-hint"), .plainText(t("field.results_thanks_hint"))),
                           .unwrap(model.errors["thanks"]) { .p(.class("error"), .attr("id", "thanks-error"), .plainText(t($0))) },
                           .textarea(.attr("id", "thanks"), .attr("name", "thanks"), .attr("rows", "3"), .attr("dir", "auto"),
                                     .attr("maxlength", String(ResultsDraft.maximumThanks)), .flag("required"),
                                     .attr("aria-describedby", model.errors["thanks"] == nil ? "thanks-hint" : "thanks-hint thanks-error"),
                                     .plainText(model.draft.thanks))),
                      Forms.choices(name: "language", legend: t("field.results_language"), type: "radio",
                                    options: model.languages.map { .init(value: $0.rawValue, label: $0.endonym, lang: $0.rawValue) },
                                    selected: [model.draft.language], error: model.errors["language"], t: t),
                      Forms.submit(t(model.published == true ? "results.update" : "results.publish"))),
                .if(model.published == true, .form(
                    .method(.post), .attr("action", action),
                    Forms.csrf(model.shell.csrfToken),
                    .input(.type(.hidden), .attr("name", "intent"), .attr("value", "offline")),
                    .div(.class("actions"), .button(.type(.submit), .plainText(t("results.take_offline"))))
                ))
            ) : .p(.class("notice info"), .plainText(t("results.too_few")))
        ))
    }
}
