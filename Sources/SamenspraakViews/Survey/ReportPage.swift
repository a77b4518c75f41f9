import Foundation
import Plot
import SamenspraakCore

/// One school's report of a wave: strengths first, then growth, then every key and item, small groups protected.
public enum ReportPage {
    public struct Model: Equatable, Sendable {
        public static func == (a: Model, b: Model) -> Bool {
            a.shell == b.shell && a.waveID == b.waveID && a.report == b.report && a.texts == b.texts && a.canModerate == b.canModerate
                && a.previous?.period == b.previous?.period && a.previous?.report == b.previous?.report
                && a.schoolName == b.schoolName && a.period == b.period && a.isTeam == b.isTeam
                && a.mirror?.period == b.mirror?.period && a.mirror?.rows == b.mirror?.rows && a.otherStories == b.otherStories
                && a.intake == b.intake
        }

        public var shell: PageShell
        public var waveID: String
        public var schoolName: String
        public var period: String
        public var report: WaveReport
        /// Key names, item statements and open questions in the staff member's language (or Dutch).
        public var texts: Questionnaire.Texts
        public var canModerate: Bool
        /// The school's previous wave of the same questionnaire, to show what changed.
        public var previous: (period: String, report: WaveReport)?
        /// The team's view beside the parents' (from the school's latest team wave).
        public var mirror: (period: String, rows: [MirrorRow])?
        /// A team wave's report speaks of team members, not parents.
        public var isTeam = false
        /// The school, for the link from the growth opportunities to its action plan.
        public var schoolID: String?
        /// Per growth key, published stories of other schools on it ("how others did it").
        public var otherStories: [Int: [StoryCard]] = [:]
        /// Refused sends and paper forms typed in per staff member.
        public var intake: WaveIntake?

        public init(shell: PageShell, waveID: String, schoolName: String, period: String, report: WaveReport,
                    texts: Questionnaire.Texts, canModerate: Bool, previous: (period: String, report: WaveReport)? = nil) {
            self.previous = previous
            self.shell = shell
            self.waveID = waveID
            self.schoolName = schoolName
            self.period = period
            self.report = report
            self.texts = texts
            self.canModerate = canModerate
        }
    }

    static func percent(_ value: Double) -> String { String(Int(value.rounded())) }

    /// A share on 0–100 as a school team says it: "9 op 10", "allemaal", "niemand". Only 100 is "all" and only 0
    /// is "none"; anything between stays between 1 and 9 in 10, so 19 of 20 is never "all". (The tolerance is for
    /// an interval's end computed as 99.999…: no share of whole people comes that close to 100 or 0.)
    static func tenths(_ value: Double) -> Int {
        value >= 100 - 1e-6 ? 10 : value <= 1e-6 ? 0 : min(9, max(1, Int((value / 10).rounded())))
    }

    static func tenthsText(_ value: Double, _ t: Localizer) -> String {
        switch tenths(value) {
        case 10: t("report.tenths_all")
        case 0: t("report.tenths_none")
        case let k: t("report.tenths", ["k": String(k)])
        }
    }

    /// Who answered, in the catalog's words: parents, or team members for a team wave.
    static func who(_ isTeam: Bool, _ t: Localizer) -> String { t(isTeam ? "report.who_team" : "report.who_parents") }

    /// A share with its range, short enough for a table cell: "9 op 10 (ergens tussen 6 op 10 en allemaal)".
    static func shortShare(_ score: Score, _ t: Localizer) -> String {
        let low = tenthsText(score.low, t), high = tenthsText(score.high, t)
        let share = tenthsText(score.value, t)
        return low == high ? share : t("report.share_short", ["share": share, "low": low, "high": high])
    }

    /// Whether a key changed since an earlier survey, in words: clearly higher or lower only beyond both ranges.
    static func changeText(before: Score, now: Score, _ t: Localizer) -> String {
        guard now.differsClearly(from: before) else { return t("report.change_none") }
        return t(now.value > before.value ? "report.change_up" : "report.change_down")
    }

