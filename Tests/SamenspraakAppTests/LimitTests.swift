import Fluent
import Foundation
import NIOConcurrencyHelpers
@testable import SamenspraakApp
import SamenspraakCore
import SamenspraakViews
import SQLKit
import Testing
import VaporTesting

/// The network a test's requests come from: tests switch it to play a school's wifi and a parent's phone.
final class TestNetwork: Sendable {
    private let current = NIOLockedValueBox("school-wifi")
    func use(_ name: String) { current.withLockedValue { $0 = name } }

    init(_ app: Application) {
        app.clientAddress = { [current] _ in current.withLockedValue { $0 } }
    }
}

func columns(_ app: Application, _ table: String) async throws -> Set<String> {
    let sql = try #require(app.db as? any SQLDatabase)
    let names = NIOLockedValueBox<Set<String>>([])
    try await sql.execute(sql: SQLRaw("SELECT * FROM \(table)")) { row in names.withLockedValue { $0.formUnion(row.allColumns) } }
    return names.withLockedValue { $0 }
}

@Suite struct SurveyLimitTests {
    static let refusedSend = "Je antwoorden zijn bewaard, maar nog niet verstuurd"

    /// Runs `body` with the app serving on a free loopback port, so requests have a connection address, as
    /// behind a proxy on the same machine; redirects are not followed.
    static func withLoopbackServer(_ app: Application, _ body: (Int) async throws -> Void) async throws {
        app.http.client.configuration.redirectConfiguration = .disallow
        try await app.server.start(address: .hostname("127.0.0.1", port: 0))
        do {
            guard let port = app.http.server.shared.localAddress?.port else { throw Abort(.internalServerError, reason: "no port") }
            try await body(port)
        } catch {
            await app.server.shutdown()
            throw error
        }
        await app.server.shutdown()
    }

    /// A parent begins a draft on the open link and sends it, through a proxy that says it forwards for
    /// `forwardedFor`: the status of the send.
    static func sendThroughProxy(_ app: Application, port: Int, survey: String, forwardedFor: String) async throws -> HTTPStatus {
        let headers: HTTPHeaders = ["X-Forwarded-For": forwardedFor, "Content-Type": "application/x-www-form-urlencoded"]
        let start = try await app.client.post(URI(string: "http://127.0.0.1:\(port)\(survey)/start"), headers: headers) {
            $0.body = ByteBuffer(string: "lang=nl")
        }
        guard start.status == .seeOther, let firstPage = start.headers.first(name: .location) else { return start.status }
        return try await app.client.post(URI(string: "http://127.0.0.1:\(port)\(firstPage.dropLast(2))/submit"), headers: headers).status
    }

    @Test func behind_a_trusted_proxy_each_family_is_counted_by_its_own_address_and_a_forged_header_changes_nothing() async throws {
        try await withTestApp(configure: { config in
            config.surveyBurst = 1
            config.trustedProxies = TrustedProxies(ranges: [IPRange("127.0.0.1")!, IPRange("::1")!])
        }) { app, _ in
            let world = try await DemoWorld.seed(app)
            try await Self.withLoopbackServer(app) { port in
                let survey = world.summary.parentSurveyPath
                // Two families at home, each on their own connection: one send each is within the limit.
                let first = try await Self.sendThroughProxy(app, port: port, survey: survey, forwardedFor: "198.51.100.7")
                let second = try await Self.sendThroughProxy(app, port: port, survey: survey, forwardedFor: "203.0.113.9")
                // The first family again, writing another address into the header itself: the proxy adds the real
                // one on the right, and that is the one counted.
                let again = try await Self.sendThroughProxy(app, port: port, survey: survey, forwardedFor: "192.0.2.1, 198.51.100.7")
                #expect(first == .seeOther && second == .seeOther)
                #expect(again == .tooManyRequests)
            }
            #expect(try await sentCount(app) == 2)
        }
    }

    @Test func without_trusted_proxies_the_header_counts_for_nothing() async throws {
        try await withTestApp(configure: { $0.surveyBurst = 1 }) { app, _ in
            let world = try await DemoWorld.seed(app)
            try await Self.withLoopbackServer(app) { port in
                let survey = world.summary.parentSurveyPath
                let first = try await Self.sendThroughProxy(app, port: port, survey: survey, forwardedFor: "198.51.100.7")
                // Another address in the header, the same connection's address: the same sender.
                let second = try await Self.sendThroughProxy(app, port: port, survey: survey, forwardedFor: "203.0.113.9")
                #expect(first == .seeOther)
                #expect(second == .tooManyRequests)
            }
            #expect(try await sentCount(app) == 1)
        }
    }

