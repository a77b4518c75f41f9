import Fluent

/// Reviewed translations of the parent-facing texts, imported from PO files: the texts themselves (laid over the
/// shipped files, so they survive upgrades), one row per import saying who reviewed which language when, and the
/// imports checked and waiting for "save" (so the preview and the save may be served by different servers).
struct CreateTextReviews: AsyncMigration {
    var name: String { "025_create_text_reviews" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ReviewedText.schema)
            .id()
            .field("language", .string, .required)
            .field("catalog", .string, .required)
            .field("text_key", .string, .required)
            .field("text", .string, .required)
            .field("source", .string, .required)
            .unique(on: "language", "catalog", "text_key")
            .create()
        try await database.schema(LanguageReview.schema)
            .id()
            .field("language", .string, .required)
            .field("reviewer_id", .uuid)
            .field("reviewer_name", .string, .required)
            .field("reviewed_at", .datetime, .required)
            .field("changed", .int, .required)
            .field("unchanged", .int, .required)
            .create()
        try await database.schema(PendingTextImport.schema)
            .id()
            .field("language", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("content", .string, .required)
            .field("digest", .string, .required)
            .field("expires_at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(PendingTextImport.schema).delete()
        try await database.schema(LanguageReview.schema).delete()
        try await database.schema(ReviewedText.schema).delete()
    }
}
