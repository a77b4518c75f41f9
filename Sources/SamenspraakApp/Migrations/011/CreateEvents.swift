import Fluent

/// The trajectory's events and who registered for them.
struct CreateEvents: AsyncMigration {
    var name: String { "011_create_events" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TrajectoryEvent.schema)
            .id()
            .field("created_at", .datetime)
            .field("title", .string, .required)
            .field("day", .string, .required)
            .field("starts", .string, .required)
            .field("ends", .string, .required)
            .field("meeting_url", .string)
            .field("description", .string, .required)
            .field("programme", .string, .required)
            .field("speakers", .string, .required)
            .field("capacity", .int)
            .field("notes", .string)
            .field("slides_url", .string)
            .field("recording_url", .string)
            .field("trajectory_id", .uuid, .required, .references(Trajectory.schema, .id, onDelete: .cascade))
            .create()
        try await database.schema(EventRegistration.schema)
            .id()
            .field("created_at", .datetime)
            .field("colleagues", .int, .required)
            .field("status", .string, .required)
            .field("event_id", .uuid, .required, .references(TrajectoryEvent.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("school_id", .uuid, .references(School.schema, .id, onDelete: .setNull))
            .unique(on: "event_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(EventRegistration.schema).delete()
        try await database.schema(TrajectoryEvent.schema).delete()
    }
}
