import Fluent

/// The spoken versions of the parent texts a school recorded, one per school, language and text: in the database
/// like story photos, so a backup holds them and a school's deletion takes them along.
struct CreateRecordings: AsyncMigration {
    var name: String { "024_create_recordings" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Recording.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("language", .string, .required)
            .field("part", .string, .required)
            .field("text_key", .string, .required)
            .field("format", .string, .required)
            .field("seconds", .double, .required)
            .field("byte_count", .int, .required)
            .field("sha256", .string, .required)
            .field("data", .data, .required)
            .field("recorded_by", .uuid, .references(User.schema, .id, onDelete: .setNull))
            // Made by a speech synthesiser (the demo's clips), not by a person: the recordings page says so.
            .field("generated", .bool, .required, .sql(.default(false)))
            .field("created_at", .datetime)
            .unique(on: "school_id", "language", "part", "text_key")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Recording.schema).delete()
    }
}
