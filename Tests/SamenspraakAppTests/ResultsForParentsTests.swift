import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// "You told us — we are doing this": the lead's form and the parents' page, on SQLite and (with TEST_DATABASE_URL)
/// PostgreSQL.
@Suite struct ResultsForParentsTests {
    /// The demo's closed wave of the first school, whose page the demo published, and that page's address.
    func closedWave(_ app: Application, _ world: DemoWorld) async throws -> (Wave, String) {
        let path = try #require(world.summary.resultsForParentsPath)
        let slug = String(path.dropFirst("/r/".count))
        let wave = try #require(try await Wave.query(on: app.db).filter(\.$slug == slug).with(\.$school).first())
        return (wave, path)
    }

    /// The open answers of a wave, in the report's order.
    func texts(_ app: Application, waveID: String) async throws -> [SurveyText] {
        try await SurveyText.query(on: app.db).join(SurveyResponse.self, on: \SurveyText.$response.$id == \SurveyResponse.$id)
            .filter(SurveyResponse.self, \.$wave.$id == UUID(uuidString: waveID)!).sort(\.$text).all()
    }

    @Test func the_demo_page_speaks_every_language_and_the_short_link_leads_there_after_the_wave() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (wave, path) = try await closedWave(app, world)
            let parent = Browser(app)
            let dutch = try await parent.get(path)
            #expect(dutch.status == .ok)
            #expect(dutch.text.contains("Jullie vertelden het ons — hier werken we aan"))
            #expect(dutch.text.contains("Dank je wel aan alle ouders"))
            #expect(dutch.text.contains("30 ouders vulden de bevraging"))
            let arabic = try await parent.get(path + "?lang=ar")
            #expect(arabic.text.contains("lang=\"ar\" dir=\"rtl\""))
            #expect(arabic.text.contains("أخبرتمونا"))
            #expect(arabic.text.contains("<p lang=\"nl\" dir=\"ltr\">Dank je wel"), "the lead's sentence stays in its own language")
            let turkish = try await parent.get(path + "?lang=tr")
            #expect(turkish.text.contains("Bize anlattınız"))
            #expect(turkish.text.utf8.count < 15_000)
            let link = try await parent.get("/o/\(wave.slug)")
            #expect(link.status == .seeOther)
            #expect(link.location == path)
            // Seeding again publishes nothing twice.
            _ = try await Demo.seed(app, answers: true)
            #expect(try await ResultsPage.query(on: app.db).count() == 1)
        }
    }

    @Test func a_hidden_open_answer_cannot_be_quoted_even_by_a_forged_form() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let waveID = world.summary.waveIDs[0]
            let texts = try await texts(app, waveID: waveID)
            #expect(texts.count >= 2)
            let hidden = texts[0], shown = texts[1]
            hidden.hidden = true
            try await hidden.save(on: app.db)
            let action = try #require(try await PlanAction.query(on: app.db).first())
            let lead = try await world.browser(app, as: world.leadA)
            let form = try await lead.get("/staff/waves/\(waveID)/results")
            #expect(form.status == .ok)
            #expect(!form.text.contains("value=\"\(hidden.id!.uuidString.lowercased())\""), "a hidden answer is never offered")
            #expect(form.text.contains("value=\"\(shown.id!.uuidString.lowercased())\""))
            let forged = try await lead.post("/staff/waves/\(waveID)/results", [
                ("intent", "publish"), ("actions[]", action.publicID), ("quotes[]", hidden.id!.uuidString.lowercased()),
                ("thanks", "Bedankt <b>allemaal</b>"), ("language", "nl"),
            ])
            #expect(forged.status == .unprocessableEntity)
            #expect(forged.text.contains("Dat antwoord kan niet geciteerd worden."))
            #expect(forged.text.contains("Bedankt &lt;b&gt;allemaal&lt;/b&gt;"), "what was typed is kept")
            #expect(try await ResultsPage.query(on: app.db).filter(\.$wave.$id == UUID(uuidString: waveID)!).count() == 0)
            let published = try await lead.post("/staff/waves/\(waveID)/results", [
                ("intent", "publish"), ("actions[]", action.publicID), ("quotes[]", shown.id!.uuidString.lowercased()),
                ("thanks", "Bedankt allemaal"), ("language", "nl"),
            ])
            #expect(published.status == .seeOther)
            let wave = try #require(try await Wave.find(UUID(uuidString: waveID), on: app.db))
            let page = try await Browser(app).get("/r/\(wave.slug)")
            #expect(page.status == .ok)
            #expect(page.text.contains(shown.text))
            #expect(!page.text.contains(hidden.text))
            // Hidden after it was quoted: gone from the page at once.
            shown.hidden = true
            try await shown.save(on: app.db)
            #expect(!(try await Browser(app).get("/r/\(wave.slug)")).text.contains(shown.text))
            let audit = try await AuditEntry.query(on: app.db).filter(\.$actionValue == AccountAuditAction.resultsPublished.rawValue).count()
            #expect(audit == 1)
        }
    }

    @Test func bad_input_is_answered_in_the_staff_language_and_changes_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (wave, path) = try await closedWave(app, world)
            let before = try #require(try await ResultsPage.of(wave, on: app.db))
            let lead = try await world.browser(app, as: world.leadA)
            let bad = try await lead.post("/staff/waves/\(wave.publicID)/results", [
                ("intent", "publish"), ("actions[]", "not-an-action"), ("thanks", String(repeating: "x", count: 501)), ("language", "xx"),
            ])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("Die actie staat niet (meer) in het actieplan."))
            #expect(bad.text.contains("Dit is te lang."))
            #expect(bad.text.contains("Kies een taal van de bevraging."))
            let after = try #require(try await ResultsPage.of(wave, on: app.db))
            #expect(after.thanks == before.thanks && after.actionIDs == before.actionIDs)
            #expect(try await Browser(app).get(path).status == .ok)
        }
    }

    @Test func a_key_suppressed_in_the_report_shows_nothing_on_the_page() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (wave, path) = try await closedWave(app, world)
            let keyName = "Aandacht voor vaders"
            #expect(try await ActionPlan.query(on: app.db).first()?.keys.contains(9) == true)
            #expect(try await Browser(app).get(path).text.contains(keyName))
            // Key 9's statements keep answers of too few parents: the report hides the key, so must the page.
            let items = try app.questionnaire(of: wave).items.filter { $0.key == 9 }.map(\.id)
            let answers = try await SurveyAnswer.query(on: app.db).filter(\.$waveID == wave.requireID()).filter(\.$item ~~ items)
                .filter(\.$value != 0).all()
            for answer in answers.dropFirst(2) { try await answer.delete(on: app.db) }
            let report = try await ReportQuery(db: app.db, questionnaires: app.questionnaires, threshold: app.samenspraakConfig.minimumGroup)
                .report(for: wave)
            #expect(report.key(9)?.score == nil)
            let page = try await Browser(app).get(path)
            #expect(page.status == .ok)
            #expect(!page.text.contains(keyName))
        }
    }

    @Test func taken_offline_the_page_is_gone_kindly_and_the_link_shows_the_closed_survey() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (wave, path) = try await closedWave(app, world)
            let member = try await world.browser(app, as: world.memberA)
            #expect(try await member.post("/staff/waves/\(wave.publicID)/results", [("intent", "offline")]).status == .forbidden)
            let lead = try await world.browser(app, as: world.leadA)
            let offline = try await lead.post("/staff/waves/\(wave.publicID)/results", [("intent", "offline")])
            #expect(offline.status == .seeOther)
            let gone = try await Browser(app).get(path)
            #expect(gone.status == .gone)
            #expect(gone.text.contains("Deze pagina is niet meer online"))
            let arabic = Browser(app)
            arabic.acceptLanguage = "ar"
            let goneArabic = try await arabic.get(path)
            #expect(goneArabic.status == .gone)
            #expect(goneArabic.text.contains("هذه الصفحة لم تعد متاحة"))
            #expect(try await Browser(app).get("/o/\(wave.slug)").status == .forbidden, "the survey's closed page again")
            #expect(try await AuditEntry.query(on: app.db).filter(\.$actionValue == AccountAuditAction.resultsTakenOffline.rawValue).count() == 1)
            // Published again: back online.
            let action = try #require(try await PlanAction.query(on: app.db).first())
            #expect(try await lead.post("/staff/waves/\(wave.publicID)/results", [("actions[]", action.publicID), ("thanks", "Weer online"),
                                                                                  ("language", "nl")]).status == .seeOther)
            #expect(try await Browser(app).get(path).text.contains("Weer online"))
        }
    }

    @Test func an_unpublished_page_is_not_found_kindly() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let wave = try #require(try await Wave.find(UUID(uuidString: world.summary.waveIDs[1]), on: app.db))
            let page = try await Browser(app).get("/r/\(wave.slug)")
            #expect(page.status == .notFound)
            #expect(page.text.contains("Nog niets te lezen"))
            #expect(try await Browser(app).get("/r/nothing-here").status == .notFound)
        }
    }

    @Test func an_action_marked_done_shows_done_on_the_page() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (_, path) = try await closedWave(app, world)
            let before = try await Browser(app).get(path).text.components(separatedBy: "klaar ✓").count
            let action = try #require(try await PlanAction.query(on: app.db).filter(\.$status == ActionStatus.planned.rawValue).first())
            let member = try await world.browser(app, as: world.memberA)
            let done = try await member.post("/staff/plan-actions/\(action.publicID)", [("key", String(action.key)), ("what", action.what),
                                                                                        ("who", action.who), ("due_on", action.due.description),
                                                                                        ("status", "done")])
            #expect(done.status == .seeOther)
            let after = try await Browser(app).get(path).text.components(separatedBy: "klaar ✓").count
            #expect(after == before + 1)
        }
    }

    @Test func the_poster_prints_the_page_per_language_and_the_profile_links_to_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (wave, path) = try await closedWave(app, world)
            let lead = try await world.browser(app, as: world.leadA)
            let form = try await lead.get("/staff/waves/\(wave.publicID)/results")
            #expect(form.text.contains("/staff/waves/\(wave.publicID)/results/poster?lang=ar"))
            let poster = try await lead.get("/staff/waves/\(wave.publicID)/results/poster?lang=ar")
            #expect(poster.status == .ok)
            #expect(poster.text.contains("lang=\"ar\" dir=\"rtl\""))
            #expect(poster.text.contains("أخبرتمونا"))
            #expect(poster.text.contains("<svg"), "the QR code of the survey's short link")
            #expect(poster.text.contains("/o/\(wave.slug)"))
            let profile = try await Browser(app).get(world.summary.profilePath)
            #expect(profile.text.contains("href=\"\(path)?lang="))
            _ = try await lead.post("/staff/waves/\(wave.publicID)/results", [("intent", "offline")])
            #expect(!(try await Browser(app).get(world.summary.profilePath)).text.contains(path))
            #expect(try await lead.get("/staff/waves/\(wave.publicID)/results/poster?lang=ar").status == .seeOther)
        }
    }
}
