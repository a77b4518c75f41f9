import Fluent
import Foundation
@testable import SamenspraakApp
import Testing
import VaporTesting

@Suite struct SetupTests {
    @Test func empty_database_sends_visitors_to_setup() async throws {
        try await withTestApp { app, _ in
            let response = try await Browser(app).get("/")
            #expect(response.status == .seeOther)
            #expect(response.location == "/setup")
        }
    }

    /// The setup form as a person fills it in, with `code` as the setup code.
    static func form(code: String, name: String = "An Peeters", email: String = "An@Hogeschool.be",
                     password: String = "een lange zin") -> [(String, String)] {
        [("setup_code", code), ("name", name), ("email", email), ("password", password), ("password_confirmation", password)]
    }

    @Test func setup_with_errors_keeps_what_was_typed_and_creates_nothing() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let code = try await app.setupCode(on: app.db)
            let response = try await browser.post("/setup", Self.form(code: code, email: "not-an-address", password: "kort"))
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("value=\"An Peeters\""))
            #expect(response.text.contains("value=\"not-an-address\""))
            #expect(response.text.contains("Dit is geen geldig e-mailadres"))
            #expect(response.text.contains("Kies een wachtwoord van minstens 10 tekens."))
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func setup_asks_for_the_code_the_server_printed() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let missing = try await browser.post("/setup", Self.form(code: ""))
            #expect(missing.status == .unprocessableEntity)
            #expect(missing.text.contains("Vul de setupcode in die de server bij het starten in zijn console toonde."))
            #expect(missing.text.contains("value=\"An Peeters\"") && missing.text.contains("value=\"An@Hogeschool.be\""))
            let wrong = try await browser.post("/setup", Self.form(code: "ABCD-EFGH-JKLM"))
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Deze setupcode klopt niet."))
            #expect(wrong.text.contains("value=\"An Peeters\"") && wrong.text.contains("value=\"An@Hogeschool.be\""))
            let english = Browser(app)
            english.acceptLanguage = "en"
            #expect(try await english.post("/setup", Self.form(code: "ABCD-EFGH-JKLM")).text.contains("This setup code is not right."))
            #expect(try await User.query(on: app.db).count() == 0)
            // Typed in small letters and without dashes, the right code is accepted.
            let code = try await app.setupCode(on: app.db)
            #expect(code.wholeMatch(of: /[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}/) != nil)
            let created = try await browser.post("/setup", Self.form(code: code.lowercased().replacingOccurrences(of: "-", with: " ")))
            #expect(created.status == .seeOther)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }

    @Test func wrong_setup_codes_are_throttled() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            for _ in 0..<10 {
                #expect(try await browser.post("/setup", Self.form(code: "ABCD-EFGH-JKLM")).status == .unprocessableEntity)
            }
            let code = try await app.setupCode(on: app.db)
            let throttled = try await browser.post("/setup", Self.form(code: code))
            #expect(throttled.status == .tooManyRequests, "even the right code waits")
            #expect(throttled.text.contains("Te veel verkeerde setupcodes."))
            #expect(throttled.text.contains("value=\"An Peeters\""))
            #expect(try await User.query(on: app.db).count() == 0)
        }
    }

    @Test func every_app_server_on_one_database_accepts_the_same_code() async throws {
        try await withTestApp { app, _ in
            let code = try await app.setupCode(on: app.db)
            // A second server on the same database, with nothing in memory. In-memory SQLite is private to each app:
            // there the second one gets the first one's key row, as it would from a shared file or PostgreSQL.
            let other = try await Application.make(.testing)
            do {
                try await configure(other, app.samenspraakConfig)
                if app.samenspraakConfig.database == .sqliteMemory {
                    try await other.autoMigrate()
                    let key = try #require(try await AppSecret.query(on: app.db).filter(\.$name == "code_hmac_key").first())
                    try await AppSecret(name: key.name, value: key.value).create(on: other.db)
                }
                #expect(try await other.setupCode(on: other.db) == code)
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
        }
    }

    @Test func serve_prints_the_setup_code_on_an_empty_database_only() async throws {
        try await withTestApp { app, _ in
            let line = try #require(try await SetupCode.firstRunLine(app))
            let code = try await app.setupCode(on: app.db)
            #expect(line == "First run: open http://127.0.0.1:8080/setup and type the setup code \(code)")
            _ = try await DemoWorld.seed(app)
            #expect(try await SetupCode.firstRunLine(app) == nil)
        }
    }

    @Test func setup_creates_the_first_coordinator_once() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            let code = try await app.setupCode(on: app.db)
            let response = try await browser.post("/setup", Self.form(code: code))
            #expect(response.status == .seeOther)
            let user = try #require(try await User.query(on: app.db).first())
            #expect(user.email == "an@hogeschool.be")
            #expect(user.role == .coordinator)
            #expect(user.passwordHash.hasPrefix("$2"))
            #expect(try await browser.get("/staff/trajectories").status == .ok, "signed in right away")
            #expect(try await Browser(app).get("/setup").status == .notFound, "setup is gone once someone exists")
            let again = try await Browser(app).post("/setup", Self.form(code: code, name: "X", email: "x@y.be"))
            #expect(again.status == .notFound)
            #expect(try await User.query(on: app.db).count() == 1)
        }
    }
}

