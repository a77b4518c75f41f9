import Fluent
import Foundation
import SQLKit

/// How many paper forms a staff member typed in for a wave: a count, never which responses and never when, so a
/// typed-in answer cannot be dated or traced back to the form it came from.
final class PaperEntryCount: Model, @unchecked Sendable {
    static let schema = "paper_entry_counts"

    @ID(key: .id) var id: UUID?
    @Parent(key: "wave_id") var wave: Wave
    @Parent(key: "user_id") var user: User
    @Field(key: "responses") var responses: Int

    init() {}

    /// Adds one in one statement; pass the transaction that stores the response, so the two go together.
    static func increment(waveID: UUID, userID: UUID, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        try await sql.insert(into: schema).columns("id", "wave_id", "user_id", "responses")
            .values(SQLBind(UUID()), SQLBind(waveID), SQLBind(userID), SQLBind(1))
            .onConflict(with: ["wave_id", "user_id"]) {
                $0.set("responses", to: SQLBinaryExpression(SQLColumn("responses", table: schema), .add, SQLLiteral.numeric("1")))
            }
            .run()
    }
}
