import Fluent
import Foundation
import SamenspraakCore

/// A school's action plan in a trajectory: the growth keys it works on.
final class ActionPlan: Model, @unchecked Sendable {
    static let schema = "action_plans"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    /// Comma-separated key numbers, one to three.
    @Field(key: "keys") var keysValue: String

    // relationships
    @Parent(key: "school_id") var school: School
    @Parent(key: "trajectory_id") var trajectory: Trajectory
    @Children(for: \.$plan) var actions: [PlanAction]

    init() {}

    init(schoolID: UUID, trajectoryID: UUID, keys: [Int]) {
        self.$school.id = schoolID
        self.$trajectory.id = trajectoryID
        self.keysValue = keys.map(String.init).joined(separator: ",")
    }

    var keys: [Int] {
        get { keysValue.split(separator: ",").compactMap { Int($0) } }
        set { keysValue = newValue.map(String.init).joined(separator: ",") }
    }
}

/// One action of a plan: what, who, by when, where it stands.
final class PlanAction: Model, @unchecked Sendable {
    static let schema = "plan_actions"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?
    @Field(key: "key") var key: Int
    @Field(key: "what") var what: String
    @Field(key: "who") var who: String
    @Field(key: "due_on") var due: Day
    @Field(key: "status") var status: String
    @OptionalField(key: "note") var note: String?
    @Parent(key: "plan_id") var plan: ActionPlan
    @Children(for: \.$action) var comments: [PlanComment]

    init() {}

    init(planID: UUID, valid: ActionDraft.Valid) {
        self.$plan.id = planID
        apply(valid)
    }

    func apply(_ valid: ActionDraft.Valid) {
        key = valid.key
        what = valid.what
        who = valid.who
        due = valid.due
        status = valid.status.rawValue
        note = valid.note
    }

    var publicID: String { id?.uuidString.lowercased() ?? "" }
    var draft: ActionDraft {
        ActionDraft(key: String(key), what: what, who: who, dueOn: due.description, status: status, note: note ?? "")
    }
}

/// The coordinator's comment on an action.
final class PlanComment: Model, @unchecked Sendable {
    static let schema = "plan_comments"

    @ID(key: .id) var id: UUID?
    @Field(key: "text") var text: String
    @Field(key: "at") var at: Date
    @Parent(key: "action_id") var action: PlanAction
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(actionID: UUID, userID: UUID?, text: String, at: Date) {
        self.$action.id = actionID
        self.$user.id = userID
        self.text = text
        self.at = at
    }
}
