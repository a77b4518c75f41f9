import Plot
import SamenspraakCore

/// The schools of a trajectory side by side per key: for the coordinator (every name) or for one school
/// (its own name, and the names of schools that agreed).
public enum ComparisonPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var title: String
        public var comparison: TrajectoryComparison
        public var keyNames: [Int: String]

        public init(shell: PageShell, title: String, comparison: TrajectoryComparison, keyNames: [Int: String]) {
            self.shell = shell
            self.title = title
            self.comparison = comparison
            self.keyNames = keyNames
        }
    }

    static func label(_ column: TrajectoryComparison.Column, index: Int, _ t: Localizer) -> String {
        guard let name = column.name else { return t("compare.other", ["n": String(column.number ?? index + 1)]) }
        return column.isViewer ? t("compare.you", ["school": name]) : name
    }

    static func cell(_ score: Score?, _ t: Localizer) -> Node<HTML.TableRowContext> {
        guard let score else { return .td(.plainText(t("compare.none"))) }
        return .td(.plainText(ReportPage.shortShare(score, t)))
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let columns = model.comparison.columns
        let labels = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.schoolID, label($1, index: $0, t)) })
        return Layout.document(model.shell, title: model.title, main: .div(
            .h1(.plainText(model.title)),
            .p(.plainText(t("compare.intro"))),
            .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                .class("compare"),
                .caption(.class("visually-hidden"), .plainText(model.title)),
                .thead(.tr(.th(.attr("scope", "col"), .plainText(t("report.key_column"))),
                           .forEach(Array(columns.enumerated())) { index, column in .th(.attr("scope", "col"), .plainText(label(column, index: index, t))) })),
                .tbody(.forEach(Questionnaire.keys) { key in
                    .tr(.th(.attr("scope", "row"), .plainText("\(key). \(model.keyNames[key] ?? "")")),
                        .forEach(columns) { column in cell(column.scores[key], t) })
                })
            )),
            .h2(.plainText(t("compare.strong"))),
            model.comparison.strongAcrossGroup.isEmpty ? .p(.plainText(t("compare.strong_none")))
                : .ul(.forEach(model.comparison.strongAcrossGroup) { key in .li(.plainText("\(key). \(model.keyNames[key] ?? "")")) }),
            .h2(.plainText(t("compare.pairs"))),
            model.comparison.pairings.isEmpty ? .p(.plainText(t("compare.pairs_none")))
                : .ul(.forEach(model.comparison.pairings) { pair in
                    .li(.plainText(t("compare.pair", ["n": String(pair.key), "key": model.keyNames[pair.key] ?? "",
                                                 "learner": labels[pair.learner] ?? "", "teacher": labels[pair.teacher] ?? ""])))
                })
        ))
    }
}
