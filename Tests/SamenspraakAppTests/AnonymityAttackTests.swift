import Fluent
import FluentSQLiteDriver
import Foundation
import NIOConcurrencyHelpers
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// Plays the school as the adversary. Fifteen parents send by one-time code and fifteen staff members answer a team
/// wave, one after the other, each with a marker in an open answer so the test knows whose answers are whose. The
/// adversary then holds what a school could hold: the database (on PostgreSQL with the system columns `xmin` and
/// `ctid`), the SQLite file itself, a backup, and the order in which the people sent (they watched the tablet). Every
/// attack below tries to pair people with answers; each fails the test if it pairs better than chance.
///
/// "Chance" here: answers join the report in groups of at least the smallest group (5), so knowing that someone was
/// among the first five to send is knowledge the design gives away on purpose. Pairing by position within those groups
/// gets about one right per group (three of fifteen) by luck; twelve or more right happens by luck about once in
/// 20 000 runs, and every order attack on the earlier storage got all fifteen.
@Suite struct AnonymityAttackTests {
    static let people = 15
    static let tooGood = 12

    /// Who sent, in the order they sent, and the marker of their answers.
    struct Truth {
        var parents: [(codeHash: String, marker: String)] = []
        var team: [(userID: UUID, marker: String)] = []
        /// Every draft id the adversary saw while surveys were in progress.
        var draftIDs: Set<UUID> = []
        var parentWave: UUID
        var teamWave: UUID
    }

    // MARK: the play

