import Fluent

/// Counters beside a wave: sends refused by the open link's limit, and paper forms typed in per staff member.
/// Neither has a time or anything of the parent.
struct CreateIntakeCounters: AsyncMigration {
    var name: String { "015_create_intake_counters" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WaveRefusals.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("sends", .int, .required)
            .field("begins", .int, .required)
            .unique(on: "wave_id")
            .create()
        try await database.schema(PaperEntryCount.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id))
            .field("responses", .int, .required)
            .unique(on: "wave_id", "user_id")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PaperEntryCount.schema).delete()
        try await database.schema(WaveRefusals.schema).delete()
    }
}
