import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SamenspraakViews
import Testing
import VaporTesting

/// Assisted mode: a staff member turns their signed-in browser into a kiosk for one wave. Parents answer one after
/// the other; no staff page, no report and nothing of the parent before is reachable until the password is typed.
@Suite struct KioskTests {
    /// An open answer of the demo that the first school's report shows.
    static let reportText = "De juf begroet ons elke ochtend bij naam."

    /// A browser of `login` that has entered the kiosk of the demo's first wave.
    static func kiosk(_ app: Application, _ world: DemoWorld, as login: Demo.StaffLogin) async throws -> Browser {
        let browser = try await world.browser(app, as: login)
        let entered = try await browser.post("/staff/waves/\(world.summary.waveIDs[0])/assisted", [])
        #expect(entered.status == .seeOther)
        #expect(entered.location == "/kiosk")
        return browser
    }

    /// A parent at the kiosk: taps a language, answers everything, writes `well`, sends. Returns the draft's base path.
    static func answer(_ browser: Browser, language: String = "nl", well: String) async throws -> (base: String, sent: TestingHTTPResponse) {
        let started = try await browser.post("/kiosk", [("lang", language)])
        #expect(started.status == .seeOther)
        let start = try #require(started.location?.split(separator: "?").first.map(String.init))
        #expect(start.hasPrefix("/d/"))
        _ = try await browser.post(start, [("lang", language)], csrf: false)
        let sent = try await browser.answerAll(start + "/1", value: "3", well: well)
        return (start, sent)
    }

    static func unlockPath(_ next: String) -> String {
        SiteRoute.kioskUnlock.with(query: "next", next)
    }

    @Test func entering_the_kiosk_needs_the_right_to_use_the_waves_of_the_school() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let wave = world.summary.waveIDs[0]
            let anonymous = Browser(app)
            let refused = try await anonymous.post("/staff/waves/\(wave)/assisted", [])
            #expect(refused.status == .seeOther)
            #expect(refused.location?.hasPrefix("/login") == true)
            #expect(try await anonymous.get("/kiosk").location == "/staff")

            let otherLead = try await world.browser(app, as: world.leadB)
            let forbidden = try await otherLead.post("/staff/waves/\(wave)/assisted", [])
            #expect(forbidden.status == .forbidden)
            #expect(forbidden.text.contains("Geen toegang"))
            #expect(try await otherLead.get("/staff/schools/\(world.schoolB)").status == .ok, "the refused browser stays signed in")
            #expect(try await StaffSession.query(on: app.db).filter(\.$kioskWaveID != nil).count() == 0)

