import Foundation
import Plot
import SamenspraakCore

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
