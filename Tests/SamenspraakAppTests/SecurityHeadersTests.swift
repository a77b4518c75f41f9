import Fluent
import Foundation
import NIOCore
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Every answer carries the security headers, errors and early refusals included.
@Suite struct SecurityHeadersTests {
    static func expectSecurityHeaders(_ response: TestingHTTPResponse, _ what: String, noStore: Bool = true,
                                      sourceLocation: SourceLocation = #_sourceLocation) {
        let csp = response.headers.first(name: "Content-Security-Policy") ?? ""
        #expect(csp.contains("frame-ancestors 'none'") && csp.contains("default-src 'self'"), "\(what): CSP", sourceLocation: sourceLocation)
        #expect(response.headers.first(name: "X-Frame-Options") == "DENY", "\(what): X-Frame-Options", sourceLocation: sourceLocation)
        #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(what): nosniff", sourceLocation: sourceLocation)
        #expect(response.headers.first(name: "Referrer-Policy") == "no-referrer", "\(what): Referrer-Policy", sourceLocation: sourceLocation)
        if noStore {
            #expect(response.headers.first(name: .cacheControl) == "no-store", "\(what): Cache-Control", sourceLocation: sourceLocation)
        }
    }

    @Test func error_pages_and_the_sign_in_redirect_carry_the_security_headers() async throws {
        try await withTestApp(configure: { $0.maxBodyBytes = 4096 }) { app, _ in
            let world = try await DemoWorld.seed(app)
            // 404: an unknown path.
            let missing = try await Browser(app).get("/bestaat/niet")
            #expect(missing.status == .notFound)
            Self.expectSecurityHeaders(missing, "404")
            // 303 to sign-in: a staff page without a session.
            let anonymous = try await Browser(app).get("/staff/trajectories/\(world.trajectory)/plans")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location?.hasPrefix("/login") == true)
            Self.expectSecurityHeaders(anonymous, "sign-in redirect")
            // 403: a lead on a coordinator's page, and a form without its token.
            let lead = try await world.browser(app, as: world.leadA)
            let forbidden = try await lead.get("/staff/trajectories/\(world.trajectory)/plans")
            #expect(forbidden.status == .forbidden)
            Self.expectSecurityHeaders(forbidden, "403")
            let tokenless = try await lead.post("/logout", [], csrf: false)
            #expect(tokenless.status == .forbidden)
            Self.expectSecurityHeaders(tokenless, "403 CSRF")
            // 409: registering for a full event.
            let path = world.summary.eventPath
            #expect(try await lead.post("\(path)/registration", [("action", "register"), ("colleagues", "2")]).status == .seeOther)
            let member = try await world.browser(app, as: world.memberA)
            let full = try await member.post("\(path)/registration", [("action", "register"), ("colleagues", "1")])
            #expect(full.status == .conflict)
            Self.expectSecurityHeaders(full, "409")
            // 413: a body over the limit.
            let large = try await Browser(app).post("/login", [("email", String(repeating: "a", count: 10_000)), ("password", "x")])
            #expect(large.status == .payloadTooLarge)
            Self.expectSecurityHeaders(large, "413")
            // 415: JSON where a form is expected.
            let json = try await app.testing().sendRequest(.POST, "/login", headers: ["Content-Type": "application/json"],
                                                           body: ByteBuffer(string: "{\"email\":\"a@b.be\"}"))
            #expect(json.status == .unsupportedMediaType)
            Self.expectSecurityHeaders(json, "415")
            // 500: a handler that fails.
            app.get("boom") { _ -> String in throw Abort(.internalServerError) }
            let failed = try await Browser(app).get("/boom")
            #expect(failed.status == .internalServerError)
            Self.expectSecurityHeaders(failed, "500")
            // 503: the database is away.
            app.databases.use(try .postgres(url: "postgres://nobody:nothing@127.0.0.1:1/none"), as: .init(string: "gone"), isDefault: true)
            let away = try await Browser(app).get("/stories")
            #expect(away.status == .serviceUnavailable)
            Self.expectSecurityHeaders(away, "503 database")
        }
    }

    @Test func a_throttled_setup_and_a_busy_server_carry_the_security_headers() async throws {
        let gate = Gate()
        try await withTestApp(configure: { $0.maxInFlight = 1 }) { app, _ in
            // 429: too many wrong setup codes.
            let browser = Browser(app)
            for _ in 0..<10 {
                #expect(try await browser.post("/setup", SetupTests.form(code: "AAAA-AAAA-AAAA")).status == .unprocessableEntity)
            }
            let throttled = try await browser.post("/setup", SetupTests.form(code: "AAAA-AAAA-AAAA"))
            #expect(throttled.status == .tooManyRequests)
            Self.expectSecurityHeaders(throttled, "429")
            // 503: load shedding, one request held open while another comes.
            app.get("held") { _ async -> String in
                await gate.wait()
                return "done"
            }
            async let held = app.testing().sendRequest(.GET, "held")
            await gate.untilWaiting(1)
            let busy = try await Browser(app).get("/login")
            #expect(busy.status == .serviceUnavailable)
            Self.expectSecurityHeaders(busy, "503 busy")
            gate.open()
            #expect(try await held.body.string == "done")
        }
    }

    @Test func staff_pages_are_never_stored_and_hsts_is_sent_over_https() async throws {
        try await withTestApp(configure: { $0.publicURL = "https://samenspraak.example.be"; $0.secureCookies = true }) { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/schools/\(world.schoolA)")
            #expect(page.status == .ok)
            Self.expectSecurityHeaders(page, "staff page")
            #expect(page.headers.first(name: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
            let missing = try await Browser(app).get("/bestaat/niet")
            #expect(missing.headers.first(name: "Strict-Transport-Security") == "max-age=31536000; includeSubDomains")
        }
        try await withTestApp { app, _ in
            let page = try await Browser(app).get("/login")
            #expect(page.headers.first(name: "Strict-Transport-Security") == nil, "no HSTS over plain http")
        }
    }
}
