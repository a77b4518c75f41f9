import Fluent

/// Browsers a staff member signed in with before (failed sign-ins from them are counted apart), and failed
/// sign-ins per hashed client address (against password spraying across accounts).
struct CreateKnownDevices: AsyncMigration {
    var name: String { "020_create_known_devices" }

    func prepare(on database: any Database) async throws {
        try await database.schema(KnownDevice.schema)
            .id()
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("last_used_on", .datetime, .required)
            .field("failures", .int, .required)
            .field("locked_until", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(SignInAddressFailure.schema)
            .id()
            .field("address_hash", .string, .required)
            .field("at", .datetime, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SignInAddressFailure.schema).delete()
        try await database.schema(KnownDevice.schema).delete()
    }
}
