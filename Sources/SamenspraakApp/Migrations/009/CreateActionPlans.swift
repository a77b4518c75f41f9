import Fluent

/// Action plans per school and trajectory, their actions, and the coordinator's comments.
struct CreateActionPlans: AsyncMigration {
    var name: String { "009_create_action_plans" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ActionPlan.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("keys", .string, .required)
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("trajectory_id", .uuid, .required, .references(Trajectory.schema, .id, onDelete: .cascade))
            .unique(on: "school_id", "trajectory_id")
            .create()
        try await database.schema(PlanAction.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("key", .int, .required)
            .field("what", .string, .required)
            .field("who", .string, .required)
            .field("due_on", .string, .required)
            .field("status", .string, .required)
            .field("note", .string)
            .field("plan_id", .uuid, .required, .references(ActionPlan.schema, .id, onDelete: .cascade))
            .create()
        try await database.schema(PlanComment.schema)
            .id()
            .field("text", .string, .required)
            .field("at", .datetime, .required)
            .field("action_id", .uuid, .required, .references(PlanAction.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PlanComment.schema).delete()
        try await database.schema(PlanAction.schema).delete()
        try await database.schema(ActionPlan.schema).delete()
    }
}
