import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The report's query on its own, without a request: on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
@Suite struct ReportQueryTests {
    static func query(_ app: Application) -> ReportQuery {
        ReportQuery(db: app.db, questionnaires: app.questionnaires, threshold: app.samenspraakConfig.minimumGroup)
    }

    static func wave(_ app: Application, _ id: String) async throws -> Wave {
        let waveID = try #require(UUID(uuidString: id))
        return try #require(try await Wave.loadScoped(waveID, on: app.db))
    }

    static func school(_ app: Application, _ id: String) async throws -> School {
        try #require(try await School.find(UUID(uuidString: id), on: app.db))
    }

    @Test func figures_come_without_open_answers_unless_asked() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let wave = try await Self.wave(app, world.summary.waveIDs[0])
            let figures = try await Self.query(app).report(for: wave)
            #expect(figures.responses == 36)
            #expect(figures.hasFigures)
            #expect(figures.openAnswers.isEmpty)
            let withTexts = try await Self.query(app).report(for: wave, including: .openAnswers)
            #expect(withTexts.keys == figures.keys)
            #expect(withTexts.openAnswers.contains { $0.text == "De juf begroet ons elke ochtend bij naam." })
            #expect(withTexts.openAnswers.map(\.text) == withTexts.openAnswers.map(\.text).sorted(), "in the order of their text")
        }
    }

    @Test func moderation_says_who_hid_an_answer_only_when_asked() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let text = try #require(try await SurveyText.query(on: app.db).filter(\.$text == "Dat ze ook de papa aanspreken.").first())
            let hide = try await lead.post("/staff/waves/\(world.summary.waveIDs[0])/texts/\(try text.requireID().uuidString.lowercased())",
                                           [("hidden", "1")])
            #expect(hide.status == .seeOther)
            let wave = try await Self.wave(app, world.summary.waveIDs[0])
            let plain = try await Self.query(app).report(for: wave, including: .openAnswers)
            let hiddenPlain = try #require(plain.openAnswers.first { $0.text == "Dat ze ook de papa aanspreken." })
            #expect(hiddenPlain.hidden)
            #expect(hiddenPlain.hiddenBy == nil)
            let logged = try await Self.query(app).report(for: wave, including: [.openAnswers, .moderation])
            let hidden = try #require(logged.openAnswers.first { $0.text == "Dat ze ook de papa aanspreken." })
            #expect(hidden.hiddenBy == "Directie Basisschool De Regenboog")
            #expect(hidden.hiddenOn == Day(year: 2026, month: 9, day: 21))
        }
    }

    @Test func a_schools_waves_come_in_order_with_only_those_that_have_figures() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let school = try await Self.school(app, world.schoolA)
            let parents = app.currentParentQuestionnaire.id
            let oldestFirst = try await Self.query(app).reportsWithFigures(of: school, questionnaire: parents, order: .oldestFirst)
            #expect(oldestFirst.map(\.report.responses) == [30, 36])
            let newestFirst = try await Self.query(app).reportsWithFigures(of: school, questionnaire: parents, order: .newestFirst)
            #expect(newestFirst.map(\.report.responses) == [36, 30])
            let latest = try #require(newestFirst.first?.wave)
            #expect(try await latest.previous(on: app.db)?.id == oldestFirst.first?.wave.id)
            #expect(try await oldestFirst[0].wave.previous(on: app.db) == nil)
            // The second school's wave has 3 answers: too few to show, so it is left out.
            let second = try await Self.school(app, world.schoolB)
            #expect(try await Self.query(app).reportsWithFigures(of: second, questionnaire: parents, order: .newestFirst).isEmpty)
        }
    }

    @Test func the_comparison_lists_every_school_of_the_trajectory() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let comparison = try await Self.query(app).comparison(trajectoryID: #require(UUID(uuidString: world.trajectory)),
                                                                  questionnaire: app.currentParentQuestionnaire.id, viewer: world.schoolA,
                                                                  key: try await app.codeKey(on: app.db))
            let coordinatorView = try await Self.query(app).comparison(trajectoryID: #require(UUID(uuidString: world.trajectory)),
                                                                       questionnaire: app.currentParentQuestionnaire.id, viewer: nil,
                                                                       key: try await app.codeKey(on: app.db))
            #expect(comparison.columns.count == 4)
            #expect(coordinatorView.columns.count == 4)
            let own = try #require(comparison.columns.first { $0.isViewer })
            #expect(own.schoolID == world.schoolA)
            #expect(own.name == "Basisschool De Regenboog", "a school sees its own name")
            #expect(comparison.columns.filter { !$0.isViewer }.allSatisfy { $0.name == nil }, "names that were not shared stay hidden")
            #expect(coordinatorView.columns.allSatisfy { $0.name != nil }, "the coordinator sees every name")
            #expect(!own.scores.isEmpty, "the school's latest parent survey has figures")
        }
    }

    @Test func schools_without_a_name_follow_a_keyed_order_that_stays_put() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let trajectory = try #require(UUID(uuidString: world.trajectory))
            let key = try await app.codeKey(on: app.db)
            func compare() async throws -> TrajectoryComparison {
                try await Self.query(app).comparison(trajectoryID: trajectory, questionnaire: app.currentParentQuestionnaire.id,
                                                     viewer: world.schoolA, key: key)
            }
            let first = try await compare()
            let hidden = first.columns.filter { $0.name == nil }
            #expect(hidden.count == 3)
            #expect(hidden.map(\.number) == [1, 2, 3])
            // The order is that of an HMAC of trajectory and school under the app's key, not that of the names.
            let expected = hidden.map(\.schoolID).sorted {
                ReportQuery.hiddenOrder(trajectoryID: trajectory, schoolID: $0, key: key)
                    < ReportQuery.hiddenOrder(trajectoryID: trajectory, schoolID: $1, key: key)
            }
            #expect(hidden.map(\.schoolID) == expected)
            #expect(ReportQuery.hiddenOrder(trajectoryID: trajectory, schoolID: world.schoolB, key: key)
                    != ReportQuery.hiddenOrder(trajectoryID: UUID(), schoolID: world.schoolB, key: key), "another trajectory, another order")
            #expect(try await compare() == first, "the same every time")
            // The page numbers them the same way.
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/schools/\(world.schoolA)/comparison")
            #expect(page.text.contains("Een andere school (1)") && page.text.contains("Een andere school (3)"))
        }
    }
}
