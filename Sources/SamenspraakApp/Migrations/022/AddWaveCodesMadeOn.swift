import Fluent

/// The day the latest batch of code slips was made for a wave, so its page can say so and nobody makes a
/// second batch by mistake. Staff data about the wave: nothing here dates a parent or a code.
struct AddWaveCodesMadeOn: AsyncMigration {
    var name: String { "022_add_wave_codes_made_on" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Wave.schema).field("codes_made_on", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Wave.schema).deleteField("codes_made_on").update()
    }
}