    /// A statement's or key's figure in plain words: how many in ten are happy, how many answered, and how far the
    /// share could be off with that many. A hidden one says why, in the same words as the method.
    static func scoreText(_ score: Score?, isKey: Bool = false, isTeam: Bool = false, threshold: Int, _ t: Localizer) -> String {
        let people = who(isTeam, t)
        guard let score else { return t(isKey ? "report.hidden_key" : "report.hidden", ["n": String(threshold), "who": people]) }
        let prefix = isKey ? "report.key_share" : "report.share"
        let share: String = switch tenths(score.value) {
        case 10: t(prefix + "_all", ["who": people])
        case 0: t(prefix + "_none", ["who": people])
        case let k: t(prefix, ["k": String(k), "who": people])
        }
        let low = tenthsText(score.low, t), high = tenthsText(score.high, t)
        let range = low == high ? t(isKey ? "report.count_key" : "report.count", ["n": String(score.n), "who": people])
            : t(isKey ? "report.range_key" : "report.range", ["n": String(score.n), "who": people, "low": low, "high": high])
        return share + " " + range
    }

    /// A horizontal bar of the five answers: each part labelled with its count and patterned, so it reads without colour.
    static func bar<C: HTML.BodyContext>(_ counts: FaceCounts, _ t: Localizer, id: String) -> Node<C> {
        bar(counts, faces: [1, 2, 3, 4, 0], label: { t("paper.face.\($0)") }, id: id)
    }

    /// The bar for the given faces (drawn in this order, described happiest first) with their labels.
    static func bar<C: HTML.BodyContext>(_ counts: FaceCounts, faces: [Int], label: (Int) -> String, id: String?) -> Node<C> {
        let total = max(faces.reduce(0) { $0 + counts[$1] }, 1)
        var x = 0.0
        var parts: [Node<C>] = []
        for face in faces where counts[face] > 0 {
            let width = 300.0 * Double(counts[face]) / Double(total)
            parts.append(.element(named: "rect", nodes: [
                .attr("x", String(format: "%.1f", x)), .attr("y", "0"), .attr("width", String(format: "%.1f", width)), .attr("height", "22"),
                .attr("class", "seg f\(face)"),
            ]))
            if width >= 18 {
                parts.append(.element(named: "text", nodes: [
                    .attr("x", String(format: "%.1f", x + width / 2)), .attr("y", "15"), .attr("text-anchor", "middle"),
                    .attr("class", "seg-label f\(face)"), .plainText(String(counts[face])),
                ]))
            }
            x += width
        }
        let described = faces.filter { $0 != 0 }.reversed() + faces.filter { $0 == 0 }
        let description = described.map { "\(label($0)): \(counts[$0])" }.joined(separator: ", ")
        return .element(named: "svg", nodes: [
            .attr("class", "bar"), .attr("viewBox", "0 0 300 22"), .attr("width", "300"), .attr("height", "22"),
            .attr("role", "img"), .attr("aria-label", description), .unwrap(id) { .attr("id", $0) },
            .group(parts),
        ])
    }

    static func keySummary(_ result: WaveReport.KeyResult, _ model: Model) -> Node<HTML.ListContext> {
        let t = model.shell.t
        return .li(
            .h3(.plainText(t("report.key", ["n": String(result.key), "name": model.texts("key.\(result.key)")]))),
            .p(.class("score"), .plainText(scoreText(result.score, isKey: true, isTeam: model.isTeam, threshold: model.report.threshold, t)))
        )
    }

