import Fluent

/// The contacts of a welcome round's seats: seat number, kind, day, and for a warm one how, language and interpreter.
/// The unique key keeps a double tap from storing a contact twice.
struct CreateWelcomeContacts: AsyncMigration {
    var name: String { "028_create_welcome_contacts" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WelcomeContactRow.schema)
            .id()
            .field("round_id", .uuid, .required, .references(WelcomeRound.schema, .id, onDelete: .cascade))
            .field("seat", .int, .required)
            .field("kind", .string, .required)
            .field("day", .string, .required)
            .field("how", .string, .required)
            .field("language", .string)
            .field("with_interpreter", .bool)
            .field("first_on_day", .string)
            .unique(on: "round_id", "seat", "kind", "day", "how", name: "welcome_contacts_once")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WelcomeContactRow.schema).delete()
    }
}