    @Test func a_send_past_the_limit_keeps_the_draft_and_goes_through_after_the_hour() async throws {
        try await withTestApp(configure: { $0.surveyBurst = 2 }) { app, clock in
            _ = TestNetwork(app)
            let world = try await DemoWorld.seed(app)
            for _ in 0..<2 {
                let parent = Browser(app)
                let sent = try await parent.answerAll(try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl"), value: "3")
                #expect(sent.status == .seeOther)
            }
            let third = Browser(app)
            let first = try await third.startSurvey(world.summary.parentSurveyPath, language: "nl")
            let refused = try await third.answerAll(first, value: "2", well: "De juf")
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: .retryAfter) == "3600")
            #expect(refused.text.contains(Self.refusedSend))
            #expect(refused.text.contains("Versturen"), "the send button is there to try again")
            #expect(try await sentCount(app) == 2)
            #expect(try await SurveyDraft.query(on: app.db).count() == 1, "the refused draft is kept")

            let lead = try await world.browser(app, as: world.leadA)
            let wavePage = try await lead.get("/staff/waves/\(world.summary.waveIDs[0])")
            #expect(wavePage.text.contains("Keer versturen geweigerd door de limiet op de open link: 1"))
            let report = try await lead.get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(report.text.contains("Keer versturen geweigerd door de limiet op de open link: 1"))

            clock.advance(seconds: 3601)
            let later = try await third.post(String(first.dropLast(2)) + "/submit", [], csrf: false)
            #expect(later.status == .seeOther)
            #expect(later.location?.hasSuffix("/thanks?lang=nl") == true)
            #expect(try await sentCount(app) == 3)
            try await releaseWaiting(app)
            let texts = try await SurveyText.query(on: app.db).all().map(\.text)
            #expect(texts.contains("De juf"), "the answers of the refused send are the ones stored")
            #expect(try await WaveRefusals.query(on: app.db).first()?.sends == 1)
        }
    }

    @Test func addresses_and_waves_are_counted_apart() async throws {
        try await withTestApp(configure: { $0.surveyBurst = 1 }) { app, _ in
            let network = TestNetwork(app)
            let world = try await DemoWorld.seed(app)
            func send(_ path: String) async throws -> TestingHTTPResponse {
                let parent = Browser(app)
                return try await parent.answerAll(try await parent.startSurvey(path, language: "nl"), value: "4")
            }
            #expect(try await send(world.summary.parentSurveyPath).status == .seeOther)
            #expect(try await send(world.summary.parentSurveyPath).status == .tooManyRequests)
            let otherWave = try #require(try await Wave.find(UUID(uuidString: world.summary.waveIDs[1]), on: app.db))
            #expect(try await send("/o/\(otherWave.slug)").status == .seeOther, "another wave has a count of its own")
            network.use("a-phone-on-mobile-data")
            #expect(try await send(world.summary.parentSurveyPath).status == .seeOther)
            network.use("school-wifi")
            #expect(try await send(world.summary.parentSurveyPath).status == .tooManyRequests)
            #expect(try await sentCount(app) == 3)
            let refusals = try await WaveRefusals.query(on: app.db).all()
            #expect(refusals.count == 1 && refusals.first?.sends == 2)
        }
    }

    @Test func too_many_drafts_begun_get_a_kind_page_in_the_parents_language() async throws {
        try await withTestApp(configure: { $0.surveyBurst = 1 }) { app, clock in
            _ = TestNetwork(app)
            let world = try await DemoWorld.seed(app)
            for _ in 0..<BurstLimit.beginsPerSend {
                _ = try await Browser(app).startSurvey(world.summary.parentSurveyPath, language: "nl")
            }
            let refused = try await Browser(app).post("\(world.summary.parentSurveyPath)/start", [("lang", "ar")], csrf: false)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.headers.first(name: .retryAfter) == "3600")
            #expect(refused.text.contains("<html lang=\"ar\" dir=\"rtl\""))
            #expect(refused.text.contains("بدأ عدد كبير جدًا من الاستبيانات من هذه الشبكة"))
            #expect(try await SurveyDraft.query(on: app.db).count() == 3, "no draft for the refused start")

            let member = try await world.browser(app, as: world.memberA)
            let wavePage = try await member.get("/staff/waves/\(world.summary.waveIDs[0])")
            #expect(wavePage.text.contains("Bevragingen niet begonnen door de limiet: 1"))
            #expect(!wavePage.text.contains("Keer versturen geweigerd"), "no sends were refused")

            clock.advance(seconds: 3601)
            #expect(try await Browser(app).post("\(world.summary.parentSurveyPath)/start", [("lang", "ar")], csrf: false).status == .seeOther)
        }
    }

    @Test func a_busy_evening_at_the_school_gate_gets_through_with_the_default() async throws {
        try await withTestApp { app, _ in
            _ = TestNetwork(app)
            let world = try await DemoWorld.seed(app)
            let limiter = app.bursts
            // A hundred families on the school's wifi, a fifth of them for both parents, some starting twice.
            var begun = 0, sent = 0
            for family in 0..<100 {
                for _ in 0..<(family % 5 == 0 ? 2 : 1) {
                    let parent = Browser(app)
                    let first = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
                    begun += 1
                    if family % 3 == 0 {
                        _ = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
                        begun += 1
                    }
                    #expect(try await parent.post(String(first.dropLast(2)) + "/submit", [], csrf: false).status == .seeOther)
                    sent += 1
                }
            }
            #expect(sent == 120 && begun > sent)
            #expect(limiter.surveySends.limit.limit == 120)
            #expect(try await WaveRefusals.query(on: app.db).count() == 0)
        }
    }

    @Test func wrong_codes_are_limited_per_address_and_the_wait_is_kind() async throws {
        try await withTestApp(configure: { $0.codeFailures = 3 }) { app, clock in
            let network = TestNetwork(app)
            let world = try await DemoWorld.seed(app)
            let guesser = Browser(app)
            for guess in ["AAAA-AAAA", "nonsense", "BBBB-BBBB"] {
                #expect(try await guesser.post("/c", [("code", guess)], csrf: false).status == .unprocessableEntity)
            }
            let refused = try await guesser.post("/c", [("code", world.summary.oneTimeCodes[0]), ("lang", "fr")], csrf: false)
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains("Un très grand nombre de codes erronés ont été essayés depuis ce réseau."))
            #expect(refused.text.contains("value=\"\(world.summary.oneTimeCodes[0])\""), "what was typed is kept")
            #expect(try await SurveyDraft.query(on: app.db).count() == 0)

            network.use("a-phone-on-mobile-data")
            #expect(try await Browser(app).post("/c", [("code", world.summary.oneTimeCodes[0])], csrf: false).status == .seeOther)
            network.use("school-wifi")
            clock.advance(seconds: 3601)
            #expect(try await guesser.post("/c", [("code", world.summary.oneTimeCodes[1])], csrf: false).status == .seeOther)
        }
    }

    @Test func the_counters_hold_no_time_and_no_address() async throws {
        try await withTestApp(configure: { $0.surveyBurst = 1 }) { app, _ in
            _ = TestNetwork(app)
            let world = try await DemoWorld.seed(app)
            for _ in 0..<2 {
                let parent = Browser(app)
                _ = try await parent.answerAll(try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl"), value: "4")
            }
            let member = try await world.browser(app, as: world.memberA)
            _ = try await member.post("/staff/waves/\(world.summary.waveIDs[0])/paper-entry", [("lang", "nl"), ("face[k1_greet]", "3")])
            #expect(try await columns(app, "wave_refusals") == ["id", "wave_id", "sends", "begins"])
            #expect(try await columns(app, "paper_entry_counts") == ["id", "wave_id", "user_id", "responses"])
        }
    }
}

