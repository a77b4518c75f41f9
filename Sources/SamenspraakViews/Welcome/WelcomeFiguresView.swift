import Foundation
import Plot
import SamenspraakCore

/// The welcome figures of a class or a school: who was reached warmly, whether before any concern and before the
/// first oudercontact, by kind and language (small groups shown as "fewer than N"), and a bar chart by week.
public enum WelcomeFiguresView {
    /// The name of a language a warm contact was in: its own name, or "another language".
    public static func languageName(_ code: String, _ t: Localizer) -> String {
        code == WelcomeLanguage.other ? t("welcome.language_other") : (LanguageCode(rawValue: code)?.endonym ?? code)
    }

    static func count(_ group: WelcomeFigures.Group, threshold: Int, _ t: Localizer) -> String {
        group.count.map(String.init) ?? t("welcome.fewer_than", ["n": String(threshold)])
    }

    public static func ratioText(_ figures: WelcomeFigures, _ t: Localizer) -> String {
        guard let ratio = figures.ratio else { return t("welcome.ratio_none") }
        return t("welcome.ratio_value", ["ratio": String(format: "%.1f", ratio)])
    }

    /// The headline facts, as a definition list.
    public static func facts(_ figures: WelcomeFigures, _ t: Localizer) -> Node<HTML.BodyContext> {
        .dl(
            .class("facts"),
            .dt(.plainText(t("welcome.fig.warm"))),
            .dd(.plainText(t("welcome.fig.of", ["count": String(figures.warmFamilies), "total": String(figures.families)]))),
            .dt(.plainText(t("welcome.fig.before_concern"))),
            .dd(.plainText(figures.concernFamilies == 0 ? t("welcome.fig.no_concern")
                : t("welcome.fig.of", ["count": String(figures.warmBeforeConcern), "total": String(figures.concernFamilies)]))),
            .dt(.plainText(t("welcome.fig.before_oudercontact"))),
            .dd(.plainText(figures.warmBeforeOudercontact.map { count in
                t("welcome.fig.before_oudercontact_value", ["count": String(count), "total": String(figures.families),
                                                             "day": figures.oudercontact.map { Dates.long($0, t) } ?? ""])
            } ?? t("welcome.fig.no_oudercontact"))),
            .dt(.plainText(t("welcome.fig.ratio"))),
            .dd(.plainText(ratioText(figures, t) + " (" + t("welcome.fig.contacts", ["warm": String(figures.warmContacts),
                                                                                    "concern": String(figures.concernContacts)]) + ")"))
        )
    }

    /// Families by kind of warm contact and by language.
    public static func groups(_ figures: WelcomeFigures, _ t: Localizer) -> Node<HTML.BodyContext> {
        .div(
            .class("welcome-groups"),
            .div(.h3(.plainText(t("welcome.fig.by_kind"))),
                 figures.byKind.isEmpty ? .p(.class("muted"), .plainText(t("welcome.fig.none"))) : .ul(.forEach(figures.byKind) { group in
                     .li(.plainText(t("welcome.how.\(group.key)") + ": " + count(group, threshold: figures.threshold, t)))
                 })),
            .div(.h3(.plainText(t("welcome.fig.by_language"))),
                 figures.byLanguage.isEmpty ? .p(.class("muted"), .plainText(t("welcome.fig.none"))) : .ul(.forEach(figures.byLanguage) { group in
                     .li(.plainText(languageName(group.key, t) + ": " + count(group, threshold: figures.threshold, t)))
                 }),
                 .unwrap(figures.withInterpreter) { group in
                     .p(.plainText(t("welcome.fig.interpreter") + ": " + count(group, threshold: figures.threshold, t)))
                 })
        )
    }

    /// Warm and concern contacts per week as bars, in SVG (no script, no inline style).
    public static func chart(_ figures: WelcomeFigures, _ t: Localizer) -> Node<HTML.BodyContext> {
        guard !figures.weeks.isEmpty else { return .empty }
        let height = 60.0, step = 12.0, left = 4.0
        let top = max(1, figures.weeks.map { max($0.warm, $0.concern) }.max() ?? 1)
        func h(_ value: Int) -> Double { Double(value) / Double(top) * height }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "line", nodes: [.attr("x1", "0"), .attr("x2", String(format: "%.0f", left + Double(figures.weeks.count) * step)),
                                            .attr("y1", String(format: "%.0f", height)), .attr("y2", String(format: "%.0f", height)),
                                            .attr("class", "mid")]),
        ]
        for (index, week) in figures.weeks.enumerated() {
            let x = left + Double(index) * step
            for (offset, value, kind) in [(0.0, week.warm, "warm"), (5.0, week.concern, "concern")] where value > 0 {
                nodes.append(.element(named: "rect", nodes: [
                    .attr("x", String(format: "%.1f", x + offset)), .attr("y", String(format: "%.1f", height - h(value))),
                    .attr("width", "4.5"), .attr("height", String(format: "%.1f", h(value))), .attr("class", kind),
                    .element(named: "title", nodes: [.plainText(t("welcome.chart.bar", ["week": Dates.long(week.starts, t), "count": String(value),
                                                                                        "kind": t("welcome.kind.\(kind)")]))]),
                ]))
            }
        }
        if let first = figures.weeks.first {
            nodes.append(.element(named: "text", nodes: [.attr("x", String(format: "%.0f", left)), .attr("y", String(format: "%.0f", height + 12)),
                                                         .plainText(t("month.short.\(first.starts.month)"))]))
        }
        let width = left + Double(figures.weeks.count) * step + 4
        let total = figures.weeks.reduce(0) { $0 + $1.warm }, concerns = figures.weeks.reduce(0) { $0 + $1.concern }
        return .div(
            .class("welcome-chart"),
            .element(named: "svg", nodes: [
                .attr("class", "spark"), .attr("viewBox", String(format: "0 0 %.0f %.0f", width, height + 16)),
                .attr("width", String(format: "%.0f", width)), .attr("height", String(format: "%.0f", height + 16)),
                .attr("role", "img"),
                .attr("aria-label", t("welcome.chart.label", ["weeks": String(figures.weeks.count), "warm": String(total), "concern": String(concerns)])),
                .group(nodes),
            ]),
            .p(.class("chart-key"), .span(.class("key warm"), .plainText(t("welcome.kind.warm"))), .plainText(" "),
               .span(.class("key concern"), .plainText(t("welcome.kind.concern"))))
        )
    }

    /// Facts, groups and chart together.
    public static func all(_ figures: WelcomeFigures, _ t: Localizer) -> Node<HTML.BodyContext> {
        .group(facts(figures, t), groups(figures, t), chart(figures, t))
    }
}
