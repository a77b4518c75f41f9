import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The short cache of public pages: shared only between visitors without cookies, per language, and only for a
/// moment.
@Suite struct PageCacheTests {
    @Test func a_public_page_is_kept_for_a_moment_for_visitors_without_cookies_only() async throws {
        try await withTestApp(configure: { $0.pageCacheSeconds = 2 }) { app, clock in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.profilePath
            let first = try await Browser(app).get(path)
            #expect(first.status == .ok)
            let school = try #require(try await School.query(on: app.db).filter(\.$profilePublished == true).first())
            #expect(first.text.contains(school.name))

            // The lead takes the profile offline. A visitor without cookies still gets the kept page for the moment ...
            school.profilePublished = false
            try await school.save(on: app.db)
            let kept = try await Browser(app).get(path)
            #expect(kept.status == .ok)
            #expect(kept.body == first.body)
            #expect(kept.headers.first(name: "Content-Security-Policy") != nil, "the kept page has the security headers")
            // ... but anyone with a cookie (a signed-in lead, a form token) gets the real answer at once,
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.get(path).status == .notFound)
            let withToken = Browser(app)
            withToken.setCookie(CSRFMiddleware.cookieName, String(repeating: "a", count: 43))
            #expect(try await withToken.get(path).status == .notFound)
            // a visitor whose browser asks for another language is not served the Dutch copy,
            let english = Browser(app)
            english.acceptLanguage = "en"
            #expect(try await english.get(path).status == .notFound)
            // and after the moment everyone does.
            clock.advance(seconds: 3)
            #expect(try await Browser(app).get(path).status == .notFound)
        }
    }

    @Test func the_survey_start_page_is_kept_per_language() async throws {
        try await withTestApp(configure: { $0.pageCacheSeconds = 2 }) { app, _ in
            let world = try await DemoWorld.seed(app)
            let dutch = try await Browser(app).get(world.summary.parentSurveyPath + "?lang=nl")
            let arabic = try await Browser(app).get(world.summary.parentSurveyPath + "?lang=ar")
            #expect(dutch.status == .ok && arabic.status == .ok)
            #expect(dutch.text.contains("lang=\"nl\""))
            #expect(arabic.text.contains("dir=\"rtl\""))
            #expect(dutch.body != arabic.body)
            #expect(try await Browser(app).get(world.summary.parentSurveyPath + "?lang=ar").body == arabic.body)
            // Only the listed public pages are kept: never a staff page, a draft or a rating form.
            #expect(PublicPageCache.patterns.allSatisfy { !$0.hasPrefix("/staff") && !$0.hasPrefix("/d/") && !$0.hasPrefix("/m/") })
        }
    }

    @Test func the_page_cache_is_configured_and_checked() throws {
        #expect(try AppConfiguration(environment: [:]).pageCacheSeconds == 2)
        #expect(try AppConfiguration(environment: ["SAMENSPRAAK_PAGE_CACHE_SECONDS": "0"]).pageCacheSeconds == 0)
        for bad in ["-1", "61", "soon"] {
            #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["SAMENSPRAAK_PAGE_CACHE_SECONDS": bad]) }
        }
    }
}
