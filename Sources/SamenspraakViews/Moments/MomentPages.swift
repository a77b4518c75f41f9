import Foundation
import Plot
import SamenspraakCore

/// A moment as staff see it in lists and on its page.
public struct MomentSummary: Equatable, Sendable {
    public var id: String
    public var kind: MomentKind
    public var title: String
    public var window: MomentWindow
    public var group: String?
    public var keys: [Int]
    /// nil when fewer than the threshold rated it (the exact number is not shown either).
    public var ratings: Int?
    public var index: Score?
    public var hasReply: Bool

    public init(id: String, kind: MomentKind, title: String, window: MomentWindow, group: String?, keys: [Int], ratings: Int?,
                index: Score?, hasReply: Bool = false) {
        self.id = id
        self.kind = kind
        self.title = title
        self.window = window
        self.group = group
        self.keys = keys
        self.ratings = ratings
        self.index = index
        self.hasReply = hasReply
    }

    static func mock(_ text: String) -> MomentSummary {
        MomentSummary(id: text, kind: .oudercontact, title: text,
                      window: MomentWindow(starts: Day(year: 2026, month: 10, day: 12), ends: Day(year: 2026, month: 10, day: 15), days: 14),
                      group: text, keys: [4, 5], ratings: 14, index: Score(value: 71, low: 52, high: 85, n: 14), hasReply: true)
    }
}

public enum MomentText {
    static func index(_ score: Score?, _ t: Localizer) -> String {
        guard let score else { return "–" }
        return t("moment.index_value", ["index": ReportPage.percent(score.value), "low": ReportPage.percent(score.low),
                                        "high": ReportPage.percent(score.high)])
    }

    static func ratings(_ count: Int?, threshold: Int, _ t: Localizer) -> String {
        count.map { t("moment.ratings_count", ["count": String($0)]) } ?? t("moment.too_few", ["n": String(threshold)])
    }

    public static func periodText(_ window: MomentWindow, _ t: Localizer) -> String { period(window, t) }

    static func period(_ window: MomentWindow, _ t: Localizer) -> String {
        window.starts == window.ends ? Dates.long(window.starts, t) : Dates.period(window.starts, window.ends, t)
    }
}

/// A school's moments: the list, the index over the school year, and the public profile's state.
public enum MomentListPage {
    public struct Profile: Equatable, Sendable {
        public var published: Bool
        public var path: String?
        public var canPublish: Bool
        public init(published: Bool, path: String?, canPublish: Bool) {
            self.published = published
            self.path = path
            self.canPublish = canPublish
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var moments: [MomentSummary]
        public var trend: RatingTrend
        /// Display names of the trend's series (`kind.…`, `key.…`) in the reader's language.
        public var seriesNames: [String: String]
        public var threshold: Int
        public var canCreate: Bool
        public var profile: Profile
        public var today: Day
        public var notice: String?

        public init(shell: PageShell, schoolID: String, schoolName: String, moments: [MomentSummary], trend: RatingTrend,
                    seriesNames: [String: String], threshold: Int, canCreate: Bool, profile: Profile, today: Day, notice: String? = nil) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.moments = moments
            self.trend = trend
            self.seriesNames = seriesNames
            self.threshold = threshold
            self.canCreate = canCreate
            self.profile = profile
            self.today = today
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            let score = Score(value: 70, low: 55, high: 82, n: 20)
            let trend = RatingTrend(months: [YearMonth(year: 2026, month: 9), YearMonth(year: 2026, month: 10)],
                                    kinds: [.init(name: "kind.oudercontact", cells: [nil, score])], keys: [.init(name: "key.4", cells: [score, score])])
            return Model(shell: .mock(text: text), schoolID: text, schoolName: text, moments: [.mock(text)], trend: trend,
                         seriesNames: ["kind.oudercontact": text, "key.4": text], threshold: 5, canCreate: true,
                         profile: Profile(published: true, path: text, canPublish: true), today: Day(year: 2026, month: 10, day: 20),
                         notice: "profile.published")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("moments.title"), main: .div(
            .h1(.plainText(t("moments.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.plainText(t("moments.intro"))),
            .if(model.canCreate, .p(.a(.class("button"), .attr("href", SiteRoute.newMoment(schoolID: SchoolID(model.schoolID)).path), .plainText(t("moments.new"))))),
            model.moments.isEmpty ? .p(.class("muted"), .plainText(t("moments.empty"))) : .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                .class("data"),
                .caption(.plainText(t("moments.list_caption"))),
                .thead(.tr(.th(.attr("scope", "col"), .plainText(t("moment.when"))), .th(.attr("scope", "col"), .plainText(t("moment.what"))),
                           .th(.attr("scope", "col"), .plainText(t("moment.ratings"))), .th(.attr("scope", "col"), .plainText(t("moment.index"))),
                           .th(.attr("scope", "col"), .plainText(t("moment.state"))))),
                .tbody(.forEach(model.moments) { moment in
                    .tr(.td(.plainText(MomentText.period(moment.window, t))),
                        .td(.a(.attr("href", SiteRoute.moment(id: MomentID(moment.id)).path), .plainText(moment.title)),
                            .span(.class("muted"), .plainText(" · " + t("moment.kind.\(moment.kind.rawValue)")
                                                         + (moment.group.map { " · \($0)" } ?? "")))),
                        .td(.plainText(MomentText.ratings(moment.ratings, threshold: model.threshold, t))),
                        .td(.plainText(MomentText.index(moment.index, t))),
                        .td(.plainText(t("moment.state.\(moment.window.state(on: model.today).rawValue)"))))
                })
            )),
            TrendView.section(model.trend, names: model.seriesNames, t: t, threshold: model.threshold),
            profileSection(model)
        ))
    }

