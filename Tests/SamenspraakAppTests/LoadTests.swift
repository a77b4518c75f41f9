import Fluent
import Foundation
import NIOConcurrencyHelpers
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Many parents at once: the group commit keeps every acknowledged answer and isolates a failing one, and the
/// server sheds load it cannot carry with a kind 503 instead of falling over.
@Suite struct LoadTests {
    @Test func many_parents_sending_at_once_all_get_their_thank_you_and_every_answer_is_stored() async throws {
        try await withSQLiteFile { app in
            let world = try await DemoWorld.seed(app)
            let parents = (0..<24).map { _ in Browser(app) }
            var drafts: [String] = []
            for parent in parents {
                let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
                let base = String(page1.dropLast(2))
                // Every statement and one open answer on the first page, as one form.
                let items = try #require(app.questionnaires["parents-v1"]).items
                let fields = items.map { ("face[\($0.id)]", "3") } + [("text[well]", "De juf groet ons."), ("go", "next")]
                #expect(try await parent.post(page1, fields, csrf: false).status == .seeOther)
                drafts.append(base)
            }
            let statuses = try await withThrowingTaskGroup(of: (HTTPResponseStatus, String?).self) { group in
                for base in drafts {
                    group.addTask {
                        // The send button's form: no fields, the draft is in the address.
                        var headers = HTTPHeaders()
                        headers.contentType = .urlEncodedForm
                        let response = try await app.testing().sendRequest(.POST, base + "/submit", headers: headers, body: ByteBuffer())
                        return (response.status, response.location)
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.count == 24)
            #expect(statuses.allSatisfy { $0.0 == .seeOther && ($0.1 ?? "").contains("/thanks") })
            // Sends that arrive together are released together once they make a group of five: every response
            // once, and fewer than five wait for the next.
            let released = try await SurveyResponse.query(on: app.db).count()
            #expect(released >= 20 && released <= 24)
            #expect(try await SurveyAnswer.query(on: app.db).count() == released * 21)
            #expect(try await SurveyText.query(on: app.db).filter(\.$text == "De juf groet ons.").count() == released)
            #expect(try await sentCount(app) == 24)
            #expect(try await SurveyDraft.query(on: app.db).count() == 0)
        }
    }

    @Test func parents_saving_pages_and_tapping_send_twice_at_once_keep_each_answer_once() async throws {
        try await withSQLiteFile { app in
            let world = try await DemoWorld.seed(app)
            let items = try #require(app.questionnaires["parents-v1"]).items
            var bases: [String] = []
            for _ in 0..<12 {
                let page1 = try await Browser(app).startSurvey(world.summary.parentSurveyPath, language: "nl")
                bases.append(String(page1.dropLast(2)))
            }
            let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            // Twelve parents answer the first three statements at the same time, each with a face of their own;
            // their saves share commits.
            try await withThrowingTaskGroup(of: Void.self) { group in
                for (parent, base) in bases.enumerated() {
                    group.addTask {
                        for page in 1...3 {
                            let body = "face%5B\(items[page - 1].id)%5D=\(parent % 4 + 1)&go=next"
                            let response = try await app.testing().sendRequest(.POST, "\(base)/\(page)", headers: headers,
                                                                                body: ByteBuffer(string: body))
                            #expect(response.status == .seeOther)
                            #expect(response.location == "\(base)/\(page + 1)")
                        }
                    }
                }
                try await group.waitForAll()
            }
            // Each parent's page shows the face that parent chose.
            for (parent, base) in bases.enumerated() {
                let page = try await Browser(app).get("\(base)/2")
                #expect(page.text.contains("value=\"\(parent % 4 + 1)\" checked"), "parent \(parent)")
            }
            // Every parent taps send twice: one thank-you each, and the second tap stores nothing.
            let statuses = try await withThrowingTaskGroup(of: HTTPResponseStatus.self) { group in
                for base in bases + bases {
                    group.addTask {
                        try await app.testing().sendRequest(.POST, base + "/submit", headers: headers, body: ByteBuffer()).status
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == .seeOther }.count == 12)
            #expect(statuses.filter { $0 == .notFound }.count == 12)
            #expect(try await sentCount(app) == 12)
            let slug = String(try #require(world.summary.parentSurveyPath.split(separator: "/").last))
            let wave = try #require(try await Wave.query(on: app.db).filter(\.$slug == slug).first())
            try await SurveyInbox.releaseAll(on: app.db, waveID: wave.requireID(), day: Day(date: Date()))
            for item in items.prefix(3) {
                let values = try await SurveyAnswer.query(on: app.db).filter(\.$item == item.id).all().map(\.value).sorted()
                #expect(values == (0..<12).map { $0 % 4 + 1 }.sorted(), "statement \(item.id)")
            }
        }
    }

    @Test func drafts_saved_together_are_written_in_one_statement_and_the_later_state_wins() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            var ids: [UUID] = []
            for _ in 0..<3 {
                let page1 = try await Browser(app).startSurvey(world.summary.parentSurveyPath, language: "nl")
                let hash = AppServices.hash(token: String(page1.dropFirst("/d/".count).dropLast(2)))
                ids.append(try #require(try await SurveyDraft.query(on: app.db).filter(\.$tokenHash == hash).first()).requireID())
            }
            let later = Date(timeIntervalSince1970: 2_000_000_000)
            func save(_ id: UUID, _ answers: String, _ language: String?) -> SurveyDraft.Save {
                SurveyDraft.Save(id: id, language: language, answersJSON: answers, expiresAt: later)
            }
            // Called directly: a failing statement here is not hidden by the group commit running each write again.
            try await SurveyDraft.saveAll([save(ids[0], #"{"faces":{"a":1}}"#, "nl"), save(ids[1], #"{"faces":{"b":2}}"#, "fr"),
                                           save(ids[0], #"{"faces":{"a":4}}"#, "ar")], on: app.db)
            let drafts = try await SurveyDraft.query(on: app.db).all()
            let byID = Dictionary(uniqueKeysWithValues: try drafts.map { (try $0.requireID(), $0) })
            #expect(byID[ids[0]]?.answersJSON == #"{"faces":{"a":4}}"# && byID[ids[0]]?.language == "ar")
            #expect(byID[ids[1]]?.answersJSON == #"{"faces":{"b":2}}"# && byID[ids[1]]?.language == "fr")
            #expect(byID[ids[0]]?.expiresAt == later && byID[ids[1]]?.expiresAt == later)
            #expect(byID[ids[2]]?.answersJSON == "{}", "a draft not in the batch is left alone")
            #expect(byID[ids[2]]?.expiresAt != later)
        }
    }

    @Test func a_write_that_fails_in_a_batch_takes_nothing_else_with_it() async throws {
        struct Refused: Error {}
        try await withTestApp { app, _ in
            let commit = app.groupCommit
            let results = try await withThrowingTaskGroup(of: (Int, Bool).self) { group in
                for n in 0..<30 {
                    group.addTask {
                        do {
                            try await commit.perform(on: app.db) { db in
                                try await AppSecret(name: "write-\(n)", value: "v").create(on: db)
                                // Every third write fails after it wrote: its row must not stay.
                                if n % 3 == 0 { throw Refused() }
                            }
                            return (n, true)
                        } catch is Refused {
                            return (n, false)
                        }
                    }
                }
                return try await group.reduce(into: [Int: Bool]()) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 30)
            for n in 0..<30 { #expect(results[n] == (n % 3 != 0), "write \(n)") }
            let stored = Set(try await AppSecret.query(on: app.db).filter(\.$name ~~ "write-").all().map(\.name))
            #expect(stored == Set((0..<30).filter { $0 % 3 != 0 }.map { "write-\($0)" }))
            // A write that breaks a constraint fails alone too, with the database's error.
            await #expect(throws: (any Error).self) {
                try await commit.perform(on: app.db) { db in try await AppSecret(name: "write-1", value: "again").create(on: db) }
            }
            #expect(try await AppSecret.query(on: app.db).filter(\.$name == "write-1").first()?.value == "v")
        }
    }

    @Test func a_draft_begun_in_a_batch_that_fails_is_made_once_when_it_runs_again_on_its_own() async throws {
        struct Refused: Error {}
        let gate = Gate()
        try await withSQLiteFile { app in
            let world = try await DemoWorld.seed(app)
            let commit = app.groupCommit
            let headers: HTTPHeaders = ["Content-Type": "application/x-www-form-urlencoded"]
            guard commit.batched else {
                // PostgreSQL: no batches, each write is its own transaction; a failing one takes nothing along.
                async let begun = app.testing().sendRequest(.POST, world.summary.parentSurveyPath + "/start", headers: headers,
                                                            body: ByteBuffer(string: "lang=nl"))
                await #expect(throws: Refused.self) { try await commit.perform(on: app.db) { _ in throw Refused() } as Void }
                #expect(try await begun.status == .seeOther)
                #expect(try await SurveyDraft.query(on: app.db).count() == 1)
                return
            }
            // A write holds the commit open, so the next three wait and go together in one batch, in this order: a
            // parent begins a draft, then a write fails after the draft was made in the batch, then another write.
            async let holding: Void = commit.perform(on: app.db) { _ in await gate.wait() }
            await gate.untilWaiting(1)
            async let begun = app.testing().sendRequest(.POST, world.summary.parentSurveyPath + "/start", headers: headers,
                                                        body: ByteBuffer(string: "lang=nl"))
            while commit.waiting < 1 { try await Task.sleep(for: .milliseconds(5)) }
            let failing = Task { try await commit.perform(on: app.db) { _ in throw Refused() } as Void }
            while commit.waiting < 2 { try await Task.sleep(for: .milliseconds(5)) }
            async let secret: Void = commit.perform(on: app.db) { db in try await AppSecret(name: "batched", value: "v").create(on: db) }
            while commit.waiting < 3 { try await Task.sleep(for: .milliseconds(5)) }
            gate.open()
            try await holding
            await #expect(throws: Refused.self) { try await failing.value }
            // The batch was rolled back and each write ran again alone: the draft and the secret are there, once.
            let response = try await begun
            #expect(response.status == .seeOther)
            #expect(response.location?.hasSuffix("/1") == true)
            try await secret
            #expect(try await SurveyDraft.query(on: app.db).count() == 1)
            #expect(try await AppSecret.query(on: app.db).filter(\.$name == "batched").count() == 1)
        }
    }

    @Test func too_many_requests_at_once_get_a_kind_503_with_retry_after_and_the_server_goes_on() async throws {
        let gate = Gate()
        try await withTestApp(configure: { $0.maxInFlight = 2 }) { app, _ in
            let world = try await DemoWorld.seed(app)
            app.get("held") { _ async -> String in
                await gate.wait()
                return "done"
            }
            // Two requests are being handled (held open); a third is one too many.
            async let first = app.testing().sendRequest(.GET, "held")
            async let second = app.testing().sendRequest(.GET, "held")
            await gate.untilWaiting(2)
            let parent = Browser(app)
            let refused = try await parent.get(world.summary.parentSurveyPath)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers.first(name: .retryAfter) == "5")
            #expect(refused.text.contains("Het is nu heel druk"))
            #expect(refused.text.contains("Probeer het over enkele seconden opnieuw"))
            let refusedPost = try await parent.post(world.summary.parentSurveyPath + "/start", [("lang", "nl")], csrf: false)
            #expect(refusedPost.status == .serviceUnavailable)
            #expect(try await SurveyDraft.query(on: app.db).count() == 0, "a refused request stores nothing")
            // Monitoring still sees the real state.
            #expect(try await app.testing().sendRequest(.GET, "healthz").status == .ok)
            gate.open()
            #expect(try await first.body.string == "done")
            #expect(try await second.body.string == "done")
            // Once the load is gone, pages are served again.
            #expect(try await parent.get(world.summary.parentSurveyPath).status == .ok)
            #expect(try await parent.post(world.summary.parentSurveyPath + "/start", [("lang", "nl")], csrf: false).status == .seeOther)
        }
    }

    @Test func the_in_flight_limit_is_configured_and_checked() throws {
        #expect(try AppConfiguration(environment: ["SAMENSPRAAK_MAX_IN_FLIGHT": "64"]).maxInFlight == 64)
        #expect(try AppConfiguration(environment: [:]).maxInFlight == 512)
        for bad in ["0", "-1", "many", "100001"] {
            #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["SAMENSPRAAK_MAX_IN_FLIGHT": bad]) }
        }
    }
}

/// A test app on a SQLite file when the suite runs on SQLite (the group commit then writes through a connection of
/// its own), or on the suite's PostgreSQL.
func withSQLiteFile(_ body: (Application) async throws -> Void) async throws {
    let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samenspraak-load-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: directory) }
    let file = directory.appendingPathComponent("load.sqlite").path
    try await withTestApp(configure: { if $0.database == .sqliteMemory { $0.database = .sqliteFile(file) } }) { app, _ in
        try await body(app)
    }
}

/// Holds requests until opened; tells how many are waiting.
final class Gate: Sendable {
    private struct State {
        var open = false
        var waiting: [CheckedContinuation<Void, Never>] = []
        var arrived = 0
    }
    private let state = NIOLockedValueBox(State())

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLockedValue { state -> Bool in
                state.arrived += 1
                if state.open { return true }
                state.waiting.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func untilWaiting(_ count: Int) async {
        while state.withLockedValue({ $0.arrived }) < count { try? await Task.sleep(for: .milliseconds(5)) }
    }

    func open() {
        let waiting = state.withLockedValue { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiting = [] }
            return state.waiting
        }
        for continuation in waiting { continuation.resume() }
    }
}
