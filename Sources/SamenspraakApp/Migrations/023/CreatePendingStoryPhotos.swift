import Fluent

/// Photos that passed their checks on a story form that came back with an error: kept for a day so that the
/// corrected form can save them without choosing the file again.
struct CreatePendingStoryPhotos: AsyncMigration {
    var name: String { "023_create_pending_story_photos" }

    func prepare(on database: any Database) async throws {
        try await database.schema(PendingStoryPhoto.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("file_name", .string, .required)
            .field("content_type", .string, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("data", .data, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingStoryPhoto.schema).delete()
    }
}
