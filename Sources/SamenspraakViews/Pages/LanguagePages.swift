import Foundation
import Plot
import SamenspraakCore

/// The coordinator's page of parent languages: each language's status, its PO export and the import of a reviewed
/// file. A refused file comes back here with every problem and the line it is on.
public enum LanguageListPage {
    public struct Row: Equatable, Sendable {
        public var code: LanguageCode
        public var status: Questionnaire.TranslationStatus
        public var reviewedBy: String?
        public var reviewedOn: Day?
        /// "14:05", Brussels time.
        public var reviewedAt: String?
        /// Texts an upgrade added or changed since the last review.
        public var unreviewed: Int

        public init(code: LanguageCode, status: Questionnaire.TranslationStatus, reviewedBy: String? = nil, reviewedOn: Day? = nil,
                    reviewedAt: String? = nil, unreviewed: Int = 0) {
            self.code = code
            self.status = status
            self.reviewedBy = reviewedBy
            self.reviewedOn = reviewedOn
            self.reviewedAt = reviewedAt
            self.unreviewed = unreviewed
        }

        /// Dutch is the source: it is exported, never imported.
        public var canImport: Bool { status != .source }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var rows: [Row]
        public var notice: String?
        /// The language whose file was refused, the reason when it is not the file's content (no file, not UTF-8, an
        /// expired preview) and the problems of its content.
        public var refusedLanguage: LanguageCode?
        public var refusal: String?
        public var problems: [TranslationProblem]

        public init(shell: PageShell, rows: [Row], notice: String? = nil, refusedLanguage: LanguageCode? = nil, refusal: String? = nil,
                    problems: [TranslationProblem] = []) {
            self.shell = shell
            self.rows = rows
            self.notice = notice
            self.refusedLanguage = refusedLanguage
            self.refusal = refusal
            self.problems = problems
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text),
                  rows: [Row(code: .nl, status: .source), Row(code: .ar, status: .reviewed, reviewedBy: text, reviewedOn: Day(year: 2026, month: 10, day: 1),
                                                             reviewedAt: text, unreviewed: 2), Row(code: .tr, status: .draft)],
                  notice: nil, refusedLanguage: .ar, refusal: nil,
                  problems: [TranslationProblem(line: 4, kind: .placeholders, context: text, detail: text),
                             TranslationProblem(line: nil, kind: .missing, context: text)])
        }
    }

    /// The maximum of problems listed; the count says how many more there are.
    public static let shownProblems = 50

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("languages.title"), main: .div(
            .h1(.plainText(t("languages.title"))),
            .p(.plainText(t("languages.intro"))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .unwrap(model.refusedLanguage) { language in
                problems(model, language: language, t: t)
            },
            .div(
                .class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                    .thead(.tr(
                        .th(.attr("scope", "col"), .plainText(t("languages.language"))),
                        .th(.attr("scope", "col"), .plainText(t("languages.status"))),
                        .th(.attr("scope", "col"), .plainText(t("languages.export"))),
                        .th(.attr("scope", "col"), .plainText(t("languages.import")))
                    )),
                    .tbody(.forEach(model.rows) { row in
                        .tr(
                            .th(.attr("scope", "row"), .span(.attr("lang", row.code.rawValue), .plainText(row.code.endonym)),
                                .plainText(" (\(row.code.rawValue))")),
                            .td(status(row, t: t)),
                            .td(.a(.attr("href", SiteRoute.languagePO(code: LanguageSegment(row.code.rawValue)).path),
                                   .attr("download", "samenspraak-\(row.code.rawValue).po"),
                                   .plainText(t("languages.export_link", ["language": row.code.rawValue])))),
                            .td(row.canImport ? importForm(row.code, token: model.shell.csrfToken, t: t) : .plainText("–"))
                        )
                    })
                ))
        ))
    }

    static func status(_ row: Row, t: Localizer) -> Node<HTML.BodyContext> {
        .group(
            .plainText(t("language.status.\(row.status.rawValue)")),
            .unwrap(row.reviewedBy) { name in
                .p(.class("muted"), .plainText(t("languages.reviewed_by", [
                    "name": name, "date": row.reviewedOn.map { Dates.long($0, t) } ?? "", "time": row.reviewedAt ?? "",
                ])))
            },
            .if(row.unreviewed > 0 && row.reviewedBy != nil,
                .p(.class("muted"), .plainText(t("languages.unreviewed", ["count": String(row.unreviewed)]))))
        )
    }

    static func importForm(_ code: LanguageCode, token: String, t: Localizer) -> Node<HTML.BodyContext> {
        let id = "file-\(code.rawValue)"
        return .form(
            .method(.post), .attr("action", Forms.uploadAction(SiteRoute.languageImport(code: LanguageSegment(code.rawValue)).path, token: token)),
            .attr("enctype", "multipart/form-data"), .class("inline"),
            Forms.csrf(token),
            .label(.attr("for", id), .plainText(t("languages.file", ["language": code.endonym]))),
            .input(.attr("type", "file"), .attr("id", id), .attr("name", "file"), .attr("accept", ".po,text/x-gettext-translation")),
            .button(.type(.submit), .plainText(t("languages.check")))
        )
    }

    static func problems(_ model: Model, language: LanguageCode, t: Localizer) -> Node<HTML.BodyContext> {
        .div(
            .class("error-summary"), .attr("role", "alert"), .attr("tabindex", "-1"),
            .h2(.plainText(t("languages.refused", ["language": language.endonym]))),
            .unwrap(model.refusal) { key in .p(.plainText(t(key))) },
            .if(!model.problems.isEmpty, .ul(.forEach(model.problems.prefix(shownProblems)) { problem in
                .li(.plainText(message(problem, t: t)))
            })),
            .if(model.problems.count > shownProblems,
                .p(.plainText(t("languages.more_problems", ["count": String(model.problems.count - shownProblems)])))),
            .p(.plainText(t("languages.nothing_saved")))
        )
    }

    /// "Line 12: …" in the reader's language.
    public static func message(_ problem: TranslationProblem, t: Localizer) -> String {
        let reason = t(problem.kind.catalogKey, ["text": problem.context ?? "", "detail": problem.detail ?? ""])
        guard let line = problem.line else { return reason }
        return t("languages.line", ["line": String(line), "reason": reason])
    }
}