    static func profileSection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let profile = model.profile
        return .section(
            .attr("aria-labelledby", "profile-title"),
            .h2(.id("profile-title"), .plainText(t("profile.title"))),
            .p(.plainText(t("profile.intro", ["n": String(model.threshold)]))),
            .p(.strong(.plainText(t(profile.published ? "profile.is_published" : "profile.is_not_published")))),
            .if(profile.published, .unwrap(profile.path) { path in .p(.a(.id("profile-link"), .attr("href", path), .plainText(t("profile.open")))) }),
            .if(profile.canPublish, .form(
                .method(.post), .attr("action", SiteRoute.profileSettings(schoolID: SchoolID(model.schoolID)).path),
                Forms.csrf(model.shell.csrfToken),
                .input(.type(.hidden), .attr("name", "published"), .attr("value", profile.published ? "0" : "1")),
                .button(.type(.submit), .plainText(t(profile.published ? "profile.unpublish" : "profile.publish")))
            ))
        )
    }
}

/// The index over the school year: a small chart per kind of moment and per key, each beside a table of figures.
enum TrendView {
    static func section(_ trend: RatingTrend, names: [String: String], t: Localizer, threshold: Int) -> Node<HTML.BodyContext> {
        .section(
            .attr("aria-labelledby", "trend-title"),
            .h2(.id("trend-title"), .plainText(t("trend.title"))),
            .p(.class("muted"), .plainText(t("trend.method", ["n": String(threshold)]))),
            trend.isEmpty ? .p(.plainText(t("trend.empty"))) : .group(
                block(trend.kinds, months: trend.months, title: t("trend.by_kind"), id: "trend-kind", names: names, t: t),
                block(trend.keys, months: trend.months, title: t("trend.by_key"), id: "trend-key", names: names, t: t)
            )
        )
    }

