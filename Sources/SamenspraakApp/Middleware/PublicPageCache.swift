import NIOConcurrencyHelpers
import Prometheus
import SamenspraakViews
import Vapor

/// Keeps the public pages everyone opens at once for a moment (two seconds unless configured): the survey's first page (a whole region's
/// parents get the link in the same week), a story, the stories site and a school's profile. A visitor who
/// brings no cookie gets the same bytes as the visitor before them, without a database query or rendering.
///
/// Only for visitors without cookies (apart from the language they chose): a page that could hold a form
/// token or a staff member's name is never shared. Only answers that set no cookie are kept. The key is the
/// path with its query, the chosen language and the browser's languages. A change (a story taken offline, a
/// survey closed) shows once the moment is over; every form checks again when it is sent.
final class PublicPageCache: AsyncMiddleware {
    /// At most 256 pages of at most 64 KB: 16 MB in the worst case, however many languages and queries are asked.
    static let maximumEntries = 256
    static let maximumBytes = 64 * 1024

    /// The route patterns whose pages are kept.
    static let patterns: Set<String> = [
        SiteRoute.surveyStart(slug: ":slug").path, SiteRoute.stories.path, SiteRoute.story(slug: ":slug").path,
        SiteRoute.schoolProfile(slug: ":slug").path,
    ]

    private struct Entry {
        let status: HTTPResponseStatus
        let headers: HTTPHeaders
        let body: ByteBuffer
        let expires: Date
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let lifetime: TimeInterval
    private let now: @Sendable () -> Date
    private let hits: Counter

    init(lifetime: TimeInterval, now: @escaping @Sendable () -> Date, hits: Counter) {
        self.lifetime = lifetime
        self.now = now
        self.hits = hits
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let key = Self.key(request) else { return try await next.respond(to: request) }
        let time = now()
        if let entry = entries.withLockedValue({ $0[key] }), entry.expires > time {
            hits.increment()
            return Response(status: entry.status, headers: entry.headers, body: .init(buffer: entry.body))
        }
        let response = try await next.respond(to: request)
        guard response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.buffer,
              body.readableBytes <= Self.maximumBytes else { return response }
        let entry = Entry(status: response.status, headers: response.headers, body: body, expires: time.addingTimeInterval(lifetime))
        entries.withLockedValue { entries in
            if entries.count >= Self.maximumEntries {
                entries = entries.filter { $0.value.expires > time }
                if entries.count >= Self.maximumEntries { entries.removeAll(keepingCapacity: true) }
            }
            entries[key] = entry
        }
        return response
    }

    /// The cache key, or nil when this request's page must not be shared.
    static func key(_ request: Request) -> String? {
        guard request.method == .GET, let route = request.route,
              patterns.contains("/" + route.path.map(\.description).joined(separator: "/")) else { return nil }
        let cookies = request.cookies.all
        let language = request.application.cookieName(Request.languageCookie)
        // The rating device's cookie changes none of these pages; over https it is sent to every path (see
        // `ParentRatingController.setDeviceCookie`).
        let device = request.application.cookieName(ParentRatingController.deviceCookie)
        guard cookies.keys.allSatisfy({ $0 == language || $0 == device }) else { return nil }
        guard !request.headers.contains(name: .ifNoneMatch), !request.headers.contains(name: .ifModifiedSince) else { return nil }
        let chosen = cookies[language]?.string ?? ""
        let browser = request.headers.first(name: .acceptLanguage) ?? ""
        guard chosen.count <= 16, browser.count <= 200 else { return nil }
        return "\(request.url.path)?\(request.url.query ?? "")|\(chosen)|\(browser)"
    }
}
