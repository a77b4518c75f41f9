import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// A lead who reloads the report after one parent sends must not see that parent's answers as the difference.
/// Everything that shows survey figures changes only when at least the smallest group (5) of new answers is in.
@Suite struct ReportStepTests {
    /// Every view of the first school's figures, as the lead, the coordinator and an API client see them.
    static func views(_ app: Application, _ world: DemoWorld, lead: Browser, coordinator: Browser, bearer: String) async throws -> [String: String] {
        let wave = world.summary.waveIDs[0]
        var headers = HTTPHeaders()
        headers.bearerAuthorization = .init(token: bearer)
        let api = try await app.testing().sendRequest(.GET, "/api/v1/waves/\(wave)/report", headers: headers)
        #expect(api.status == .ok)
        return [
            "report": try await lead.get("/staff/waves/\(wave)/report").text,
            // Its rows are shuffled on every download: compared as a set.
            "csv": try await lead.get("/staff/waves/\(wave)/report.csv").text.split(separator: "\r\n").sorted().joined(separator: "\n"),
            // Its keys come in no fixed order: compared as data.
            "api": String(decoding: try JSONSerialization.data(withJSONObject: try JSONSerialization.jsonObject(with: Data(api.body.string.utf8)),
                                                               options: [.sortedKeys]), as: UTF8.self),
            "wave page": try await lead.get("/staff/waves/\(wave)").text,
            "plan": try await lead.get("/staff/schools/\(world.schoolA)/plan").text,
            "school comparison": try await lead.get("/staff/schools/\(world.schoolA)/comparison").text,
            "trajectory comparison": try await coordinator.get("/staff/trajectories/\(world.trajectory)/comparison").text,
            "profile": try await Browser(app).get(world.summary.profilePath).text,
        ]
    }

    @Test func one_to_four_new_answers_change_no_figure_anywhere_and_the_fifth_changes_them() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let bearer = app.services.token()
            try await ApiToken(tokenHash: AppServices.hash(token: bearer), role: .coordinator, schoolID: nil).create(on: app.db)
            let before = try await Self.views(app, world, lead: lead, coordinator: coordinator, bearer: bearer)
            #expect(before["report"]?.contains("36 ouders antwoordden") == true)
            #expect(before["report"]?.contains("Bijgewerkt na elke 5 nieuwe antwoorden") == true)

            // Four parents send, each unhappy about everything and with words of their own.
            for index in 1...4 {
                let parent = Browser(app)
                let first = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
                let sent = try await parent.answerAll(first, value: "1", well: "Stap \(index): niemand groet mij")
                #expect(sent.location?.contains("/thanks") == true)
                let now = try await Self.views(app, world, lead: lead, coordinator: coordinator, bearer: bearer)
                for (name, page) in before {
                    #expect(now[name] == page, "\(name) changed after \(index) new answer(s)")
                }
                #expect(now["report"]?.contains("Stap \(index)") == false)
            }

            // The fifth: all five join the report together, their open answers among them.
            let parent = Browser(app)
            let first = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
            _ = try await parent.answerAll(first, value: "1", well: "Stap 5: niemand groet mij")
            let after = try await Self.views(app, world, lead: lead, coordinator: coordinator, bearer: bearer)
            let report = try #require(after["report"])
            #expect(report.contains("41 ouders antwoordden"))
            for index in 1...5 { #expect(report.contains("Stap \(index): niemand groet mij")) }
            for name in ["report", "csv", "api", "wave page", "school comparison", "trajectory comparison"] {
                #expect(after[name] != before[name], "\(name) did not change after five new answers")
            }
            #expect(after["csv"]?.split(separator: "\n").count == 42)
        }
    }

    @Test func paper_answers_wait_for_the_group_too() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let member = try await world.browser(app, as: world.memberA)
            let wave = world.summary.waveIDs[0]
            let lead = try await world.browser(app, as: world.leadA)
            // Who typed in how many forms is shown as it changes (the typist knows it anyway); the figures are not.
            let report = {
                try await lead.get("/staff/waves/\(wave)/report").text.replacing(/<ul class="intake"><li>Ingetypt van papier:[^<]*<\/li><\/ul>/, with: "")
            }
            let before = try await report()
            for index in 1...4 {
                let saved = try await member.post("/staff/waves/\(wave)/paper-entry", [("lang", "nl"), ("face[k1_greet]", "1"),
                                                                                       ("text[well]", "Papier \(index)")])
                #expect(saved.status == .seeOther)
            }
            #expect(try await report() == before)
            _ = try await member.post("/staff/waves/\(wave)/paper-entry", [("lang", "nl"), ("face[k1_greet]", "1"), ("text[well]", "Papier 5")])
            #expect(try await report().contains("41 ouders antwoordden"))
            #expect(try await lead.get("/staff/waves/\(wave)/report").text.contains("Ingetypt van papier: "))
        }
    }
}
