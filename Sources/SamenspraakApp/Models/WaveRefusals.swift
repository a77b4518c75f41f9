import Fluent
import Foundation
import SQLKit

/// How many times the open link's limit turned a parent away, per wave: one row of counters, no time, no address,
/// so staff can see that it happened (and raise the limit) without learning who.
final class WaveRefusals: Model, @unchecked Sendable {
    static let schema = "wave_refusals"

    @ID(key: .id) var id: UUID?
    @Parent(key: "wave_id") var wave: Wave
    @Field(key: "sends") var sends: Int
    @Field(key: "begins") var begins: Int

    init() {}

    enum Counter: String, Sendable {
        case sends, begins
    }

    /// Adds one to a wave's counter in one statement, so refusals at the same moment are all counted.
    static func increment(_ counter: Counter, waveID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        try await sql.insert(into: schema).columns("id", "wave_id", "sends", "begins")
            .values(SQLBind(UUID()), SQLBind(waveID), SQLBind(counter == .sends ? 1 : 0), SQLBind(counter == .begins ? 1 : 0))
            .onConflict(with: ["wave_id"]) {
                $0.set(counter.rawValue, to: SQLBinaryExpression(SQLColumn(counter.rawValue, table: schema), .add, SQLLiteral.numeric("1")))
            }
            .run()
    }
}
