import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The report at a glance and the team-meeting view (issue 21, part A), on the demo's first school: a parent wave with
/// answers, an earlier survey and a team wave.
@Suite struct ReportGlanceTests {
    /// Where the chart puts a share, as `KeyChart.x` writes it.
    static func x(_ value: Double) -> String { String(format: "%.1f%%", 2 + 0.96 * min(100, max(0, value))) }

    static func part(_ html: String, from start: String, to end: String) throws -> String {
        let from = try #require(html.range(of: start))
        let rest = html[from.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    @Test func the_chart_shows_the_reports_figures_with_the_team_beside_the_parents() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let page = try await (try await world.browser(app, as: world.leadA)).get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(page.status == .ok)
            let glance = try Self.part(page.text, from: "id=\"glance-chart\"", to: "</section>")
            #expect(glance.components(separatedBy: "<li class=\"chart-row\"").count - 1 == 12)
            #expect(glance.components(separatedBy: "class=\"mark mark-team\"").count - 1 == 12, "the team wave has figures on every key")
            #expect(glance.contains("class=\"mark mark-before\""), "the earlier survey is drawn")
            #expect(glance.contains("sterk punt") && glance.contains("groeikans"))
            let wave = try #require(try await Wave.query(on: app.db).filter(\.$id == UUID(uuidString: world.summary.waveIDs[0])!).with(\.$school).first())
            let report = try await ReportQuery(db: app.db, questionnaires: app.questionnaires, threshold: app.samenspraakConfig.minimumGroup).report(for: wave)
            for result in report.keys {
                let row = try Self.part(glance, from: "data-key=\"\(result.key)\"", to: "</li>")
                if let score = result.score {
                    #expect(row.contains("<circle cx=\"\(Self.x(score.value))\""), "key \(result.key): the mark is the report's figure")
                    #expect(row.contains("x1=\"\(Self.x(score.low))\" x2=\"\(Self.x(score.high))\""), "key \(result.key): the range is the report's")
                } else {
                    #expect(!row.contains("mark-now"), "key \(result.key) is hidden in the report and in the chart")
                }
            }
            #expect(page.text.contains("id=\"mirror-chart\"") && page.text.contains("id=\"changes-chart\""))
            #expect(page.text.contains("href=\"/staff/waves/\(world.summary.waveIDs[0])/meeting\""))
        }
    }

    @Test func a_report_too_small_to_show_has_no_chart_and_no_slides() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadB)
            let report = try await lead.get("/staff/waves/\(world.summary.waveIDs[1])/report")
            #expect(!report.text.contains("glance-chart"))
            let meeting = try await lead.get("/staff/waves/\(world.summary.waveIDs[1])/meeting")
            #expect(meeting.status == .ok)
            #expect(!meeting.text.contains("id=\"key-1\""))
            #expect(meeting.text.contains("Vanaf 5 ouders tonen we cijfers"))
        }
    }

    @Test func the_meeting_view_shows_a_key_per_slide_and_only_the_answers_not_hidden() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let wave = world.summary.waveIDs[0]
            let before = try await lead.get("/staff/waves/\(wave)/meeting")
            #expect(before.status == .ok)
            #expect(before.text.components(separatedBy: "<section class=\"slide slide-key\"").count - 1 == 12)
            #expect(before.text.contains("Wat doen we hiermee?"))
            #expect(before.text.contains("Dat ze ook de papa aanspreken."), "a growth opportunity shows what would help")
            #expect(!(try Self.part(before.text, from: "<main", to: "</main>")).contains("<form"), "nothing to moderate on the projector")
            let waveID = try #require(UUID(uuidString: wave))
            let texts = try await SurveyText.query(on: app.db).join(SurveyResponse.self, on: \SurveyText.$response.$id == \SurveyResponse.$id)
                .filter(SurveyResponse.self, \.$wave.$id == waveID).filter(\.$text == "Dat ze ook de papa aanspreken.").all()
            #expect(!texts.isEmpty)
            for text in texts {
                #expect(try await lead.post("/staff/waves/\(wave)/texts/\(text.requireID().uuidString.lowercased())", [("hidden", "1")]).status == .seeOther)
            }
            let after = try await lead.get("/staff/waves/\(wave)/meeting")
            #expect(!after.text.contains("Dat ze ook de papa aanspreken."), "a hidden answer stays out of the meeting")
            #expect(after.text.contains("Meer uitleg over huiswerk, liefst in het Frans."))
            #expect(try await lead.get("/staff/waves/\(wave)/report").text.contains("Dat ze ook de papa aanspreken."), "the report keeps it, hidden")
        }
    }

    @Test func the_meeting_view_is_for_whoever_reads_the_report() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let path = "/staff/waves/\(world.summary.waveIDs[0])/meeting"
            #expect(try await (try await world.browser(app, as: world.coordinator)).get(path).status == .ok)
            #expect(try await (try await world.browser(app, as: world.leadB)).get(path).status == .forbidden)
            #expect(try await (try await world.browser(app, as: world.memberA)).get(path).status == .forbidden)
            #expect(try await Browser(app).get(path).status == .seeOther)
            let english = try await world.browser(app, as: world.leadA)
            _ = try await english.get("/language/en?back=/staff")
            #expect(try await english.get(path).text.contains("What do we do with this?"))
            let script = try await Browser(app).get("/static/meeting.js")
            #expect(script.status == .ok)
            #expect(script.headers.first(name: .contentType)?.hasPrefix("text/javascript") == true)
        }
    }
}
