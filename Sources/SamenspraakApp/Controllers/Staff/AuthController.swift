import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Sign-in, sign-out and the first-run setup.
struct AuthController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.login, use: loginForm)
        routes.post(.login, use: login)
        routes.post(.logout, use: logout)
        routes.get(.setup, use: setupForm)
        routes.post(.setup, use: setup)
        routes.get(.staffHome, use: staffHome)
    }

    struct LoginForm: Content {
        var email: String?
        var password: String?
        var next: String?
    }

    @Sendable func loginForm(req: Request) async throws -> Response {
        if req.signedIn != nil { return .redirect(to: SiteRoute.staffHome.path) }
        let next = req.query[String.self, at: "next"].flatMap { SiteRoute.isLocalPath($0) ? $0 : nil } ?? ""
        let notice = req.query[String.self, at: "signed_out"] != nil ? "login.signed_out"
            : req.query[String.self, at: "password_reset"] != nil ? "login.password_reset" : nil
        return .html(LoginPage.view(.init(shell: req.shell(), next: next, notice: notice, noticeKind: "success",
                                          canResetByMail: req.application.mailSettings != nil)), status: .ok)
    }

    @Sendable func login(req: Request) async throws -> Response {
        let form = try req.content.decode(LoginForm.self)
        let email = Validate.normalizedEmail(form.email ?? "")
        let next = form.next.flatMap { SiteRoute.isLocalPath($0) ? $0 : nil } ?? ""
        func page(_ notice: String, _ values: [String: String] = [:], status: HTTPResponseStatus) -> Response {
            .html(LoginPage.view(.init(shell: req.shell(), email: form.email ?? "", next: next, notice: notice,
                                       noticeValues: values, canResetByMail: req.application.mailSettings != nil)), status: status)
        }
        guard !email.isEmpty, let password = form.password, !password.isEmpty else {
            return page("login.missing", status: .unprocessableEntity)
        }
        // Something that cannot be an address is no account: it is answered like a wrong password (after the same
        // hashing) but not recorded, so typed garbage never fills the table of attempts.
        guard email.count <= 254, !Validate.hasControlCharacters(email, allowingLineBreaks: false), Validate.isEmail(email) else {
            _ = try? req.password.verify(password, created: req.application.dummyPasswordHash)
            return page("login.wrong", status: .unauthorized)
        }
        let user = try await User.query(on: req.db).filter(\.$email == email).first()
        let guarded = try await SignInGuard.load(req, email: email, user: user)
        if let refusal = try await guarded.refusal() {
            return page(refusal.notice.key, refusal.notice.values, status: .tooManyRequests)
        }
        // Hash even for unknown addresses, so the answer takes as long either way.
        let hash = user?.passwordHash ?? req.application.dummyPasswordHash
        let matches = (try? req.password.verify(password, created: hash)) ?? false
        guard let user, matches else {
            if let refusal = try await guarded.failed() {
                return page(refusal.notice.key, refusal.notice.values, status: .tooManyRequests)
            }
            return page("login.wrong", status: .unauthorized)
        }
        // Told only after the right password, so the message does not reveal which addresses have an account. A
        // deactivated account's browser does not become a known one.
        guard user.isActive else {
            req.logger.notice("sign-in of a deactivated account refused")
            return page("login.deactivated", status: .forbidden)
        }
        user.lastSignInOn = Day(date: req.now)
        user.language = req.language.rawValue
        try await user.save(on: req.db)
        let response = Response.redirect(to: user.mustChangePassword ? SiteRoute.accountPassword.path : (next.isEmpty ? SiteRoute.staffHome.path : next))
        try await Self.startSession(for: user, on: req, response: response)
        // A browser that never signed in as this person, while others did: the person hears of it by mail (the very
        // first sign-in, or the first after an update that brought known browsers, tells nothing).
        if guarded.device == nil, let mailer = req.accountMailer,
           try await KnownDevice.query(on: req.db).filter(\.$user.$id == user.requireID()).count() > 0 {
            try await mailer.tellNewSignIn(user, forgot: req.absoluteURL(SiteRoute.forgotPassword.path), at: req.now, on: req.db)
        }
        try await guarded.succeeded(response)
        req.logger.info("signed in", metadata: ["role": .string(user.roleValue)])
        return response
    }

    /// Ends any session this browser had and starts a fresh one (a new id defeats session fixation); with a wave,
    /// the fresh one is that wave's kiosk.
    static func startSession(for user: User, on req: Request, response: Response, kioskWaveID: UUID? = nil) async throws {
        if let old = req.signedIn?.session ?? req.kiosk?.session { try await old.delete(on: req.db) }
        let token = req.services.token()
        let lifetime = TimeInterval(req.application.samenspraakConfig.sessionHours * 3600)
        let session = StaffSession(tokenHash: AppServices.hash(token: token), userID: try user.requireID(),
                                   expiresAt: req.now.addingTimeInterval(lifetime))
        session.kioskWaveID = kioskWaveID
        try await session.create(on: req.db)
        response.setCookie(StaffAuthMiddleware.cookieName, req.application.cookie(value: token, maxAge: nil), app: req.application)
    }

    @Sendable func logout(req: Request) async throws -> Response {
        if let session = req.signedIn?.session ?? req.kiosk?.session { try await session.delete(on: req.db) }
        let response = Response.redirect(to: SiteRoute.login.with(query: "signed_out", "1"))
        response.setCookie(StaffAuthMiddleware.cookieName, req.application.cookie(value: "", maxAge: 0), app: req.application)
        return response
    }

    /// Where "home" is for each role: the coordinator's trajectories, or one's own school.
    @Sendable func staffHome(req: Request) async throws -> Response {
        let user = try req.staff(for: .viewSchool)
        if user.role == .coordinator {
            let trajectories = try await Trajectory.query(on: req.db).sort(\.$starts, .descending).all()
            if trajectories.count == 1, let id = trajectories[0].id {
                return .redirect(to: SiteRoute.trajectory(id: TrajectoryID(id)).path)
            }
            return .redirect(to: SiteRoute.trajectories.path)
        }
        guard let schoolID = user.$school.id else { throw Abort(.forbidden) }
        return .redirect(to: SiteRoute.school(id: SchoolID(schoolID)).path)
    }

    // MARK: first run

    struct SetupForm: Content {
        var setup_code: String?
        var name: String?
        var email: String?
        var password: String?
        var password_confirmation: String?
    }

    @Sendable func setupForm(req: Request) async throws -> Response {
        guard try await User.query(on: req.db).count() == 0 else { throw Abort(.notFound) }
        return .html(SetupPage.view(.init(shell: req.shell())), status: .ok)
    }

    /// Creates the first coordinator, for whoever types the setup code the server printed when it started.
    @Sendable func setup(req: Request) async throws -> Response {
        guard try await User.query(on: req.db).count() == 0 else { throw Abort(.notFound) }
        let form = try req.content.decode(SetupForm.self)
        func page(_ errors: FieldErrors, status: HTTPResponseStatus) -> Response {
            .html(SetupPage.view(.init(shell: req.shell(), code: form.setup_code ?? "", name: form.name ?? "", email: form.email ?? "",
                                       errors: errors)), status: status)
        }
        let failures = req.application.bursts.setupFailures
        guard failures.allows(req, scope: "setup") else {
            return page(["setup_code": "error.setup_code_wait"], status: .tooManyRequests)
        }
        var errors: FieldErrors = [:]
        let typed = SetupCode.normalized(form.setup_code ?? "")
        let expected = SetupCode.normalized(try await req.application.setupCode(on: req.db))
        if typed.isEmpty {
            errors["setup_code"] = "error.setup_code_missing"
        } else if !CSRFMiddleware.constantTimeEquals(typed, expected) {
            errors["setup_code"] = "error.setup_code"
            failures.record(req, scope: "setup")
            req.logger.notice("wrong setup code")
        }
        Validate.requiredText(form.name ?? "", field: "name", maxLength: 120, into: &errors)
        Validate.email(form.email ?? "", into: &errors)
        Validate.newPassword(form.password ?? "", confirmation: form.password_confirmation ?? "", into: &errors)
        guard errors.isEmpty, let password = form.password else {
            return page(errors, status: .unprocessableEntity)
        }
        let user = User(email: Validate.normalizedEmail(form.email ?? ""), name: (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines),
                        passwordHash: try req.password.hash(password), role: .coordinator, schoolID: nil, mustChangePassword: false)
        try await user.create(on: req.db)
        req.logger.notice("first coordinator created")
        let response = Response.redirect(to: SiteRoute.staffHome.path)
        try await Self.startSession(for: user, on: req, response: response)
        return response
    }
}
