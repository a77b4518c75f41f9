import Fluent
import FluentKit
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// Databases made by an earlier schema, with data, brought up to date by the migrations of today.
@Suite struct MigrationTests {
    /// Runs the migrations named before `name` (e.g. "013"), as a server of that time would have.
    static func migrate(_ app: Application, before name: String) async throws {
        let earlier = FluentKit.Migrations()
        earlier.add(Migrations.all.filter { $0.name < name })
        let migrator = Migrator(databases: app.databases, migrations: earlier, logger: app.logger, on: app.eventLoopGroup.any())
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    static func sql(_ app: Application) throws -> any SQLDatabase { try #require(app.db as? any SQLDatabase) }

    /// The column names of `table`, read as data from the catalog (SQLite's `sqlite_master`, PostgreSQL's
    /// `information_schema`), not from a statement's result columns.
    static func columns(_ app: Application, of table: String) async throws -> [String] {
        let sql = try sql(app)
        if sql.dialect.name == "sqlite" {
            let create = try await sql.select().column("sql").from("sqlite_master").where("name", .equal, SQLBind(table)).first()?
                .decode(column: "sql", as: String.self) ?? ""
            // `CREATE TABLE "t" ("a" …, "b" …, …)`: every quoted name after the table's own.
            let names = create.split(separator: "\"").enumerated().filter { $0.offset % 2 == 1 }.map { String($0.element) }
            return Array(names.dropFirst())
        }
        return try await sql.select().column("column_name").from(SQLQualifiedTable("columns", space: "information_schema"))
            .where("table_name", .equal, SQLBind(table)).all().map { try $0.decode(column: "column_name", as: String.self) }
    }

    /// A trajectory, a school and a wave with a response, two stories and two moments with a rating, in the
    /// shape of schema 012: days as `YYYY-MM-DD` text, keys as a comma-separated column.
    struct OldWorld {
        let school = UUID(), wave = UUID(), published = UUID(), draft = UUID(), evening = UUID(), coffee = UUID()
    }

    static func seedSchema012(_ app: Application) async throws -> OldWorld {
        let world = OldWorld()
        let sql = try sql(app)
        let trajectory = UUID()
        try await sql.insert(into: "trajectories").columns("id", "name", "starts_on", "ends_on")
            .values(SQLBind(trajectory), SQLBind("Traject 2026"), SQLBind("2026-09-01"), SQLBind("2027-01-31")).run()
        try await sql.insert(into: "schools").columns("id", "trajectory_id", "name", "levels", "languages")
            .values(SQLBind(world.school), SQLBind(trajectory), SQLBind("De Linde"), SQLBind("primary"), SQLBind("nl")).run()
        try await sql.insert(into: "waves").columns("id", "school_id", "questionnaire", "slug", "opens_on", "closes_on")
            .values(SQLBind(world.wave), SQLBind(world.school), SQLBind("parents-v1"), SQLBind("abc123"), SQLBind("2026-09-20"),
                    SQLBind("2026-10-10")).run()
        try await sql.insert(into: "survey_responses").columns("id", "wave_id", "questionnaire", "language", "channel", "day")
            .values(SQLBind(UUID()), SQLBind(world.wave), SQLBind("parents-v1"), SQLBind("nl"), SQLBind("open"), SQLBind("2026-09-21")).run()
        let stories: [(UUID, String, String, String, Date?)] = [
            (world.published, "Vaders aan de poort", "4,9", "published", Date(timeIntervalSince1970: 1_789_000_000)),
            (world.draft, "Koffie in de klas", "12", "draft", nil),
        ]
        for (id, title, keys, status, published) in stories {
            try await sql.insert(into: "stories")
                .columns("id", "title", "summary", "body", "keys", "anonymous", "status", "slug", "school_id", "published_at")
                .values(SQLBind(id), SQLBind(title), SQLBind("Kort."), SQLBind("Lang."), SQLBind(keys), SQLBind(false), SQLBind(status),
                        SQLBind(id.uuidString.lowercased()), SQLBind(world.school), SQLBind(published)).run()
        }
        let moments: [(UUID, String, String, String, String?)] = [
            (world.evening, "Infoavond", "2026-10-01", "1,10,11", "2026-10-05"),
            (world.coffee, "Koffiemoment", "2026-10-02", "9", nil),
        ]
        for (id, title, day, keys, replyOn) in moments {
            try await sql.insert(into: "moments")
                .columns("id", "school_id", "kind", "title", "starts_on", "ends_on", "keys", "window_days", "slug", "reply_on")
                .values(SQLBind(id), SQLBind(world.school), SQLBind("infoavond"), SQLBind(title), SQLBind(day), SQLBind(day), SQLBind(keys),
                        SQLBind(14), SQLBind(String(id.uuidString.prefix(8)).lowercased()), SQLBind(replyOn)).run()
        }
        try await sql.insert(into: "moment_ratings")
            .columns("id", "moment_id", "device_hash", "face", "chips", "text_hidden", "text_public", "language", "day")
            .values(SQLBind(UUID()), SQLBind(world.evening), SQLBind("h"), SQLBind(4), SQLBind(""), SQLBind(false), SQLBind(false),
                    SQLBind("nl"), SQLBind("2026-10-03")).run()
        return world
    }

    @Test func keys_and_days_written_by_schema_012_survive_the_key_tables() async throws {
        try await withTestApp(migrate: false) { app, _ in
            try await Self.migrate(app, before: "013")
            let world = try await Self.seedSchema012(app)

            try await app.autoMigrate()

            let stories = try await Story.query(on: app.db).with(\.$keyRows).all()
            #expect(Dictionary(uniqueKeysWithValues: stories.map { ($0.id, $0.keys) }) == [world.published: [4, 9], world.draft: [12]])
            #expect(try await Story.published(withKey: 9, on: app.db).map(\.id) == [world.published])
            #expect(try await Story.published(withKey: 12, on: app.db).isEmpty, "a draft is not public")
            #expect(try await Story.published(withKey: 1, on: app.db).isEmpty, "no LIKE: 1 does not match 10 or 11")
            let moments = try await Moment.query(on: app.db).with(\.$keyRows).sort(\.$starts).all()
            #expect(moments.map(\.keys) == [[1, 10, 11], [9]])
            #expect(moments.map(\.starts) == [Day(year: 2026, month: 10, day: 1), Day(year: 2026, month: 10, day: 2)])
            #expect(moments.map(\.replyOn) == [Day(year: 2026, month: 10, day: 5), nil])
            #expect(try await MomentKey.query(on: app.db).filter(\.$key == 1).all().map(\.$moment.id) == [world.evening])
            #expect(try await MomentRating.query(on: app.db).first()?.day == Day(year: 2026, month: 10, day: 3))
            #expect(try await MomentRating.query(on: app.db).first()?.released == 1, "ratings shown before the steps stay shown")
            let wave = try #require(try await Wave.find(world.wave, on: app.db))
            #expect((wave.opens, wave.closes) == (Day(year: 2026, month: 9, day: 20), Day(year: 2026, month: 10, day: 10)))
            #expect(try await SurveyResponse.query(on: app.db).first()?.day == Day(year: 2026, month: 9, day: 21))
            let trajectory = try #require(try await Trajectory.query(on: app.db).first())
            #expect((trajectory.starts, trajectory.ends) == (Day(year: 2026, month: 9, day: 1), Day(year: 2027, month: 1, day: 31)))
            // The old column is gone; the days are still the same text.
            let sql = try Self.sql(app)
            let row = try #require(try await sql.select().column(SQLLiteral.all).from("moments").where("id", .equal, world.coffee).first())
            let columns = try await Self.columns(app, of: "moments")
            #expect(columns.contains("title") && !columns.contains("keys"), "\(columns)")
            #expect(try row.decode(column: "starts_on", as: String.self) == "2026-10-02")
        }
    }

    @Test func deleting_a_story_or_moment_deletes_its_keys() async throws {
        try await withTestApp(migrate: false) { app, _ in
            try await Self.migrate(app, before: "013")
            let world = try await Self.seedSchema012(app)
            try await app.autoMigrate()
            try await Story.query(on: app.db).filter(\.$id == world.published).delete()
            try await Moment.query(on: app.db).filter(\.$id == world.evening).delete()
            #expect(try await StoryKey.query(on: app.db).all().map(\.key) == [12])
            #expect(try await MomentKey.query(on: app.db).all().map(\.key) == [9])
        }
    }

    @Test func keys_that_are_not_numbers_stop_the_migration_and_change_nothing() async throws {
        try await withTestApp(migrate: false) { app, _ in
            try await Self.migrate(app, before: "013")
            let world = try await Self.seedSchema012(app)
            let sql = try Self.sql(app)
            try await sql.update("moments").set("keys", to: "4,vier").where("id", .equal, world.coffee).run()
            await #expect(throws: CreateKeyTables.BadKeys.self) { try await app.autoMigrate() }
            let row = try #require(try await sql.select().column("keys").from("moments").where("id", .equal, world.evening).first())
            #expect(try row.decode(column: "keys", as: String.self) == "1,10,11")
        }
    }

    @Test func a_day_that_is_not_a_date_fails_loudly_instead_of_becoming_1970() async throws {
        try await withTestApp { app, _ in
            let sql = try Self.sql(app)
            let trajectory = UUID()
            try await sql.insert(into: "trajectories").columns("id", "name", "starts_on", "ends_on")
                .values(SQLBind(trajectory), SQLBind("Traject"), SQLBind("2026-02-30"), SQLBind("2026-06-30")).run()
            await #expect(throws: (any Error).self) { try await Trajectory.find(trajectory, on: app.db) }
        }
    }

    @Test func the_key_tables_can_be_taken_back_to_comma_separated_keys() async throws {
        try await withTestApp(migrate: false) { app, _ in
            try await Self.migrate(app, before: "013")
            let world = try await Self.seedSchema012(app)
            try await app.autoMigrate()
            try await CreateKeyTables().revert(on: app.db)
            let sql = try Self.sql(app)
            let row = try #require(try await sql.select().column("keys").from("moments").where("id", .equal, world.evening).first())
            #expect(try row.decode(column: "keys", as: String.self) == "1,10,11")
        }
    }

    @Test func answers_rebuilt_around_their_response_keep_every_answer_and_the_report_reads_them_alike() async throws {
        try await withTestApp { app, _ in
            _ = try await DemoWorld.seed(app, answers: true)
            let sql = try Self.sql(app)
            func answers() async throws -> [String] {
                try await sql.select().column("id").column("response_id").column("item").column("value").column("wave_id")
                    .from(SurveyAnswer.schema).all().map { row in
                        "\(try row.decode(column: "id", as: UUID.self)) \(try row.decode(column: "response_id", as: UUID.self)) "
                            + "\(try row.decode(column: "item", as: String.self)) \(try row.decode(column: "value", as: Int.self)) "
                            + "\(try row.decode(column: "wave_id", as: UUID?.self).map(\.uuidString) ?? "-")"
                    }.sorted()
            }
            let before = try await answers()
            #expect(before.count > 1_000)
            // Back to answers keyed by their own id (and its index on the response), and forward again.
            try await ClusterAnswersByResponse().revert(on: app.db)
            #expect(try await answers() == before)
            try await ClusterAnswersByResponse().prepare(on: app.db)
            #expect(try await answers() == before)
            if sql.dialect.name == "sqlite" {
                let create = try #require(try await sql.select().column("sql").from("sqlite_master")
                    .where("name", .equal, SQLBind(SurveyAnswer.schema)).first()).decode(column: "sql", as: String.self)
                #expect(create.contains(#"PRIMARY KEY ("response_id", "item")) WITHOUT ROWID"#))
                let indexes = try await sql.select().column("name").from("sqlite_master").where("tbl_name", .equal, SQLBind(SurveyAnswer.schema))
                    .where("type", .equal, SQLBind("index")).all().map { try $0.decode(column: "name", as: String.self) }
                #expect(indexes.filter { !$0.hasPrefix("sqlite_autoindex") }.sorted() == ["survey_answers_wave_respondent"])
            }
            // A response whose wave is deleted takes its answers along, through the rebuilt table's references.
            let waveID = try #require(try await Wave.query(on: app.db).all().first { wave in
                before.contains { $0.hasSuffix(" \(wave.id!.uuidString)") }
            }?.requireID())
            try await Wave.query(on: app.db).filter(\.$id == waveID).delete()
            #expect(try await answers() == before.filter { !$0.hasSuffix(" \(waveID.uuidString)") })
        }
    }

    /// A survey in the shape of schema 013: drafts in progress holding a code and a staff account, responses that
    /// took their draft's id, with answers, open answers and a moderation.
    struct Survey013 {
        let wave = UUID(), teamWave = UUID(), user = UUID(), codeDraft = UUID(), teamDraft = UUID(), text = UUID()
        let responses = [UUID(), UUID()]
        let codeHash = "c0de"
    }

    /// Seeds schema 012's world, brings it to schema 013, and adds the survey.
    static func seedSchema013(_ app: Application) async throws -> Survey013 {
        try await migrate(app, before: "013")
        let world = try await seedSchema012(app)
        try await migrate(app, before: "014")
        let survey = Survey013()
        let sql = try sql(app)
        try await sql.insert(into: "waves").columns("id", "school_id", "questionnaire", "slug", "opens_on", "closes_on")
            .values(SQLBind(survey.teamWave), SQLBind(world.school), SQLBind("team-v1"), SQLBind("team12"), SQLBind("2026-09-20"),
                    SQLBind("2026-10-10")).run()
        try await sql.insert(into: "users").columns("id", "email", "name", "password_hash", "role", "school_id", "must_change_password")
            .values(SQLBind(survey.user), SQLBind("juf@school.be"), SQLBind("Juf"), SQLBind("x"), SQLBind("member"), SQLBind(world.school),
                    SQLBind(false)).run()
        try await sql.insert(into: "wave_codes").columns("id", "wave_id", "code_hash", "used")
            .values(SQLBind(UUID()), SQLBind(world.wave), SQLBind(survey.codeHash), SQLBind(false)).run()
        let expires = Date(timeIntervalSince1970: 1_790_050_000)
        try await sql.insert(into: "survey_drafts")
            .columns("id", "wave_id", "token_hash", "language", "channel", "code_hash", "answers", "expires_at", "user_id")
            .values(SQLBind(survey.codeDraft), SQLBind(world.wave), SQLBind("t1"), SQLBind("ar"), SQLBind("code"), SQLBind(survey.codeHash),
                    SQLBind(#"{"faces":{"k1_greet":4},"texts":{}}"#), SQLBind(expires), SQLBind(UUID?.none))
            .values(SQLBind(survey.teamDraft), SQLBind(survey.teamWave), SQLBind("t2"), SQLBind("nl"), SQLBind("link"), SQLBind(String?.none),
                    SQLBind("{}"), SQLBind(expires), SQLBind(survey.user)).run()
        // The response of schema 012's world (21 September) and two more.
        let existing = try #require(try await sql.select().column("id").from("survey_responses").first()).decode(column: "id", as: UUID.self)
        for (index, id) in survey.responses.enumerated() {
            try await sql.insert(into: "survey_responses").columns("id", "wave_id", "questionnaire", "language", "channel", "day")
                .values(SQLBind(id), SQLBind(world.wave), SQLBind("parents-v1"), SQLBind("nl"), SQLBind("link"), SQLBind("2026-09-2\(index + 2)"))
                .run()
        }
        for (index, id) in ([existing] + survey.responses).enumerated() {
            try await sql.insert(into: "survey_answers").columns("id", "response_id", "item", "value", "wave_id")
                .values(SQLBind(UUID()), SQLBind(id), SQLBind("k1_greet"), SQLBind(index + 1), SQLBind(world.wave))
                .values(SQLBind(UUID()), SQLBind(id), SQLBind("k2_same"), SQLBind(3), SQLBind(world.wave)).run()
        }
        try await sql.insert(into: "survey_texts").columns("id", "response_id", "question", "text", "hidden")
            .values(SQLBind(survey.text), SQLBind(survey.responses[0]), SQLBind("help"), SQLBind("Meer uitleg"), SQLBind(true)).run()
        try await sql.insert(into: "text_moderations").columns("id", "text_id", "user_id", "hidden", "at")
            .values(SQLBind(UUID()), SQLBind(survey.text), SQLBind(survey.user), SQLBind(true), SQLBind(expires)).run()
        return survey
    }

    @Test func survey_storage_of_schema_013_becomes_unlinkable_and_keeps_everything() async throws {
        try await withTestApp(migrate: false) { app, _ in
            let survey = try await Self.seedSchema013(app)
            let sql = try Self.sql(app)
            let oldIDs = Set(try await sql.select().column("id").from("survey_responses").all().map { try $0.decode(column: "id", as: UUID.self) })

            try await app.autoMigrate()

            // What the drafts in progress carried is used up: the code, and the staff member's participation.
            #expect(try await WaveCode.query(on: app.db).filter(\.$codeHash == survey.codeHash).first()?.used == true)
            #expect(try await TeamParticipation.query(on: app.db).filter(\.$user.$id == survey.user).filter(\.$wave.$id == survey.teamWave).count() == 1)
            // The drafts themselves go on, without either.
            let drafts = try await SurveyDraft.query(on: app.db).all()
            #expect(Set(drafts.compactMap(\.id)) == [survey.codeDraft, survey.teamDraft])
            #expect(drafts.first { $0.id == survey.codeDraft }?.answers.faces == ["k1_greet": 4])
            // The columns as the database's catalog holds them now (a pooled SQLite connection that has not yet seen the
            // new schema would expand `SELECT *` to the old columns).
            let columns = try await Self.columns(app, of: "survey_drafts")
            #expect(columns.contains("answers") && !columns.contains("code_hash") && !columns.contains("user_id"), "\(columns)")
            // Every response is still there with its answers, under an id it never had, dated with the wave's last day.
            let responses = try await SurveyResponse.query(on: app.db).with(\.$answers).with(\.$texts).all()
            #expect(responses.count == 3)
            #expect(Set(responses.compactMap(\.id)).isDisjoint(with: oldIDs))
            #expect(Set(responses.map(\.day)) == [Day(year: 2026, month: 9, day: 23)])
            #expect(responses.map { $0.answers.count }.sorted() == [2, 2, 2])
            #expect(responses.flatMap(\.answers).filter { $0.item == "k1_greet" }.map(\.value).sorted() == [1, 2, 3])
            let text = try #require(try await SurveyText.find(survey.text, on: app.db))
            #expect(text.hidden && text.text == "Meer uitleg")
            #expect(try await TextModeration.query(on: app.db).filter(\.$text.$id == survey.text).count() == 1)
            if sql.dialect.name != "postgresql" {
                for table in ["survey_responses", "survey_answers", "survey_texts", "survey_inbox", "team_participations", "survey_drafts"] {
                    await #expect(throws: (any Error).self, "\(table) keeps a rowid") {
                        try await sql.raw("SELECT rowid FROM \(unsafeRaw: table)").run()
                    }
                }
            }

            // Taken back: what waited in the inbox joins the report, and drafts can hold a code and an account again.
            let wave = try #require(try await Wave.query(on: app.db).filter(\.$slug == "abc123").with(\.$school).first())
            try await app.db.transaction { db in
                try await SurveyInbox.send(on: db, wave: wave, questionnaire: try app.questionnaire(of: wave), language: .nl, channel: .paper,
                                           answers: SurveyAnswers(faces: ["k1_greet": 4]), day: Day(year: 2026, month: 9, day: 30),
                                           draftID: nil, threshold: 5)
            }
            try await UnlinkableSurveyStorage().revert(on: app.db)
            #expect(try await SurveyResponse.query(on: app.db).count() == 4)
            try await sql.update("survey_drafts").set("code_hash", to: SQLBind("x")).set("user_id", to: SQLBind(survey.user)).run()
        }
    }
}
