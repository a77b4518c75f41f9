import Fluent
import SQLKit

/// Accounts can be deactivated (and reactivated) without losing what their owner wrote; the team page shows each
/// account's last sign-in day; an invitation can be revoked; and every account action is written to an audit log
/// with snapshots of the names involved, so the log still reads right after a name changes.
struct AddStaffAccountLifecycle: AsyncMigration {
    var name: String { "018_add_staff_account_lifecycle" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(User.schema).field("deactivated_at", .datetime).update()
        try await database.schema(User.schema).field("last_sign_in_on", .string).update()
        try await database.schema(Invitation.schema).field("revoked_at", .datetime).update()
        try await database.schema(AuditEntry.schema)
            .id()
            .field("at", .datetime, .required)
            .field("actor_id", .uuid)
            .field("actor_name", .string, .required)
            .field("action", .string, .required)
            .field("subject_id", .uuid)
            .field("subject_name", .string, .required)
            .field("subject_email", .string, .required)
            .field("school_id", .uuid)
            .field("detail", .string, .required)
            .create()
        // The pages read a school's entries, or all of them, newest first.
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "audit_entries_at").on(AuditEntry.schema).column("at").run()
            try await sql.create(index: "audit_entries_school_at").on(AuditEntry.schema).column("school_id").column("at").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(AuditEntry.schema).delete()
        try await database.schema(Invitation.schema).deleteField("revoked_at").update()
        try await database.schema(User.schema).deleteField("last_sign_in_on").update()
        try await database.schema(User.schema).deleteField("deactivated_at").update()
    }
}