    static func block(_ series: [RatingTrend.Series], months: [YearMonth], title: String, id: String, names: [String: String],
                      t: Localizer) -> Node<HTML.BodyContext> {
        guard !series.isEmpty else { return .empty }
        return .div(
            .class("trend-block"),
            .h3(.attr("id", id), .plainText(title)),
            .div(.class("trend"),
                 .ul(.class("sparks"), .forEach(series) { line in
                     .li(.p(.plainText(names[line.name] ?? line.name)), chart(line, months: months, label: names[line.name] ?? line.name, t: t))
                 }),
                 .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                    .class("data trend-table"), .attr("aria-labelledby", id),
                    .thead(.tr(.td(), .forEach(months) { .th(.attr("scope", "col"), .plainText(t("month.short.\($0.month)"))) })),
                    .tbody(.forEach(series) { line in
                        .tr(.th(.attr("scope", "row"), .plainText(names[line.name] ?? line.name)),
                            .forEach(line.cells) { cell in
                                .td(.unwrap(cell, { score in
                                    .group(.plainText(ReportPage.percent(score.value)),
                                           .span(.class("range"), .plainText(" (\(ReportPage.percent(score.low))–\(ReportPage.percent(score.high)))")))
                                }, else: .plainText("–")))
                            })
                    })
                 )))
        )
    }

    /// Points at each month's index with a line from the low to the high end of its interval; the table says the same in figures.
    static func chart(_ line: RatingTrend.Series, months: [YearMonth], label: String, t: Localizer) -> Node<HTML.BodyContext> {
        let step = 24.0, height = 60.0, left = 6.0
        func x(_ position: Int) -> Double { left + Double(position) * step + step / 2 }
        func y(_ value: Double) -> Double { 4 + (100 - value) / 100 * (height - 8) }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "line", nodes: [.attr("x1", "0"), .attr("x2", String(format: "%.0f", left + Double(months.count) * step)),
                                            .attr("y1", String(format: "%.1f", y(50))), .attr("y2", String(format: "%.1f", y(50))),
                                            .attr("class", "mid")]),
        ]
        var points: [String] = []
        for (position, cell) in line.cells.enumerated() {
            guard let score = cell else { continue }
            points.append(String(format: "%.1f,%.1f", x(position), y(score.value)))
            nodes.append(.element(named: "line", nodes: [
                .attr("x1", String(format: "%.1f", x(position))), .attr("x2", String(format: "%.1f", x(position))),
                .attr("y1", String(format: "%.1f", y(score.low))), .attr("y2", String(format: "%.1f", y(score.high))), .attr("class", "ci"),
            ]))
            nodes.append(.element(named: "circle", nodes: [.attr("cx", String(format: "%.1f", x(position))),
                                                           .attr("cy", String(format: "%.1f", y(score.value))), .attr("r", "3.5")]))
        }
        if points.count > 1 {
            nodes.insert(.element(named: "polyline", nodes: [.attr("points", points.joined(separator: " ")), .attr("class", "trend-line")]), at: 1)
        }
        for (position, month) in months.enumerated() {
            nodes.append(.element(named: "text", nodes: [.attr("x", String(format: "%.1f", x(position))), .attr("y", String(format: "%.0f", height + 12)),
                                                         .attr("text-anchor", "middle"), .plainText(t("month.short.\(month.month)"))]))
        }
        let width = left + Double(months.count) * step + 6
        return .element(named: "svg", nodes: [
            .attr("class", "spark"), .attr("viewBox", String(format: "0 0 %.0f %.0f", width, height + 16)),
            .attr("width", String(format: "%.0f", width)), .attr("height", String(format: "%.0f", height + 16)),
            .attr("role", "img"), .attr("aria-label", t("trend.chart_label", ["name": label])),
            .group(nodes),
        ])
    }
}

