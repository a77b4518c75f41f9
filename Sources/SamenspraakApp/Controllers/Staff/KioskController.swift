import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Turning a signed-in browser into a kiosk for one wave's assisted survey, and back. While it is a kiosk the
/// staff member counts as signed out on that device; their password lifts the kiosk.
struct KioskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.kioskUnlock, use: unlockForm)
        routes.post(.kioskUnlock, use: unlock)
    }

    /// Makes this browser the kiosk of `wave`: a new session (a new cookie, so the browser keeps no page of the
    /// staff session for Back) that counts as nobody signed in until the password is typed again.
    static func enter(_ req: Request, user: User, wave: Wave) async throws -> Response {
        let response = Response.redirect(to: SiteRoute.kiosk.path)
        try await AuthController.startSession(for: user, on: req, response: response, kioskWaveID: try wave.requireID())
        req.logger.info("kiosk started")
        return response
    }

    /// Only a path of the site that is not the kiosk itself is a place to go back to.
    static func next(_ value: String?) -> String {
        guard let value, SiteRoute.isLocalPath(value), !value.hasPrefix(SiteRoute.kiosk.path) else { return "" }
        return value
    }

    static func page(_ req: Request, kiosk: KioskDevice, next: String, notice: String? = nil, values: [String: String] = [:],
                     status: HTTPResponseStatus) -> Response {
        .html(KioskUnlockPage.view(.init(shell: req.shell(), staffName: kiosk.user.name, next: next, notice: notice, noticeValues: values)),
              status: status)
    }

    @Sendable func unlockForm(req: Request) async throws -> Response {
        let next = Self.next(req.query[String.self, at: "next"])
        guard let kiosk = req.kiosk else { return .redirect(to: next.isEmpty ? SiteRoute.staffHome.path : next) }
        return Self.page(req, kiosk: kiosk, next: next, status: .ok)
    }

    struct UnlockForm: Content {
        var password: String?
        var next: String?
    }

    /// The staff member's password lifts the kiosk; a wrong one changes nothing and is counted like a wrong sign-in
    /// of that account from this browser (`SignInGuard`).
    @Sendable func unlock(req: Request) async throws -> Response {
        let form = try req.content.decode(UnlockForm.self)
        let next = Self.next(form.next)
        guard let kiosk = req.kiosk else { return .redirect(to: next.isEmpty ? SiteRoute.staffHome.path : next) }
        guard let password = form.password, !password.isEmpty else {
            return Self.page(req, kiosk: kiosk, next: next, notice: "kiosk.unlock.missing", status: .unprocessableEntity)
        }
        let guarded = try await SignInGuard.load(req, email: kiosk.user.email, user: kiosk.user)
        if let refusal = try await guarded.refusal() {
            return Self.page(req, kiosk: kiosk, next: next, notice: refusal.notice.key, values: refusal.notice.values, status: .tooManyRequests)
        }
        guard (try? req.password.verify(password, created: kiosk.user.passwordHash)) == true else {
            if let refusal = try await guarded.failed() {
                return Self.page(req, kiosk: kiosk, next: next, notice: refusal.notice.key, values: refusal.notice.values, status: .tooManyRequests)
            }
            return Self.page(req, kiosk: kiosk, next: next, notice: "kiosk.unlock.wrong", status: .unauthorized)
        }
        let home = SiteRoute.wave(id: WaveID(kiosk.waveID)).path
        let response = Response.redirect(to: next.isEmpty ? home : next)
        try await AuthController.startSession(for: kiosk.user, on: req, response: response)
        try await guarded.succeeded(response)
        req.logger.info("kiosk ended")
        return response
    }
}
