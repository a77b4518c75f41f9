import Foundation
import Plot
import SamenspraakCore

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