@Suite struct SignInTests {
    @Test func sign_in_sets_a_safe_session_cookie_and_leads_home() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = Browser(app)
            let response = try await browser.signIn(world.coordinator.email.uppercased(), world.coordinator.password)
            #expect(response.status == .seeOther)
            #expect(response.location == "/staff")
            let cookie = try #require(response.headers.setCookie?[StaffAuthMiddleware.cookieName])
            #expect(cookie.isHTTPOnly)
            #expect(cookie.sameSite == .lax)
            #expect(!cookie.isSecure)
            let home = try await browser.get("/staff")
            #expect(home.location == "/staff/trajectories/\(world.trajectory)")
            let page = try await browser.get(home.location!)
            #expect(page.text.contains("Warme partnerschappen met ouders"))
            #expect(page.text.contains("Kleuterschool Het Klavertje"))
        }
    }

    @Test func session_token_is_stored_only_as_a_hash() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let token = try #require(browser.cookies[StaffAuthMiddleware.cookieName])
            let sessions = try await StaffSession.query(on: app.db).all()
            #expect(sessions.count == 1)
            #expect(sessions[0].tokenHash == AppServices.hash(token: token))
            #expect(sessions[0].tokenHash != token)
        }
    }

    @Test func cookies_are_secure_when_served_over_https() async throws {
        try await withTestApp(configure: { $0.secureCookies = true }) { app, _ in
            let world = try await DemoWorld.seed(app)
            let response = try await Browser(app).signIn(world.leadA.email, world.leadA.password)
            #expect(response.headers.setCookie?[app.cookieName(StaffAuthMiddleware.cookieName)]?.isSecure == true)
            let fresh = try await Browser(app).get("/login")
            #expect(fresh.headers.setCookie?[app.cookieName(CSRFMiddleware.cookieName)]?.isSecure == true)
        }
    }

    @Test func wrong_password_says_so_and_keeps_the_email() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let response = try await Browser(app).signIn(world.leadA.email, "wrong password")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Dit e-mailadres en wachtwoord horen niet bij elkaar."))
            #expect(response.text.contains("value=\"\(world.leadA.email)\""))
            #expect(response.headers.setCookie?[StaffAuthMiddleware.cookieName] == nil)
        }
    }

    @Test func unknown_address_gets_the_same_answer_as_a_wrong_password() async throws {
        try await withTestApp { app, _ in
            _ = try await DemoWorld.seed(app)
            let response = try await Browser(app).signIn("nobody@school.be", "whatever password")
            #expect(response.status == .unauthorized)
            #expect(response.text.contains("Dit e-mailadres en wachtwoord horen niet bij elkaar."))
        }
    }

    @Test func empty_fields_are_asked_for() async throws {
        try await withTestApp { app, _ in
            let response = try await Browser(app).post("/login", [("email", ""), ("password", "")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Vul je e-mailadres en je wachtwoord in."))
        }
    }

    @Test func five_failures_lock_the_account_with_a_growing_wait() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let browser = Browser(app)
            for _ in 1...4 {
                #expect(try await browser.signIn(world.leadA.email, "wrong password").status == .unauthorized)
            }
            let fifth = try await browser.signIn(world.leadA.email, "wrong password")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.text.contains("Te veel mislukte pogingen. Wacht 1 minuten"))
            let rightButLocked = try await browser.signIn(world.leadA.email, world.leadA.password)
            #expect(rightButLocked.status == .tooManyRequests, "even the right password waits")
            clock.advance(seconds: 31)
            let sixth = try await browser.signIn(world.leadA.email, "wrong password")
            #expect(sixth.status == .tooManyRequests, "the sixth failure locks again, longer")
            clock.advance(seconds: 61)
            #expect(try await browser.signIn(world.leadA.email, world.leadA.password).status == .seeOther)
            #expect(try await SignInAttempt.query(on: app.db).count() == 0, "success clears the count")
        }
    }

    @Test func throttling_is_per_account() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = Browser(app)
            for _ in 1...5 { _ = try await browser.signIn(world.leadA.email, "wrong password") }
            #expect(try await browser.signIn(world.leadB.email, world.leadB.password).status == .seeOther)
        }
    }

    @Test func next_parameter_brings_a_person_back_but_only_within_the_site() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let schoolPath = "/staff/schools/\(world.schoolA)"
            let anonymous = try await Browser(app).get(schoolPath)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location == "/login?next=\(schoolPath)")
            let browser = Browser(app)
            let form = try await browser.get(anonymous.location!)
            #expect(form.text.contains("name=\"next\" value=\"\(schoolPath)\""))
            let signIn = try await browser.post("/login", [("email", world.leadA.email), ("password", world.leadA.password), ("next", schoolPath)])
            #expect(signIn.location == schoolPath)
            let evil = try await Browser(app).post("/login", [("email", world.leadA.email), ("password", world.leadA.password),
                                                              ("next", "//evil.example/")])
            #expect(evil.location == "/staff")
        }
    }

    @Test func sign_out_ends_the_session_in_the_database() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.memberA)
            let token = try #require(browser.cookies[StaffAuthMiddleware.cookieName])
            let out = try await browser.post("/logout", [])
            #expect(out.status == .seeOther)
            #expect(out.location == "/login?signed_out=1")
            #expect(try await browser.get("/login?signed_out=1").text.contains("Je bent afgemeld."))
            #expect(try await StaffSession.query(on: app.db).filter(\.$tokenHash == AppServices.hash(token: token)).count() == 0)
            // The old cookie, replayed, opens nothing.
            let replay = Browser(app)
            replay.setCookie(StaffAuthMiddleware.cookieName, token)
            let stolen = try await replay.get("/staff/schools/\(world.schoolA)")
            #expect(stolen.status == .seeOther)
        }
    }

    @Test func sessions_expire() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.memberA)
            #expect(try await browser.get("/staff/schools/\(world.schoolA)").status == .ok)
            clock.advance(seconds: 13 * 3600)
            #expect(try await browser.get("/staff/schools/\(world.schoolA)").status == .seeOther)
        }
    }
}

@Suite struct CSRFTests {
    @Test func a_form_without_its_token_is_refused_and_changes_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let before = try await School.query(on: app.db).count()
            let response = try await browser.post("/staff/trajectories/\(world.trajectory)/schools",
                                                  [("name", "Nieuwe school"), ("levels[]", "lager"), ("languages[]", "nl")], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Dit formulier is verlopen"))
            #expect(try await School.query(on: app.db).count() == before)
        }
    }

    @Test func a_token_that_does_not_match_the_cookie_is_refused() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = Browser(app)
            _ = try await browser.get("/login")
            let response = try await browser.post("/login", [("email", world.leadA.email), ("password", world.leadA.password),
                                                             ("csrf_token", "forged-token-forged-token-forged-token")], csrf: false)
            #expect(response.status == .forbidden)
            #expect(response.headers.setCookie?[StaffAuthMiddleware.cookieName] == nil)
        }
    }

    @Test func sign_in_without_any_cookie_is_refused() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let response = try await Browser(app).post("/login", [("email", world.leadA.email), ("password", world.leadA.password)],
                                                       csrf: false)
            #expect(response.status == .forbidden)
        }
    }
}
