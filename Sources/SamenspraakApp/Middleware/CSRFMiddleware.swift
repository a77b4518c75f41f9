import SamenspraakViews
import Vapor

/// Protects every state-changing form with a token (double-submit cookie): the form must send back the value
/// of a cookie that only this site can read. Cookies are SameSite=Lax as a second wall.
struct CSRFMiddleware: AsyncMiddleware {
    static let cookieName = "samenspraak_csrf"
    static let fieldName = "csrf_token"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) && !Self.isParentPath(request.url.path) {
            try await verify(request)
        }
        let response = try await next.respond(to: request)
        if let fresh = request.storage[FreshTokenKey.self] {
            response.setCookie(Self.cookieName, request.application.cookie(value: fresh, maxAge: nil), app: request.application)
        }
        return response
    }

    private func verify(_ request: Request) async throws {
        let sent = (try? request.content.get(String.self, at: Self.fieldName)) ?? ""
        guard let expected = request.cookie(Self.cookieName)?.string, !expected.isEmpty,
              Self.constantTimeEquals(sent, expected) else {
            throw CSRFRefused()
        }
    }

    /// Parents' survey pages need no cookie: a draft's address holds an unguessable token that a forged form
    /// cannot know, and starting a survey or checking a code changes nothing of anyone else's. A rating form
    /// (`/m/`) carries its own proof instead: a keyed check of the device cookie (see `ParentRatingController`). A
    /// conversation card's address (`/k/`) and a good-news card's (`/g/`) hold their unguessable token, like a draft's.
    static func isParentPath(_ path: String) -> Bool {
        path.hasPrefix("/o/") || path.hasPrefix("/d/") || path.hasPrefix("/m/") || path.hasPrefix("/k/") || path.hasPrefix("/g/")
            || path == SiteRoute.codeEntry.path
    }

    static func constantTimeEquals(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }

    struct FreshTokenKey: StorageKey { typealias Value = String }
}

/// A state-changing request without a valid form token. Shown as 403 with a "please try again" page.
struct CSRFRefused: AbortError {
    var status: HTTPResponseStatus { .forbidden }
    var reason: String { "Form token missing or wrong" }
}

extension Request {
    /// The token to put in this page's forms; made (and set as a cookie on the response) when absent.
    var csrfToken: String {
        if let existing = cookie(CSRFMiddleware.cookieName)?.string, existing.count >= 32, existing.count <= 64 {
            return existing
        }
        if let fresh = storage[CSRFMiddleware.FreshTokenKey.self] { return fresh }
        let fresh = services.token()
        storage[CSRFMiddleware.FreshTokenKey.self] = fresh
        return fresh
    }
}
