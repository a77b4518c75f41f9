import Fluent
import Foundation
import SamenspraakCore
import SQLKit
import Vapor

/// Where a sent survey waits until it can join the report without standing out.
///
/// A response is not written to the report tables when it is sent. It goes to `survey_inbox` with its wave, and
/// only when a wave's inbox holds at least the smallest group (`SAMENSPRAAK_MIN_GROUP`) are all of its answers
/// moved into `survey_responses`, `survey_answers` and `survey_texts` together: in one transaction, in a random
/// order, with ids made at that moment. So
/// - every figure and open answer changes only in steps of at least that group: reloading a report after one
///   parent sends shows nothing new, so nobody's answers are the difference between two views;
/// - the report tables' keys, physical order and (on PostgreSQL) transaction ids say only which release a
///   response came in, never when it was sent or in which order;
/// - the inbox itself is written anew, in random order, on every send, so its rows too share one transaction and
///   keep no arrival order.
/// Nothing here holds who answered, a code, an address or a time; who took part and which code was used are written
/// when a survey is begun, in a transaction of their own (`WaveCode.consume`, `TeamParticipation`).
enum SurveyInbox {
    static let schema = "survey_inbox"

    /// One waiting response as it is stored in the inbox (JSON), without anything about its sender.
    struct Entry: Codable, Sendable {
        var questionnaire: String
        var language: String
        var channel: String
        var faces: [String: Int]
        var texts: [String: String]
    }

    /// One response to send: its answers as they will wait in the inbox, and the draft it comes from, if any.
    struct Send: Sendable {
        var waveID: UUID
        var entry: Entry
        /// Deleting the draft is the claim: a second send of the same draft finds nothing to delete.
        var draftID: UUID?
        /// Today: the day of the release this response becomes part of.
        var day: Day
        /// The smallest group, the size of a release.
        var threshold: Int

        init(wave: Wave, questionnaire: Questionnaire, language: LanguageCode, channel: SurveyChannel, answers: SurveyAnswers,
             day: Day, draftID: UUID?, threshold: Int) throws {
            waveID = try wave.requireID()
            entry = Entry(questionnaire: questionnaire.id, language: language.rawValue, channel: channel.rawValue,
                          faces: questionnaire.items.reduce(into: [:]) { faces, item in faces[item.id] = answers.faces[item.id] },
                          texts: questionnaire.openQuestions.reduce(into: [:]) { texts, question in texts[question] = answers.texts[question] })
            self.draftID = draftID
            self.day = day
            self.threshold = threshold
        }
    }

    /// Sends one response of `wave` (see `sendAll`); throws `DraftAlreadySent` when its draft was sent before.
    static func send(on db: any Database, wave: Wave, questionnaire: Questionnaire, language: LanguageCode, channel: SurveyChannel,
                     answers: SurveyAnswers, day: Day, draftID: UUID?, threshold: Int) async throws {
        let send = try Send(wave: wave, questionnaire: questionnaire, language: language, channel: channel, answers: answers,
                            day: day, draftID: draftID, threshold: threshold)
        try await sendAll([send], on: db)[0].get()
    }

    /// Sends responses in a few statements, whatever their number: one delete claims all their drafts, then each
    /// wave's inbox is read once, emptied, and written anew with the new responses among the waiting ones, or, when
    /// they make at least the smallest group, released to the report together. Each send's outcome is returned in
    /// order: a send whose draft was sent before (or twice in this batch) fails with `DraftAlreadySent` and
    /// stores nothing; the others stand.
    static func sendAll(_ sends: [Send], on db: any Database) async throws -> [Result<Void, any Error>] {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        let waves = Array(Set(sends.map(\.waveID))).sorted { $0.uuidString < $1.uuidString }
        try await prepareWrite(sql, waveIDs: waves)
        var claimed = Set<UUID>()
        let drafts = Array(Set(sends.compactMap(\.draftID)))
        for start in stride(from: 0, to: drafts.count, by: 300) {
            let chunk = drafts[start..<min(start + 300, drafts.count)]
            for row in try await sql.delete(from: SurveyDraft.schema).where("id", .in, SQLBind.group(Array(chunk)))
                .returning("id").all() {
                claimed.insert(try row.decode(column: "id", as: UUID.self))
            }
        }
        var outcomes: [Result<Void, any Error>] = []
        var arrived: [UUID: [Send]] = [:]
        for send in sends {
            if let draftID = send.draftID, claimed.remove(draftID) == nil {
                outcomes.append(.failure(DraftAlreadySent()))
            } else {
                outcomes.append(.success(()))
                arrived[send.waveID, default: []].append(send)
            }
        }
        for waveID in waves {
            guard let new = arrived[waveID], let last = new.last else { continue }
            let waiting = try await entries(sql, waveID: waveID) + new.map(\.entry)
            try await sql.delete(from: schema).where("wave_id", .equal, SQLBind(waveID)).run()
            if waiting.count >= last.threshold {
                try await release(waiting, sql, waveID: waveID, day: last.day)
            } else {
                try await insert(waiting.shuffled(), sql, waveID: waveID)
            }
        }
        return outcomes
    }