    static func play(_ app: Application) async throws -> Truth {
        let world = try await DemoWorld.seed(app)
        let parentWave = try #require(try await Wave.query(on: app.db).filter(\.$id == UUID(uuidString: world.summary.waveID)!).first())
        let lead = try await world.browser(app, as: world.leadA)
        let created = try await lead.post("/staff/schools/\(world.schoolA)/waves", [("questionnaire", "team-v1"), ("opens_on", "2026-09-20"),
                                                                                    ("closes_on", "2026-10-10"), ("families", "")])
        #expect(created.status == .seeOther)
        let teamWave = try #require(try await Wave.query(on: app.db).filter(\.$questionnaire == "team-v1").first())
        var truth = Truth(parentWave: try parentWave.requireID(), teamWave: try teamWave.requireID())

        // Codes are used in an order other than the one they were made in, as slips handed out would be.
        let codes = try await Wave.makeCodes(people, for: parentWave, app: app, on: app.db).shuffled()
        for (index, code) in codes.enumerated() {
            let parent = Browser(app)
            let entered = try await parent.post("/c", [("code", code), ("lang", "nl")], csrf: false)
            let start = try #require(entered.location).split(separator: "?")[0]
            #expect(try await parent.post(String(start), [("lang", "nl")], csrf: false).status == .seeOther)
            let marker = "marker-parent-\(index)-of-\(UUID().uuidString.prefix(8))"
            truth.draftIDs.formUnion(try await SurveyDraft.query(on: app.db).all().compactMap(\.id))
            let sent = try await parent.answerAll("\(start)/1", value: "3", well: marker)
            #expect(sent.location?.contains("/thanks") == true)
            truth.parents.append((try await app.codeHash(try #require(OneTimeCode.normalize(code)), on: app.db), marker))
        }

        // Staff accounts made in one order, answering in another.
        let hash = try app.password.hash("een lang wachtwoord")
        var members: [User] = []
        for index in 0..<people {
            let user = User(email: "teamlid\(index)@school.be", name: "Teamlid \(index)", passwordHash: hash, role: .member,
                            schoolID: UUID(uuidString: world.schoolA), mustChangePassword: false)
            try await user.create(on: app.db)
            members.append(user)
        }
        for (index, member) in members.shuffled().enumerated() {
            let browser = Browser(app)
            #expect(try await browser.signIn(member.email, "een lang wachtwoord").status == .seeOther)
            let first = try await browser.startSurvey("/o/\(teamWave.slug)", language: "nl")
            let marker = "marker-team-\(index)-of-\(UUID().uuidString.prefix(8))"
            truth.draftIDs.formUnion(try await SurveyDraft.query(on: app.db).all().compactMap(\.id))
            let sent = try await browser.answerAll(first, value: "4", well: marker, questionnaire: "team-v1")
            #expect(sent.location?.contains("/thanks") == true)
            truth.team.append((try member.requireID(), marker))
        }
        return truth
    }

    // MARK: reading the database as the adversary

    /// Rows of a query as strings, in the order the database gives them.
    static func rows(_ sql: any SQLDatabase, _ query: String) async throws -> [[String: String]] {
        let result = NIOLockedValueBox<[[String: String]]>([])
        try await sql.execute(sql: SQLRaw(query)) { row in
            var values: [String: String] = [:]
            for column in row.allColumns {
                if let id = try? row.decode(column: column, as: UUID.self) { values[column] = id.uuidString }
                else if let text = try? row.decode(column: column, as: String.self) { values[column] = text }
                else if let number = try? row.decode(column: column, as: Int.self) { values[column] = String(number) }
            }
            result.withLockedValue { $0.append(values) }
        }
        return result.withLockedValue { $0 }
    }

    /// The marker of each response and waiting inbox entry of a wave, in the order `order` gives (an SQL fragment
    /// after ORDER BY, or nil for the order the table is read in); the inbox last, as its answers are the newest.
    static func markers(_ sql: any SQLDatabase, wave: UUID, order: String?) async throws -> [String] {
        let texts = try await rows(sql, "SELECT response_id, text FROM survey_texts WHERE question = 'well'")
        let byResponse = Dictionary(texts.map { ($0["response_id"] ?? "", $0["text"] ?? "") }, uniquingKeysWith: { a, _ in a })
        let waveHex = wave.uuidString
        var result: [String] = []
        for row in try await rows(sql, "SELECT id, wave_id FROM survey_responses\(order.map { " ORDER BY \($0)" } ?? "")")
        where row["wave_id"] == waveHex {
            if let marker = byResponse[row["id"] ?? ""] { result.append(marker) }
        }
        for row in try await rows(sql, "SELECT wave_id, entry FROM survey_inbox") where row["wave_id"] == waveHex {
            let entry = try JSONDecoder().decode(SurveyInbox.Entry.self, from: Data((row["entry"] ?? "").utf8))
            result.append(entry.texts["well"] ?? "")
        }
        return result
    }

    /// How many of `guess` are at the position the truth has them.
    static func matches(_ guess: [String], _ truth: [String]) -> Int {
        zip(guess, truth).filter { $0 == $1 }.count
    }

    // MARK: the attacks

    @Test func no_order_in_the_database_pairs_people_with_their_answers() async throws {
        try await withTestApp { app, _ in
            let truth = try await Self.play(app)
            let sql = try #require(app.db as? any SQLDatabase)
            let parentOrder = truth.parents.map(\.marker), teamOrder = truth.team.map(\.marker)
            let onPostgres = sql.dialect.name == "postgresql"
            var orders: [(name: String, order: String?)] = [("the order the table is read in", nil)]
            if onPostgres {
                orders += [("physical order (ctid)", "ctid"), ("transaction order (xmin, then ctid)", "xmin::text::bigint, ctid")]
            } else {
                // A table keyed by rowid would give the order of arrival; a table without one cannot be asked.
                let rowid = try? await Self.rows(sql, "SELECT rowid FROM survey_responses LIMIT 1")
                #expect(rowid == nil, "survey_responses has a rowid, whose order is the order of arrival")
                for table in ["survey_answers", "survey_texts", "survey_inbox", "team_participations", "survey_drafts"] {
                    #expect((try? await Self.rows(sql, "SELECT rowid FROM \(table) LIMIT 1")) == nil, "\(table) has a rowid")
                }
            }
            for (name, order) in orders {
                let parents = Self.matches(try await Self.markers(sql, wave: truth.parentWave, order: order), parentOrder)
                let team = Self.matches(try await Self.markers(sql, wave: truth.teamWave, order: order), teamOrder)
                print("attack: pairing the order of sending with \(name): \(parents) of \(Self.people) parents, \(team) of \(Self.people) team members")
                #expect(parents < Self.tooGood && team < Self.tooGood, "\(name) gives away who sent which answers")
            }
            // Every answer arrived and is counted: three releases of five.
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$wave.$id == truth.parentWave).count() == Self.people)
            #expect(try await SurveyResponse.query(on: app.db).filter(\.$wave.$id == truth.teamWave).count() == Self.people)
        }
    }

    @Test func who_took_part_and_which_code_was_used_never_share_a_transaction_or_an_order_with_the_answers() async throws {
        try await withTestApp { app, _ in
            let truth = try await Self.play(app)
            let sql = try #require(app.db as? any SQLDatabase)
            // The draft's id was the response's id: an adversary who saw drafts (with their code or account) knew the
            // response. No response id was ever a draft's.
            let responseIDs = Set(try await SurveyResponse.query(on: app.db).all().compactMap(\.id))
            print("attack: responses whose id was the id of a draft seen in progress: \(responseIDs.intersection(truth.draftIDs).count) of \(responseIDs.count)")
            #expect(responseIDs.isDisjoint(with: truth.draftIDs))
            #expect(!truth.draftIDs.isEmpty)
            // Drafts hold no code and no account any more.
            let draftColumns = try await Self.rows(sql, "SELECT * FROM survey_drafts").flatMap(\.keys)
            #expect(!draftColumns.contains("code_hash") && !draftColumns.contains("user_id"))

            guard sql.dialect.name == "postgresql" else { return }
            // The hourly vacuum of the tables whose dead row versions would date a draft, a send or a code's use.
            try await SurveyInbox.vacuum(on: app.db)
            // The same transaction id on a participation (or a used code) and a response names the response.
            for (table, filter) in [("team_participations", ""), ("wave_codes", " WHERE c.used")] {
                let joined = try await Self.rows(sql, """
                    SELECT r.id FROM survey_responses r JOIN \(table) c ON r.xmin = c.xmin\(filter)
                    """)
                let inbox = try await Self.rows(sql, "SELECT i.id FROM survey_inbox i JOIN \(table) c ON i.xmin = c.xmin\(filter)")
                print("attack: joining \(table) to the answers on xmin: \(joined.count + inbox.count) pairs")
                #expect(joined.isEmpty && inbox.isEmpty, "\(table) shares a transaction with answers")
            }
            // Without watching the tablet: order who took part (and which codes were used) by transaction, and pair.
            let participants = try await Self.rows(sql, """
                SELECT user_id FROM team_participations WHERE wave_id = '\(truth.teamWave.uuidString.lowercased())' ORDER BY xmin::text::bigint, ctid
                """).compactMap { $0["user_id"] }
            let markerOf = Dictionary(truth.team.map { ($0.userID.uuidString, $0.marker) }, uniquingKeysWith: { a, _ in a })
            let teamGuess = participants.compactMap { markerOf[$0] }
            let teamAnswers = try await Self.markers(sql, wave: truth.teamWave, order: "xmin::text::bigint, ctid")
            let usedCodes = try await Self.rows(sql, "SELECT code_hash FROM wave_codes WHERE used ORDER BY xmin::text::bigint, ctid")
                .compactMap { $0["code_hash"] }
            let codeMarker = Dictionary(truth.parents.map { ($0.codeHash, $0.marker) }, uniquingKeysWith: { a, _ in a })
            let parentAnswers = try await Self.markers(sql, wave: truth.parentWave, order: "xmin::text::bigint, ctid")
            let team = Self.matches(teamGuess, teamAnswers), parents = Self.matches(usedCodes.compactMap { codeMarker[$0] }, parentAnswers)
            print("attack: pairing the transaction order of participations with the answers': \(team) of \(Self.people); of used codes: \(parents) of \(Self.people)")
            #expect(team < Self.tooGood && parents < Self.tooGood)
        }
    }

    @Test func the_sqlite_file_and_its_backup_keep_no_trace_of_a_draft_and_no_order() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samenspraak-attack-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("samenspraak.sqlite").path
        let backup = directory.appendingPathComponent("backup.sqlite").path
        try await withTestApp(configure: { config in
            if case .sqliteMemory = config.database { config.database = .sqliteFile(file) }
        }) { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            guard sql.dialect.name != "postgresql" else { return }
            let truth = try await Self.play(app)
            try await Backup.make(app: app, config: app.samenspraakConfig, to: backup)
            try await sql.execute(sql: SQLRaw("PRAGMA wal_checkpoint(TRUNCATE)"), { _ in })

            // Every marker is in the file once, in its report row: no draft, inbox row or earlier version of one is
            // left readable in free pages.
            for path in [file, backup] {
                let bytes = try Data(contentsOf: URL(fileURLWithPath: path))
                var counts: [Int] = []
                for marker in truth.parents.map(\.marker) + truth.team.map(\.marker) {
                    counts.append(Self.occurrences(of: Data(marker.utf8), in: bytes))
                }
                print("attack: reading \(path == file ? "the database file" : "the backup") byte by byte: each marker found \(Set(counts).sorted()) times")
                #expect(counts.allSatisfy { $0 == 1 }, "a sent answer is readable more than once in \(path == file ? "the file" : "the backup")")
                // A used code is in the file as often as an unused one: nothing else kept it.
                let unused = try await WaveCode.query(on: app.db).filter(\.$used == false).filter(\.$wave.$id == truth.parentWave).first()
                let baseline = Self.occurrences(of: Data(try #require(unused).codeHash.utf8), in: bytes)
                for parent in truth.parents {
                    #expect(Self.occurrences(of: Data(parent.codeHash.utf8), in: bytes) == baseline, "a used code left a trace")
                }
            }

            // The backup, read in its own order, pairs no better than the live file.
            app.databases.use(.sqlite(.file(backup)), as: DatabaseID(string: "backup"))
            let copy = try #require(app.db(DatabaseID(string: "backup")) as? any SQLDatabase)
            let parents = Self.matches(try await Self.markers(copy, wave: truth.parentWave, order: nil), truth.parents.map(\.marker))
            let team = Self.matches(try await Self.markers(copy, wave: truth.teamWave, order: nil), truth.team.map(\.marker))
            print("attack: pairing the order of sending with the backup's order: \(parents) of \(Self.people) parents, \(team) of \(Self.people) team members")
            #expect(parents < Self.tooGood && team < Self.tooGood)
            #expect((try? await Self.rows(copy, "SELECT rowid FROM survey_responses LIMIT 1")) == nil)
        }
    }

    static func occurrences(of needle: Data, in haystack: Data) -> Int {
        var count = 0
        var range = haystack.startIndex..<haystack.endIndex
        while let found = haystack.range(of: needle, in: range) {
            count += 1
            range = found.upperBound..<haystack.endIndex
        }
        return count
    }
}
