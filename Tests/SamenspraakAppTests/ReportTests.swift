import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

@Suite struct ReportHTTPTests {
    @Test func the_lead_sees_strengths_before_growth_with_honest_figures() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("36 ouders antwoordden. Dat is 20% van de gezinnen."))
            let strengths = try #require(text.range(of: "Wat goed gaat")), growth = try #require(text.range(of: "Groeikansen"))
            #expect(strengths.lowerBound < growth.lowerBound)
            #expect(text.contains("Wilson"), "the method says which interval it shows")
            #expect(text.contains("<summary>Hoe rekenen we?</summary>"), "one click away")
            #expect(text.contains("De juf begroet ons elke ochtend bij naam."))
            #expect(text.components(separatedBy: "class=\"bar\"").count - 1 == 21)
            #expect(text.contains("role=\"img\" aria-label=\"Ja, helemaal: "), "bars have a text alternative")
            let wave = try #require(try await Wave.query(on: app.db).filter(\.$id == UUID(uuidString: world.summary.waveIDs[0])!)
                .with(\.$school).first())
            let report = try await ReportQuery(db: app.db, questionnaires: app.questionnaires, threshold: app.samenspraakConfig.minimumGroup).report(for: wave)
            let strongest = try #require(report.key(report.strengths[0])?.score)
            let weakest = try #require(report.key(report.growth[0])?.score)
            #expect(strongest.value > weakest.value)
        }
    }

    @Test func the_report_compares_with_the_earlier_wave_and_says_which_changes_are_real() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let page = try await (try await world.browser(app, as: world.leadA)).get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(page.text.contains("Wat veranderde tegenover de bevraging van 8 juli 2026 tot 29 juli 2026"))
            #expect(page.text.contains("duidelijk hoger") || page.text.contains("duidelijk lager"))
            #expect(page.text.contains("geen duidelijk verschil (kan toeval zijn)"))
            // Seeding again does not duplicate the earlier wave or its answers.
            _ = try await Demo.seed(app, answers: true)
            #expect(try await Wave.query(on: app.db).count() == 6)
            #expect(try await SurveyResponse.query(on: app.db).count() == 30 + 36 + 3 + 14)
        }
    }

    @Test func the_mirror_names_blind_spots_and_hidden_strengths() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let page = try await (try await world.browser(app, as: world.leadA)).get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(page.text.contains("Spiegel: ouders en team"))
            #expect(page.text.contains("<tr class=\"mirror-blind_spot\"><th scope=\"row\">9. Aandacht voor vaders</th>"))
            #expect(page.text.contains("mirror-hidden_strength"))
        }
    }

    @Test func team_members_answer_a_team_wave_once_per_account() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let created = try await lead.post("/staff/schools/\(world.schoolA)/waves", [("questionnaire", "team-v1"), ("opens_on", "2026-09-20"),
                                                                                        ("closes_on", "2026-10-10"), ("families", "")])
            #expect(created.status == .seeOther)
            let wave = try #require(try await Wave.query(on: app.db).filter(\.$questionnaire == "team-v1").first())
            let member = try await world.browser(app, as: world.memberA)
            let start = try await member.get("/o/\(wave.slug)")
            #expect(start.text.contains(">English</a>") && !start.text.contains("العربية"), "the team answers in the staff languages")
            let first = try await member.startSurvey("/o/\(wave.slug)", language: "nl")
            #expect(try await member.get(first).text.contains("We begroeten elke ouder, ook wie we nog niet kennen."))
            let sent = try await member.answerAll(first, value: "4", questionnaire: "team-v1")
            #expect(sent.status == .seeOther)
            let again = try await member.post("/o/\(wave.slug)/start", [("lang", "nl")], csrf: false)
            #expect(again.status == .conflict)
            #expect(again.text.contains("Je antwoordde al"))
            #expect(try await TeamParticipation.query(on: app.db).count() == 1)
            #expect(try await sentCount(app, wave: wave.requireID()) == 1)
            // Taking part is recorded when the survey begins: a second device of the same account cannot begin
            // again, the device that began carries on until it sends.
            let lead2 = try await world.browser(app, as: world.leadA)
            let begun = try await lead2.startSurvey("/o/\(wave.slug)", language: "nl")
            let elsewhere = try await world.browser(app, as: world.leadA)
            #expect(try await elsewhere.post("/o/\(wave.slug)/start", [("lang", "nl")], csrf: false).status == .conflict)
            let resumed = try await lead2.post("/o/\(wave.slug)/start", [("lang", "nl")], csrf: false)
            #expect(resumed.location.map { begun.hasPrefix($0) } == true)
            #expect(try await TeamParticipation.query(on: app.db).count() == 2)
            // An anonymous answer through the link is still possible (for staff without an account).
            let anonymous = try await Browser(app).startSurvey("/o/\(wave.slug)", language: "en")
            #expect(anonymous.hasSuffix("/1"))
        }
    }

    @Test func a_wave_with_too_few_answers_shows_no_figures() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadB)
            let page = try await lead.get("/staff/waves/\(world.summary.waveIDs[1])/report")
            #expect(page.status == .ok)
            #expect(page.text.contains("Er antwoordden 3 ouders. Vanaf 5 ouders tonen we cijfers"))
            #expect(!page.text.contains("class=\"bar\""))
            let csv = try await lead.get("/staff/waves/\(world.summary.waveIDs[1])/report.csv")
            #expect(csv.text.split(separator: "\r\n").count == 1, "only the header")
        }
    }

    @Test func other_schools_and_team_members_cannot_read_the_report() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let wave = world.summary.waveIDs[0]
            #expect(try await (try await world.browser(app, as: world.leadB)).get("/staff/waves/\(wave)/report").status == .forbidden)
            #expect(try await (try await world.browser(app, as: world.memberA)).get("/staff/waves/\(wave)/report").status == .forbidden)
            #expect(try await (try await world.browser(app, as: world.memberA)).get("/staff/waves/\(wave)/report.csv").status == .forbidden)
            #expect(try await (try await world.browser(app, as: world.coordinator)).get("/staff/waves/\(wave)/report").status == .ok)
            #expect(try await Browser(app).get("/staff/waves/\(wave)/report").status == .seeOther)
        }
    }

    @Test func csv_has_a_row_per_response_and_no_identifying_columns() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let csv = try await lead.get("/staff/waves/\(world.summary.waveIDs[0])/report.csv")
            #expect(csv.headers.first(name: .contentType)?.hasPrefix("text/csv") == true)
            let lines = csv.text.split(separator: "\r\n").map(String.init)
            #expect(lines.count == 37)
            #expect(lines[0].hasPrefix("language,channel,k1_greet,k1_respect"), "no day: a day would date each row")
            #expect(!lines[0].contains("id") || lines[0].split(separator: ",").allSatisfy { !$0.hasSuffix("_id") && $0 != "id" })
            // Arabic (4 of 36) and Bulgarian (4) are small groups: their rows say nothing about the language.
            let languages = Set(lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false)[0] })
            #expect(!languages.contains("ar") && !languages.contains("bg"))
            #expect(languages.contains("nl"))
        }
    }

    @Test func an_open_answer_can_be_hidden_and_shown_again_with_a_log() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let wave = world.summary.waveIDs[0]
            let text = try #require(try await SurveyText.query(on: app.db).filter(\.$text == "Dat ze ook de papa aanspreken.").first())
            let id = try text.requireID().uuidString.lowercased()
            let hide = try await lead.post("/staff/waves/\(wave)/texts/\(id)", [("hidden", "1")])
            #expect(hide.status == .seeOther)
            let page = try await lead.get("/staff/waves/\(wave)/report")
            #expect(page.text.contains("class=\"open-answer is-hidden\""))
            #expect(page.text.contains("Weer tonen"))
            #expect(page.text.contains("Verborgen door Directie Basisschool De Regenboog op 21 september 2026."))
            clock.advance(seconds: 60)
            _ = try await lead.post("/staff/waves/\(wave)/texts/\(id)", [("hidden", "0")])
            let log = try await TextModeration.query(on: app.db).sort(\.$at).all()
            #expect(log.map(\.hidden) == [true, false])
            let leadID = try await User.query(on: app.db).filter(\.$email == world.leadA.email).first()?.id
            #expect(log.allSatisfy { $0.$user.id == leadID })
            #expect(try await SurveyText.find(text.id, on: app.db)?.hidden == false)
            // Another school's lead cannot touch it; nor can a form without its token.
            let other = try await world.browser(app, as: world.leadB)
            #expect(try await other.post("/staff/waves/\(wave)/texts/\(id)", [("hidden", "1")]).status == .forbidden)
            #expect(try await lead.post("/staff/waves/\(wave)/texts/\(id)", [("hidden", "1")], csrf: false).status == .forbidden)
            #expect(try await lead.post("/staff/waves/\(wave)/texts/\(id)", [("hidden", "maybe")]).status == .badRequest)
            #expect(try await TextModeration.query(on: app.db).count() == 2)
        }
    }
}