            for login in [world.coordinator, world.leadA, world.memberA] {
                let kiosk = try await Self.kiosk(app, world, as: login)
                let welcome = try await kiosk.get("/kiosk")
                #expect(welcome.status == .ok, "\(login.role)")
                #expect(welcome.text.contains("Kies je taal"), "\(login.role)")
            }
        }
    }

    @Test func in_the_kiosk_every_staff_address_asks_for_the_password_and_shows_nothing_of_the_report() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let report = try await lead.get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(report.text.contains(Self.reportText), "the report shows the open answer before the kiosk starts")
            let paper = { try await SurveyResponse.query(on: app.db).filter(\.$channel == SurveyChannel.paper.rawValue).count() }
            let paperBefore = try await paper()
            let kiosk = try await Self.kiosk(app, world, as: world.leadA)
            let rows = AccessTableTests.rows(world)
            #expect(rows.filter { $0.method == .GET }.count >= 30, "the walk covers the staff pages")
            for row in rows {
                let response = row.method == .GET ? try await kiosk.get(row.path) : try await kiosk.post(row.path, row.form(.leadOwn))
                let label = "\(row.method) \(row.path)"
                #expect(response.status == .seeOther, "\(label): \(response.status)")
                #expect(response.location == (row.method == .GET ? Self.unlockPath(row.path) : "/kiosk/unlock"), "\(label)")
                #expect(response.text.isEmpty, "\(label) shows nothing")
            }
            // Any other address of the site too: home, sign-in, the stories, the wave's own link, codes, the API.
            for path in ["/", "/login", "/stories", world.summary.parentSurveyPath, "/c", world.summary.profilePath,
                         "/api/v1/waves/\(world.summary.waveIDs[0])/report", "/staff/waves/\(world.summary.waveIDs[0])/report?x=1"] {
                let response = try await kiosk.get(path)
                #expect(response.location == Self.unlockPath(path), "\(path)")
            }
            let unlock = try await kiosk.get(Self.unlockPath("/staff/waves/\(world.summary.waveIDs[0])/report"))
            #expect(unlock.status == .ok)
            #expect(unlock.text.contains("Dit toestel is een kiosk voor ouders"))
            #expect(!unlock.text.contains(Self.reportText))
            #expect(!unlock.text.contains("/staff/schools/"), "no staff navigation")
            #expect(unlock.headers.first(name: .cacheControl) == "no-store")
            // Nothing changed behind the refused forms: the paper-entry row would have stored an answer.
            #expect(try await paper() == paperBefore)
        }
    }

    @Test func a_wrong_password_refuses_and_keeps_the_kiosk() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app, answers: true)
            let kiosk = try await Self.kiosk(app, world, as: world.leadA)
            let report = "/staff/waves/\(world.summary.waveIDs[0])/report"
            let empty = try await kiosk.post("/kiosk/unlock", [("password", ""), ("next", report)])
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Vul het wachtwoord in."))
            #expect(empty.text.contains("value=\"\(report)\""), "the asked address is kept")
            let wrong = try await kiosk.post("/kiosk/unlock", [("password", "niet het wachtwoord"), ("next", report)])
            #expect(wrong.status == .unauthorized)
            #expect(wrong.text.contains("Dat wachtwoord klopt niet. Het toestel blijft een kiosk."))
            #expect(!wrong.text.contains(Self.reportText))
            #expect(try await kiosk.get(report).location == Self.unlockPath(report))
            // Throttled like a sign-in of the same account: after five failures even the right password waits.
            for _ in 0..<4 { _ = try await kiosk.post("/kiosk/unlock", [("password", "nog steeds fout")]) }
            let locked = try await kiosk.post("/kiosk/unlock", [("password", world.leadA.password)])
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Te veel mislukte pogingen"))
            #expect(try await kiosk.get(report).location == Self.unlockPath(report))
            clock.advance(seconds: 31)
            let unlocked = try await kiosk.post("/kiosk/unlock", [("password", world.leadA.password), ("next", report)])
            #expect(unlocked.status == .seeOther)
            #expect(unlocked.location == report)
        }
    }

    @Test func the_right_password_lifts_the_kiosk_with_a_new_session() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let wave = world.summary.waveIDs[0]
            let kiosk = try await Self.kiosk(app, world, as: world.leadA)
            let kioskCookie = try #require(kiosk.cookies[StaffAuthMiddleware.cookieName])
            let unlocked = try await kiosk.post("/kiosk/unlock", [("password", world.leadA.password), ("next", "/staff/waves/\(wave)/report")])
            #expect(unlocked.status == .seeOther)
            #expect(unlocked.location == "/staff/waves/\(wave)/report")
            let report = try await kiosk.get("/staff/waves/\(wave)/report")
            #expect(report.status == .ok)
            #expect(report.text.contains(Self.reportText))
            #expect(kiosk.cookies[StaffAuthMiddleware.cookieName] != kioskCookie)
            // The kiosk's own cookie opens nothing any more.
            let old = Browser(app)
            old.setCookie(StaffAuthMiddleware.cookieName, kioskCookie)
            #expect(try await old.get("/staff/waves/\(wave)").location?.hasPrefix("/login") == true)
            #expect(try await StaffSession.query(on: app.db).filter(\.$kioskWaveID != nil).count() == 0)

            // Without an address asked for (or with one of the kiosk itself), unlocking leads to the wave.
            let again = try await Self.kiosk(app, world, as: world.leadA)
            let home = try await again.post("/kiosk/unlock", [("password", world.leadA.password), ("next", "/kiosk")])
            #expect(home.location == "/staff/waves/\(wave)")
            #expect(try await again.get("/staff/waves/\(wave)").status == .ok)
            #expect(try await again.get("/kiosk/unlock").location == "/staff", "no kiosk to unlock any more")
        }
    }

    @Test func signing_out_from_the_unlock_page_ends_the_kiosk() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let kiosk = try await Self.kiosk(app, world, as: world.memberA)
            let page = try await kiosk.get("/kiosk/unlock")
            #expect(page.text.contains("Afmelden (de kiosk stopt)"))
            let out = try await kiosk.post("/logout", [])
            #expect(out.location == "/login?signed_out=1")
            #expect(try await StaffSession.query(on: app.db).filter(\.$kioskWaveID != nil).count() == 0)
            #expect(try await kiosk.get("/staff/schools/\(world.schoolA)").location?.hasPrefix("/login") == true)
        }
    }

    @Test func each_parent_gets_a_fresh_survey_and_the_next_parent_starts_from_the_thank_you() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let kiosk = try await Self.kiosk(app, world, as: world.memberA)
            let welcome = try await kiosk.get("/kiosk")
            #expect(welcome.text.contains("name=\"lang\" value=\"ar\""), "each offered language starts a survey")
            #expect(welcome.text.contains("href=\"/kiosk/unlock\""), "the staff member's way out")
            #expect(!welcome.text.contains(world.memberA.email))
            #expect(welcome.headers.first(name: .cacheControl) == "no-store")

            let first = try await Self.answer(kiosk, language: "fr", well: "Le premier parent aime le café.")
            #expect(first.sent.status == .seeOther)
            let thanksLink = try #require(first.sent.location)
            #expect(thanksLink.hasSuffix("/thanks?lang=fr"))
            let thanks = try await kiosk.get(thanksLink)
            #expect(thanks.location == "/kiosk/thanks?lang=fr")
            let thanksPage = try await kiosk.get("/kiosk/thanks?lang=fr")
            #expect(thanksPage.status == .ok)
            #expect(thanksPage.text.contains("<html lang=\"fr\""))
            #expect(thanksPage.text.contains("Parent suivant"))
            #expect(thanksPage.text.contains("href=\"/kiosk\""))
            #expect(!thanksPage.text.contains("Le premier parent"))

            let next = try await kiosk.post("/kiosk", [("lang", "nl")])
            let start = try #require(next.location?.split(separator: "?").first.map(String.init))
            #expect(start != first.base, "a new draft")
            _ = try await kiosk.post(start, [("lang", "nl")], csrf: false)
            let question = try await kiosk.get(start + "/1")
            #expect(question.status == .ok)
            #expect(!question.text.contains("checked"), "no answer of the parent before")
            #expect(question.headers.first(name: .cacheControl) == "no-store")
            let items = try #require(try QuestionnaireLoader.load()["parents-v1"]?.items.count)
            let open = try await kiosk.get(start + "/\(items + 1)")
            #expect(open.status == .ok)
            #expect(!open.text.contains("Le premier parent"))
            let second = try await kiosk.answerAll(start + "/1", value: "2", well: "De tweede ouder.")
            #expect(second.location?.hasSuffix("/thanks?lang=nl") == true)
            try await releaseWaiting(app)
            let stored = try await SurveyResponse.query(on: app.db).all()
            #expect(stored.count == 2)
            #expect(stored.allSatisfy { $0.channel == SurveyChannel.assisted.rawValue })
        }
    }

    @Test func an_old_survey_address_in_the_kiosk_shows_nothing_of_the_parent_before() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let kiosk = try await Self.kiosk(app, world, as: world.memberA)
            let typed = "Mijn eigen antwoord dat niemand mag lezen."
            let first = try await Self.answer(kiosk, well: typed)
            #expect(first.sent.status == .seeOther)
            let items = try #require(try QuestionnaireLoader.load()["parents-v1"]?.items.count)
            for page in [first.base] + (1...items + 2).map({ "\(first.base)/\($0)" }) {
                let old = try await kiosk.get(page)
                #expect(old.status == .seeOther, "\(page)")
                #expect(old.location == "/kiosk", "\(page) offers the start for the next parent")
                #expect(!old.text.contains(typed))
            }
            let again = try await kiosk.post("\(first.base)/submit", [], csrf: false)
            #expect(again.location == "/kiosk")
            let start = try await kiosk.get("/kiosk")
            #expect(start.status == .ok)
            #expect(!start.text.contains(typed))
            #expect(try await sentCount(app) == 1, "sending again stores nothing")

            // Outside a kiosk the same address still shows the parent's expired page.
            let parent = Browser(app)
            let expired = try await parent.get("\(first.base)/1")
            #expect(expired.status == .notFound)
            #expect(expired.text.contains("Deze pagina is verlopen"))
        }
    }

    @Test func a_closed_wave_shows_the_closed_page_in_the_kiosk() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let kiosk = try await Self.kiosk(app, world, as: world.memberA)
            #expect(try await kiosk.get("/kiosk").status == .ok)
            let wave = try #require(try await Wave.find(UUID(uuidString: world.summary.waveIDs[0]), on: app.db))
            // The wave ended yesterday (moving the clock past its end would also end the staff session).
            wave.closes = Day(date: clock.now.addingTimeInterval(-86_400))
            try await wave.save(on: app.db)
            let closed = try await kiosk.get("/kiosk")
            #expect(closed.status == .forbidden)
            #expect(closed.text.contains("Deze bevraging is nu niet open"))
            let start = try await kiosk.post("/kiosk", [("lang", "nl")])
            #expect(start.status == .forbidden)
            #expect(try await SurveyDraft.query(on: app.db).count() == 0)
        }
    }
}
