import Fluent
import Foundation
@testable import SamenspraakApp
import Testing
import VaporTesting

@Suite struct ConfigurationTests {
    @Test func defaults_to_the_sqlite_file_in_the_working_directory() throws {
        let config = try AppConfiguration(environment: [:])
        #expect(config.database == .sqliteFile("samenspraak.sqlite"))
        #expect(config.port == 8080)
        #expect(!config.secureCookies)
    }

    @Test func database_url_selects_postgres() throws {
        let config = try AppConfiguration(environment: ["DATABASE_URL": "postgres://u:p@db:5432/s"])
        #expect(config.database == .postgres("postgres://u:p@db:5432/s"))
        #expect(config.database.kind == "postgresql")
        #expect(AppConfiguration.Database.parse("postgresql://db/s") == .postgres("postgresql://db/s"))
        #expect(AppConfiguration.Database.parse("/var/lib/samenspraak.sqlite") == .sqliteFile("/var/lib/samenspraak.sqlite"))
    }

    @Test func https_public_url_makes_cookies_secure() throws {
        let config = try AppConfiguration(environment: ["SAMENSPRAAK_PUBLIC_URL": "https://samenspraak.example.be/"])
        #expect(config.publicURL == "https://samenspraak.example.be")
        #expect(config.secureCookies)
    }

    @Test func every_invalid_setting_is_reported_at_once() {
        do {
            _ = try AppConfiguration(environment: ["PORT": "abc", "SAMENSPRAAK_BCRYPT_COST": "2", "LOG_LEVEL": "loud",
                                                   "SAMENSPRAAK_PUBLIC_URL": "samenspraak.be"])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.problems.count == 4)
            #expect(error.description.contains("PORT must be a number"))
        }
    }
}

extension ConfigurationTests {
    @Test func survey_limits_and_paper_days_are_read_and_checked() throws {
        let defaults = try AppConfiguration(environment: [:])
        #expect(defaults.surveyBurst == 120 && defaults.codeFailures == 100 && defaults.paperDays == 14)
        let config = try AppConfiguration(environment: ["SAMENSPRAAK_SURVEY_BURST": "400", "SAMENSPRAAK_CODE_FAILURES": "20",
                                                        "SAMENSPRAAK_PAPER_DAYS": "0"])
        #expect(config.surveyBurst == 400 && config.codeFailures == 20 && config.paperDays == 0)
        #expect(BurstLimiters(config).surveyBegins.limit.limit == 1200)
        #expect(try AppConfiguration(environment: ["SAMENSPRAAK_PAPER_DAYS": "90"]).paperDays == 90)
        do {
            _ = try AppConfiguration(environment: ["SAMENSPRAAK_SURVEY_BURST": "0", "SAMENSPRAAK_CODE_FAILURES": "many",
                                                   "SAMENSPRAAK_PAPER_DAYS": "91"])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.problems == ["SAMENSPRAAK_SURVEY_BURST must be 1 to 100000", "SAMENSPRAAK_CODE_FAILURES must be 1 to 100000",
                                       "SAMENSPRAAK_PAPER_DAYS must be 0 to 90"])
        }
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["SAMENSPRAAK_PAPER_DAYS": "-1"]) }
    }

    @Test func trusted_proxies_are_read_and_an_unreadable_entry_is_named() throws {
        #expect(try AppConfiguration(environment: [:]).trustedProxies == .none)
        let config = try AppConfiguration(environment: ["SAMENSPRAAK_TRUSTED_PROXIES": " 127.0.0.1, 10.0.0.0/8 ,::1"])
        #expect(config.trustedProxies.ranges.map(\.description) == ["127.0.0.1/32", "10.0.0.0/8", "0:0:0:0:0:0:0:1/128"])
        do {
            _ = try AppConfiguration(environment: ["SAMENSPRAAK_TRUSTED_PROXIES": "127.0.0.1, nginx, 10.0.0.0/33"])
            Issue.record("expected a configuration error")
        } catch {
            #expect(error.problems == ["SAMENSPRAAK_TRUSTED_PROXIES must list IP addresses or ranges (127.0.0.1, 10.0.0.0/8, ::1), "
                + "separated by commas; not: nginx, 10.0.0.0/33"])
        }
    }

    @Test func a_demo_clock_starts_at_its_moment_and_runs_on() throws {
        #expect(try AppConfiguration(environment: [:]).clockStart == nil)
        let config = try AppConfiguration(environment: ["SAMENSPRAAK_DEMO_CLOCK": "2026-12-02T09:00:00Z"])
        let start = try #require(config.clockStart)
        #expect(start == Date(timeIntervalSince1970: 1_796_202_000))
        let now = AppServices.live.clock(startingAt: start).now()
        #expect(now >= start && now < start.addingTimeInterval(60))
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["SAMENSPRAAK_DEMO_CLOCK": "2 december"]) }
    }

    @Test func mail_settings_are_read_together_and_checked() throws {
        #expect(try AppConfiguration(environment: [:]).mail == nil)
        let config = try AppConfiguration(environment: ["SAMENSPRAAK_SMTP_URL": "smtp://juf%40school.be:geheim@mail.school.be:587",
                                                        "SAMENSPRAAK_MAIL_FROM": "Basisschool De Regenboog <noreply@school.be>"])
        let mail = try #require(config.mail)
        #expect(mail.fromAddress == "noreply@school.be")
        #expect(mail.fromName == "Basisschool De Regenboog")
        #expect(mail.messageIDDomain == "school.be")
        #expect(try AppConfiguration(environment: ["SAMENSPRAAK_SMTP_URL": "smtps://mail.school.be",
                                                   "SAMENSPRAAK_MAIL_FROM": "noreply@school.be"]).mail?.fromName == "Samenspraak")
        func problems(_ env: [String: String]) -> [String] {
            do {
                _ = try AppConfiguration(environment: env)
                return []
            } catch {
                return error.problems
            }
        }
        #expect(problems(["SAMENSPRAAK_SMTP_URL": "smtp://mail.school.be"]).first?.hasPrefix("SAMENSPRAAK_MAIL_FROM must be set") == true)
        #expect(problems(["SAMENSPRAAK_MAIL_FROM": "noreply@school.be"]).first?.hasPrefix("SAMENSPRAAK_SMTP_URL must be set") == true)
        #expect(problems(["SAMENSPRAAK_SMTP_URL": "http://mail.school.be", "SAMENSPRAAK_MAIL_FROM": "geen adres"]).count == 2)
        #expect(problems(["SAMENSPRAAK_SMTP_URL": "smtp://mail.school.be", "SAMENSPRAAK_MAIL_FROM": "noreply@school.be",
                          "SAMENSPRAAK_SMTP_CA_FILE": "/no/such/file.pem"]) == ["SAMENSPRAAK_SMTP_CA_FILE must be a readable PEM file"])
    }
}

