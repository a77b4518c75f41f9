import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// "Forgot your password?": a link by e-mail that works for an hour, once. Only when e-mail is configured;
/// otherwise the page says whom to ask for a one-time password.
struct PasswordResetController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forgotPassword, use: form)
        routes.post(.forgotPassword, use: request)
        routes.get(.resetPassword(token: .any), use: show)
        routes.post(.resetPassword(token: .any), use: reset)
    }

    @Sendable func form(req: Request) async throws -> Response {
        .html(ForgotPasswordPage.view(.init(shell: req.shell(), mailEnabled: req.application.mailSettings != nil)), status: .ok)
    }

    struct ForgotForm: Content {
        var email: String?
    }

    /// Answers alike whether or not the address has an account (and whether or not a mail goes out); only a
    /// malformed address gets its own message, and too many requests from one address a wait.
    @Sendable func request(req: Request) async throws -> Response {
        guard let settings = req.application.mailSettings else {
            return .html(ForgotPasswordPage.view(.init(shell: req.shell(), mailEnabled: false)), status: .ok)
        }
        let typed = try req.content.decode(ForgotForm.self).email ?? ""
        var errors: FieldErrors = [:]
        Validate.email(typed, into: &errors)
        guard errors.isEmpty else {
            return .html(ForgotPasswordPage.view(.init(shell: req.shell(), mailEnabled: true, email: typed, errors: errors)),
                         status: .unprocessableEntity)
        }
        guard req.application.bursts.passwordResets.admit(req, scope: "password reset") else {
            return .html(ForgotPasswordPage.view(.init(shell: req.shell(), mailEnabled: true, email: typed, throttled: true)),
                         status: .tooManyRequests)
        }
        let email = Validate.normalizedEmail(typed)
        let now = req.now
        if let user = try await User.query(on: req.db).filter(\.$email == email).first(), user.isActive {
            let userID = try user.requireID()
            let recent = try await PasswordReset.query(on: req.db).filter(\.$user.$id == userID)
                .filter(\.$createdAt > now.addingTimeInterval(-3600)).count()
            if recent < PasswordResetRules.mailsPerAccountPerHour {
                let token = req.services.token()
                let link = req.absoluteURL(SiteRoute.resetPassword(token: LinkToken(token)).path)
                let language = user.staffLanguage ?? req.language
                let content = StaffMails.passwordReset(req.application.catalogs.localizer(language), name: user.name, link: link)
                try await req.db.transaction { db in
                    try await PasswordReset(tokenHash: AppServices.hash(token: token), userID: userID, createdAt: now,
                                            expiresAt: now.addingTimeInterval(TimeInterval(PasswordResetRules.lifetimeSeconds))).create(on: db)
                    try await MailOutbox.enqueue(.passwordReset, to: user.email, name: user.name, language: language, content: content,
                                                 requestedByID: userID, settings: settings, now: now, on: db)
                }
                req.logger.info("password reset mail queued")
            } else {
                req.logger.notice("password reset not sent: too many for this account this hour")
            }
        }
        return .html(ForgotPasswordPage.view(.init(shell: req.shell(), mailEnabled: true, sentTo: email)), status: .ok)
    }

    /// The open reset behind a token with its account, or nil when it is unknown, used, past its hour, or the
    /// account cannot sign in any more.
    static func open(_ req: Request, token: String) async throws -> PasswordReset? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        guard let reset = try await PasswordReset.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: token))
            .with(\.$user).first(), reset.isOpen(at: req.now), reset.user.isActive else { return nil }
        return reset
    }

    @Sendable func show(req: Request) async throws -> Response {
        let token = req.parameter(LinkToken.self) ?? ""
        let reset = try await Self.open(req, token: token)
        return .html(ResetPasswordPage.view(.init(shell: req.shell(), token: token, email: reset?.user.email)),
                     status: reset == nil ? .notFound : .ok)
    }

    struct ResetForm: Content {
        var password: String?
        var password_confirmation: String?
    }

    @Sendable func reset(req: Request) async throws -> Response {
        let token = req.parameter(LinkToken.self) ?? ""
        guard let reset = try await Self.open(req, token: token) else {
            return .html(ResetPasswordPage.view(.init(shell: req.shell(), token: token, email: nil)), status: .notFound)
        }
        let form = try req.content.decode(ResetForm.self)
        var errors: FieldErrors = [:]
        Validate.newPassword(form.password ?? "", confirmation: form.password_confirmation ?? "", into: &errors)
        guard errors.isEmpty, let password = form.password else {
            return .html(ResetPasswordPage.view(.init(shell: req.shell(), token: token, email: reset.user.email, errors: errors)),
                         status: .unprocessableEntity)
        }
        let user = reset.user
        let userID = try user.requireID()
        let hash = try req.password.hash(password)
        let now = req.now
        let used = try await req.db.transaction { db -> Bool in
            // One use: only the request whose mark lands goes on, even when two arrive at once (the update
            // matches only while the link is unused; the mark replaces the hash, so the token finds nothing after).
            let mark = "used-" + UUID().uuidString.lowercased()
            try await PasswordReset.query(on: db).filter(\.$id == reset.requireID()).filter(\.$usedAt == nil)
                .set(\.$usedAt, to: now).set(\.$tokenHash, to: mark).update()
            guard try await PasswordReset.query(on: db).filter(\.$tokenHash == mark).count() == 1 else { return false }
            user.passwordHash = hash
            user.mustChangePassword = false
            try await user.save(on: db)
            // Every other open link of this person stops working, every browser signed in as them is signed out,
            // and the wait after wrong passwords ends: the owner has proved who they are.
            try await PasswordReset.query(on: db).filter(\.$user.$id == userID).filter(\.$usedAt == nil).set(\.$usedAt, to: now).update()
            try await StaffSession.query(on: db).filter(\.$user.$id == userID).delete()
            try await SignInAttempt.query(on: db).filter(\.$email == user.email).delete()
            return true
        }
        guard used else {
            return .html(ResetPasswordPage.view(.init(shell: req.shell(), token: token, email: nil)), status: .notFound)
        }
        req.logger.notice("password reset by e-mail link")
        return .redirect(to: SiteRoute.login.with(query: "password_reset", "1"))
    }
}