@Suite struct PaperWindowTests {
    func entry(_ world: DemoWorld) -> String { "/staff/waves/\(world.summary.waveIDs[0])/paper-entry" }
    let paper: [(String, String)] = [("lang", "nl"), ("face[k1_greet]", "3")]

    /// Paper responses sent, in the report or waiting in the inbox for their group.
    func paperResponses(_ app: Application) async throws -> Int {
        try await releaseWaiting(app)
        return try await SurveyResponse.query(on: app.db).filter(\.$channel == SurveyChannel.paper.rawValue).count()
    }

    @Test func paper_forms_are_typed_in_until_the_last_day_and_refused_the_day_after_by_everyone() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let wave = try #require(try await Wave.find(UUID(uuidString: world.summary.waveIDs[0]), on: app.db))
            let lastDay = wave.closes.adding(days: PaperEntryWindow.defaultGraceDays)
            let lastDayText = Dates.long(lastDay, app.catalogs.localizer(.nl))
            // A staff session ends after 12 idle hours: each jump in time signs in again.
            clock.advance(seconds: Double(lastDay.ordinal - Day(date: clock.now).ordinal) * 86_400)
            #expect(Day(date: clock.now) == lastDay)
            let member = try await world.browser(app, as: world.memberA)
            #expect(try await member.get(entry(world)).status == .ok)
            #expect(try await member.post(entry(world), paper).status == .seeOther)
            #expect(try await paperResponses(app) == 1)
            let wavePage = try await member.get("/staff/waves/\(world.summary.waveIDs[0])")
            #expect(wavePage.text.contains("Papieren formulieren kunnen ingetypt worden tot en met \(lastDayText)."))

