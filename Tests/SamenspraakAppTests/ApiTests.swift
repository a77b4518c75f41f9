import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

@Suite struct ApiTests {
    func token(_ app: Application, role: Role, school: String?) async throws -> (String, ApiToken) {
        let value = app.services.token()
        let token = ApiToken(tokenHash: AppServices.hash(token: value), role: role, schoolID: school.flatMap(UUID.init(uuidString:)))
        try await token.create(on: app.db)
        return (value, token)
    }

    func get(_ app: Application, _ path: String, bearer: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let bearer { headers.bearerAuthorization = .init(token: bearer) }
        return try await app.testing().sendRequest(.GET, path, headers: headers)
    }

    @Test func the_report_api_needs_a_valid_token() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app, answers: true)
            let path = "/api/v1/waves/\(world.summary.waveIDs[0])/report"
            let none = try await get(app, path, bearer: nil)
            #expect(none.status == .unauthorized)
            #expect(none.headers.first(name: .wwwAuthenticate) == "Bearer")
            #expect(try await get(app, path, bearer: "made-up").status == .unauthorized)
            let (value, token) = try await token(app, role: .coordinator, school: nil)
            #expect(try await get(app, path, bearer: value).status == .ok)
            token.revokedAt = clock.now
            try await token.save(on: app.db)
            #expect(try await get(app, path, bearer: value).status == .unauthorized)
            #expect(try await ApiToken.query(on: app.db).filter(\.$tokenHash == value).count() == 0, "only the hash is stored")
        }
    }

    @Test func a_lead_token_reads_its_own_school_only_with_the_pages_numbers() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (value, _) = try await token(app, role: .lead, school: world.schoolA)
            let response = try await get(app, "/api/v1/waves/\(world.summary.waveIDs[0])/report", bearer: value)
            #expect(response.status == .ok)
            let report = try response.content.decode(ApiController.ReportJSON.self)
            #expect(report.responses == 36)
            #expect(report.keys.count == 12)
            #expect(report.strengths.count == 3)
            #expect(report.interval == "wilson-95")
            #expect(report.languages.first { $0.name == "ar" }?.count == nil, "a small group stays hidden")
            let page = try await (try await world.browser(app, as: world.leadA)).get("/staff/waves/\(world.summary.waveIDs[0])/report")
            let best = try #require(report.keys.first { $0.key == report.strengths[0] })
            // The page says the same key's figure in words: the parents who answered, as the API counts them.
            #expect(page.text.contains("\(try #require(best.n)) ouders antwoordden op minstens één van deze vragen"))
            #expect(try await get(app, "/api/v1/waves/\(world.summary.waveIDs[1])/report", bearer: value).status == .forbidden)
            #expect(try await get(app, "/api/v1/waves/\(UUID())/report", bearer: value).status == .notFound)
        }
    }

    @Test func a_small_wave_shows_no_figures_in_the_api_either() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let (value, _) = try await token(app, role: .coordinator, school: nil)
            let report = try (try await get(app, "/api/v1/waves/\(world.summary.waveIDs[1])/report", bearer: value))
                .content.decode(ApiController.ReportJSON.self)
            #expect(report.responses == 3)
            #expect(report.keys.allSatisfy { $0.score == nil && $0.items.allSatisfy { $0.counts == nil } })
            #expect(report.openAnswers.isEmpty)
        }
    }
}
