import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The trajectory's timeline says what happened, not only what the calendar says; the coordinator moves its phases.
@Suite struct TrajectoryPhaseTests {
    /// A trajectory made through the form, with its dates before the test clock's today (21 September 2026).
    func pastTrajectory(_ browser: Browser, schools: [String] = []) async throws -> String {
        let made = try await browser.post("/staff/trajectories", [("name", "Traject voorjaar"), ("starts_on", "2026-01-05"),
                                                                  ("ends_on", "2026-06-26")])
        #expect(made.status == .seeOther)
        let path = try #require(made.location)
        for name in schools {
            let school = try await browser.post("\(path)/schools", [("name", name), ("levels[]", "lager"), ("languages[]", "nl")])
            #expect(school.status == .seeOther)
        }
        return path
    }

    func closedWave(_ app: Application, school name: String, questionnaire: String = "parents-v1") async throws {
        let school = try #require(try await School.query(on: app.db).filter(\.$name == name).first())
        try await Wave(schoolID: school.requireID(), questionnaire: questionnaire, slug: "w" + UUID().uuidString.prefix(8).lowercased(),
                       opens: Day(year: 2026, month: 2, day: 2), closes: Day(year: 2026, month: 2, day: 20), families: nil).create(on: app.db)
    }

    func phase(_ page: String, _ name: String) -> String? {
        guard let heading = page.range(of: "<h3>\(name)</h3>"),
              let open = page[..<heading.lowerBound].range(of: "<li class=\"", options: .backwards) else { return nil }
        return page[open.upperBound...].prefix { $0 != "\"" }.description
    }

