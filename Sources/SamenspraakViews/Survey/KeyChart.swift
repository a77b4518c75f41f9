import Foundation
import Plot
import SamenspraakCore

/// A chart of the twelve keys: one row per key, each figure a mark on a scale from "none" to "all" with its range as
/// a line. It draws only figures the report's tables show: a hidden key gets no mark, and its row says why. Every
/// row is an image with a text alternative that says the same as the marks; the marks differ in shape and line
/// (filled circle, filled square, open ring; solid, dashed, dotted), so the chart reads in black and white.
enum KeyChart {
    /// How a series is drawn; the legend shows the same shapes.
    enum Style: String, Sendable {
        /// Filled circle, solid range: the wave the report is about.
        case now
        /// Filled square, dashed range: the team beside the parents.
        case team
        /// Open ring, dotted range: the earlier survey.
        case before
    }

    struct Mark {
        let style: Style
        /// nil: hidden (too few to show); the row draws no mark for it.
        let score: Score?
        /// Whether the range is drawn (the glance chart shows the earlier survey as a ring only).
        var range = true
    }

    struct Row {
        let key: Int
        let name: String
        /// The lanes of marks, top to bottom; a lane may hold more than one mark (the ring of the earlier survey on
        /// the parents' lane).
        let lanes: [[Mark]]
        /// Words beside the row: strength, growth, clearly higher…
        let notes: [Note]
        /// What the marks say, in words (the row's text alternative).
        let description: String
    }

    struct Note {
        /// `strength`, `growth`, `up`, `down`, `blind_spot`, `hidden_strength`: the CSS class and its symbol.
        let kind: String
        let text: String
    }

    /// Where a share (0–100) goes on the track, in per cent of its width: a margin on both ends keeps marks whole.
    static func x(_ value: Double) -> String { String(format: "%.1f%%", 2 + 0.96 * min(100, max(0, value))) }

    static let laneHeight = 14.0

    static func track(_ row: Row, hiddenText: String) -> Node<HTML.BodyContext> {
        let height = Int(laneHeight * Double(max(row.lanes.count, 1)) + 4)
        var parts: [Node<HTML.BodyContext>] = [0.0, 50.0, 100.0].map { value -> Node<HTML.BodyContext> in
            .element(named: "line", nodes: [.attr("x1", x(value)), .attr("x2", x(value)), .attr("y1", "0"), .attr("y2", String(height)),
                                             .attr("class", "grid")])
        }
        for (index, lane) in row.lanes.enumerated() {
            let y = laneHeight * Double(index) + laneHeight / 2 + 2
            let cy = String(format: "%.1f", y)
            if lane.allSatisfy({ $0.score == nil }) {
                parts.append(.element(named: "text", nodes: [.attr("x", x(1)), .attr("y", String(format: "%.1f", y + 4)), .attr("class", "chart-hidden"),
                                                             .plainText(hiddenText)]))
                continue
            }
            // Rings go under the filled marks, so the mark of now stays whole where both fall together.
            for mark in lane.filter({ $0.style == .before }) + lane.filter({ $0.style != .before }) {
                guard let score = mark.score else { continue }
                if mark.range {
                    parts.append(.element(named: "line", nodes: [
                        .attr("x1", x(score.low)), .attr("x2", x(score.high)), .attr("y1", cy), .attr("y2", cy),
                        .attr("class", "range range-\(mark.style.rawValue)"),
                    ]))
                    for end in [score.low, score.high] {
                        parts.append(.element(named: "line", nodes: [
                            .attr("x1", x(end)), .attr("x2", x(end)), .attr("y1", String(format: "%.1f", y - 4)), .attr("y2", String(format: "%.1f", y + 4)),
                            .attr("class", "range-end range-\(mark.style.rawValue)"),
                        ]))
                    }
                }
                switch mark.style {
                case .now:
                    parts.append(.element(named: "circle", nodes: [.attr("cx", x(score.value)), .attr("cy", cy), .attr("r", "5"),
                                                                   .attr("class", "mark mark-now")]))
                case .team:
                    parts.append(.element(named: "rect", nodes: [.attr("x", x(score.value)), .attr("y", String(format: "%.1f", y - 5)),
                                                                 .attr("width", "10"), .attr("height", "10"), .attr("transform", "translate(-5 0)"),
                                                                 .attr("class", "mark mark-team")]))
                case .before:
                    parts.append(.element(named: "circle", nodes: [.attr("cx", x(score.value)), .attr("cy", cy), .attr("r", "6"),
                                                                   .attr("class", "mark mark-before")]))
                }
            }
        }
        return .element(named: "svg", nodes: [
            .attr("class", "chart-track"), .attr("width", "100%"), .attr("height", String(height)),
            .attr("role", "img"), .attr("aria-label", row.description), .attr("data-key", String(row.key)),
            .group(parts),
        ])
    }

