import Foundation
import Plot
import SamenspraakCore

/// An action of a plan as the pages show it, with the coordinator's comments.
public struct ActionRow: Equatable, Sendable {
    public struct Comment: Equatable, Sendable {
        public var author: String
        public var on: Day
        public var text: String
        public init(author: String, on: Day, text: String) {
            self.author = author
            self.on = on
            self.text = text
        }
    }

    public var id: String
    public var key: Int
    public var what: String
    public var who: String
    public var due: Day
    public var status: ActionStatus
    public var note: String?
    public var comments: [Comment]

    public init(id: String, key: Int, what: String, who: String, due: Day, status: ActionStatus, note: String?, comments: [Comment] = []) {
        self.id = id
        self.key = key
        self.what = what
        self.who = who
        self.due = due
        self.status = status
        self.note = note
        self.comments = comments
    }

    static func mock(_ text: String) -> ActionRow {
        ActionRow(id: text, key: 9, what: text, who: text, due: Day(year: 2026, month: 12, day: 1), status: .busy, note: text,
                  comments: [Comment(author: text, on: Day(year: 2026, month: 11, day: 2), text: text)])
    }
}

/// What the report says about a key of the plan: its score and its statements' scores.
public struct KeyEvidence: Equatable, Sendable {
    public var key: Int
    public var score: Score?
    public var items: [(text: String, score: Score?)]
    /// The report's smallest group, for the words of a hidden figure.
    public var threshold: Int

    public init(key: Int, score: Score?, items: [(text: String, score: Score?)], threshold: Int = Suppression.defaultThreshold) {
        self.key = key
        self.score = score
        self.items = items
        self.threshold = threshold
    }

    public static func == (a: KeyEvidence, b: KeyEvidence) -> Bool {
        a.key == b.key && a.score == b.score && a.items.map(\.text) == b.items.map(\.text) && a.items.map(\.score) == b.items.map(\.score)
            && a.threshold == b.threshold
    }
}

/// The plan cites the report in the report's own words.
enum PlanText {
    static func progress(_ progress: KeyProgress, _ t: Localizer) -> String {
        guard let before = progress.before, let now = progress.now else { return t("plan.progress_unknown") }
        return t("plan.progress", ["before": ReportPage.tenthsText(before.value, t), "now": ReportPage.tenthsText(now.value, t),
                                   "change": ReportPage.changeText(before: before, now: now, t)])
    }

    static func actionsTable(_ actions: [ActionRow], t: Localizer, caption: String, edit: Bool, comment: (csrf: String, allowed: Bool)?,
                             back: String? = nil) -> Node<HTML.BodyContext> {
        guard !actions.isEmpty else { return .p(.class("muted"), .plainText(t("plan.no_actions"))) }
        return .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
            .class("plan-table"),
            .caption(.class("visually-hidden"), .plainText(caption)),
            .thead(.tr(.th(.attr("scope", "col"), .plainText(t("field.action_what"))), .th(.attr("scope", "col"), .plainText(t("field.action_who"))),
                       .th(.attr("scope", "col"), .plainText(t("field.action_due"))), .th(.attr("scope", "col"), .plainText(t("field.action_status"))))),
            .tbody(.forEach(actions) { action in
                .tr(.attr("class", "status-\(action.status.rawValue)"),
                    .td(.p(.attr("dir", "auto"), .plainText(action.what)),
                        .unwrap(action.note) { .p(.class("muted"), .attr("dir", "auto"), .plainText($0)) },
                        .if(edit, .p(.class("no-print"), .a(.attr("href", SiteRoute.editPlanAction(id: PlanActionID(action.id)).path),
                                                            .attr("aria-label", t("plan.edit_label", ["what": action.what])), .plainText(t("plan.edit"))))),
                        .if(!action.comments.isEmpty, .ul(.class("comments"), .forEach(action.comments) { comment in
                            .li(.strong(.plainText(t("plan.comment_by", ["name": comment.author, "date": Dates.long(comment.on, t)]))),
                                .plainText(" "), .span(.attr("dir", "auto"), .plainText(comment.text)))
                        })),
                        .unwrap(comment.flatMap { $0.allowed ? $0.csrf : nil }) { csrf in
                            .form(.method(.post), .class("comment-form no-print"), .attr("action", SiteRoute.planComments(actionID: PlanActionID(action.id)).path),
                                  Forms.csrf(csrf),
                                  .unwrap(back) { .input(.type(.hidden), .attr("name", "back"), .attr("value", $0)) },
                                  .label(.attr("for", "comment-\(action.id)"), .plainText(t("field.comment"))),
                                  .textarea(.attr("id", "comment-\(action.id)"), .attr("name", "text"), .attr("rows", "2"),
                                            .attr("maxlength", String(ActionDraft.maximumNote)), .flag("required")),
                                  .button(.type(.submit), .plainText(t("plan.comment_submit"))))
                        }),
                    .td(.attr("dir", "auto"), .plainText(action.who)),
                    .td(.plainText(Dates.long(action.due, t))),
                    .td(.strong(.plainText(t("plan.status.\(action.status.rawValue)")))))
            })
        ))
    }
}

