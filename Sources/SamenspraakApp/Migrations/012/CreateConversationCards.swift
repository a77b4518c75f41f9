import Fluent
import SQLKit

/// Conversation cards of an oudercontact.
struct CreateConversationCards: AsyncMigration {
    var name: String { "012_create_conversation_cards" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ConversationCard.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("slot", .int, .required)
            .field("language", .string)
            .field("answers", .string)
            .field("moment_id", .uuid, .required, .references(Moment.schema, .id, onDelete: .cascade))
            .unique(on: "token_hash")
            .create()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "conversation_cards_moment").on(ConversationCard.schema).column("moment_id").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ConversationCard.schema).delete()
    }
}
