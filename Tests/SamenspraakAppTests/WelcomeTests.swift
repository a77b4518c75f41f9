import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// The welcome round: a teacher's class, its seats and contacts; the lead's and the coordinator's figures; the purge.
@Suite struct WelcomeTests {
    /// Opens a round of `families` seats as `browser` (a member of `schoolID`) and returns its id.
    static func openRound(_ browser: Browser, schoolID: String, className: String = "3B", families: Int = 6) async throws -> String {
        let response = try await browser.post("/staff/schools/\(schoolID)/welcome", [("class_name", className), ("families", String(families))])
        #expect(response.status == .seeOther)
        let location = try #require(response.location)
        #expect(location.hasPrefix("/staff/welcome/"))
        return String(location.dropFirst("/staff/welcome/".count).prefix { $0 != "?" })
    }

    static func warm(day: String = "2026-09-21", how: String = "gate", language: String = "ar", interpreter: String = "yes") -> [(String, String)] {
        [("kind", "warm"), ("day", day), ("how", how), ("language", language), ("interpreter", interpreter)]
    }

    /// The contacts of the round the test opened (the demo has a round of its own).
    static func contacts(_ app: Application, round: String) -> QueryBuilder<WelcomeContactRow> {
        WelcomeContactRow.query(on: app.db).filter(\.$round.$id == UUID(uuidString: round)!)
    }

    static func contactCount(_ app: Application, round: String) async throws -> Int { try await contacts(app, round: round).count() }

    @Test func a_teacher_opens_a_round_and_records_contacts_seat_by_seat() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let school = try await teacher.get("/staff/schools/\(world.schoolA)")
            #expect(school.text.contains("/staff/schools/\(world.schoolA)/welcome"))
            let round = try await Self.openRound(teacher, schoolID: world.schoolA)
            let grid = try await teacher.get("/staff/welcome/\(round)")
            #expect(grid.status == .ok)
            #expect(grid.text.contains("/staff/welcome/\(round)/seats/6"))
            #expect(!grid.text.contains("/staff/welcome/\(round)/seats/7"))
            let form = try await teacher.get("/staff/welcome/\(round)/seats/3")
            #expect(form.text.contains("value=\"2026-09-21\""), "the day is today unless changed")

            let saved = try await teacher.post("/staff/welcome/\(round)/seats/3", Self.warm())
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/staff/welcome/\(round)?saved=warm")
            #expect(try await teacher.get("/staff/welcome/\(round)").text.contains("Plaats 3: warm contact"))

