import Fluent
import SQLKit

/// Open answers can be hidden by staff (e.g. when one names a person); every change is logged.
struct AddTextModeration: AsyncMigration {
    var name: String { "003_add_text_moderation" }

    func prepare(on database: any Database) async throws {
        try await database.schema(SurveyText.schema)
            .field("hidden", .bool, .required, .sql(.default(false)))
            .update()
        try await database.schema(TextModeration.schema)
            .id()
            .field("text_id", .uuid, .required, .references(SurveyText.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("hidden", .bool, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TextModeration.schema).delete()
        try await database.schema(SurveyText.schema).deleteField("hidden").update()
    }
}