    static func openAnswers<C: HTML.BodyContext>(_ question: String, _ model: Model) -> Node<C> {
        let t = model.shell.t
        let answers = model.report.openAnswers.filter { $0.question == question && (model.canModerate || !$0.hidden) }
        guard model.report.hasFigures else {
            return .p(.class("muted"), .plainText(t("report.open_too_few", ["n": String(model.report.threshold), "who": who(model.isTeam, t)])))
        }
        return .div(
            .h3(.plainText(model.texts("open.\(question)"))),
            answers.isEmpty ? .p(.class("muted"), .plainText(t("report.open_none"))) : .ul(.class("open-answers"), .forEach(answers) { answer in
                .li(.attr("class", answer.hidden ? "open-answer is-hidden" : "open-answer"),
                    .p(.attr("dir", "auto"), .plainText(answer.text)),
                    .unwrap(languageNote(answer, model)) { .p(.class("muted small"), .plainText($0)) },
                    .if(model.canModerate, .form(
                        .method(.post), .class("inline"),
                        .attr("action", SiteRoute.reportText(waveID: WaveID(model.waveID), textID: OpenTextID(answer.id)).path),
                        Forms.csrf(model.shell.csrfToken),
                        .input(.type(.hidden), .attr("name", "hidden"), .attr("value", answer.hidden ? "0" : "1")),
                        .if(answer.hidden, .span(.class("badge"), .plainText(hiddenNote(answer, t) + " "))),
                        .button(.type(.submit), .class("link"), .plainText(t(answer.hidden ? "report.show" : "report.hide")))
                    )))
            })
        )
    }

    /// "(in het Turks)" beside an answer given in another language than the reader's; nothing for the reader's own
    /// language or when the report does not name the language (its group is too small to show).
    static func languageNote(_ answer: WaveReport.OpenAnswer, _ model: Model) -> String? {
        guard let code = answer.language.flatMap(LanguageCode.init(rawValue:)), code != model.shell.language else { return nil }
        let t = model.shell.t
        return t("report.in_language", ["language": t("language.name.\(code.rawValue)")])
    }

