import Fluent

struct CreateApiTokens: AsyncMigration {
    var name: String { "006_create_api_tokens" }

    func prepare(on database: any Database) async throws {
        try await database.schema(ApiToken.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("role", .string, .required)
            .field("school_id", .uuid, .references(School.schema, .id, onDelete: .cascade))
            .field("created_at", .datetime)
            .field("revoked_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(ApiToken.schema).delete()
    }
}