    /// Moves whatever waits for `wave` into the report, however few: only for demo data and test set-ups, which
    /// have no parents to protect.
    static func releaseAll(on db: any Database, waveID: UUID, day: Day) async throws {
        try await db.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            try await prepareWrite(sql, waveIDs: [waveID])
            let waiting = try await entries(sql, waveID: waveID)
            try await sql.delete(from: schema).where("wave_id", .equal, SQLBind(waveID)).run()
            if !waiting.isEmpty { try await release(waiting, sql, waveID: waveID, day: day) }
        }
    }

    /// How many responses of a wave wait for a release. Only for tests and the migration's revert: a page
    /// that showed it would count every send.
    static func waiting(on db: any Database, waveID: UUID) async throws -> Int {
        guard let sql = db as? any SQLDatabase else { return 0 }
        return try await entries(sql, waveID: waveID).count
    }

    /// Sends of one wave take their turn (PostgreSQL runs them side by side otherwise, and two could release the same
    /// rows), and deleted rows are overwritten on SQLite rather than left readable in free pages.
    /// `waveIDs` come sorted, so two transactions never wait for each other's locks.
    static func prepareWrite(_ sql: any SQLDatabase, waveIDs: [UUID]) async throws {
        if sql.dialect.name == "postgresql" {
            for waveID in waveIDs {
                let key = waveID.uuid
                let lock = [key.0, key.1, key.2, key.3, key.4, key.5, key.6, key.7].reduce(Int64(0)) { $0 << 8 | Int64($1) }
                try await sql.perform("SELECT pg_advisory_xact_lock(\(bind: lock))")
            }
        } else {
            try await sql.perform("PRAGMA secure_delete = ON")
        }
    }

    /// PostgreSQL keeps the earlier versions of updated and deleted rows in the table files until a vacuum: a draft's
    /// versions as it was filled in, inbox rows of earlier sends. They hold no code and no account, but their
    /// transaction ids date them; this clears them every hour rather than whenever autovacuum gets there.
    static func vacuum(on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, sql.dialect.name == "postgresql" else { return }
        try await sql.perform("VACUUM \(ident: SurveyDraft.schema), \(ident: schema), \(ident: TeamParticipation.schema), \(ident: WaveCode.schema)")
    }

    private static func entries(_ sql: any SQLDatabase, waveID: UUID) async throws -> [Entry] {
        try await sql.select().column("entry").from(schema).where("wave_id", .equal, SQLBind(waveID)).all().map { row in
            try JSONDecoder().decode(Entry.self, from: Data(try row.decode(column: "entry", as: String.self).utf8))
        }
    }

    private static func insert(_ entries: [Entry], _ sql: any SQLDatabase, waveID: UUID) async throws {
        guard !entries.isEmpty else { return }
        var insert = sql.insert(into: schema).columns("id", "wave_id", "entry")
        for entry in entries {
            insert = insert.values(SQLBind(UUID()), SQLBind(waveID), SQLBind(String(decoding: try JSONEncoder().encode(entry), as: UTF8.self)))
        }
        try await insert.run()
    }

    /// Writes `entries` to the report tables in random order, each response with a fresh id, all with the day of
    /// this release.
    private static func release(_ entries: [Entry], _ sql: any SQLDatabase, waveID: UUID, day: Day) async throws {
        let responses = entries.shuffled().map { (id: UUID(), entry: $0) }
        try await insertRows(sql, into: SurveyResponse.schema, columns: ["id", "wave_id", "questionnaire", "language", "channel", "day"],
                             rows: responses.map { response in
                                 [SQLBind(response.id), SQLBind(waveID), SQLBind(response.entry.questionnaire), SQLBind(response.entry.language),
                                  SQLBind(response.entry.channel), SQLBind(day.description)]
                             })
        let answers = responses.flatMap { response in response.entry.faces.map { (response.id, $0.key, $0.value) } }.shuffled()
        try await insertRows(sql, into: SurveyAnswer.schema, columns: ["id", "response_id", "wave_id", "item", "value"],
                             rows: answers.map { [SQLBind(UUID()), SQLBind($0.0), SQLBind(waveID), SQLBind($0.1), SQLBind($0.2)] })
        let texts = responses.flatMap { response in response.entry.texts.map { (response.id, $0.key, $0.value) } }.shuffled()
        try await insertRows(sql, into: SurveyText.schema, columns: ["id", "response_id", "question", "text", "hidden"],
                             rows: texts.map { [SQLBind(UUID()), SQLBind($0.0), SQLBind($0.1), SQLBind($0.2), SQLBind(false)] })
    }

    /// A few hundred rows per statement, well under either database's limit on bound values.
    static func insertRows(_ sql: any SQLDatabase, into table: String, columns: [String], rows: [[SQLBind]]) async throws {
        var start = rows.startIndex
        while start < rows.endIndex {
            let end = min(start + 300, rows.endIndex)
            var insert = sql.insert(into: table).columns(columns)
            for row in rows[start..<end] { insert = insert.values(row) }
            try await insert.run()
            start = end
        }
    }
}

extension WaveCode {
    /// Marks a code used, once: true for the one call that found it unused. Its own transaction, when a survey is
    /// begun, so it never commits with the answers.
    static func consume(hash: String, on db: any Database) async throws -> Bool {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        return try await !sql.update(schema).set("used", to: SQLBind(true)).where("code_hash", .equal, SQLBind(hash))
            .where("used", .equal, SQLBind(false)).returning("id").all().isEmpty
    }
}

/// The draft was sent already (a second tap on "send", or a replayed form).
struct DraftAlreadySent: AbortError {
    var status: HTTPResponseStatus { .notFound }
    var reason: String { "This draft was already sent" }
}