@Suite struct DemoTests {
    @Test func demo_seeds_four_schools_with_staff_who_can_sign_in() async throws {
        try await withTestApp { app, _ in
            let summary = try await Demo.seed(app)
            #expect(summary.schoolIDs.count == 4)
            #expect(Set(summary.staff.map(\.role)) == ["coordinator", "lead", "member"])
            #expect(try await School.query(on: app.db).count() == 4)
            let levels = try await School.query(on: app.db).all().flatMap(\.levels)
            #expect(levels.contains(.kleuter) && levels.contains(.lager))
            for login in summary.staff {
                #expect(try await Browser(app).signIn(login.email, login.password).status == .seeOther, "\(login.email)")
            }
            // The first school's teacher who left: the right password hears that the account is deactivated.
            let former = try await Browser(app).signIn(summary.formerStaff.email, summary.formerStaff.password)
            #expect(former.status == .forbidden)
            #expect(former.text.contains("Dit account is gedeactiveerd."))
            #expect(summary.formerStaff.school == summary.schoolIDs[0])
            let json = String(decoding: try JSONEncoder().encode(summary), as: UTF8.self)
            #expect(json.contains("\"staff\":["))
        }
    }

    @Test func the_demo_welcome_round_has_families_reached_a_concern_first_and_a_card_waiting_in_arabic() async throws {
        try await withTestApp { app, _ in
            let summary = try await Demo.seed(app)
            let teacher = try #require(summary.staff.first { $0.role == "member" && $0.school == summary.schoolIDs[0] })
            let browser = Browser(app)
            _ = try await browser.signIn(teacher.email, teacher.password)
            let round = try await browser.get(summary.welcomeRoundPath)
            #expect(round.status == .ok)
            #expect(round.text.contains("3B"))
            #expect(round.text.contains("Plaats 2: wil graag eens praten"))
            let figures = try await browser.get(summary.welcomeRoundPath + "/seats/3")
            #expect(figures.text.contains("Zorg") && figures.text.contains("Warm"), "seat 3: a concern, then a warm contact")
            let card = try await Browser(app).get(summary.goodNewsCardPath)
            #expect(card.status == .ok)
            #expect(card.text.contains("lang=\"ar\""))
            #expect(!card.text.contains("notice info"), "the card is not answered yet")
            // Seeding again replaces the waiting card: the old link no longer opens it.
            let again = try await Demo.seed(app)
            #expect(again.welcomeRoundPath == summary.welcomeRoundPath)
            #expect(try await Browser(app).get(summary.goodNewsCardPath).status == .notFound)
            #expect(try await Browser(app).get(again.goodNewsCardPath).status == .ok)
        }
    }

    @Test func seeding_twice_creates_nothing_twice_and_renews_passwords() async throws {
        try await withTestApp { app, _ in
            let first = try await Demo.seed(app)
            let second = try await Demo.seed(app)
            #expect(first.schoolIDs == second.schoolIDs)
            #expect(try await School.query(on: app.db).count() == 4)
            // The staff who can sign in, and the first school's former teacher, whose account is deactivated.
            #expect(try await User.query(on: app.db).count() == first.staff.count + 1)
            #expect(try await Browser(app).signIn(second.formerStaff.email, second.formerStaff.password).status == .forbidden)
            #expect(try await Browser(app).signIn(first.coordinator.email, first.coordinator.password).status == .unauthorized)
            #expect(try await Browser(app).signIn(second.coordinator.email, second.coordinator.password).status == .seeOther)
        }
    }
}

private extension Demo.Summary {
    var coordinator: Demo.StaffLogin { staff.first { $0.role == "coordinator" }! }
}