/// What an import would change, before anything is saved: every text whose wording differs (its Dutch source, the
/// text now and the new one) and how many stay the same; "save" marks the language reviewed.
public enum LanguageImportPreviewPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var language: LanguageCode
        public var difference: TranslationReview.Difference
        /// The pending import's id and the digest of its content, carried by the save form.
        public var pendingID: String
        public var digest: String

        public init(shell: PageShell, language: LanguageCode, difference: TranslationReview.Difference, pendingID: String, digest: String) {
            self.shell = shell
            self.language = language
            self.difference = difference
            self.pendingID = pendingID
            self.digest = digest
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), language: .ar,
                  difference: .init(changes: [.init(id: ParentTextID(.survey, text), source: text, current: text, new: text)], unchanged: 3),
                  pendingID: text, digest: text)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let language = model.language
        let title = t("languages.preview.title", ["language": language.endonym])
        let direction = language.isRightToLeft ? "rtl" : "ltr"
        return Layout.document(model.shell, title: title, main: .div(
            .h1(.plainText(title)),
            .p(.plainText(t("languages.preview.counts", ["changed": String(model.difference.changes.count),
                                                          "unchanged": String(model.difference.unchanged)]))),
            model.difference.changes.isEmpty ? .p(.plainText(t("languages.preview.none"))) : .div(
                .class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                    .thead(.tr(
                        .th(.attr("scope", "col"), .plainText(t("languages.preview.text"))),
                        .th(.attr("scope", "col"), .plainText(t("languages.preview.source"))),
                        .th(.attr("scope", "col"), .plainText(t("languages.preview.current"))),
                        .th(.attr("scope", "col"), .plainText(t("languages.preview.new")))
                    )),
                    .tbody(.forEach(model.difference.changes) { change in
                        .tr(
                            .th(.attr("scope", "row"), .code(.plainText(change.id.context))),
                            .td(.attr("lang", "nl"), .plainText(change.source)),
                            .td(.attr("lang", language.rawValue), .attr("dir", direction), .del(.plainText(change.current))),
                            .td(.attr("lang", language.rawValue), .attr("dir", direction), .ins(.plainText(change.new)))
                        )
                    })
                )),
            .form(
                .method(.post), .attr("action", SiteRoute.languageImportSave(code: LanguageSegment(language.rawValue)).path),
                Forms.csrf(model.shell.csrfToken),
                .input(.type(.hidden), .attr("name", "pending"), .attr("value", model.pendingID)),
                .input(.type(.hidden), .attr("name", "digest"), .attr("value", model.digest)),
                .p(.plainText(t("languages.preview.save_hint"))),
                Forms.submit(t("languages.preview.save"))
            ),
            .p(.a(.attr("href", SiteRoute.languages.path), .plainText(t("languages.preview.cancel"))))
        ))
    }
}