/// Making a moment: what kind, its title, when, for which group, which keys it serves, how long parents can rate.
public enum MomentFormPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var draft: MomentDraft
        /// The 12 keys' names in the reader's language.
        public var keyNames: [Int: String]
        public var errors: FieldErrors

        public init(shell: PageShell, schoolID: String, schoolName: String, draft: MomentDraft, keyNames: [Int: String], errors: FieldErrors = [:]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.draft = draft
            self.keyNames = keyNames
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolID: text, schoolName: text,
                  draft: MomentDraft(kind: text, title: text, startsOn: text, endsOn: text, group: text, keys: [text], windowDays: text),
                  keyNames: [4: text], errors: ["title": text, "keys": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let draft = model.draft
        return Layout.document(model.shell, title: t("moment.new.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("moment.new.title"))),
            .p(.class("muted"), .plainText(model.schoolName)),
            .p(.plainText(t("moment.new.intro"))),
            Forms.errorSummary(model.errors, order: ["kind", "title", "starts_on", "ends_on", "group", "keys", "window_days"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.moments(schoolID: SchoolID(model.schoolID)).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.choices(name: "kind", legend: t("field.moment_kind"), type: "radio",
                                  options: MomentKind.allCases.map { .init(value: $0.rawValue, label: t("moment.kind.\($0.rawValue)")) },
                                  selected: [draft.kind], error: model.errors["kind"], t: t),
                    Forms.field(.init(name: "title", label: t("field.moment_title"), value: draft.title, error: model.errors["title"],
                                      hint: t("field.moment_title_hint"), extra: [("maxlength", String(MomentDraft.maximumTitle))]), t: t),
                    Forms.field(.init(name: "starts_on", label: t("field.moment_starts"), value: draft.startsOn, type: "date",
                                      error: model.errors["starts_on"], hint: t("field.date_hint")), t: t),
                    Forms.field(.init(name: "ends_on", label: t("field.moment_ends"), value: draft.endsOn, type: "date",
                                      error: model.errors["ends_on"], hint: t("field.moment_ends_hint"), required: false), t: t),
                    Forms.field(.init(name: "group", label: t("field.moment_group"), value: draft.group, error: model.errors["group"],
                                      hint: t("field.moment_group_hint"), required: false,
                                      extra: [("maxlength", String(MomentDraft.maximumGroup))]), t: t),
                    Forms.choices(name: "keys", legend: t("field.moment_keys"), type: "checkbox",
                                  options: Questionnaire.keys.map { .init(value: String($0), label: "\($0). \(model.keyNames[$0] ?? "")") },
                                  selected: draft.keys, error: model.errors["keys"], hint: t("field.moment_keys_hint"), t: t),
                    Forms.field(.init(name: "window_days", label: t("field.moment_window"), value: draft.windowDays, type: "number",
                                      error: model.errors["window_days"], hint: t("field.moment_window_hint"),
                                      extra: [("min", "1"), ("max", String(MomentWindow.allowedDays.upperBound)), ("inputmode", "numeric")]), t: t),
                    Forms.submit(t("moment.new.submit"))
                )
            )
        ))
    }
}

