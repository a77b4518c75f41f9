import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Plot
import SamenspraakViews
import Testing
import VaporTesting

@Suite struct OperationsTests {
    @Test func healthz_reports_the_database() async throws {
        try await withTestApp { app, _ in
            let response = try await Browser(app).get("/healthz")
            #expect(response.status == .ok)
            #expect(response.headers.contentType == .json)
            let health = try response.content.decode(PublicController.Health.self)
            #expect(health.status == "ok")
            #expect(health.database == "ok")
            #expect(health.databaseKind == app.samenspraakConfig.database.kind)
        }
    }

    @Test func healthz_is_503_when_the_database_is_gone() async throws {
        try await withTestApp { app, _ in
            // An unreachable PostgreSQL server stands in for a database that went away.
            app.databases.use(try .postgres(url: "postgres://nobody:nothing@127.0.0.1:1/none"), as: .init(string: "gone"), isDefault: true)
            let response = try await Browser(app).get("/healthz")
            #expect(response.status == .serviceUnavailable)
            #expect(response.text.contains("\"database\":\"unreachable\""))
        }
    }

    @Test func pages_say_kindly_when_the_database_is_away_and_recover_when_it_returns() async throws {
        try await withTestApp { app, _ in
            _ = try await DemoWorld.seed(app)
            let working = DatabaseID(string: app.samenspraakConfig.database.kind == "postgresql" ? "psql" : "sqlite")
            app.databases.use(try .postgres(url: "postgres://nobody:nothing@127.0.0.1:1/none"), as: .init(string: "gone"), isDefault: true)
            let browser = Browser(app)
            let away = try await browser.get("/stories")
            #expect(away.status == .serviceUnavailable)
            #expect(away.headers.first(name: .retryAfter) == "30")
            #expect(away.text.contains("Even niet bereikbaar"))
            #expect(!away.text.contains("PSQL") && !away.text.contains("127.0.0.1"), "the cause stays in the log")
            // The database is back: the same server answers again, without a restart.
            app.databases.default(to: working)
            #expect(try await browser.get("/stories").status == .ok)
        }
    }

    @Test func metrics_count_requests_by_route_pattern() async throws {
        try await withTestApp(configure: { $0.metricsToken = MetricsAccessTests.token }) { app, _ in
            let browser = Browser(app)
            _ = try await browser.get("/login")
            _ = try await browser.get("/invite/secret-token-value")
            let metrics = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(MetricsAccessTests.token)"])
            #expect(metrics.status == .ok)
            #expect(metrics.headers.first(name: .contentType)?.hasPrefix("text/plain") == true)
            #expect(metrics.body.string.contains("http_requests_total{method=\"GET\",route=\"/login\",status=\"200\"} 1"))
            #expect(metrics.text.contains("http_request_duration_seconds_bucket"))
            #expect(metrics.text.contains("route=\"/invite/:token\""))
            #expect(!metrics.text.contains("secret-token-value"), "tokens never reach the metrics")
        }
    }

    @Test func unknown_page_is_a_friendly_404_in_the_visitors_language() async throws {
        try await withTestApp { app, _ in
            let dutch = try await Browser(app).get("/bestaat/niet")
            #expect(dutch.status == .notFound)
            #expect(dutch.headers.contentType?.description.hasPrefix("text/html") == true)
            #expect(dutch.text.contains("Pagina niet gevonden"))
            let english = Browser(app)
            english.acceptLanguage = "en-GB,en;q=0.9"
            let page = try await english.get("/does/not/exist")
            #expect(page.text.contains("Page not found"))
            #expect(page.text.contains("<html lang=\"en\" dir=\"ltr\">"))
        }
    }

    @Test func the_chosen_language_is_kept_in_a_cookie_and_beats_the_browser() async throws {
        try await withTestApp { app, _ in
            let browser = Browser(app)
            browser.acceptLanguage = "nl-BE"
            let switched = try await browser.get("/language/en?back=/login")
            #expect(switched.status == .seeOther)
            #expect(switched.location == "/login")
            #expect(browser.cookies[Request.languageCookie] == "en")
            let page = try await browser.get("/login")
            #expect(page.text.contains("<h1>Sign in</h1>"))
            let offsite = try await browser.get("/language/nl?back=https://evil.example")
            #expect(offsite.location == "/")
            #expect(try await browser.get("/language/xx").status == .notFound)
        }
    }

