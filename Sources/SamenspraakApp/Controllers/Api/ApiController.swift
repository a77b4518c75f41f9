import Fluent
import Foundation
import SamenspraakCore
import Vapor

/// The read-only JSON API under `/api/v1/`, for a bearer token made by `samenspraak token create`.
/// It shows the same figures with the same suppression as the pages (`WaveReport.isShown`): an item's `counts` and
/// `score` are both there or both null, and every `n` counts respondents who chose a face (for a key: on at least one
/// of its items), never answers.
struct ApiController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiReport(waveID: .any), use: report)
    }

    struct Unauthorized: AbortError {
        var status: HTTPResponseStatus { .unauthorized }
        var reason: String { "A valid bearer token is needed" }
        var headers: HTTPHeaders { ["WWW-Authenticate": "Bearer"] }
    }

    static func actor(_ req: Request) async throws -> StaffIdentity {
        guard let bearer = req.headers.bearerAuthorization?.token, !bearer.isEmpty, bearer.count <= 128,
              let token = try await ApiToken.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: bearer))
                .filter(\.$revokedAt == nil).first() else { throw Unauthorized() }
        return token.actor
    }

    struct ReportJSON: Content {
        struct Item: Content { let id: String; let n: Int?; let counts: [Int]?; let score: Double?; let low: Double?; let high: Double? }
        struct Key: Content { let key: Int; let n: Int?; let score: Double?; let low: Double?; let high: Double?; let items: [Item] }
        struct Group: Content { let name: String; let count: Int? }
        struct Open: Content { let question: String; let text: String }
        let waveID: String
        let questionnaire: String
        let threshold: Int
        let responses: Int
        let responseRate: Double?
        let interval: String
        let languages: [Group]
        let channels: [Group]
        let keys: [Key]
        let strengths: [Int]
        let growth: [Int]
        let openAnswers: [Open]
    }

    @Sendable func report(req: Request) async throws -> ReportJSON {
        let actor = try await Self.actor(req)
        let wave = try await req.authorized(Wave.self, .viewReport, by: actor)
        let report = try await req.reports.report(for: wave, including: .openAnswers)
        func item(_ result: WaveReport.ItemResult) -> ReportJSON.Item {
            .init(id: result.id, n: result.score?.n, counts: result.counts?.counts, score: result.score?.value,
                  low: result.score?.low, high: result.score?.high)
        }
        return ReportJSON(
            waveID: wave.publicID, questionnaire: report.questionnaire, threshold: report.threshold, responses: report.responses,
            responseRate: report.responseRate, interval: "wilson-95",
            languages: report.languages.map { .init(name: $0.name, count: $0.count) },
            channels: report.channels.map { .init(name: $0.name, count: $0.count) },
            keys: report.keys.map { .init(key: $0.key, n: $0.score?.n, score: $0.score?.value, low: $0.score?.low, high: $0.score?.high,
                                          items: $0.items.map(item)) },
            strengths: report.strengths, growth: report.growth,
            openAnswers: report.openAnswers.filter { !$0.hidden }.map { .init(question: $0.question, text: $0.text) }
        )
    }
}