/// A school's action plan: the growth keys it chose (strengths in view), per key the evidence from the report,
/// the change since the first survey, and the team's actions.
public enum PlanPage {
    public struct Model: Equatable, Sendable {
        public static func == (a: Model, b: Model) -> Bool {
            a.shell == b.shell && a.schoolID == b.schoolID && a.keys == b.keys && a.actions == b.actions && a.errors == b.errors
                && a.draft == b.draft && a.evidence == b.evidence && a.helpAnswers == b.helpAnswers && a.progress == b.progress
                && a.notice == b.notice && a.keyErrors == b.keyErrors && a.suggested == b.suggested && a.strengths == b.strengths
        }

        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var trajectoryName: String
        /// The chosen keys (empty until the lead chooses).
        public var keys: [Int]
        public var keyNames: [Int: String]
        /// The report's growth keys and strengths, to choose from and keep in view.
        public var suggested: [Int]
        public var strengths: [Int]
        /// The period of the survey the evidence comes from, when there is one with figures.
        public var evidencePeriod: String?
        /// Per chosen key; empty for readers who may not see the report.
        public var evidence: [KeyEvidence]
        public var helpAnswers: [String]
        /// Per chosen key, once a second survey exists.
        public var progress: [KeyProgress]
        public var progressPeriods: (from: String, to: String)?
        public var actions: [ActionRow]
        public var canChooseKeys: Bool
        public var canEdit: Bool
        public var canComment: Bool
        public var draft: ActionDraft
        public var errors: FieldErrors
        public var keyErrors: FieldErrors
        public var chosenKeys: [String]
        public var notice: String?
        /// A comment that could not be kept, and why.
        public var commentError: String?

