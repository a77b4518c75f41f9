import NIOConcurrencyHelpers
import SamenspraakCore
import SamenspraakViews
import Synchronization
import Vapor

/// Keeps the server standing when more people come than it can serve: once `limit` requests are being handled,
/// a further one is answered at once with 503, Retry-After and a kind page, instead of queueing without bound
/// (memory growing, every page timing out). Refusing must cost next to nothing, or the refusals eat the time the
/// admitted requests need: the busy page is rendered once per language and then sent as it is. It carries no
/// form token and no name, so it is the same for everyone. Health checks always pass, so monitoring sees the
/// real state.
final class LoadSheddingMiddleware: AsyncMiddleware {
    static let retrySeconds = 5

    let limit: Int
    private let inFlight = Atomic<Int>(0)
    private let pages = NIOLockedValueBox<[LanguageCode: ByteBuffer]>([:])

    init(limit: Int) { self.limit = limit }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if request.url.path == SiteRoute.healthz.path { return try await next.respond(to: request) }
        let now = inFlight.add(1, ordering: .relaxed).newValue
        defer { inFlight.subtract(1, ordering: .relaxed) }
        guard now <= limit else { return busy(request) }
        return try await next.respond(to: request)
    }

    private func busy(_ request: Request) -> Response {
        let language = request.language
        let body = pages.withLockedValue { pages in
            if let page = pages[language] { return page }
            let shell = PageShell(t: request.t, csrfToken: "", person: nil, currentPath: SiteRoute.home.path)
            let page = ByteBuffer(string: ErrorPage.view(.init(shell: shell, status: 503, reason: "error.busy")).render())
            pages[language] = page
            return page
        }
        var headers = HTTPHeaders()
        headers.contentType = .html
        headers.replaceOrAdd(name: .retryAfter, value: String(Self.retrySeconds))
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .serviceUnavailable, headers: headers, body: .init(buffer: body))
    }
}
