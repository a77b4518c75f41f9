import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews

extension ActionPlan {
    /// The school's plan in its current trajectory, if it has one.
    static func current(of school: School, on db: any Database) async throws -> ActionPlan? {
        try await ActionPlan.query(on: db).filter(\.$school.$id == school.requireID()).filter(\.$trajectory.$id == school.$trajectory.id).first()
    }

    /// The actions of a plan (none without a plan).
    static func actions(of plan: ActionPlan?, on db: any Database) async throws -> [PlanAction] {
        guard let plan else { return [] }
        return try await PlanAction.query(on: db).filter(\.$plan.$id == plan.requireID()).all()
    }
}

extension PlanAction {
    /// Actions as the plan shows them, by due day, each with the coordinator's comments (read in one query).
    static func rows(_ actions: [PlanAction], on db: any Database, t: Localizer? = nil) async throws -> [ActionRow] {
        let ids = actions.compactMap(\.id)
        var comments: [UUID: [ActionRow.Comment]] = [:]
        if !ids.isEmpty {
            for comment in try await PlanComment.query(on: db).filter(\.$action.$id ~~ ids).with(\.$user).sort(\.$at).all() {
                comments[comment.$action.id, default: []].append(.init(author: comment.user?.shownName(t) ?? "–", on: Day(date: comment.at), text: comment.text))
            }
        }
        return actions.sorted { ($0.due, $0.what) < ($1.due, $1.what) }.map { action in
            ActionRow(id: action.publicID, key: action.key, what: action.what, who: action.who, due: action.due,
                      status: ActionStatus(rawValue: action.status) ?? .planned, note: action.note, comments: comments[action.id!] ?? [])
        }
    }
}