/// One moment for staff: its link and QR code, the results (or "too few"), the sentences and the school's reply.
public enum MomentShowPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var moment: MomentSummary
        public var today: Day
        public var link: String
        public var qr: QRMatrix?
        public var result: MomentResult
        /// Chip texts in the reader's language.
        public var chipNames: [String: String]
        public var keyNames: [Int: String]
        public var reply: String
        public var replyOn: Day?
        public var canManage: Bool
        public var canPublish: Bool
        public var notice: String?
        public var errors: FieldErrors
        /// The teacher who made this oudercontact: may make and read its conversation cards.
        public var isCreator = false
        public var cardCount = 0

        public init(shell: PageShell, schoolID: String, schoolName: String, moment: MomentSummary, today: Day, link: String, qr: QRMatrix?,
                    result: MomentResult, chipNames: [String: String], keyNames: [Int: String], reply: String, replyOn: Day?,
                    canManage: Bool, canPublish: Bool, notice: String? = nil, errors: FieldErrors = [:]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.moment = moment
            self.today = today
            self.link = link
            self.qr = qr
            self.result = result
            self.chipNames = chipNames
            self.keyNames = keyNames
            self.reply = reply
            self.replyOn = replyOn
            self.canManage = canManage
            self.canPublish = canPublish
            self.notice = notice
            self.errors = errors
        }

        func withCards() -> Model {
            var copy = self
            copy.isCreator = true
            copy.cardCount = 4
            return copy
        }

        public static func mock(text: String) -> Model {
            let chips = RatingCatalog.Chips(good: ["welcome"], better: ["interpreter"])
            let result = MomentResult.build(counts: FaceCounts([0, 1, 2, 5, 6]), chipCounts: ["welcome": 9], chips: chips,
                                            sentences: [.init(id: text, text: text, hidden: false, shownPublicly: true),
                                                        .init(id: text, text: text, hidden: true, shownPublicly: false, hiddenBy: text,
                                                              hiddenOn: Day(year: 2026, month: 10, day: 20))])
            return Model(shell: .mock(text: text), schoolID: text, schoolName: text, moment: .mock(text), today: Day(year: 2026, month: 10, day: 20),
                         link: text, qr: QRMatrix(size: 1, modules: [true]), result: result, chipNames: ["welcome": text, "interpreter": text],
                         keyNames: [4: text, 5: text], reply: text, replyOn: Day(year: 2026, month: 10, day: 21), canManage: true, canPublish: true,
                         notice: "moment.saved", errors: ["reply": text]).withCards()
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let moment = model.moment
        let state = moment.window.state(on: model.today)
        return Layout.document(model.shell, title: moment.title, main: .div(
            .h1(.plainText(moment.title)),
            .p(.class("lead"), .a(.attr("href", SiteRoute.moments(schoolID: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .dl(.class("facts"),
                .dt(.plainText(t("moment.kind"))), .dd(.plainText(t("moment.kind.\(moment.kind.rawValue)"))),
                .dt(.plainText(t("moment.when"))), .dd(.plainText(MomentText.period(moment.window, t))),
                .unwrap(moment.group) { group in .group(.dt(.plainText(t("field.moment_group"))), .dd(.plainText(group))) },
                .dt(.plainText(t("moment.keys"))), .dd(.ul(.class("inline-list"), .forEach(moment.keys) { key in
                    .li(.plainText("\(key). \(model.keyNames[key] ?? "")"))
                })),
                .dt(.plainText(t("moment.state"))),
                .dd(.plainText(t("moment.state.\(state.rawValue)") + " · " + t("moment.closes", ["date": Dates.long(moment.window.closes, t)])))),
            .section(
                .attr("aria-labelledby", "link-title"),
                .h2(.id("link-title"), .plainText(t("moment.link.title"))),
                .p(.plainText(t("moment.link.intro"))),
                .p(.class("secret"), .a(.id("rating-link"), .attr("href", model.link), .plainText(model.link))),
                .unwrap(model.qr) { QRImage.svg($0, label: t("moment.qr_label"), size: 160) },
                .ul(.class("actions-list"),
                    .li(.a(.attr("href", SiteRoute.momentCards(id: MomentID(moment.id)).path), .plainText(t("moment.cards.link")))),
                    .li(.a(.attr("href", SiteRoute.momentPoster(id: MomentID(moment.id)).path), .plainText(t("moment.poster.link")))))
            ),
            cardsSection(model),
            results(model),
            replySection(model)
        ))
    }

    /// Conversation cards, for the teacher of an oudercontact only.
    static func cardsSection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        guard model.isCreator, model.moment.kind == .oudercontact else { return .empty }
        return .section(
            .attr("aria-labelledby", "cards-title"),
            .h2(.id("cards-title"), .plainText(t("cards.section"))),
            .p(.plainText(t("cards.section_intro"))),
            .p(.a(.attr("href", SiteRoute.conversationCards(momentID: MomentID(model.moment.id)).path),
                  .plainText(t("cards.open", ["count": String(model.cardCount)])))),
            .if(model.moment.window.state(on: model.today) == .notYet, .form(
                .method(.post), .attr("action", SiteRoute.conversationCards(momentID: MomentID(model.moment.id)).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(Forms.field(.init(name: "count", label: t("field.card_count"), value: "10", type: "number", error: model.errors["count"],
                                       hint: t("field.card_count_hint"), extra: [("min", "1"), ("max", "60"), ("inputmode", "numeric")]), t: t),
                     Forms.submit(t("cards.make")))
            ))
        )
    }

    static func results(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let result = model.result
        guard let counts = result.counts else {
            return .section(.attr("aria-labelledby", "results-title"),
                            .h2(.id("results-title"), .plainText(t("moment.results"))),
                            .p(.class("notice info"), .plainText(t("moment.too_few_long", ["n": String(result.threshold)]))))
        }
        return .section(
            .attr("aria-labelledby", "results-title"),
            .h2(.id("results-title"), .plainText(t("moment.results"))),
            .p(.plainText(t("moment.ratings_count", ["count": String(result.ratings)]))),
            .p(.class("score"), .plainText(t("moment.index") + ": " + MomentText.index(result.index, t))),
            .p(.class("muted"), .plainText(t("moment.index_method"))),
            bar(counts, t),
            .ul(.class("legend"), .forEach([4, 3, 2, 1]) { face in
                .li(.plainText("\(t("moment.face.\(face)")): \(counts[face])"))
            }),
            .div(.class("chip-results"),
                 chipList(result.good, title: t("moment.good"), id: "good-title", model: model),
                 chipList(result.better, title: t("moment.better"), id: "better-title", model: model)),
            sentences(model)
        )
    }

    /// The four faces as one bar, each part labelled with its count, so it reads without colour.
    static func bar(_ counts: FaceCounts, _ t: Localizer) -> Node<HTML.BodyContext> {
        ReportPage.bar(counts, faces: [1, 2, 3, 4], label: { t("moment.face.\($0)") }, id: nil)
    }

    static func chipList(_ chips: [MomentResult.ChipCount], title: String, id: String, model: Model) -> Node<HTML.BodyContext> {
        .div(.h3(.attr("id", id), .plainText(title)),
             .table(.class("data chip-table"), .attr("aria-labelledby", id),
                    .tbody(.forEach(chips) { chip in
                        .tr(.th(.attr("scope", "row"), .plainText(model.chipNames[chip.chip] ?? chip.chip)), .td(.plainText(String(chip.count))))
                    })))
    }

    static func sentences(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let sentences = model.result.sentences.filter { model.canManage || !$0.hidden }
        return .div(
            .h3(.plainText(t("moment.sentences"))),
            sentences.isEmpty ? .p(.class("muted"), .plainText(t("moment.sentences_none"))) : .ul(.class("open-answers"), .forEach(sentences) { sentence in
                .li(.attr("class", sentence.hidden ? "open-answer is-hidden" : "open-answer"),
                    .p(.attr("dir", "auto"), .plainText(sentence.text)),
                    .if(sentence.hidden, .span(.class("badge"), .plainText(hiddenNote(sentence, t) + " "))),
                    .if(sentence.shownPublicly && !sentence.hidden, .span(.class("badge"), .plainText(t("moment.on_profile") + " "))),
                    .if(model.canManage, moderationButton(model, sentence, action: sentence.hidden ? "show" : "hide")),
                    .if(model.canPublish && !sentence.hidden,
                        moderationButton(model, sentence, action: sentence.shownPublicly ? "unpublish" : "publish")))
            })
        )
    }

    static func moderationButton(_ model: Model, _ sentence: MomentResult.Sentence, action: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .class("inline"),
              .attr("action", SiteRoute.momentText(momentID: MomentID(model.moment.id), ratingID: RatingID(sentence.id)).path),
              Forms.csrf(model.shell.csrfToken),
              .input(.type(.hidden), .attr("name", "action"), .attr("value", action)),
              .button(.type(.submit), .class("link"), .plainText(model.shell.t("moment.sentence.\(action)"))))
    }

    static func hiddenNote(_ sentence: MomentResult.Sentence, _ t: Localizer) -> String {
        guard let by = sentence.hiddenBy, let on = sentence.hiddenOn else { return t("report.is_hidden") }
        return t("report.hidden_by", ["name": by, "date": Dates.long(on, t)])
    }

    static func replySection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let error = model.errors["reply"]
        return .section(
            .attr("aria-labelledby", "reply-title"),
            .h2(.id("reply-title"), .plainText(t("moment.reply.title"))),
            .p(.plainText(t("moment.reply.intro"))),
            .unwrap(model.replyOn) { day in .p(.class("muted"), .plainText(t("moment.reply.on", ["date": Dates.long(day, t)]))) },
            model.canManage ? .form(
                .method(.post), .attr("action", SiteRoute.momentReply(id: MomentID(model.moment.id)).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(.attr("class", error == nil ? "field" : "field invalid"),
                     .label(.attr("for", "reply"), .plainText(t("field.reply"))),
                     .p(.class("hint"), .attr("id", "reply-hint"), .plainText(t("field.reply_hint"))),
                     .unwrap(error) { .p(.class("error"), .attr("id", "reply-error"), .plainText(t($0))) },
                     .textarea(.attr("id", "reply"), .attr("name", "reply"), .attr("rows", "4"), .attr("dir", "auto"),
                               .attr("maxlength", String(MomentReply.maximumLength)),
                               .attr("aria-describedby", error == nil ? "reply-hint" : "reply-hint reply-error"),
                               .if(error != nil, .attr("aria-invalid", "true")), .plainText(model.reply))),
                Forms.submit(t("moment.reply.submit"))
            ) : (model.reply.isEmpty ? .p(.class("muted"), .plainText(t("moment.reply.none"))) : .p(.attr("dir", "auto"), .plainText(model.reply)))
        )
    }
}

/// Printable cards (eight to an A4 page) or a poster for a moment: QR code, address, "how was it?" in each language.
public enum MomentPrintPage {
    public struct Model: Equatable, Sendable {
        public var schoolName: String
        public var moment: MomentHeading
        public var link: String
        public var qr: QRMatrix?
        public var texts: [Questionnaire.Texts]
        public var staffLanguage: LanguageCode
        public var printHint: String
        public var poster: Bool

        public init(schoolName: String, moment: MomentHeading, link: String, qr: QRMatrix?, texts: [Questionnaire.Texts],
                    staffLanguage: LanguageCode, printHint: String, poster: Bool) {
            self.schoolName = schoolName
            self.moment = moment
            self.link = link
            self.qr = qr
            self.texts = texts
            self.staffLanguage = staffLanguage
            self.printHint = printHint
            self.poster = poster
        }
    }

    static func lines(_ texts: [Questionnaire.Texts], listClass: String) -> Node<HTML.BodyContext> {
        .ul(.attr("class", listClass), .forEach(texts) { t in
            .li(.attr("lang", t.language.rawValue), .attr("dir", t.language.isRightToLeft ? "rtl" : "ltr"),
                .strong(.plainText(t("rating.title"))), .plainText(" " + t("rating.face_hint")))
        })
    }

    public static func view(_ model: Model) -> HTML {
        let heading = "\(model.moment.title) · \(model.moment.date)"
        if model.poster {
            return PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "poster", main: .div(
                .p(.class("screen-only"), .plainText(model.printHint)),
                .h1(.plainText(model.schoolName)),
                .p(.class("poster-sub"), .plainText(heading)),
                .unwrap(model.qr) { QRImage.svg($0, label: model.link, size: 320) },
                .p(.class("poster-link"), .plainText(model.link)),
                lines(model.texts, listClass: "poster-lines")
            ))
        }
        return PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "slips", main: .div(
            .p(.class("screen-only"), .plainText(model.printHint)),
            .h1(.class("screen-only"), .plainText(heading)),
            .ul(.class("slip-grid"), .forEach(0..<8) { _ in
                .li(.class("slip"),
                    .unwrap(model.qr) { QRImage.svg($0, label: model.link, size: 110) },
                    .p(.class("slip-school"), .plainText(model.schoolName)),
                    .p(.plainText(heading)),
                    .p(.class("slip-link"), .plainText(model.link)),
                    lines(model.texts, listClass: "slip-lines"))
            })
        ))
    }
}