@Suite struct ComparisonHTTPTests {
    @Test func a_school_sees_its_own_name_and_only_the_names_that_were_shared() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            // Sint-Pieter agrees to be named; the others do not.
            let sintPieter = try #require(try await School.query(on: app.db).filter(\.$name == "Basisschool Sint-Pieter").first())
            sintPieter.shareName = true
            try await sintPieter.save(on: app.db)
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/schools/\(world.schoolA)/comparison")
            #expect(page.status == .ok)
            #expect(page.text.contains("Basisschool De Regenboog (jullie)"))
            #expect(page.text.contains("Basisschool Sint-Pieter"))
            #expect(!page.text.contains("Kleuterschool Het Klavertje"))
            #expect(!page.text.contains("Lagere school De Wijze Boom"))
            #expect(page.text.contains("Een andere school"))
            let coordinator = try await world.browser(app, as: world.coordinator)
            let overview = try await coordinator.get("/staff/trajectories/\(world.trajectory)/comparison")
            for name in ["Basisschool De Regenboog", "Kleuterschool Het Klavertje", "Lagere school De Wijze Boom"] {
                #expect(overview.text.contains(name))
            }
        }
    }

    @Test func a_lead_agrees_to_share_the_school_name_on_the_school_form() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let saved = try await lead.post("/staff/schools/\(world.schoolA)", [
                ("name", "Basisschool De Regenboog"), ("levels[]", "lager"), ("languages[]", "nl"), ("share_name[]", "1"),
            ])
            #expect(saved.status == .seeOther)
            #expect(try await School.find(UUID(uuidString: world.schoolA), on: app.db)?.shareName == true)
            let form = try await lead.get("/staff/schools/\(world.schoolA)/edit")
            #expect(form.text.contains("id=\"share_name-1\" name=\"share_name[]\" value=\"1\" checked"))
        }
    }
}
