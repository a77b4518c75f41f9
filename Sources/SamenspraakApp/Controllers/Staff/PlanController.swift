import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A school's action plan: a lead chooses one to three growth keys from the report, the team writes actions per
/// key and keeps their status, the coordinator comments. Printable and exportable.
struct PlanController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.plan(schoolID: .any), use: show)
        routes.post(.planKeys(schoolID: .any), use: chooseKeys)
        routes.post(.planActions(schoolID: .any), use: addAction)
        routes.get(.planPrint(schoolID: .any), use: print)
        routes.get(.planCSV(schoolID: .any), use: csv)
        routes.get(.editPlanAction(id: .any), use: editAction)
        routes.post(.planAction(id: .any), use: updateAction)
        routes.post(.planComments(actionID: .any), use: comment)
        routes.get(.trajectoryPlans(trajectoryID: .any), use: overview)
    }

    static func model(_ req: Request, user: User, school: School, draft: ActionDraft = ActionDraft(), errors: FieldErrors = [:],
                      keyErrors: FieldErrors = [:], chosenKeys: [String]? = nil) async throws -> PlanPage.Model {
        let plan = try await ActionPlan.current(of: school, on: req.db)
        let keys = plan?.keys ?? []
        let actions = try await ActionPlan.actions(of: plan, on: req.db)
        // The school's parent surveys with figures, oldest first: the latest is the evidence, the first the baseline.
        let reports = try await req.reports.reportsWithFigures(of: school, questionnaire: req.application.currentParentQuestionnaire.id,
                                                               order: .oldestFirst)
        let seesReport = Access.allows(user.actor, .viewReport, schoolID: school.publicID)
        let latest = reports.last
        let texts = req.application.currentParentQuestionnaire.texts(req.language)
        var evidence: [KeyEvidence] = []
        var help: [String] = []
        if seesReport, let (wave, report) = latest {
            evidence = keys.compactMap { key in
                report.key(key).map { result in
                    KeyEvidence(key: key, score: result.score, items: result.items.map { (texts("item.\($0.id)"), $0.score) },
                                threshold: report.threshold)
                }
            }
            // Only the latest survey's open answers are shown: only they are read.
            let withTexts = try await req.reports.report(for: wave, including: .openAnswers)
            help = withTexts.openAnswers.filter { $0.question == "help" && !$0.hidden }.map(\.text)
        }
        var progress: [KeyProgress] = []
        var periods: (from: String, to: String)?
        if seesReport, reports.count >= 2, let first = reports.first, let last = reports.last {
            progress = keys.map { KeyProgress(key: $0, before: first.1.key($0)?.score, now: last.1.key($0)?.score) }
            periods = (Dates.period(first.0.opens, first.0.closes, req.t), Dates.period(last.0.opens, last.0.closes, req.t))
        }
        let notice = req.notice(PlanNotice.self)?.catalogKey
        return PlanPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, trajectoryName: school.trajectory.name,
                              keys: keys, keyNames: req.keyNames, suggested: latest?.1.growth ?? [],
                              strengths: latest?.1.strengths ?? [],
                              evidencePeriod: latest.map { Dates.period($0.0.opens, $0.0.closes, req.t) }, evidence: evidence, helpAnswers: help,
                              progress: progress, progressPeriods: periods, actions: try await PlanAction.rows(actions, on: req.db, t: req.t),
                              canChooseKeys: Access.allows(user.actor, .choosePlanKeys, schoolID: school.publicID),
                              canEdit: Access.allows(user.actor, .editPlan, schoolID: school.publicID),
                              canComment: Access.allows(user.actor, .commentPlan, schoolID: school.publicID),
                              draft: draft, errors: errors, keyErrors: keyErrors, chosenKeys: chosenKeys, notice: notice)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewPlan)
        return .html(PlanPage.view(try await Self.model(req, user: user, school: school)), status: .ok)
    }

    struct KeysForm: Content { var keys: [String]? }

    @Sendable func chooseKeys(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .choosePlanKeys)
        let typed = (try? req.content.decode(KeysForm.self))?.keys ?? []
        switch PlanKeys.validate(typed) {
        case let .failure(box):
            let model = try await Self.model(req, user: user, school: school, keyErrors: box.errors, chosenKeys: typed)
            return .html(PlanPage.view(model), status: .unprocessableEntity)
        case let .success(keys):
            let plan = try await ActionPlan.current(of: school, on: req.db)
            let used = Set(try await ActionPlan.actions(of: plan, on: req.db).map(\.key))
            // A key that already has actions stays: its actions would otherwise lose their place.
            if let orphaned = used.subtracting(keys).sorted().first {
                let model = try await Self.model(req, user: user, school: school, keyErrors: ["keys": "error.plan_key_in_use"],
                                                 chosenKeys: typed)
                req.logger.info("plan keys refused", metadata: ["key": .stringConvertible(orphaned)])
                return .html(PlanPage.view(model), status: .unprocessableEntity)
            }
            if let plan {
                plan.keys = keys
                try await plan.save(on: req.db)
            } else {
                try await ActionPlan(schoolID: school.requireID(), trajectoryID: school.$trajectory.id, keys: keys).create(on: req.db)
            }
            return .redirect(to: SiteRoute.plan(schoolID: school.routeID).with(notice: PlanNotice.keys))
        }
    }

    struct ActionFormData: Content {
        var key: String?
        var what: String?
        var who: String?
        var due_on: String?
        var status: String?
        var note: String?

        var draft: ActionDraft {
            ActionDraft(key: key ?? "", what: what ?? "", who: who ?? "", dueOn: due_on ?? "", status: status ?? "", note: note ?? "")
        }
    }

    @Sendable func addAction(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .editPlan)
        guard let plan = try await ActionPlan.current(of: school, on: req.db) else { throw Abort(.conflict) }
        let draft = try req.content.decode(ActionFormData.self).draft
        switch draft.validate(keys: plan.keys) {
        case let .failure(box):
            let model = try await Self.model(req, user: user, school: school, draft: draft, errors: box.errors)
            return .html(PlanPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            try await PlanAction(planID: plan.requireID(), valid: valid).create(on: req.db)
            return .redirect(to: SiteRoute.plan(schoolID: school.routeID).with(notice: PlanNotice.action))
        }
    }

    @Sendable func editAction(req: Request) async throws -> Response {
        let (_, action) = try await req.authorized(PlanAction.self, .editPlan)
        let school = action.plan.school
        let model = ActionEditPage.Model(shell: req.shell(), actionID: action.publicID, schoolID: school.publicID, schoolName: school.name,
                                         keys: action.plan.keys, keyNames: req.keyNames, draft: action.draft)
        return .html(ActionEditPage.view(model), status: .ok)
    }

    @Sendable func updateAction(req: Request) async throws -> Response {
        let (_, action) = try await req.authorized(PlanAction.self, .editPlan)
        let school = action.plan.school
        let draft = try req.content.decode(ActionFormData.self).draft
        switch draft.validate(keys: action.plan.keys) {
        case let .failure(box):
            let model = ActionEditPage.Model(shell: req.shell(), actionID: action.publicID, schoolID: school.publicID, schoolName: school.name,
                                             keys: action.plan.keys, keyNames: req.keyNames, draft: draft, errors: box.errors)
            return .html(ActionEditPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            action.apply(valid)
            try await action.save(on: req.db)
            return .redirect(to: SiteRoute.plan(schoolID: school.routeID).with(notice: PlanNotice.action))
        }
    }

    struct CommentForm: Content {
        var text: String?
        /// "plans" when the comment came from the coordinator's overview, which it then returns to.
        var back: String?
    }

    @Sendable func comment(req: Request) async throws -> Response {
        let (user, action) = try await req.authorized(PlanAction.self, .commentPlan)
        let school = action.plan.school
        let form = try? req.content.decode(CommentForm.self)
        let text = form?.text ?? ""
        var errors: FieldErrors = [:]
        Validate.requiredText(text.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "), field: "text",
                              maxLength: ActionDraft.maximumNote, into: &errors)
        if let problem = errors["text"] {
            var model = try await Self.model(req, user: user, school: school)
            model.notice = nil
            let page = PlanPage.view(Self.withError(model, problem))
            return .html(page, status: .unprocessableEntity)
        }
        try await PlanComment(actionID: action.requireID(), userID: user.id,
                              text: text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n"),
                              at: req.now).create(on: req.db)
        if form?.back == "plans" {
            return .redirect(to: SiteRoute.trajectoryPlans(trajectoryID: TrajectoryID(school.$trajectory.id)).with(notice: PlanNotice.comment)
                             + "#plan-" + school.publicID)
        }
        return .redirect(to: SiteRoute.plan(schoolID: school.routeID).with(notice: PlanNotice.comment))
    }

    /// The plan page with a message about the comment that could not be kept.
    static func withError(_ model: PlanPage.Model, _ problem: String) -> PlanPage.Model {
        var model = model
        model.keyErrors = [:]
        model.notice = nil
        model.errors = [:]
        model.commentError = problem
        return model
    }

    @Sendable func print(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewPlan)
        return .html(PlanPrintPage.view(try await Self.model(req, user: user, school: school)), status: .ok)
    }

    /// One line per action: key, what, who, due date, status, note.
    @Sendable func csv(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .viewPlan)
        let actions = try await ActionPlan.actions(of: ActionPlan.current(of: school, on: req.db), on: req.db)
        var lines = ["key,what,who,due_on,status,note"]
        for action in try await PlanAction.rows(actions, on: req.db, t: req.t) {
            lines.append([String(action.key), action.what, action.who, action.due.description, action.status.rawValue, action.note ?? ""]
                .map(CSV.field).joined(separator: ","))
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"plan.csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
    }

    @Sendable func overview(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewTrajectory)
        let trajectory = try await req.found(Trajectory.self)
        var schools: [TrajectoryPlansPage.SchoolPlan] = []
        for school in try await School.query(on: req.db).filter(\.$trajectory.$id == trajectory.requireID()).sort(\.$name).all() {
            let plan = try await ActionPlan.current(of: school, on: req.db)
            let actions = try await ActionPlan.actions(of: plan, on: req.db)
            schools.append(.init(schoolID: school.publicID, schoolName: school.name, keys: plan?.keys ?? [],
                                 actions: try await PlanAction.rows(actions, on: req.db, t: req.t)))
        }
        let model = TrajectoryPlansPage.Model(shell: req.shell(), trajectoryID: try trajectory.requireID().uuidString.lowercased(),
                                              trajectoryName: trajectory.name, schools: schools, keyNames: req.keyNames,
                                              notice: req.notice(PlanNotice.self) == .comment ? PlanNotice.comment.catalogKey : nil)
        return .html(TrajectoryPlansPage.view(model), status: .ok)
    }
}
