import SamenspraakViews
import Synchronization
import Vapor

/// Keeps the server standing when more people come than it can serve: once `limit` requests are being handled,
/// a further one is answered at once with 503, Retry-After and a kind page, instead of queueing without bound
/// (memory growing, every page timing out). Health checks always pass, so monitoring sees the real state.
final class LoadSheddingMiddleware: AsyncMiddleware {
    let limit: Int
    private let inFlight = Atomic<Int>(0)

    init(limit: Int) { self.limit = limit }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path == SiteRoute.healthz.path { return try await next.respond(to: request) }
        let now = inFlight.add(1, ordering: .relaxed).newValue
        defer { inFlight.subtract(1, ordering: .relaxed) }
        guard now <= limit else { throw Overloaded() }
        return try await next.respond(to: request)
    }
}

/// Too many requests at once: come back in a few seconds. Nothing of this request was read or stored.
struct Overloaded: AbortError {
    static let retrySeconds = 5
    var status: HTTPResponseStatus { .serviceUnavailable }
    var reason: String { "Too many requests at once" }
    var headers: HTTPHeaders { [HTTPHeaders.Name.retryAfter.description: String(Self.retrySeconds)] }
}
