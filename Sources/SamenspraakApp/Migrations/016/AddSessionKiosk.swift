import Fluent

/// A signed-in browser can be turned into a kiosk for one wave (assisted mode): while the column holds a wave,
/// the session opens no staff page until its staff member types their password again. A plain column: the kiosk
/// loads its wave each time it starts a survey and handles one that is gone.
struct AddSessionKiosk: AsyncMigration {
    var name: String { "016_add_session_kiosk" }

    func prepare(on database: any Database) async throws {
        try await database.schema(StaffSession.schema).field("kiosk_wave_id", .uuid).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(StaffSession.schema).deleteField("kiosk_wave_id").update()
    }
}