            clock.advance(seconds: 86_400)
            for login in [world.memberA, world.leadA, world.coordinator] {
                let staff = try await world.browser(app, as: login)
                let page = try await staff.get(entry(world))
                #expect(page.status == .forbidden, "\(login.role)")
                #expect(page.text.contains("konden ingetypt worden tot en met \(lastDayText), 14 dagen na het sluiten"), "\(login.role)")
                #expect(!page.text.contains("name=\"face[k1_greet]\""), "no form")
                let post = try await staff.post(entry(world), paper)
                #expect(post.status == .forbidden, "\(login.role)")
                #expect(post.text.contains("Papieren formulieren kunnen niet meer ingetypt worden"))
            }
            #expect(try await paperResponses(app) == 1, "nothing stored after the window")
            #expect(try await PaperEntryCount.query(on: app.db).all().map(\.responses) == [1])
            let wavePageAfter = try await (try await world.browser(app, as: world.memberA)).get("/staff/waves/\(world.summary.waveIDs[0])")
            #expect(wavePageAfter.text.contains("Papieren formulieren intypen kon tot en met \(lastDayText)."))
            #expect(!wavePageAfter.text.contains("href=\"\(entry(world))\""), "no way in that only leads to a refusal")

            let other = try await world.browser(app, as: world.leadB)
            let foreign = try await other.get(entry(world))
            #expect(foreign.status == .forbidden)
            #expect(!foreign.text.contains(lastDayText), "another school learns nothing of the wave")
            #expect(try await other.post(entry(world), paper).status == .forbidden)
            let anonymous = try await Browser(app).post(entry(world), paper)
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location?.hasPrefix("/login") == true)
            #expect(try await paperResponses(app) == 1)
        }
    }

    @Test func with_no_extra_days_typing_in_ends_with_the_wave_and_before_it_opens_it_waits() async throws {
        try await withTestApp(configure: { $0.paperDays = 0 }) { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let made = try await lead.post("/staff/schools/\(world.schoolA)/waves", [("questionnaire", "parents-v1"), ("opens_on", "2026-10-05"),
                                                                                       ("closes_on", "2026-10-20"), ("families", "")])
            #expect(made.status == .seeOther)
            let path = try #require(made.location?.split(separator: "?").first.map(String.init)) + "/paper-entry"
            let early = try await lead.get(path)
            #expect(early.status == .forbidden)
            #expect(early.text.contains("Papieren formulieren kunnen ingetypt worden vanaf 5 oktober 2026"))
            #expect(early.text.contains("tot en met 20 oktober 2026"))
            #expect(try await lead.post(path, paper).status == .forbidden)

            // A staff session ends after 12 idle hours: each jump in time signs in again.
            clock.advance(seconds: Double(Day(year: 2026, month: 10, day: 20).ordinal - Day(date: clock.now).ordinal) * 86_400)
            #expect(try await (try await world.browser(app, as: world.leadA)).post(path, paper).status == .seeOther)
            clock.advance(seconds: 86_400)
            #expect(try await (try await world.browser(app, as: world.leadA)).post(path, paper).status == .forbidden)
            #expect(try await paperResponses(app) == 1)
        }
    }

    @Test func the_report_shows_who_typed_in_how_many() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let lead = try await world.browser(app, as: world.leadA)
            for _ in 0..<2 { #expect(try await member.post(entry(world), paper).status == .seeOther) }
            #expect(try await lead.post(entry(world), paper).status == .seeOther)
            let invalid = try await lead.post(entry(world), [("lang", "nl"), ("face[k1_greet]", "9")])
            #expect(invalid.status == .unprocessableEntity)
            let names = try await User.query(on: app.db).all().reduce(into: [String: String]()) { $0[$1.email] = $1.name }
            let memberName = try #require(names[world.memberA.email]), leadName = try #require(names[world.leadA.email])
            let report = try await lead.get("/staff/waves/\(world.summary.waveIDs[0])/report")
            #expect(report.text.contains("Ingetypt van papier: \(memberName) (2), \(leadName) (1)"))
            let wavePage = try await member.get("/staff/waves/\(world.summary.waveIDs[0])")
            #expect(wavePage.text.contains("Ingetypt van papier: \(memberName) (2), \(leadName) (1)"))
            #expect(try await paperResponses(app) == 3)
        }
    }
}
