import Fluent
import Foundation
import SamenspraakCore
import SQLKit

/// Survey storage that says nothing about who answered or when (see `SurveyInbox`):
/// - drafts lose the code and the account they carried: a code in a draft in progress is used up now, and a staff
///   member's draft of a team wave becomes their participation now, so nothing of either is lost;
/// - responses, answers, open answers, their moderation, team participations and drafts are written anew, in
///   random order, with fresh response ids (an old response had its draft's id, which a deleted draft row with a
///   code or account could still show); on SQLite as `WITHOUT ROWID` tables keyed by those random ids, so neither
///   key nor physical order follows arrival, nor does a `VACUUM INTO` backup;
/// - the responses already in a report stay there, each dated with its wave's latest day;
/// - `survey_inbox` holds sent responses until a release moves them.
/// One transaction, with SQLite's `secure_delete` on, so the old rows are overwritten rather than freed.
struct UnlinkableSurveyStorage: AsyncMigration {
    var name: String { "014_unlinkable_survey_storage" }

    /// The tables in the order they are created; dropped in the opposite order.
    static func tables(_ dialect: Dialect) -> [(name: String, sql: String)] {
        let uuid = "UUID", text = "TEXT", int = dialect == .postgres ? "BIGINT" : "INTEGER"
        let bool = dialect == .postgres ? "BOOLEAN" : "INTEGER", date = dialect == .postgres ? "TIMESTAMPTZ" : "REAL"
        let waves = "REFERENCES \"\(Wave.schema)\" (\"id\") ON DELETE CASCADE"
        return [
            (SurveyDraft.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL, "wave_id" \(uuid) NOT NULL \(waves), "token_hash" \(text) NOT NULL UNIQUE,
                "language" \(text), "channel" \(text) NOT NULL, "answers" \(text) NOT NULL, "expires_at" \(date) NOT NULL
                """),
            (SurveyInbox.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL, "wave_id" \(uuid) NOT NULL \(waves), "entry" \(text) NOT NULL
                """),
            (SurveyResponse.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL, "wave_id" \(uuid) NOT NULL \(waves), "questionnaire" \(text) NOT NULL,
                "language" \(text) NOT NULL, "channel" \(text) NOT NULL, "day" \(text) NOT NULL
                """),
            (SurveyAnswer.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL,
                "response_id" \(uuid) NOT NULL REFERENCES "\(SurveyResponse.schema)" ("id") ON DELETE CASCADE,
                "item" \(text) NOT NULL, "value" \(int) NOT NULL, "wave_id" \(uuid) \(waves)
                """),
            (SurveyText.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL,
                "response_id" \(uuid) NOT NULL REFERENCES "\(SurveyResponse.schema)" ("id") ON DELETE CASCADE,
                "question" \(text) NOT NULL, "text" \(text) NOT NULL, "hidden" \(bool) NOT NULL DEFAULT FALSE
                """),
            (TextModeration.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL,
                "text_id" \(uuid) NOT NULL REFERENCES "\(SurveyText.schema)" ("id") ON DELETE CASCADE,
                "user_id" \(uuid) REFERENCES "\(User.schema)" ("id") ON DELETE SET NULL, "hidden" \(bool) NOT NULL, "at" \(date) NOT NULL
                """),
            (TeamParticipation.schema, """
                "id" \(uuid) PRIMARY KEY NOT NULL, "wave_id" \(uuid) NOT NULL \(waves),
                "user_id" \(uuid) NOT NULL REFERENCES "\(User.schema)" ("id") ON DELETE CASCADE, UNIQUE ("wave_id", "user_id")
                """),
        ]
    }

    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("survey_drafts_expiry", SurveyDraft.schema, ["expires_at"]),
        ("survey_inbox_wave", SurveyInbox.schema, ["wave_id"]),
        ("survey_responses_wave", SurveyResponse.schema, ["wave_id", "language", "channel"]),
        ("survey_answers_wave", SurveyAnswer.schema, ["wave_id", "item", "value"]),
        ("survey_answers_response", SurveyAnswer.schema, ["response_id"]),
        ("survey_texts_response", SurveyText.schema, ["response_id"]),
        ("text_moderations_text", TextModeration.schema, ["text_id"]),
    ]

    enum Dialect { case sqlite, postgres }

    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Every row of a table, as values ready to insert again.
    typealias Rows = [[SQLBind]]

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw Failure(description: "survey storage needs an SQL database") }
            let dialect: Dialect = sql.dialect.name == "postgresql" ? .postgres : .sqlite
            if dialect == .sqlite { try await sql.perform("PRAGMA secure_delete = ON") }

            // What drafts in progress carried is used up now, as a new draft would do it.
            try await sql.perform("""
                UPDATE \(ident: WaveCode.schema) SET "used" = \(bind: true)
                WHERE "code_hash" IN (SELECT "code_hash" FROM \(ident: SurveyDraft.schema) WHERE "code_hash" IS NOT NULL)
                """)
            let participants = try await sql.rows(of: """
                SELECT DISTINCT d."wave_id", d."user_id" FROM \(ident: SurveyDraft.schema) d WHERE d."user_id" IS NOT NULL
                AND NOT EXISTS (SELECT 1 FROM \(ident: TeamParticipation.schema) t WHERE t."wave_id" = d."wave_id" AND t."user_id" = d."user_id")
                """).map { [try $0.decode(column: "wave_id", as: UUID.self), try $0.decode(column: "user_id", as: UUID.self)] }

            // Read everything, then drop and create, then write it back in random order.
            let drafts: Rows = try await sql.select().columns("id", "wave_id", "token_hash", "language", "channel", "answers", "expires_at")
                .from(SurveyDraft.schema).all().map { row in
                    [SQLBind(try row.decode(column: "id", as: UUID.self)), SQLBind(try row.decode(column: "wave_id", as: UUID.self)),
                     SQLBind(try row.decode(column: "token_hash", as: String.self)),
                     SQLBind(try row.decode(column: "language", as: String?.self)), SQLBind(try row.decode(column: "channel", as: String.self)),
                     SQLBind(try row.decode(column: "answers", as: String.self)), SQLBind(try row.decode(column: "expires_at", as: Date.self))]
                }
            var newIDs: [UUID: UUID] = [:]
            var latestDay: [UUID: String] = [:]
            var read: [(id: UUID, waveID: UUID, questionnaire: String, language: String, channel: String)] = []
            for row in try await sql.select().columns("id", "wave_id", "questionnaire", "language", "channel", "day")
                .from(SurveyResponse.schema).all() {
                let id = UUID(), waveID = try row.decode(column: "wave_id", as: UUID.self), day = try row.decode(column: "day", as: String.self)
                newIDs[try row.decode(column: "id", as: UUID.self)] = id
                latestDay[waveID] = max(latestDay[waveID] ?? day, day)
                read.append((id, waveID, try row.decode(column: "questionnaire", as: String.self),
                             try row.decode(column: "language", as: String.self), try row.decode(column: "channel", as: String.self)))
            }
            // Every response of a wave gets the wave's latest day: a day per response would date it.
            let responses: Rows = read.map { response in
                [SQLBind(response.id), SQLBind(response.waveID), SQLBind(response.questionnaire), SQLBind(response.language),
                 SQLBind(response.channel), SQLBind(latestDay[response.waveID] ?? "")]
            }
            func responseID(_ row: any SQLRow) throws -> UUID {
                let old = try row.decode(column: "response_id", as: UUID.self)
                guard let new = newIDs[old] else { throw Failure(description: "an answer names response \(old), which does not exist") }
                return new
            }
            let answers: Rows = try await sql.select().columns("response_id", "item", "value", "wave_id").from(SurveyAnswer.schema).all().map { row in
                [SQLBind(UUID()), SQLBind(try responseID(row)), SQLBind(try row.decode(column: "item", as: String.self)),
                 SQLBind(try row.decode(column: "value", as: Int.self)), SQLBind(try row.decode(column: "wave_id", as: UUID?.self))]
            }
            let texts: Rows = try await sql.select().columns("id", "response_id", "question", "text", "hidden").from(SurveyText.schema).all().map { row in
                [SQLBind(try row.decode(column: "id", as: UUID.self)), SQLBind(try responseID(row)),
                 SQLBind(try row.decode(column: "question", as: String.self)), SQLBind(try row.decode(column: "text", as: String.self)),
                 SQLBind(try row.decode(column: "hidden", as: Bool.self))]
            }
            let moderations: Rows = try await sql.select().columns("id", "text_id", "user_id", "hidden", "at").from(TextModeration.schema).all()
                .map { row in
                    [SQLBind(try row.decode(column: "id", as: UUID.self)), SQLBind(try row.decode(column: "text_id", as: UUID.self)),
                     SQLBind(try row.decode(column: "user_id", as: UUID?.self)), SQLBind(try row.decode(column: "hidden", as: Bool.self)),
                     SQLBind(try row.decode(column: "at", as: Date.self))]
                }
            let participations: Rows = try await sql.select().columns("wave_id", "user_id").from(TeamParticipation.schema).all().map { row in
                [SQLBind(UUID()), SQLBind(try row.decode(column: "wave_id", as: UUID.self)), SQLBind(try row.decode(column: "user_id", as: UUID.self))]
            } + participants.map { [SQLBind(UUID()), SQLBind($0[0]), SQLBind($0[1])] }

            let tables = Self.tables(dialect)
            for index in AddSurveyIndexes.indexes.map(\.name) + ["survey_drafts_expiry"] {
                try await sql.perform("DROP INDEX IF EXISTS \(ident: index)")
            }
            for table in tables.reversed() where table.name != SurveyInbox.schema {
                try await sql.perform("DROP TABLE \(ident: table.name)")
            }
            for table in tables {
                let suffix = dialect == .sqlite ? " WITHOUT ROWID" : ""
                try await sql.perform("CREATE TABLE \(ident: table.name) (\(unsafeRaw: table.sql))\(unsafeRaw: suffix)")
            }
            for index in Self.indexes {
                var builder = sql.create(index: index.name).on(index.table)
                for column in index.columns { builder = builder.column(column) }
                try await builder.run()
            }
            let copies: [(String, [String], Rows)] = [
                (SurveyDraft.schema, ["id", "wave_id", "token_hash", "language", "channel", "answers", "expires_at"], drafts),
                (SurveyResponse.schema, ["id", "wave_id", "questionnaire", "language", "channel", "day"], responses),
                (SurveyAnswer.schema, ["id", "response_id", "item", "value", "wave_id"], answers),
                (SurveyText.schema, ["id", "response_id", "question", "text", "hidden"], texts),
                (TextModeration.schema, ["id", "text_id", "user_id", "hidden", "at"], moderations),
                (TeamParticipation.schema, ["id", "wave_id", "user_id"], participations),
            ]
            for (table, columns, rows) in copies {
                try await SurveyInbox.insertRows(sql, into: table, columns: columns, rows: rows.shuffled())
            }
        }
    }

    /// Back to drafts that can hold a code and an account (empty), and no inbox: what waits in it is released into
    /// the report, however few, so that nothing sent is lost.
    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw Failure(description: "survey storage needs an SQL database") }
            let waves = try await sql.select().distinct().column("wave_id").from(SurveyInbox.schema).all()
                .map { try $0.decode(column: "wave_id", as: UUID.self) }
            for waveID in waves {
                try await SurveyInbox.releaseAll(on: db, waveID: waveID, day: Day(date: Date()))
            }
            try await sql.perform("DROP TABLE \(ident: SurveyInbox.schema)")
            _ = try await sql.select().column("id").from(SurveyDraft.schema).limit(1).all()
            try await sql.perform("ALTER TABLE \(ident: SurveyDraft.schema) ADD COLUMN \"code_hash\" TEXT")
            try await sql.perform("""
                ALTER TABLE \(ident: SurveyDraft.schema) ADD COLUMN "user_id" UUID REFERENCES "\(unsafeRaw: User.schema)" ("id") ON DELETE CASCADE
                """)
        }
    }
}