    /// The chart: a legend, the scale, and one row per key.
    static func view(id: String, label: String, legend: [(Style, String)], rows: [Row], t: Localizer) -> Node<HTML.BodyContext> {
        let hidden = t("chart.hidden_short")
        return .div(
            .attr("class", "key-chart"), .attr("id", id), .attr("role", "group"), .attr("aria-label", label),
            // The legend's shapes are drawn by the stylesheet with borders, so they print without background graphics.
            .p(.class("chart-legend"), .forEach(legend) { style, text in
                .span(.attr("class", "chart-sym sym-\(style.rawValue)"), .plainText(text))
            }),
            .div(.class("chart-scale"), .attr("aria-hidden", "true"), .span(),
                 .span(.class("chart-ticks"), .span(.plainText(t("report.tenths_none"))), .span(.plainText(t("report.tenths", ["k": "5"]))),
                       .span(.plainText(t("report.tenths_all")))),
                 .span()),
            .ol(.class("chart-rows"), .forEach(rows) { row in
                .li(.attr("class", "chart-row"), .attr("data-key", String(row.key)),
                    .span(.class("chart-key"), .plainText("\(row.key). \(row.name)")),
                    track(row, hiddenText: hidden),
                    .span(.class("chart-notes"), .forEach(row.notes) { note in
                        .span(.attr("class", "chart-note note-\(note.kind)"), .plainText(note.text))
                    }))
            })
        )
    }

    /// One series in words for a row's text alternative: "Ouders: 7 op 10 (ergens tussen 6 op 10 en 8 op 10)", or that
    /// it is not shown.
    static func said(_ who: String, _ score: Score?, threshold: Int, _ t: Localizer) -> String {
        t("chart.said", ["who": who, "figure": score.map { ReportPage.shortShare($0, t) } ?? t("chart.hidden", ["n": String(threshold)])])
    }
}

extension ReportPage {
    /// The earlier survey's score of a key, only when that survey had figures to show (the changes table's rule).
    static func beforeScore(_ key: Int, _ model: Model) -> Score? {
        guard let previous = model.previous, previous.report.hasFigures else { return nil }
        return previous.report.key(key)?.score
    }

    /// The notes of a key at a glance: strength or growth, and a change beyond both ranges since the earlier survey.
    static func glanceNotes(_ result: WaveReport.KeyResult, _ model: Model) -> [KeyChart.Note] {
        let t = model.shell.t
        var notes: [KeyChart.Note] = []
        if model.report.strengths.contains(result.key) { notes.append(.init(kind: "strength", text: t("chart.strength"))) }
        if model.report.growth.contains(result.key) { notes.append(.init(kind: "growth", text: t("chart.growth"))) }
        if let before = beforeScore(result.key, model), let now = result.score, now.differsClearly(from: before) {
            notes.append(now.value > before.value ? .init(kind: "up", text: t("report.change_up")) : .init(kind: "down", text: t("report.change_down")))
        }
        return notes
    }

    /// The team's score of a key, from the mirror (a parents' report with a team wave that has figures).
    static func teamScore(_ key: Int, _ model: Model) -> Score? {
        model.mirror?.rows.first { $0.key == key }?.team
    }

    /// A key's row at a glance: this wave with its range, the team beside it, the earlier survey as a ring.
    static func glanceRow(_ result: WaveReport.KeyResult, _ model: Model) -> KeyChart.Row {
        let t = model.shell.t
        let threshold = model.report.threshold
        let name = model.texts("key.\(result.key)")
        let main = KeyChart.said(t(model.isTeam ? "report.team" : "report.parents"), result.score, threshold: threshold, t)
        var lanes: [[KeyChart.Mark]] = [[KeyChart.Mark(style: .now, score: result.score)]]
        var words = [t("report.key", ["n": String(result.key), "name": name]), main]
        if let previous = model.previous, previous.report.hasFigures {
            let before = beforeScore(result.key, model)
            lanes[0].append(KeyChart.Mark(style: .before, score: before, range: false))
            words.append(KeyChart.said(t("chart.before", ["period": previous.period]), before, threshold: previous.report.threshold, t))
        }
        if let mirror = model.mirror {
            let team = teamScore(result.key, model)
            lanes.append([KeyChart.Mark(style: .team, score: team)])
            words.append(KeyChart.said(t("chart.team", ["period": mirror.period]), team, threshold: threshold, t))
        }
        let notes = glanceNotes(result, model)
        words += notes.map(\.text)
        return KeyChart.Row(key: result.key, name: name, lanes: lanes, notes: notes, description: words.joined(separator: ". ") + ".")
    }

