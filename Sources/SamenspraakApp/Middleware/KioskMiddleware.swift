import SamenspraakViews
import Vapor

/// A browser in assisted mode: a staff member's session turned into a kiosk for one wave. The request counts as
/// nobody signed in (`Request.signedIn` is nil, also for a team survey); the staff member is only kept to check
/// their password when they come back.
struct KioskDevice {
    let user: User
    let session: StaffSession
    let waveID: UUID
}

struct KioskKey: StorageKey { typealias Value = KioskDevice }

extension Request {
    var kiosk: KioskDevice? { storage[KioskKey.self] }
}

/// Keeps a kiosk to its survey: the parent at the tablet reaches the kiosk's own pages, the survey pages of a draft
/// and the stylesheet; the thank-you page of a survey becomes the kiosk's (with a start for the next parent); every
/// other address asks for the staff member's password first. No kiosk answer may be kept by the browser, so that
/// Back cannot show one parent's answers to the next.
struct KioskMiddleware: AsyncMiddleware {
    enum Way: Equatable {
        case through
        case thanks
        case unlock
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.kiosk != nil else { return try await next.respond(to: request) }
        let path = request.url.path
        let response: Response
        switch Self.way(method: request.method, path: path) {
        case .through:
            response = try await next.respond(to: request)
        case .thanks:
            let language = request.query[String.self, at: "lang"].flatMap { $0.count <= 8 ? $0 : nil }
            response = .redirect(to: language.map { SiteRoute.kioskThanks.with(query: "lang", $0) } ?? SiteRoute.kioskThanks.path)
        case .unlock:
            var asked = path
            if let query = request.url.query, !query.isEmpty { asked += "?" + query }
            let back = [.GET, .HEAD].contains(request.method) && SiteRoute.isLocalPath(asked)
            response = .redirect(to: back ? SiteRoute.kioskUnlock.with(query: "next", asked) : SiteRoute.kioskUnlock.path)
        }
        if !path.hasPrefix("/static/") {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        return response
    }

    /// Where a kiosk's request may go.
    static func way(method: HTTPMethod, path: String) -> Way {
        let parts = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        switch parts.first {
        case "static", "kiosk", "d", "language", "audio":
            return .through
        case "logout":
            // Signing out from the unlock page ends the kiosk with the session.
            return method == .POST ? .through : .unlock
        case "o" where parts.count == 3 && parts.last == "thanks":
            return .thanks
        default:
            return .unlock
        }
    }
}
