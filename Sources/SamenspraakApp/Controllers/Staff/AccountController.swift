import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A staff member's own password: replacing a one-time password, or changing it later.
struct AccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.accountPassword, use: form)
        routes.post(.accountPassword, use: update)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let user = try req.staff(for: .changeOwnPassword)
        return .html(PasswordPage.view(.init(shell: req.shell(), mustChange: user.mustChangePassword)), status: .ok)
    }

    struct PasswordForm: Content {
        var current_password: String?
        var password: String?
        var password_confirmation: String?
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try req.staff(for: .changeOwnPassword)
        let form = try req.content.decode(PasswordForm.self)
        var errors: FieldErrors = [:]
        let current = form.current_password ?? ""
        if current.isEmpty {
            errors["current_password"] = "error.required"
        } else if !((try? req.password.verify(current, created: user.passwordHash)) ?? false) {
            errors["current_password"] = "error.current_password"
        }
        Validate.newPassword(form.password ?? "", confirmation: form.password_confirmation ?? "", into: &errors)
        if errors["password"] == nil, let password = form.password, password == current {
            errors["password"] = "error.password_same"
        }
        guard errors.isEmpty, let password = form.password else {
            return .html(PasswordPage.view(.init(shell: req.shell(), mustChange: user.mustChangePassword, errors: errors)),
                         status: .unprocessableEntity)
        }
        let wasOneTime = user.mustChangePassword
        user.passwordHash = try req.password.hash(password)
        user.mustChangePassword = false
        let userID = try user.requireID()
        let keep = req.signedIn?.session.id
        try await req.db.transaction { db in
            try await user.save(on: db)
            // Other browsers signed in as this person are signed out.
            var others = StaffSession.query(on: db).filter(\.$user.$id == userID)
            if let keep { others = others.filter(\.$id != keep) }
            try await others.delete()
        }
        if wasOneTime { return .redirect(to: SiteRoute.staffHome.path) }
        return .html(PasswordPage.view(.init(shell: req.shell(), mustChange: false, saved: true)), status: .ok)
    }
}
