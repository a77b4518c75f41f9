import Fluent

/// Good-news cards of a welcome round's seats: the seat, the fixed sentence, the language, the teacher's name as they
/// chose to sign, the hash of the link's token, the days it was made and expires, and the parent's answer. Deleted
/// with the round.
struct CreateGoodNewsCards: AsyncMigration {
    var name: String { "029_create_good_news_cards" }

    func prepare(on database: any Database) async throws {
        try await database.schema(GoodNewsCard.schema)
            .id()
            .field("round_id", .uuid, .required, .references(WelcomeRound.schema, .id, onDelete: .cascade))
            .field("seat", .int, .required)
            .field("token_hash", .string, .required)
            .field("sentence", .string, .required)
            .field("language", .string, .required)
            .field("teacher_name", .string, .required)
            .field("made_on", .string, .required)
            .field("expires_on", .string, .required)
            .field("reply", .string)
            .field("reply_text", .string)
            .field("replied_on", .string)
            .unique(on: "token_hash", name: "good_news_cards_token")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(GoodNewsCard.schema).delete()
    }
}
