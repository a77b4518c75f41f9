import Fluent
import FluentPostgresDriver
import Foundation
import NIOConcurrencyHelpers
@testable import SamenspraakApp
import Testing
import VaporTesting

/// A clock the test moves by hand.
final class TestClock: Sendable {
    private let current = NIOLockedValueBox(Date(timeIntervalSince1970: 1_790_000_000)) // 21 September 2026
    var now: Date { current.withLockedValue { $0 } }
    func advance(seconds: TimeInterval) { current.withLockedValue { $0 = $0.addingTimeInterval(seconds) } }
}

/// Runs `body` against a fresh application with a fresh database: in-memory SQLite, or, when
/// `TEST_DATABASE_URL` is set, a new PostgreSQL database of its own that is dropped afterwards. With `migrate: false`
/// the database starts empty (the migration tests run the migrations themselves).
func withTestApp(configure adjust: (inout AppConfiguration) -> Void = { _ in }, migrate: Bool = true,
                 _ body: (Application, TestClock) async throws -> Void) async throws {
    let clock = TestClock()
    let services = AppServices(now: { clock.now }, randomBytes: AppServices.live.randomBytes)
    // No page cache: tests change data and look again at once (PageCacheTests switches it on).
    var config = AppConfiguration(database: .sqliteMemory, bcryptCost: 4, scheduledJobs: false, pageCacheSeconds: 0)
    var postgres: (admin: String, name: String)?
    let onPostgres = !(ProcessInfo.processInfo.environment["TEST_DATABASE_URL"] ?? "").isEmpty
    // Swift Testing runs tests in parallel; on PostgreSQL each test's app holds connections of its own, so only a
    // few run at once, well under the server's connection limit.
    if onPostgres { await PostgresTestDatabase.gate.enter() }
    defer { if onPostgres { Task { await PostgresTestDatabase.gate.leave() } } }
    if let adminURL = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !adminURL.isEmpty {
        let name = "samenspraak_t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresTestDatabase.run("CREATE DATABASE \(name)", adminURL: adminURL)
        config.database = .postgres(PostgresTestDatabase.url(adminURL, database: name))
        postgres = (adminURL, name)
    }
    adjust(&config)
    let app = try await Application.make(.testing)
    do {
        try await configure(app, config, services: services)
        if migrate { try await app.autoMigrate() }
        try await body(app, clock)
    } catch {
        try? await app.asyncShutdown()
        if let postgres { await PostgresTestDatabase.drop(postgres.name, adminURL: postgres.admin) }
        throw error
    }
    try await app.asyncShutdown()
    if let postgres { await PostgresTestDatabase.drop(postgres.name, adminURL: postgres.admin) }
}

/// Lets at most `limit` callers through at a time.
actor AsyncGate {
    let limit: Int
    private var running = 0
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { self.limit = limit }

    func enter() async {
        if running < limit {
            running += 1
            return
        }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() {
        if waiting.isEmpty { running -= 1 } else { waiting.removeFirst().resume() }
    }
}

enum PostgresTestDatabase {
    static let gate = AsyncGate(limit: 6)

    static func url(_ adminURL: String, database: String) -> String {
        var components = URLComponents(string: adminURL)!
        components.path = "/" + database
        return components.string!
    }

    /// Drops a test database. An autovacuum worker may be visiting the new database, which the test role may not
    /// stop: then wait a moment and try again. A database left behind does not fail the test.
    static func drop(_ name: String, adminURL: String) async {
        for attempt in 1...10 {
            do {
                try await run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", adminURL: adminURL)
                return
            } catch {
                if attempt == 10 { print("could not drop test database \(name): \(String(reflecting: error))") }
                try? await Task.sleep(for: .milliseconds(200))
            }
        }
    }

    static func run(_ sql: String, adminURL: String) async throws {
        let configuration = try SQLPostgresConfiguration(url: adminURL)
        let connection = try await PostgresConnection.connect(
            on: MultiThreadedEventLoopGroup.singleton.any(),
            configuration: configuration.coreConfiguration,
            id: 1,
            logger: Logger(label: "test-databases")
        )
        do {
            _ = try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Logger(label: "test-databases"))
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}

/// A browser in a test: keeps cookies, sends forms with the CSRF token like a real page would.
final class Browser {
    let app: Application
    private(set) var cookies: [String: String] = [:]
    var acceptLanguage: String?

    init(_ app: Application) { self.app = app }

    var csrfToken: String? { cookies[app.cookieName(CSRFMiddleware.cookieName)] }

    func setCookie(_ name: String, _ value: String) { cookies[name] = value }

    func request(_ method: HTTPMethod, _ path: String, body: String? = nil) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if !cookies.isEmpty {
            headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
        }
        if let acceptLanguage { headers.replaceOrAdd(name: .acceptLanguage, value: acceptLanguage) }
        var buffer: ByteBuffer?
        if let body {
            headers.contentType = .urlEncodedForm
            buffer = ByteBuffer(string: body)
        }
        let response = try await app.testing().sendRequest(method, path, headers: headers, body: buffer)
        for (name, value) in response.headers.setCookie?.all ?? [:] {
            if value.maxAge == 0 || value.string.isEmpty { cookies[name] = nil } else { cookies[name] = value.string }
        }
        return response
    }

    func get(_ path: String) async throws -> TestingHTTPResponse {
        try await request(.GET, path)
    }

    /// Posts a form as a page of the site would, with this browser's CSRF token unless told otherwise.
    func post(_ path: String, _ fields: [(String, String)], csrf: Bool = true) async throws -> TestingHTTPResponse {
        if csrf && csrfToken == nil { _ = try await get("/login") }
        var all = fields
        if csrf, let token = csrfToken { all.append(("csrf_token", token)) }
        return try await request(.POST, path, body: Self.encode(all))
    }

    static func encode(_ fields: [(String, String)]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }

    @discardableResult
    func signIn(_ email: String, _ password: String) async throws -> TestingHTTPResponse {
        try await post("/login", [("email", email), ("password", password)])
    }
}

extension TestingHTTPResponse {
    var location: String? { headers.first(name: .location) }
    var text: String { body.string }
}

/// The demo, seeded into the test database: a trajectory, four schools and their staff.
struct DemoWorld {
    let summary: Demo.Summary
    var coordinator: Demo.StaffLogin { summary.staff.first { $0.role == "coordinator" }! }
    var schoolA: String { summary.schoolIDs[0] }
    var schoolB: String { summary.schoolIDs[1] }
    var leadA: Demo.StaffLogin { summary.staff.first { $0.role == "lead" && $0.school == schoolA }! }
    var memberA: Demo.StaffLogin { summary.staff.first { $0.role == "member" && $0.school == schoolA }! }
    var leadB: Demo.StaffLogin { summary.staff.first { $0.role == "lead" && $0.school == schoolB }! }
    var trajectory: String { summary.trajectoryID }

    /// The demo without its survey answers, unless asked: most tests count the responses they make themselves.
    static func seed(_ app: Application, answers: Bool = false) async throws -> DemoWorld {
        DemoWorld(summary: try await Demo.seed(app, answers: answers))
    }

    func browser(_ app: Application, as login: Demo.StaffLogin) async throws -> Browser {
        let browser = Browser(app)
        let response = try await browser.signIn(login.email, login.password)
        #expect(response.status == .seeOther, "sign-in of \(login.email) should succeed")
        return browser
    }
}