    @Test func a_new_trajectory_whose_dates_have_passed_shows_its_phases_late_not_done() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let path = try await pastTrajectory(browser)
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(!page.text.contains("Afgerond"))
            #expect(page.text.components(separatedBy: "Achter op schema").count == 7)
            for name in ["Workshop", "Ouderbevraging", "Teambevraging", "Rapporten", "Actieplannen", "Verhalen"] {
                #expect(phase(page.text, name) == "phase late", "\(name)")
            }
            _ = try await browser.get("/language/en?back=\(path)")
            let english = try await browser.get(path)
            #expect(!english.text.contains(">Done<"))
            #expect(english.text.contains("Behind schedule"))
        }
    }

    @Test func the_survey_phase_is_done_once_every_school_closed_a_parent_wave() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let path = try await pastTrajectory(browser, schools: ["School Noord", "School Zuid"])
            try await closedWave(app, school: "School Noord")
            try await closedWave(app, school: "School Zuid", questionnaire: "team-v1")
            let partly = try await browser.get(path)
            #expect(phase(partly.text, "Ouderbevraging") == "phase late")
            #expect(partly.text.contains("1 van 2 scholen klaar"))
            #expect(phase(partly.text, "Teambevraging") == "phase late")
            try await closedWave(app, school: "School Zuid")
            let done = try await browser.get(path)
            #expect(phase(done.text, "Ouderbevraging") == "phase done")
            #expect(done.text.components(separatedBy: "Afgerond").count == 2)
            // Closed, but without answers there is no report to read yet.
            #expect(phase(done.text, "Rapporten") == "phase late")
            #expect(phase(done.text, "Workshop") == "phase late")
        }
    }

    @Test func each_phase_is_done_by_what_happened() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let path = try await pastTrajectory(browser, schools: ["School Noord"])
            let trajectory = try #require(try await Trajectory.query(on: app.db).filter(\.$name == "Traject voorjaar").first())
            let trajectoryID = try trajectory.requireID()
            let school = try #require(try await School.query(on: app.db).filter(\.$name == "School Noord").first())
            let schoolID = try school.requireID()
            let today = Day(year: 2026, month: 9, day: 21), minimumGroup = app.samenspraakConfig.minimumGroup
            func progress() async throws -> TrajectoryProgress {
                try await trajectory.progress(on: app.db, today: today, minimumGroup: minimumGroup, questionnaires: app.questionnaires)
            }
            #expect(try await progress() == TrajectoryProgress(schools: 1))

            // The workshop took place the day before; one of the day itself is not over yet.
            for day in [20, 21] {
                try await TrajectoryEvent(trajectoryID: trajectoryID, valid: .init(
                    title: "Workshop", date: Day(year: 2026, month: 9, day: day), starts: TimeOfDay(hour: 9, minute: 0),
                    ends: TimeOfDay(hour: 12, minute: 0), meetingURL: nil, description: "", programme: [], speakers: [], capacity: nil,
                    notes: nil, slidesURL: nil, recordingURL: nil)).create(on: app.db)
            }
            // A closed parent wave with a report's worth of answers, one still open with more, a closed team wave.
            let wave = Wave(schoolID: schoolID, questionnaire: "parents-v1", slug: "voorjaar", opens: Day(year: 2026, month: 2, day: 2),
                            closes: Day(year: 2026, month: 2, day: 20), families: nil)
            try await wave.create(on: app.db)
            let open = Wave(schoolID: schoolID, questionnaire: "parents-v1", slug: "najaar", opens: Day(year: 2026, month: 9, day: 1),
                            closes: Day(year: 2026, month: 9, day: 30), families: nil)
            try await open.create(on: app.db)
            for (target, count) in [(wave, minimumGroup - 1), (open, minimumGroup)] {
                for _ in 0..<count {
                    try await SurveyResponse(id: UUID(), waveID: target.requireID(), questionnaire: "parents-v1", language: .nl,
                                             channel: .link, day: target.opens).create(on: app.db)
                }
            }
            try await closedWave(app, school: "School Noord", questionnaire: "team-v1")
            var seen = try await progress()
            #expect(seen == TrajectoryProgress(schools: 1, eventsHeld: 1, schoolsWithClosedParentWave: 1, schoolsWithClosedTeamWave: 1))
            try await SurveyResponse(id: UUID(), waveID: wave.requireID(), questionnaire: "parents-v1", language: .nl, channel: .link,
                                     day: wave.opens).create(on: app.db)
            try await ActionPlan(schoolID: schoolID, trajectoryID: trajectoryID, keys: [3]).create(on: app.db)
            let story = Story(schoolID: schoolID, authorID: nil, slug: "voorjaar-verhaal",
                              valid: .init(title: "Koffie", summary: "Kort.", body: "Lang.", keys: [3], anonymous: false, photoAlt: nil))
            story.status = StoryStatus.published.rawValue
            try await story.create(on: app.db)
            seen = try await progress()
            #expect(seen == TrajectoryProgress(schools: 1, eventsHeld: 1, schoolsWithClosedParentWave: 1, schoolsWithClosedTeamWave: 1,
                                               schoolsWithReport: 1, schoolsWithPlan: 1, storiesPublished: 1))
            let page = try await browser.get(path)
            #expect(!page.text.contains("Achter op schema"))
            #expect(page.text.components(separatedBy: "Afgerond").count == 7)
        }
    }

    @Test func the_coordinator_moves_the_phases_dates() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let path = try await pastTrajectory(browser)
            let trajectory = try await browser.get(path)
            #expect(trajectory.text.contains("href=\"\(path)/phases\""))
            let form = try await browser.get("\(path)/phases")
            #expect(form.status == .ok)
            #expect(form.text.contains("name=\"workshop_starts\""))
            #expect(form.text.contains("value=\"2026-01-05\""))
            var fields: [(String, String)] = []
            for kind in PhaseKind.allCases {
                fields += [("\(kind.rawValue)_starts", "2026-09-01"), ("\(kind.rawValue)_ends", kind == .stories ? "2027-03-31" : "2026-12-18")]
            }
            let saved = try await browser.post("\(path)/phases", fields)
            #expect(saved.status == .seeOther)
            #expect(saved.location == "\(path)?saved=phases")
            let page = try await browser.get(try #require(saved.location))
            #expect(page.text.contains("De data van de fasen zijn bewaard."))
            #expect(page.text.contains("31 maart 2027"))
            // Moved into the future, nothing is late any more: every phase is under way.
            #expect(!page.text.contains("Achter op schema"))
            #expect(page.text.components(separatedBy: "Nu bezig").count == 7)
            let trajectoryID = try #require(UUID(uuidString: String(path.split(separator: "/").last ?? "")))
            let stored = try await TrajectoryPhase.query(on: app.db).filter(\.$trajectory.$id == trajectoryID).all()
            #expect(stored.count == 6)
            #expect(stored.allSatisfy { $0.starts == Day(year: 2026, month: 9, day: 1) })
        }
    }

    @Test func bad_dates_are_refused_with_a_message_keeping_what_was_typed_and_changing_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let path = try await pastTrajectory(browser)
            let before = try await TrajectoryPhase.query(on: app.db).sort(\.$id).all().map { "\($0.kind) \($0.starts) \($0.ends)" }
            var fields: [(String, String)] = []
            for kind in PhaseKind.allCases {
                fields += [("\(kind.rawValue)_starts", "2026-02-01"), ("\(kind.rawValue)_ends", "2026-03-01")]
            }
            fields[0] = ("workshop_starts", "5 februari")
            fields[3] = ("parent_survey_ends", "2026-01-20")
            fields[4] = ("team_survey_starts", "2025-12-01")
            let refused = try await browser.post("\(path)/phases", fields)
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Geef een datum als jjjj-mm-dd"))
            #expect(refused.text.contains("De laatste dag mag niet vóór de eerste dag liggen."))
            #expect(refused.text.contains("Kies een dag vanaf de start van het traject"))
            #expect(refused.text.contains("value=\"5 februari\""))
            #expect(refused.text.contains("value=\"2025-12-01\""))
            #expect(refused.text.contains("aria-invalid=\"true\""))
            let after = try await TrajectoryPhase.query(on: app.db).sort(\.$id).all().map { "\($0.kind) \($0.starts) \($0.ends)" }
            #expect(after == before)
        }
    }

    @Test func leads_and_members_cannot_move_phases() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let before = try await TrajectoryPhase.query(on: app.db).sort(\.$id).all().map { "\($0.starts) \($0.ends)" }
            let fields = PhaseKind.allCases.flatMap { [("\($0.rawValue)_starts", "2026-09-01"), ("\($0.rawValue)_ends", "2026-09-02")] }
            for login in [world.leadA, world.memberA] {
                let browser = try await world.browser(app, as: login)
                #expect(try await browser.get("/staff/trajectories/\(world.trajectory)/phases").status == .forbidden)
                #expect(try await browser.post("/staff/trajectories/\(world.trajectory)/phases", fields).status == .forbidden)
            }
            let after = try await TrajectoryPhase.query(on: app.db).sort(\.$id).all().map { "\($0.starts) \($0.ends)" }
            #expect(after == before)
        }
    }
}