    static func glanceLegend(_ model: Model) -> [(KeyChart.Style, String)] {
        let t = model.shell.t
        var legend: [(KeyChart.Style, String)] = [(.now, t(model.isTeam ? "chart.legend_team_now" : "chart.legend_parents"))]
        if let previous = model.previous, previous.report.hasFigures { legend.append((.before, t("chart.before", ["period": previous.period]))) }
        if let mirror = model.mirror { legend.append((.team, t("chart.team", ["period": mirror.period]))) }
        return legend
    }

    /// The report at a glance: every key in one chart, above everything else.
    static func glance(_ model: Model, meetingLink: Bool = true) -> Node<HTML.BodyContext> {
        guard model.report.hasFigures else { return .empty }
        let t = model.shell.t
        return .section(
            .attr("aria-labelledby", "glance-title"), .attr("class", "glance"),
            .h2(.id("glance-title"), .plainText(t("chart.glance"))),
            KeyChart.view(id: "glance-chart", label: t("chart.glance"), legend: glanceLegend(model),
                          rows: model.report.keys.map { glanceRow($0, model) }, t: t),
            .p(.class("small muted"), .plainText(t("chart.glance_hint")),
               .if(meetingLink, .group(.plainText(" "), .a(.attr("class", "no-print"), .attr("href", SiteRoute.reportMeeting(waveID: WaveID(model.waveID)).path),
                                                           .plainText(t("meeting.open"))))))
        )
    }

    /// The mirror as a chart: parents and team side by side per key, blind spots and hidden strengths named.
    static func mirrorChart(_ model: Model, _ mirror: (period: String, rows: [MirrorRow])) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let threshold = model.report.threshold
        let rows = mirror.rows.map { row -> KeyChart.Row in
            let name = model.texts("key.\(row.key)")
            var notes: [KeyChart.Note] = []
            if row.kind == .blindSpot { notes.append(.init(kind: "blind_spot", text: t("report.blind_spot"))) }
            if row.kind == .hiddenStrength { notes.append(.init(kind: "hidden_strength", text: t("report.hidden_strength"))) }
            let words = [t("report.key", ["n": String(row.key), "name": name]),
                         KeyChart.said(t("report.parents"), row.parents, threshold: threshold, t),
                         KeyChart.said(t("report.team"), row.team, threshold: threshold, t)] + notes.map(\.text)
            return KeyChart.Row(key: row.key, name: name, lanes: [[.init(style: .now, score: row.parents)], [.init(style: .team, score: row.team)]],
                                notes: notes, description: words.joined(separator: ". ") + ".")
        }
        return KeyChart.view(id: "mirror-chart", label: t("report.mirror"),
                             legend: [(.now, t("report.parents")), (.team, t("chart.team", ["period": mirror.period]))], rows: rows, t: t)
    }

    /// The change since the earlier survey as a chart: then (ring) above now (circle), each with its range.
    static func changesChart(_ model: Model, _ previous: (period: String, report: WaveReport)) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let rows = model.report.keys.map { result -> KeyChart.Row in
            let name = model.texts("key.\(result.key)")
            let before = previous.report.key(result.key)?.score
            var notes: [KeyChart.Note] = []
            if let before, let now = result.score, now.differsClearly(from: before) {
                notes.append(now.value > before.value ? .init(kind: "up", text: t("report.change_up")) : .init(kind: "down", text: t("report.change_down")))
            }
            let words = [t("report.key", ["n": String(result.key), "name": name]),
                         KeyChart.said(t("chart.before", ["period": previous.period]), before, threshold: previous.report.threshold, t),
                         KeyChart.said(t("report.now"), result.score, threshold: model.report.threshold, t)] + notes.map(\.text)
            return KeyChart.Row(key: result.key, name: name, lanes: [[.init(style: .before, score: before)], [.init(style: .now, score: result.score)]],
                                notes: notes, description: words.joined(separator: ". ") + ".")
        }
        return KeyChart.view(id: "changes-chart", label: t("report.changes", ["period": previous.period]),
                             legend: [(.before, t("chart.before", ["period": previous.period])), (.now, t("report.now"))], rows: rows, t: t)
    }
}