        public init(shell: PageShell, schoolID: String, schoolName: String, trajectoryName: String, keys: [Int], keyNames: [Int: String],
                    suggested: [Int], strengths: [Int], evidencePeriod: String?, evidence: [KeyEvidence], helpAnswers: [String],
                    progress: [KeyProgress], progressPeriods: (from: String, to: String)?, actions: [ActionRow], canChooseKeys: Bool,
                    canEdit: Bool, canComment: Bool, draft: ActionDraft = ActionDraft(), errors: FieldErrors = [:],
                    keyErrors: FieldErrors = [:], chosenKeys: [String]? = nil, notice: String? = nil) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.trajectoryName = trajectoryName
            self.keys = keys
            self.keyNames = keyNames
            self.suggested = suggested
            self.strengths = strengths
            self.evidencePeriod = evidencePeriod
            self.evidence = evidence
            self.helpAnswers = helpAnswers
            self.progress = progress
            self.progressPeriods = progressPeriods
            self.actions = actions
            self.canChooseKeys = canChooseKeys
            self.canEdit = canEdit
            self.canComment = canComment
            self.draft = draft
            self.errors = errors
            self.keyErrors = keyErrors
            self.chosenKeys = chosenKeys ?? keys.map(String.init)
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            let score = Score(value: 40, low: 25, high: 57, n: 30)
            return Model(shell: .mock(text: text), schoolID: text, schoolName: text, trajectoryName: text, keys: [9], keyNames: [9: text, 1: text],
                         suggested: [9], strengths: [1], evidencePeriod: text,
                         evidence: [KeyEvidence(key: 9, score: score, items: [(text, score)])], helpAnswers: [text],
                         progress: [KeyProgress(key: 9, before: score, now: Score(value: 70, low: 60, high: 80, n: 40))],
                         progressPeriods: (text, text), actions: [.mock(text)], canChooseKeys: true, canEdit: true, canComment: true,
                         draft: ActionDraft(key: text, what: text, who: text, dueOn: text, status: text, note: text),
                         errors: ["what": text], keyErrors: ["keys": text], notice: "plan.saved")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("plan.title"), main: .div(
            .class("plan"),
            .h1(.plainText(t("plan.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(model.schoolName)),
               .plainText(" · " + model.trajectoryName)),
            Forms.notice(model.notice, t: t, kind: "success"),
            Forms.notice(model.commentError, t: t),
            .p(.class("no-print"), .a(.attr("href", SiteRoute.planPrint(schoolID: SchoolID(model.schoolID)).path), .plainText(t("plan.print"))),
               .plainText(" · "), .a(.attr("href", SiteRoute.planCSV(schoolID: SchoolID(model.schoolID)).path), .plainText(t("plan.csv")))),
            .if(!model.strengths.isEmpty, .section(
                .attr("aria-labelledby", "plan-strengths"), .class("strengths"),
                .h2(.id("plan-strengths"), .plainText(t("plan.strengths"))),
                .ul(.forEach(model.strengths) { key in .li(.plainText("\(key). \(model.keyNames[key] ?? "")")) })
            )),
            keysSection(model),
            .forEach(model.keys) { key in keySection(key, model) },
            .if(!model.helpAnswers.isEmpty, .section(
                .attr("aria-labelledby", "plan-help"),
                .h2(.id("plan-help"), .plainText(t("plan.help_answers"))),
                .ul(.class("open-answers"), .forEach(model.helpAnswers) { .li(.p(.attr("dir", "auto"), .plainText($0))) })
            )),
            .if(model.canEdit && !model.keys.isEmpty, actionForm(model))
        ))
    }

    static func keysSection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let options = Array(Set(model.suggested + model.keys)).sorted()
        return .section(
            .attr("aria-labelledby", "plan-keys"),
            .h2(.id("plan-keys"), .plainText(t("plan.keys"))),
            model.keys.isEmpty ? .p(.plainText(t(model.canChooseKeys ? "plan.keys_intro" : "plan.keys_none")))
                : (model.canChooseKeys ? .empty : .ul(.forEach(model.keys) { key in .li(.plainText("\(key). \(model.keyNames[key] ?? "")")) })),
            .if(model.canChooseKeys, .form(
                .method(.post), .class("no-print"), .attr("action", SiteRoute.planKeys(schoolID: SchoolID(model.schoolID)).path),
                .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                Forms.errorSummary(model.keyErrors, order: ["keys"], t: t),
                Forms.choices(name: "keys", legend: t("field.plan_keys"), type: "checkbox",
                              options: (options.isEmpty ? Questionnaire.keys : options + Questionnaire.keys.filter { !options.contains($0) })
                                .map { .init(value: String($0), label: "\($0). \(model.keyNames[$0] ?? "")"
                                             + (model.suggested.contains($0) ? " — " + t("plan.suggested") : "")) },
                              selected: model.chosenKeys, error: model.keyErrors["keys"], hint: t("field.plan_keys_hint"), t: t),
                Forms.submit(t("plan.keys_submit"))
            ))
        )
    }

