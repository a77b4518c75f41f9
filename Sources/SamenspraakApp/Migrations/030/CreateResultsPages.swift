import Fluent

/// "You told us — we are doing this" pages: one per wave, with the lead's thanks and its language, the plan actions and
/// the open answers chosen (ids, comma-separated), whether it is online, and the day it was last changed. Deleted with
/// the wave.
struct CreateResultsPages: AsyncMigration {
    var name: String { "030_create_results_pages" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ResultsPage.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("thanks", .string, .required)
            .field("language", .string, .required)
            .field("action_ids", .string, .required)
            .field("quote_ids", .string, .required)
            .field("published", .bool, .required)
            .field("updated_on", .string, .required)
            .unique(on: "wave_id", name: "results_pages_wave")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ResultsPage.schema).delete()
    }
}
