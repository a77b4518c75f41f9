import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Vapor

/// Sent answers wait in the inbox until enough of them join the report together (see `SurveyInbox`). A test that
/// looks at what one parent's answers became moves them on as if enough others had sent.
func releaseWaiting(_ app: Application) async throws {
    guard let sql = app.db as? any SQLDatabase else { return }
    let waves = try await sql.select().distinct().column("wave_id").from(SurveyInbox.schema).all()
        .map { try $0.decode(column: "wave_id", as: UUID.self) }
    for wave in waves {
        try await SurveyInbox.releaseAll(on: app.db, waveID: wave, day: Day(date: app.services.now()))
    }
}

/// Responses sent, in the report or still waiting for a release.
func sentCount(_ app: Application, wave: UUID? = nil) async throws -> Int {
    guard let sql = app.db as? any SQLDatabase else { return 0 }
    var waiting = sql.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(SurveyInbox.schema)
    var reported = SurveyResponse.query(on: app.db)
    if let wave {
        waiting = waiting.where("wave_id", .equal, SQLBind(wave))
        reported = reported.filter(\.$wave.$id == wave)
    }
    return try await reported.count() + (waiting.first()?.decode(column: "n", as: Int.self) ?? 0)
}