    static func keySection(_ key: Int, _ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let evidence = model.evidence.first { $0.key == key }
        let progress = model.progress.first { $0.key == key }
        let actions = model.actions.filter { $0.key == key }
        return .section(
            .attr("aria-labelledby", "plan-key-\(key)"), .class("plan-key"),
            .h2(.attr("id", "plan-key-\(key)"), .plainText(t("report.key", ["n": String(key), "name": model.keyNames[key] ?? ""]))),
            .unwrap(evidence) { evidence in
                .div(.class("evidence"),
                     .h3(.plainText(t("plan.evidence", ["period": model.evidencePeriod ?? ""]))),
                     .p(.class("score"), .plainText(ReportPage.scoreText(evidence.score, isKey: true, threshold: evidence.threshold, t))),
                     .ul(.class("items"), .forEach(evidence.items) { item in
                         .li(.p(.plainText(item.text)),
                             .p(.class("score small"), .plainText(ReportPage.scoreText(item.score, threshold: evidence.threshold, t))))
                     }))
            },
            .unwrap(progress) { progress in
                .p(.class("progress-line"), .strong(.plainText(t("plan.progress_title", ["from": model.progressPeriods?.from ?? "",
                                                                                     "to": model.progressPeriods?.to ?? ""]) + " ")),
                   .plainText(PlanText.progress(progress, t)))
            },
            .h3(.plainText(t("plan.actions"))),
            PlanText.actionsTable(actions, t: t, caption: t("plan.actions"), edit: model.canEdit,
                                  comment: (model.shell.csrfToken, model.canComment))
        )
    }

    static func actionForm(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        return .section(
            .attr("aria-labelledby", "plan-new"), .class("no-print narrow"),
            .h2(.id("plan-new"), .plainText(t("plan.new_action"))),
            Forms.errorSummary(model.errors, order: ActionForm.order, t: t),
            .form(.method(.post), .attr("action", SiteRoute.planActions(schoolID: SchoolID(model.schoolID)).path + "#plan-new"),
                  .attr("novalidate", "novalidate"),
                  Forms.csrf(model.shell.csrfToken),
                  ActionForm.fields(model.draft, keys: model.keys, keyNames: model.keyNames, errors: model.errors, t: t),
                  Forms.submit(t("plan.add_action")))
        )
    }
}

/// The fields of an action, shared by "add" and "change".
enum ActionForm {
    static let order = ["key", "what", "who", "due_on", "status", "note"]

    static func fields<C: HTML.BodyContext>(_ draft: ActionDraft, keys: [Int], keyNames: [Int: String], errors: FieldErrors, t: Localizer) -> Node<C> {
        .div(
            Forms.choices(name: "key", legend: t("field.action_key"), type: "radio",
                          options: keys.map { .init(value: String($0), label: "\($0). \(keyNames[$0] ?? "")") },
                          selected: [draft.key.isEmpty && keys.count == 1 ? String(keys[0]) : draft.key], error: errors["key"], t: t),
            Forms.field(.init(name: "what", label: t("field.action_what"), value: draft.what, error: errors["what"],
                              hint: t("field.action_what_hint"), extra: [("maxlength", String(ActionDraft.maximumWhat))]), t: t),
            Forms.field(.init(name: "who", label: t("field.action_who"), value: draft.who, error: errors["who"],
                              hint: t("field.action_who_hint"), extra: [("maxlength", String(ActionDraft.maximumWho))]), t: t),
            Forms.field(.init(name: "due_on", label: t("field.action_due"), value: draft.dueOn, type: "date", error: errors["due_on"],
                              hint: t("field.date_hint")), t: t),
            Forms.choices(name: "status", legend: t("field.action_status"), type: "radio",
                          options: ActionStatus.allCases.map { .init(value: $0.rawValue, label: t("plan.status.\($0.rawValue)")) },
                          selected: [draft.status], error: errors["status"], t: t),
            .div(.attr("class", errors["note"] == nil ? "field" : "field invalid"),
                 .label(.attr("for", "note"), .plainText(t("field.action_note"))),
                 .unwrap(errors["note"]) { .p(.class("error"), .attr("id", "note-error"), .plainText(t($0))) },
                 .textarea(.attr("id", "note"), .attr("name", "note"), .attr("rows", "3"), .attr("maxlength", String(ActionDraft.maximumNote)),
                           .if(errors["note"] != nil, .attr("aria-describedby", "note-error")), .plainText(draft.note)))
        )
    }
}

