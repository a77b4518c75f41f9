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
        guard let name = column.name else { return t("compare.other", ["n": String(index + 1)]) }
        return column.isViewer ? t("compare.you", ["school": name]) : name
    }

    static func cell(_ score: Score?, _ t: Localizer) -> Node<HTML.TableRowContext> {
        guard let score else { return .td(.text(t("compare.none"))) }
        return .td(.text("\(ReportPage.percent(score.value)) (\(ReportPage.percent(score.low))–\(ReportPage.percent(score.high)))"))
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let columns = model.comparison.columns
        let labels = Dictionary(uniqueKeysWithValues: columns.enumerated().map { ($1.schoolID, label($1, index: $0, t)) })
        return Layout.document(model.shell, title: model.title, main: .div(
            .h1(.text(model.title)),
            .p(.text(t("compare.intro"))),
            .div(.class("table-wrap"), .table(
                .class("compare"),
                .caption(.class("visually-hidden"), .text(model.title)),
                .thead(.tr(.th(.attr("scope", "col"), .text(t("report.key_column"))),
                           .forEach(Array(columns.enumerated())) { index, column in .th(.attr("scope", "col"), .text(label(column, index: index, t))) })),
                .tbody(.forEach(Questionnaire.keys) { key in
                    .tr(.th(.attr("scope", "row"), .text("\(key). \(model.keyNames[key] ?? "")")),
                        .forEach(columns) { column in cell(column.scores[key], t) })
                })
            )),
            .h2(.text(t("compare.strong"))),
            model.comparison.strongAcrossGroup.isEmpty ? .p(.text(t("compare.strong_none")))
                : .ul(.forEach(model.comparison.strongAcrossGroup) { key in .li(.text("\(key). \(model.keyNames[key] ?? "")")) }),
            .h2(.text(t("compare.pairs"))),
            model.comparison.pairings.isEmpty ? .p(.text(t("compare.pairs_none")))
                : .ul(.forEach(model.comparison.pairings) { pair in
                    .li(.text(t("compare.pair", ["n": String(pair.key), "key": model.keyNames[pair.key] ?? "",
                                                 "learner": labels[pair.learner] ?? "", "teacher": labels[pair.teacher] ?? ""])))
                })
        ))
    }
}