    static func hiddenNote(_ answer: WaveReport.OpenAnswer, _ t: Localizer) -> String {
        guard let by = answer.hiddenBy, let on = answer.hiddenOn else { return t("report.is_hidden") }
        return t("report.hidden_by", ["name": by, "date": Dates.long(on, t)])
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let report = model.report
        // Answers join the report in groups (SurveyInbox): before the first group, "0 parents answered" would be
        // untrue for a school whose parents did answer, so the page says none are in the report yet.
        var summary = report.responses == 0
            ? t("report.responses_none")
            : t(model.isTeam ? "report.responses_team" : "report.responses", ["count": String(report.responses)])
        if report.responses > 0, let rate = report.responseRate { summary += " " + t("report.rate", ["rate": percent(rate)]) }
        let body: Node<HTML.BodyContext> = report.hasFigures
            ? .group(highlights(model, strengths: true), highlights(model, strengths: false), mirror(model), changes(model), who(model),
                     allKeys(model))
            : .if(report.responses > 0, .p(.class("notice info"), .plainText(t("report.too_few", [
                "n": String(report.threshold), "count": String(report.responses), "who": who(model.isTeam, t)]))))
        return Layout.document(model.shell, title: t("report.title"), main: .div(
            .class("report"),
            .h1(.plainText(t("report.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.wave(id: WaveID(model.waveID)).path), .plainText("\(model.schoolName) · \(model.period)"))),
            glance(model),
            .p(.plainText(summary)),
            .p(.class("muted"), .plainText(report.updatedOn.map { t("report.steps", ["n": String(report.threshold), "date": Dates.long($0, t)]) }
                                            ?? t("report.steps_none", ["n": String(report.threshold)]))),
            method(model),
            IntakeNotes.list(model.intake, t: t),
            .p(.a(.attr("href", SiteRoute.reportCSV(waveID: WaveID(model.waveID)).path), .plainText(t("report.csv")))),
            .if(!model.isTeam && model.canModerate,
                .p(.a(.attr("href", SiteRoute.results(waveID: WaveID(model.waveID)).path), .plainText(t("results.report_link"))))),
            body
        ))
    }

    /// How the figures are made, one click away: what "happy" means, the range, the minimum group, the questionnaire
    /// by its name.
    static func method(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let values = ["n": String(model.report.threshold), "who": who(model.isTeam, t), "yes": t("paper.face.4"),
                      "rather": t("paper.face.3"), "dont_know": t("paper.face.0"), "name": model.texts("survey.title")]
        return .details(
            .id("method"), .class("method"),
            .summary(.plainText(t("report.method_title"))),
            .forEach(["report.method_happy", "report.method_range", "report.method_group", "report.method_key",
                      "report.method_questionnaire"]) { key in .p(.plainText(t(key, values))) }
        )
    }

    /// Strengths (with what parents say goes well) or growth opportunities (with what would help them).
    static func highlights(_ model: Model, strengths: Bool) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let id = strengths ? "strengths-title" : "growth-title"
        let keys = (strengths ? model.report.strengths : model.report.growth).compactMap(model.report.key)
        return .section(
            .attr("aria-labelledby", id), .attr("class", strengths ? "strengths" : "growth"),
            .h2(.attr("id", id), .plainText(t(strengths ? "report.strengths" : "report.growth"))),
            .ul(.class("cards"), .forEach(keys) { keySummary($0, model) }),
            .if(!strengths && !model.isTeam, .unwrap(model.schoolID) { id in
                .p(.a(.attr("href", SiteRoute.plan(schoolID: SchoolID(id)).path), .plainText(t("report.make_plan"))))
            }),
            .if(!strengths && !model.otherStories.isEmpty, .div(
                .class("other-stories"),
                .h3(.plainText(t("report.other_stories"))),
                .forEach(keys.map(\.key).filter { model.otherStories[$0] != nil }) { key in
                    .div(.p(.strong(.plainText(t("report.key", ["n": String(key), "name": model.texts("key.\(key)")])))),
                         .ul(.forEach(model.otherStories[key] ?? []) { card in
                             .li(.a(.attr("href", SiteRoute.story(slug: LinkSlug(card.slug)).path), .plainText(card.title)))
                         }),
                         .p(.a(.attr("href", SiteRoute.storiesForKey(key: KeyNumber(key)).path), .plainText(t("report.other_stories_all", ["n": String(key)])))))
                }
            )),
            openAnswers(strengths ? "well" : "help", model)
        )
    }

    static func mirror(_ model: Model) -> Node<HTML.BodyContext> {
        guard let mirror = model.mirror else { return .empty }
        let t = model.shell.t
        func score(_ score: Score?) -> String { score.map { shortShare($0, t) } ?? "–" }
        return .section(
            .attr("aria-labelledby", "mirror-title"),
            .h2(.id("mirror-title"), .plainText(t("report.mirror"))),
            .p(.plainText(t("report.mirror_intro", ["period": mirror.period]))),
            mirrorChart(model, mirror),
            .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                .caption(.class("visually-hidden"), .plainText(t("report.mirror"))),
                .thead(.tr(.th(.attr("scope", "col"), .plainText(t("report.key_column"))), .th(.attr("scope", "col"), .plainText(t("report.parents"))),
                           .th(.attr("scope", "col"), .plainText(t("report.team"))), .th(.attr("scope", "col"), .plainText(t("report.mirror_gap"))))),
                .tbody(.forEach(mirror.rows) { row in
                    let kind: String = switch row.kind {
                    case .blindSpot: t("report.blind_spot")
                    case .hiddenStrength: t("report.hidden_strength")
                    case .same: t("report.mirror_same")
                    case .unknown: "–"
                    }
                    return .tr(.attr("class", "mirror-\(row.kind.rawValue)"),
                               .th(.attr("scope", "row"), .plainText("\(row.key). \(model.texts("key.\(row.key)"))")),
                               .td(.plainText(score(row.parents))), .td(.plainText(score(row.team))),
                               .td(row.kind == .blindSpot || row.kind == .hiddenStrength ? .strong(.plainText(kind)) : .plainText(kind)))
                })
            ))
        )
    }