/// Changing one action: its fields, kept as typed when something is wrong.
public enum ActionEditPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var actionID: String
        public var schoolID: String
        public var schoolName: String
        public var keys: [Int]
        public var keyNames: [Int: String]
        public var draft: ActionDraft
        public var errors: FieldErrors

        public init(shell: PageShell, actionID: String, schoolID: String, schoolName: String, keys: [Int], keyNames: [Int: String],
                    draft: ActionDraft, errors: FieldErrors = [:]) {
            self.shell = shell
            self.actionID = actionID
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.keys = keys
            self.keyNames = keyNames
            self.draft = draft
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), actionID: text, schoolID: text, schoolName: text, keys: [9], keyNames: [9: text],
                  draft: ActionDraft(key: text, what: text, who: text, dueOn: text, status: text, note: text), errors: ["who": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("plan.edit_title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("plan.edit_title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.plan(schoolID: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            Forms.errorSummary(model.errors, order: ActionForm.order, t: t),
            .form(.method(.post), .attr("action", SiteRoute.planAction(id: PlanActionID(model.actionID)).path), .attr("novalidate", "novalidate"),
                  Forms.csrf(model.shell.csrfToken),
                  ActionForm.fields(model.draft, keys: model.keys, keyNames: model.keyNames, errors: model.errors, t: t),
                  Forms.submit(t("plan.save_action")))
        ))
    }
}

/// The plan on A4: keys, evidence figures, progress and actions, without forms.
public enum PlanPrintPage {
    public static func view(_ model: PlanPage.Model) -> HTML {
        let t = model.shell.t
        var printed = model
        printed.canEdit = false
        printed.canComment = false
        printed.canChooseKeys = false
        return PrintLayout.document(language: model.shell.language, title: "\(t("plan.title")) · \(model.schoolName)", bodyClass: "plan-print",
                                    main: .div(
            .p(.class("screen-only"), .plainText(t("print.hint"))),
            .h1(.plainText("\(t("plan.title")) · \(model.schoolName)")),
            .p(.plainText(model.trajectoryName)),
            .if(!model.strengths.isEmpty, .p(.strong(.plainText(t("plan.strengths") + ": ")),
                                             .plainText(model.strengths.map { "\($0). \(model.keyNames[$0] ?? "")" }.joined(separator: "; ")))),
            .forEach(model.keys) { key in PlanPage.keySection(key, printed) }
        ))
    }
}

/// The coordinator's view: every school's plan in the trajectory, with a comment form on each action.
public enum TrajectoryPlansPage {
    public struct SchoolPlan: Equatable, Sendable {
        public var schoolID: String
        public var schoolName: String
        public var keys: [Int]
        public var actions: [ActionRow]
        public init(schoolID: String, schoolName: String, keys: [Int], actions: [ActionRow]) {
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.keys = keys
            self.actions = actions
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var trajectoryID: String
        public var trajectoryName: String
        public var schools: [SchoolPlan]
        public var keyNames: [Int: String]
        public var notice: String?
        public init(shell: PageShell, trajectoryID: String, trajectoryName: String, schools: [SchoolPlan], keyNames: [Int: String],
                    notice: String? = nil) {
            self.notice = notice
            self.shell = shell
            self.trajectoryID = trajectoryID
            self.trajectoryName = trajectoryName
            self.schools = schools
            self.keyNames = keyNames
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), trajectoryID: text, trajectoryName: text,
                  schools: [SchoolPlan(schoolID: text, schoolName: text, keys: [9], actions: [.mock(text)]),
                            SchoolPlan(schoolID: text + "-2", schoolName: text, keys: [], actions: [])],
                  keyNames: [9: text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("plans.title"), main: .div(
            .h1(.plainText(t("plans.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.trajectory(id: TrajectoryID(model.trajectoryID)).path), .plainText(model.trajectoryName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .forEach(model.schools) { plan in
                .section(
                    .attr("aria-labelledby", "plan-\(plan.schoolID)"),
                    .h2(.attr("id", "plan-\(plan.schoolID)"), .a(.attr("href", SiteRoute.plan(schoolID: SchoolID(plan.schoolID)).path), .plainText(plan.schoolName))),
                    plan.keys.isEmpty ? .p(.class("muted"), .plainText(t("plans.no_plan"))) : .group(
                        .p(.plainText(t("plan.keys") + ": " + plan.keys.map { "\($0). \(model.keyNames[$0] ?? "")" }.joined(separator: "; "))),
                        PlanText.actionsTable(plan.actions, t: t, caption: plan.schoolName, edit: false, comment: (model.shell.csrfToken, true),
                                              back: "plans")
                    )
                )
            }
        ))
    }
}
