import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// "Forgot your password?": a link by e-mail, an hour, once; the same answer for every address; throttled.
@Suite struct PasswordResetTests {
    static func ask(_ browser: Browser, _ email: String) async throws -> TestingHTTPResponse {
        _ = try await browser.get("/password/forgot")
        return try await browser.post("/password/forgot", [("email", email)])
    }

    static func path(_ address: String) throws -> String {
        let url = try #require(URL(string: address))
        return url.path
    }

    @Test func a_person_resets_a_forgotten_password_by_the_link_in_the_mail() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            // Signed in elsewhere, in English: the mail is in English and that browser is signed out by the reset.
            let elsewhere = Browser(app)
            elsewhere.acceptLanguage = "en"
            #expect(try await elsewhere.signIn(world.memberA.email, world.memberA.password).status == .seeOther)

            let login = try await Browser(app).get("/login")
            #expect(login.text.contains("href=\"/password/forgot\""))
            let visitor = Browser(app)
            let asked = try await Self.ask(visitor, world.memberA.email)
            #expect(asked.status == .ok)
            #expect(asked.text.contains("Als er een account bestaat voor \(world.memberA.email)"))

            let server = RecordingTransport()
            #expect(try await deliverMail(app, server) == 1)
            let mail = try #require(server.mails.first)
            #expect(mail.recipient == world.memberA.email)
            #expect(mail.language == "en")
            #expect(mail.subject == "A new password for Samenspraak")
            let address = try #require(link(in: mail, containing: "/password/reset/"))
            let token = try Self.path(address).split(separator: "/").last.map(String.init) ?? ""
            let stored = try await PasswordReset.query(on: app.db).first()?.tokenHash
            #expect(stored == AppServices.hash(token: token), "only a hash of the token is stored")

            let form = try await visitor.get(Self.path(address))
            #expect(form.status == .ok)
            #expect(form.text.contains("Voor het account \(world.memberA.email)."))
            let mismatch = try await visitor.post(Self.path(address), [("password", "een lange nieuwe zin"), ("password_confirmation", "iets anders")])
            #expect(mismatch.status == .unprocessableEntity)
            let done = try await visitor.post(Self.path(address), [("password", "een lange nieuwe zin"),
                                                                   ("password_confirmation", "een lange nieuwe zin")])
            #expect(done.status == .seeOther)
            #expect(done.location == "/login?password_reset=1")
            #expect(try await visitor.get(done.location!).text.contains("Je nieuwe wachtwoord is bewaard."))

            #expect(try await elsewhere.get("/staff").location?.hasPrefix("/login") == true, "other browsers are signed out")
            #expect(try await Browser(app).signIn(world.memberA.email, world.memberA.password).status == .unauthorized)
            #expect(try await Browser(app).signIn(world.memberA.email, "een lange nieuwe zin").status == .seeOther)

            let again = try await visitor.get(Self.path(address))
            #expect(again.status == .notFound, "a link works once")
            #expect(again.text.contains("Deze link werkt niet meer"))
            let reuse = try await visitor.post(Self.path(address), [("password", "nog een andere zin"), ("password_confirmation", "nog een andere zin")])
            #expect(reuse.status == .notFound)
            #expect(try await Browser(app).signIn(world.memberA.email, "nog een andere zin").status == .unauthorized)
        }
    }

    @Test func an_unknown_address_gets_the_same_answer_and_no_mail() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            let known = try await Self.ask(Browser(app), world.memberA.email)
            let unknown = try await Self.ask(Browser(app), "niemand@school.be")
            #expect(unknown.status == known.status)
            #expect(unknown.text.replacingOccurrences(of: "niemand@school.be", with: "X")
                .replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression)
                == known.text.replacingOccurrences(of: world.memberA.email, with: "X")
                .replacingOccurrences(of: #"value="[^"]*""#, with: "", options: .regularExpression))
            #expect(try await OutboxMail.query(on: app.db).count() == 1, "only the known address gets a mail")
        }
    }

    @Test func a_malformed_address_is_answered_and_kept() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            _ = try await DemoWorld.seed(app)
            let response = try await Self.ask(Browser(app), "geen adres")
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("value=\"geen adres\""))
            let empty = try await Self.ask(Browser(app), "")
            #expect(empty.status == .unprocessableEntity)
            #expect(try await OutboxMail.query(on: app.db).count() == 0)
        }
    }

    @Test func a_link_older_than_an_hour_no_longer_works() async throws {
        try await withTestApp(configure: withMail) { app, clock in
            let world = try await DemoWorld.seed(app)
            _ = try await Self.ask(Browser(app), world.memberA.email)
            let server = RecordingTransport()
            try await deliverMail(app, server)
            let mail = try #require(server.mails.first)
            let address = try #require(link(in: mail, containing: "/password/reset/"))
            clock.advance(seconds: 3601)
            #expect(try await Browser(app).get(Self.path(address)).status == .notFound)
        }
    }

    @Test func requests_are_throttled_per_account_and_per_client_address() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            // Per account: three mails an hour; a fourth request is answered alike but sends nothing.
            for _ in 1...4 { #expect(try await Self.ask(Browser(app), world.memberA.email).status == .ok) }
            #expect(try await OutboxMail.query(on: app.db).count() == PasswordResetRules.mailsPerAccountPerHour)
            // Per client address: ten requests an hour, whatever the addresses asked for.
            for n in 1...6 { #expect(try await Self.ask(Browser(app), "iemand\(n)@school.be").status == .ok) }
            let refused = try await Self.ask(Browser(app), world.leadA.email)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Wacht een uur"))
            #expect(try await OutboxMail.query(on: app.db).count() == PasswordResetRules.mailsPerAccountPerHour)
        }
    }

    @Test func without_mail_the_page_says_whom_to_ask() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            #expect(try await Browser(app).get("/login").text.contains("Vraag je begeleider of schooldirectie"))
            let page = try await Browser(app).get("/password/forgot")
            #expect(page.status == .ok)
            #expect(page.text.contains("Deze Samenspraak verstuurt geen e-mail."))
            #expect(!page.text.contains("<form method=\"post\" action=\"/password/forgot\""))
            let posted = try await Self.ask(Browser(app), world.memberA.email)
            #expect(posted.status == .ok)
            #expect(try await PasswordReset.query(on: app.db).count() == 0)
        }
    }
}