    /// Each key now beside the previous wave, and whether the change is larger than the uncertainty of both.
    static func changes(_ model: Model) -> Node<HTML.BodyContext> {
        guard let previous = model.previous, previous.report.hasFigures else { return .empty }
        let t = model.shell.t
        return .section(
            .attr("aria-labelledby", "changes-title"),
            .h2(.id("changes-title"), .plainText(t("report.changes", ["period": previous.period]))),
            changesChart(model, previous),
            .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                .caption(.class("visually-hidden"), .plainText(t("report.changes", ["period": previous.period]))),
                .thead(.tr(.th(.attr("scope", "col"), .plainText(t("report.key_column"))), .th(.attr("scope", "col"), .plainText(t("report.then"))),
                           .th(.attr("scope", "col"), .plainText(t("report.now"))), .th(.attr("scope", "col"), .plainText(t("report.change"))))),
                .tbody(.forEach(model.report.keys) { result in
                    let before = previous.report.key(result.key)?.score
                    let now = result.score
                    let change = before.flatMap { before in now.map { changeText(before: before, now: $0, t) } } ?? "–"
                    return .tr(.th(.attr("scope", "row"), .plainText("\(result.key). \(model.texts("key.\(result.key)"))")),
                               .td(.plainText(before.map { tenthsText($0.value, t) } ?? "–")), .td(.plainText(now.map { tenthsText($0.value, t) } ?? "–")),
                               .td(.plainText(change)))
                })
            ))
        )
    }

    static func who(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let languages: [(String, Int?)] = model.report.languages.map { (LanguageCode(rawValue: $0.name)?.endonym ?? $0.name, $0.count) }
        let channels: [(String, Int?)] = model.report.channels.map { (t("channel.\($0.name)"), $0.count) }
        return .section(
            .attr("aria-labelledby", "who-title"),
            .h2(.id("who-title"), .plainText(t("report.who"))),
            breakdownTable(t("report.by_language"), languages, t),
            breakdownTable(t("report.by_channel"), channels, t)
        )
    }

    static func legend(_ t: Localizer) -> Node<HTML.BodyContext> {
        .p(.class("legend"), .forEach([4, 3, 2, 1, 0]) { face in
            .span(.class("legend-item"), .element(named: "svg", nodes: [
                .attr("width", "14"), .attr("height", "14"), .attr("aria-hidden", "true"),
                .element(named: "rect", nodes: [.attr("width", "14"), .attr("height", "14"), .attr("class", "seg f\(face)")]),
            ]), .plainText(" " + t("paper.face.\(face)")))
        })
    }

    static func itemLine(_ item: WaveReport.ItemResult, _ model: Model) -> Node<HTML.ListContext> {
        let t = model.shell.t
        let statement: Node<HTML.BodyContext> = .p(.plainText(model.texts("item.\(item.id)")))
        let score = scoreText(item.score, isTeam: model.isTeam, threshold: model.report.threshold, t)
        // Bar and score come together or not at all (the minimum-group rule, `WaveReport.isShown`).
        guard let counts = item.counts, item.score != nil else { return .li(statement, .p(.class("score small muted"), .plainText(score))) }
        return .li(statement, bar(counts, t, id: "bar-\(item.id)"), .p(.class("score small"), .plainText(score)))
    }

    static func keyBlock(_ result: WaveReport.KeyResult, _ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        return .div(.class("key-block"),
                    .h3(.plainText(t("report.key", ["n": String(result.key), "name": model.texts("key.\(result.key)")]))),
                    .p(.class("score"), .plainText(scoreText(result.score, isKey: true, isTeam: model.isTeam, threshold: model.report.threshold, t))),
                    .ul(.class("items"), .forEach(result.items) { itemLine($0, model) }))
    }

    static func allKeys(_ model: Model) -> Node<HTML.BodyContext> {
        .section(
            .attr("aria-labelledby", "keys-title"),
            .h2(.id("keys-title"), .plainText(model.shell.t("report.all_keys"))),
            legend(model.shell.t),
            .forEach(model.report.keys) { keyBlock($0, model) }
        )
    }

    static func breakdownTable<C: HTML.BodyContext>(_ caption: String, _ rows: [(String, Int?)], _ t: Localizer) -> Node<C> {
        .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
            .caption(.plainText(caption)),
            .tbody(.forEach(rows) { name, count in
                .tr(.th(.attr("scope", "row"), .plainText(name)), .td(.plainText(count.map(String.init) ?? t("report.hidden_small"))))
            })
        ))
    }
}
