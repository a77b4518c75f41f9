import Fluent

/// The durable outbox of e-mail (written in the same transaction as the action that causes a mail, sent by a
/// worker in the server), the one-use links of "forgot your password", and each staff member's language for mail.
struct CreateMailOutbox: AsyncMigration {
    var name: String { "019_create_mail_outbox" }

    func prepare(on database: any Database) async throws {
        try await database.schema(OutboxMail.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("kind", .string, .required)
            .field("recipient", .string, .required)
            .field("recipient_name", .string, .required)
            .field("language", .string, .required)
            .field("subject", .string, .required)
            .field("text_body", .string, .required)
            .field("html_body", .string, .required)
            .field("message_id", .string, .required)
            .field("status", .string, .required)
            .field("attempts", .int, .required)
            .field("next_attempt_at", .datetime, .required)
            .field("claim_token", .uuid)
            .field("claimed_until", .datetime)
            .field("last_error", .string)
            .field("sent_at", .datetime)
            .field("invitation_id", .uuid, .references(Invitation.schema, .id, onDelete: .setNull))
            .field("requested_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .create()
        try await database.schema(PasswordReset.schema)
            .id()
            .field("created_at", .datetime, .required)
            .field("token_hash", .string, .required)
            .field("expires_at", .datetime, .required)
            .field("used_at", .datetime)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .unique(on: "token_hash")
            .create()
        try await database.schema(User.schema).field("language", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).deleteField("language").update()
        try await database.schema(PasswordReset.schema).delete()
        try await database.schema(OutboxMail.schema).delete()
    }
}