            // A double tap: the same contact again is not stored twice.
            let again = try await teacher.post("/staff/welcome/\(round)/seats/3", Self.warm())
            #expect(again.location == "/staff/welcome/\(round)/seats/3?saved=repeated")
            #expect(try await Self.contactCount(app, round: round) == 1)
            let list = try await teacher.get("/staff/schools/\(world.schoolA)/welcome")
            #expect(list.text.contains("1 van 6 gezinnen warm bereikt"))
        }
    }

    @Test func a_concern_before_anything_good_is_met_kindly() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await Self.openRound(teacher, schoolID: world.schoolA)
            let saved = try await teacher.post("/staff/welcome/\(round)/seats/2", [("kind", "concern"), ("day", "2026-09-21")])
            #expect(saved.location == "/staff/welcome/\(round)/seats/2?saved=concern-first")
            let page = try await teacher.get(try #require(saved.location))
            #expect(page.text.contains("Dit gezin hoorde van ons nog niets goeds"))
            #expect(page.text.contains("goednieuwskaartje"))
            // A warm contact the same day: which came first is asked, and nothing is stored until it is answered.
            let asked = try await teacher.post("/staff/welcome/\(round)/seats/2", Self.warm())
            #expect(asked.status == .unprocessableEntity)
            #expect(asked.text.contains("Zeg wat eerst kwam"))
            #expect(asked.text.contains("name=\"first\""))
            #expect(try await Self.contactCount(app, round: round) == 1)
            let answered = try await teacher.post("/staff/welcome/\(round)/seats/2", Self.warm() + [("first", "concern")])
            #expect(answered.status == .seeOther)
            let row = try #require(try await Self.contacts(app, round: round).filter(\.$kind == "warm").first())
            #expect(row.firstOnDay == "concern")
        }
    }

    @Test func bad_input_is_answered_in_the_users_language_and_stores_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let badRound = try await teacher.post("/staff/schools/\(world.schoolA)/welcome", [("class_name", "3B"), ("families", "99")])
            #expect(badRound.status == .unprocessableEntity)
            #expect(badRound.text.contains("Geef het aantal gezinnen, van 1 tot 60."))
            #expect(badRound.text.contains("value=\"3B\""))
            #expect(try await WelcomeRound.query(on: app.db).filter(\.$families == 99).count() == 0)

            let round = try await Self.openRound(teacher, schoolID: world.schoolA)
            let future = try await teacher.post("/staff/welcome/\(round)/seats/1", Self.warm(day: "2026-09-22"))
            #expect(future.status == .unprocessableEntity)
            #expect(future.text.contains("Die dag is nog niet gekomen."))
            #expect(future.text.contains("value=\"2026-09-22\""))
            let before = try await teacher.post("/staff/welcome/\(round)/seats/1", Self.warm(day: "2026-09-01"))
            #expect(before.text.contains("Die dag valt vóór de opening van de ronde."))
            let missing = try await teacher.post("/staff/welcome/\(round)/seats/1", [("kind", "warm"), ("day", "2026-09-21")])
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("Kies hoe het contact verliep."))
            let beyond = try await teacher.post("/staff/welcome/\(round)/seats/7", Self.warm())
            #expect(beyond.status == .notFound)
            #expect(beyond.text.contains("Deze klas heeft geen plaats 7"))
            #expect(try await teacher.get("/staff/welcome/\(round)/seats/0").status == .notFound)
            #expect(try await Self.contactCount(app, round: round) == 0)

            teacher.acceptLanguage = "en"
            let english = try await teacher.post("/staff/welcome/\(round)/seats/1", Self.warm(day: "2026-09-22"))
            #expect(english.text.contains("This day has not come yet."))
        }
    }

    @Test func the_lead_sees_figures_per_class_but_no_seat_and_colleagues_see_nothing_of_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await Self.openRound(teacher, schoolID: world.schoolA, className: "Klas van juf Saar")
            _ = try await teacher.post("/staff/welcome/\(round)/seats/1", Self.warm())
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.get("/staff/welcome/\(round)").status == .forbidden)
            #expect(try await lead.get("/staff/welcome/\(round)/seats/1").status == .forbidden)
            let figures = try await lead.get("/staff/schools/\(world.schoolA)/welcome/figures")
            #expect(figures.status == .ok)
            #expect(figures.text.contains("Klas van juf Saar"))
            #expect(figures.text.contains("1 van 6"))
            #expect(figures.text.contains("minder dan"), "one family in Arabic is a group too small to show")
            #expect(!figures.text.contains("/seats/"))
            let list = try await lead.get("/staff/schools/\(world.schoolA)/welcome")
            #expect(list.text.contains("Klas van juf Saar"))
            #expect(!list.text.contains("/staff/welcome/\(round)"))

            // Another teacher of the same school does not see this class at all.
            let other = User(email: "collega@school.be", name: "Meester Tom", passwordHash: try app.password.hash("een lange zin hier"),
                             role: .member, schoolID: UUID(uuidString: world.schoolA)!, mustChangePassword: false)
            try await other.create(on: app.db)
            let colleague = Browser(app)
            _ = try await colleague.signIn("collega@school.be", "een lange zin hier")
            #expect(try await colleague.get("/staff/welcome/\(round)").status == .forbidden)
            #expect(try await colleague.post("/staff/welcome/\(round)/seats/2", Self.warm()).status == .forbidden)
            #expect(!(try await colleague.get("/staff/schools/\(world.schoolA)/welcome").text.contains("Klas van juf Saar")))

            let coordinator = try await world.browser(app, as: world.coordinator)
            let side = try await coordinator.get("/staff/trajectories/\(world.trajectory)/welcome")
            #expect(side.status == .ok)
            // The school's figure counts every class of the year: this one and the demo teacher's.
            let rounds = try await WelcomeRound.query(on: app.db).filter(\.$school.$id == UUID(uuidString: world.schoolA)!).all()
            let warmSeats = try await WelcomeContactRow.query(on: app.db).filter(\.$round.$id ~~ rounds.compactMap(\.id)).filter(\.$kind == "warm").all()
                .map { "\($0.$round.id)-\($0.seat)" }
            #expect(side.text.contains("\(Set(warmSeats).count) van \(rounds.map(\.families).reduce(0, +))"))
            #expect(rounds.count == 2 && Set(warmSeats).count > 1)
            #expect(side.text.contains("4. "), "key 4 is beside the figures")
        }
    }

    @Test func a_round_is_deleted_when_its_school_year_is_over() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await Self.openRound(teacher, schoolID: world.schoolA)
            _ = try await teacher.post("/staff/welcome/\(round)/seats/1", Self.warm())
            _ = try await teacher.post("/staff/welcome/\(round)/seats/2", [("kind", "concern"), ("day", "2026-09-21")])
            #expect(try await teacher.get("/staff/welcome/\(round)").text.contains("wordt gewist op"))
            let end = app.samenspraakConfig.schoolYearEnd
            #expect(try await WelcomePurge.run(on: app.db, today: Day(year: 2027, month: 8, day: 31), end: end) == 0)
            #expect(try await Self.contactCount(app, round: round) == 2)
            // The test's round and the demo's: every round of the school year that ended.
            #expect(try await WelcomePurge.run(on: app.db, today: Day(year: 2027, month: 9, day: 1), end: end) == 2)
            #expect(try await WelcomeRound.query(on: app.db).count() == 0)
            #expect(try await WelcomeContactRow.query(on: app.db).count() == 0)
            #expect(try await Self.contactCount(app, round: round) == 0)
            _ = clock
        }
    }

    @Test func the_school_year_end_is_configurable() throws {
        #expect(try AppConfiguration(environment: [:]).schoolYearEnd == .standard)
        #expect(try AppConfiguration(environment: ["SAMENSPRAAK_SCHOOL_YEAR_END": "06-30"]).schoolYearEnd == SchoolYearEnd(month: 6, day: 30))
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["SAMENSPRAAK_SCHOOL_YEAR_END": "12-31"]) }
    }

    @Test func the_tables_hold_nothing_that_identifies_a_family() async throws {
        try await withTestApp { app, _ in
            let sql = try #require(app.db as? any SQLDatabase)
            func columns(_ table: String) async throws -> [String: String] {
                var result: [String: String] = [:]
                if sql.dialect.name == "sqlite" {
                    for row in try await sql.rows(of: "SELECT name, type FROM pragma_table_info(\(literal: table))") {
                        result[try row.decode(column: "name", as: String.self)] = try row.decode(column: "type", as: String.self).lowercased()
                    }
                } else {
                    for row in try await sql.rows(of: "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = \(bind: table)") {
                        result[try row.decode(column: "column_name", as: String.self)] = try row.decode(column: "data_type", as: String.self).lowercased()
                    }
                }
                return result
            }
            let sqlite = sql.dialect.name == "sqlite"
            let uuid = "uuid", text = "text", int = sqlite ? "integer" : "bigint", bool = sqlite ? "integer" : "boolean"
            let time = sqlite ? "real" : "timestamp with time zone"
            let rounds = try await columns("welcome_rounds"), contacts = try await columns("welcome_contacts")
            #expect(rounds == ["id": uuid, "school_id": uuid, "created_by": uuid, "class_name": text, "families": int,
                                                            "school_year": int, "started_on": text, "created_at": time], "\(rounds)")
            #expect(contacts == ["id": uuid, "round_id": uuid, "seat": int, "kind": text, "day": text, "how": text,
                                                              "language": text, "with_interpreter": bool, "first_on_day": text], "\(contacts)")
            // A good-news card: the seat, what the card said and in which language, the teacher's own signature, the hash of
            // its link, its days, and the parent's answer (a button and the words they chose to send the teacher).
            let cards = try await columns("good_news_cards")
            #expect(cards == ["id": uuid, "round_id": uuid, "seat": int, "token_hash": text, "sentence": text, "language": text,
                              "teacher_name": text, "made_on": text, "expires_on": text, "reply": text, "reply_text": text,
                              "replied_on": text], "\(cards)")
        }
    }
}