    @Test func oversized_bodies_are_refused_with_413() async throws {
        try await withTestApp(configure: { $0.maxBodyBytes = 4096 }) { app, _ in
            let browser = Browser(app)
            let response = try await browser.post("/login", [("email", String(repeating: "a", count: 10_000)), ("password", "x")])
            #expect(response.status == .payloadTooLarge)
            #expect(response.text.contains("Te veel tegelijk"))
        }
    }

    @Test func server_errors_show_nothing_of_the_cause() async throws {
        try await withTestApp { app, _ in
            app.get("boom") { _ -> String in throw DatabaseSecretsError() }
            let response = try await Browser(app).get("/boom")
            #expect(response.status == .internalServerError)
            #expect(response.text.contains("Er ging iets mis bij ons"))
            #expect(!response.text.contains("DatabaseSecretsError"))
            #expect(!response.text.contains("hunter2"))
        }
    }

    struct DatabaseSecretsError: Error, CustomStringConvertible {
        var description: String { "connection failed for password hunter2" }
    }

    @Test func pages_carry_security_headers_and_are_not_cached() async throws {
        try await withTestApp { app, _ in
            let response = try await Browser(app).get("/login")
            #expect(response.headers.first(name: "Content-Security-Policy")?.contains("frame-ancestors 'none'") == true)
            #expect(response.headers.first(name: "Referrer-Policy") == "no-referrer")
            #expect(response.headers.first(name: .cacheControl) == "no-store")
        }
    }

    @Test func stylesheet_is_cacheable_and_revalidates() async throws {
        try await withTestApp { app, _ in
            let first = try await app.testing().sendRequest(.GET, "/static/samenspraak.css")
            #expect(first.status == .ok)
            let etag = try #require(first.headers.first(name: .eTag))
            #expect(first.headers.first(name: .cacheControl)?.contains("max-age") == true)
            let second = try await app.testing().sendRequest(.GET, "/static/samenspraak.css", headers: ["If-None-Match": etag])
            #expect(second.status == .notModified)
        }
    }

