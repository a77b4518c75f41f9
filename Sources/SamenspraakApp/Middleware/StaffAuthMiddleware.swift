import Fluent
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Finds the signed-in staff member from the session cookie; does not refuse anyone (routes decide).
struct StaffAuthMiddleware: AsyncMiddleware {
    static let cookieName = "samenspraak_session"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = request.cookies[Self.cookieName]?.string, !token.isEmpty, token.count <= 128 {
            let now = request.now
            if let session = try await StaffSession.query(on: request.db)
                .filter(\.$tokenHash == AppServices.hash(token: token))
                .filter(\.$expiresAt > now)
                .with(\.$user)
                .first(), session.user.isActive {
                if let waveID = session.kioskWaveID {
                    request.storage[KioskKey.self] = KioskDevice(user: session.user, session: session, waveID: waveID)
                } else {
                    request.storage[SignedInKey.self] = SignedIn(user: session.user, session: session)
                }
                // Sliding expiry, written at most once per hour of activity.
                let lifetime = TimeInterval(request.application.samenspraakConfig.sessionHours * 3600)
                if session.expiresAt.timeIntervalSince(now) < lifetime - 3600 {
                    session.expiresAt = now.addingTimeInterval(lifetime)
                    try await session.save(on: request.db)
                }
            }
        }
        return try await next.respond(to: request)
    }
}

struct SignedIn {
    let user: User
    let session: StaffSession
}

struct SignedInKey: StorageKey { typealias Value = SignedIn }

/// Not signed in: the error middleware sends the person to the sign-in page and back afterwards.
struct SignInRequired: Error {
    let next: String
}

/// Signed in with a one-time password: the person chooses their own before anything else.
struct PasswordChangeRequired: Error {}

extension Request {
    var signedIn: SignedIn? { storage[SignedInKey.self] }

    /// The signed-in staff member, if allowed to perform `action` (on `schoolID`); otherwise throws
    /// `SignInRequired` (→ redirect to sign-in) or 403.
    func staff(for action: StaffAction, schoolID: String? = nil) throws -> User {
        guard let user = signedIn?.user else {
            throw SignInRequired(next: method == .GET ? url.path : SiteRoute.staffHome.path)
        }
        if user.mustChangePassword && action != .changeOwnPassword { throw PasswordChangeRequired() }
        guard Access.allows(user.actor, action, schoolID: schoolID?.lowercased()) else { throw Abort(.forbidden) }
        return user
    }
}
