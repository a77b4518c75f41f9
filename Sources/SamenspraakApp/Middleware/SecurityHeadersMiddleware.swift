import Vapor

/// Headers that make every page safer: no inline scripts (recordings play from this site, or from the page's own
/// `blob:` while a new take is heard back before it is saved), no framing, no referrer (invitation links carry tokens),
/// and no caching of pages that may show personal data unless a route says otherwise. Over https (the public URL
/// is https) browsers are also told to use nothing else for a year (HSTS).
///
/// It sits outside the error middleware, so error pages (403, 404, 409, 413, 415, 429, 500, 503), the sign-in
/// redirect and the load-shedding page carry the same headers as every other answer.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; media-src 'self' blob:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'; object-src 'none'"
    static let strictTransportSecurity = "max-age=31536000; includeSubDomains"

    /// Send `Strict-Transport-Security` (only when the site is served over https).
    var hsts = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        var headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "no-referrer"),
            ("X-Frame-Options", "DENY"),
        ]
        if hsts { headers.append(("Strict-Transport-Security", Self.strictTransportSecurity)) }
        for (name, value) in headers where !response.headers.contains(name: name) {
            response.headers.replaceOrAdd(name: name, value: value)
        }
        // An error or a redirect is never kept by a cache, and neither is anything on a staff page.
        if !response.headers.contains(name: .cacheControl) || response.status.code >= 300 && response.status != .notModified
            || Self.isStaffPath(request.url.path) && response.headers.first(name: .cacheControl)?.contains("private") != true {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    static func isStaffPath(_ path: String) -> Bool {
        path == "/staff" || path.hasPrefix("/staff/")
    }
}