    @Test func shipped_catalogs_are_complete_and_every_page_uses_only_known_keys() throws {
        let catalogs = try CatalogLoader.load()
        #expect(catalogs.available.contains(.nl) && catalogs.available.contains(.en))
        let keyLike = try Regex(#"[>"][a-z_0-9]+(\.[a-z_0-9]+)+[<"]"#)
        for language in LanguageCode.staffLanguages {
            for (name, html) in PageMocks.withLocalizer(catalogs.localizer(language)) {
                let rendered = html.render()
                let leftovers = rendered.matches(of: keyLike).map { String(rendered[$0.range]) }
                    .filter { !$0.contains("samenspraak.css") && !$0.contains(".be") }
                #expect(leftovers.isEmpty, "\(language) \(name) shows untranslated keys: \(leftovers)")
            }
        }
    }
}

/// Every page with real texts, for the catalog check.
enum PageMocks {
    static func withLocalizer(_ t: Localizer) -> [(String, Plot.HTML)] {
        func shell<M>(_ model: M, _ keyPath: WritableKeyPath<M, PageShell>) -> M {
            var copy = model
            copy[keyPath: keyPath].t = t
            return copy
        }
        let text = "Basisschool De Regenboog"
        var errorModel = ErrorPage.Model.mock(text: text)
        var pages: [(String, Plot.HTML)] = []
        for status in [400, 403, 404, 405, 413, 422, 429, 500, 502, 418] {
            errorModel.status = status
            pages.append(("error-\(status)", ErrorPage.view(shell(errorModel, \.shell))))
        }
        errorModel.reason = "error.csrf"
        pages.append(("error-csrf", ErrorPage.view(shell(errorModel, \.shell))))
        var setup = SetupPage.Model.mock(text: text)
        setup.errors = ["name": "error.required", "email": "error.email", "password": "error.password_short"]
        var trajectoryForm = TrajectoryFormPage.Model.mock(text: text)
        trajectoryForm.errors = ["starts_on": "error.date", "ends_on": "error.period_too_short"]
        var phasesForm = TrajectoryPhasesPage.Model.mock(text: text)
        phasesForm.draft = PhaseDatesDraft(phases: [])
        phasesForm.errors = ["workshop_starts": "error.required", "workshop_ends": "error.date", "reports_starts": "error.phase_window",
                             "reports_ends": "error.phase_order"]
        // Every state on the timeline: a past phase late, one done, one partly done, the rest planned or now.
        var trajectory = TrajectoryShowPage.Model.mock(text: text)
        trajectory.today = Day(year: 2026, month: 11, day: 1)
        trajectory.notice = TrajectoryNotice.phases.catalogKey
        trajectory.progress = TrajectoryProgress(schools: 3, schoolsWithClosedParentWave: 3, schoolsWithClosedTeamWave: 1)
        var schoolForm = SchoolFormPage.Model.mock(text: text)
        schoolForm.errors = ["levels": "error.levels", "families": "error.families", "languages": "error.languages"]
        var staff = SchoolStaffPage.Model.mock(text: text)
        staff.errors = ["email": "error.email_taken", "role": "error.role", "method": "error.method", "name": "error.name_needed_for_account"]
        var password = PasswordPage.Model.mock(text: text)
        password.errors = ["current_password": "error.current_password", "password": "error.password_same",
                           "password_confirmation": "error.password_mismatch"]
        var accept = AcceptInvitationPage.Model.mock(text: text)
        accept.errors = ["name": "error.too_long", "password": "error.password_long"]
        var invalidAccept = accept
        invalidAccept.invitation = nil
        var login = LoginPage.Model.mock(text: text)
        login.noticeValues = ["minutes": "3"]
        pages += [
            ("home", HomePage.view(shell(.mock(text: text), \.shell))),
            ("login", LoginPage.view(shell(login, \.shell))),
            ("setup", SetupPage.view(shell(setup, \.shell))),
            ("password", PasswordPage.view(shell(password, \.shell))),
            ("trajectories", TrajectoryListPage.view(shell(.mock(text: text), \.shell))),
            ("trajectory-form", TrajectoryFormPage.view(shell(trajectoryForm, \.shell))),
            ("trajectory", TrajectoryShowPage.view(shell(.mock(text: text), \.shell))),
            ("trajectory-progress", TrajectoryShowPage.view(shell(trajectory, \.shell))),
            ("trajectory-phases", TrajectoryPhasesPage.view(shell(phasesForm, \.shell))),
            ("school-form", SchoolFormPage.view(shell(schoolForm, \.shell))),
            ("school", SchoolShowPage.view(shell(.mock(text: text), \.shell))),
            ("staff", SchoolStaffPage.view(shell(staff, \.shell))),
            ("issued", InvitationIssuedPage.view(shell(.mock(text: text), \.shell))),
            ("accept", AcceptInvitationPage.view(shell(accept, \.shell))),
            ("accept-invalid", AcceptInvitationPage.view(shell(invalidAccept, \.shell))),
        ]
        var waveForm = WaveFormPage.Model.mock(text: text)
        waveForm.errors = ["opens_on": "error.date", "closes_on": "error.wave_order", "families": "error.wave_too_long"]
        var wave = WaveShowPage.Model.mock(text: text)
        wave.errors = ["count": "error.slip_count"]
        let questionnaire = try? QuestionnaireLoader.load()["parents-v1"]
        for status in [Phase.Status.later, .now, .done] {
            var copy = wave
            copy.today = status == .later ? Day(year: 2026, month: 1, day: 1) : status == .now ? copy.wave.opens : Day(year: 2027, month: 1, day: 1)
            pages.append(("wave-\(status)", WaveShowPage.view(shell(copy, \.shell))))
        }
        pages.append(("wave-form", WaveFormPage.view(shell(waveForm, \.shell))))
        if let questionnaire {
            for error in ["paper.error.language", "paper.error.values", "paper.error.empty"] {
                var page = PaperEntryPage.Model(shell: PageShell.mock, waveID: "w", schoolName: text, texts: questionnaire.texts(.nl),
                                                items: questionnaire.items.map(\.id), openQuestions: questionnaire.openQuestions,
                                                languages: [.nl], language: "nl", error: error, saved: 2)
                page.shell.t = t
                pages.append(("paper-entry", PaperEntryPage.view(page)))
            }
        }
        var school = SchoolShowPage.Model.mock(text: text)
        school.shell.t = t
        pages.append(("school-with-waves", SchoolShowPage.view(school)))
        return pages
    }
}
