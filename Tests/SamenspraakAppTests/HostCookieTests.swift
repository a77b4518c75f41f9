import Fluent
import Foundation
import NIOCore
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Cookies carry the `__Host-` prefix when they are Secure, and are read back under that name.
@Suite struct HostCookieTests {
    @Test func secure_cookies_are_named_with_the_host_prefix_and_read_back() async throws {
        try await withTestApp(configure: { $0.secureCookies = true }) { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = Browser(app)
            let login = try await browser.get("/login")
            let csrf = try #require(login.headers.setCookie?["__Host-samenspraak_csrf"])
            #expect(csrf.isSecure && csrf.path == "/" && csrf.domain == nil)
            #expect(login.headers.setCookie?["samenspraak_csrf"] == nil)
            let signedIn = try await browser.signIn(world.leadA.email, world.leadA.password)
            #expect(signedIn.status == .seeOther, "the CSRF cookie is read back under its prefixed name")
            let session = try #require(signedIn.headers.setCookie?["__Host-samenspraak_session"])
            #expect(session.isSecure && session.path == "/" && session.domain == nil && session.isHTTPOnly)
            #expect(try await browser.get("/staff/schools/\(world.schoolA)").status == .ok, "the session is read back")
            #expect(signedIn.headers.setCookie?["__Host-\(SignInGuard.deviceCookieName)"]?.isSecure == true, "the known browser too")
            // A story with a photo: its token, checked before the body is read, is found under the prefixed name.
            let story = try await browser.postMultipart("/staff/schools/\(world.schoolA)/stories",
                                                        [("title", "Koffie"), ("summary", "Kort."), ("body", "Lang."), ("keys[]", "5"),
                                                         ("photo_alt", "Een klas")],
                                                        file: ("photo", "klas.png", "image/png", ImageCheckTestBytes.png))
            #expect(story.status == .seeOther, "a story upload works over https: \(story.status)")
            // The language choice and the rating device.
            let visitor = Browser(app)
            let language = try await visitor.get("/language/en?back=/login")
            #expect(language.headers.setCookie?["__Host-samenspraak_lang"]?.isSecure == true)
            #expect(try await visitor.get("/login").text.contains("<h1>Sign in</h1>"), "the language is read back")
            let parent = Browser(app)
            let rating = try await parent.get(world.summary.ratingMomentPath)
            let device = try #require(rating.headers.setCookie?["__Host-samenspraak_device"])
            #expect(device.isSecure && device.path == "/" && device.domain == nil)
            // Under the old name the cookies mean nothing.
            let plain = Browser(app)
            plain.setCookie("samenspraak_session", try #require(browser.cookies["__Host-samenspraak_session"]))
            #expect(try await plain.get("/staff/schools/\(world.schoolA)").status == .seeOther)
        }
    }

    @Test func plain_http_cookies_keep_their_names() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            #expect(app.cookieName("samenspraak_session") == "samenspraak_session")
            let browser = Browser(app)
            let signedIn = try await browser.signIn(world.leadA.email, world.leadA.password)
            let session = try #require(signedIn.headers.setCookie?["samenspraak_session"])
            #expect(!session.isSecure)
            let device = try #require(try await Browser(app).get(world.summary.ratingMomentPath).headers.setCookie?["samenspraak_device"])
            #expect(device.path == "/m/", "over plain http the device cookie stays with the rating pages")
        }
    }
}
