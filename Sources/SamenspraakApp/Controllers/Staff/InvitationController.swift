import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The invited person's side: open the link, give a name and a password, and be signed in.
struct InvitationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.invitation(token: .any), use: show)
        routes.post(.invitation(token: .any), use: accept)
    }

    /// The open invitation behind a token, or nil when it is unknown, used or past its 7 days.
    static func open(_ req: Request, token: String) async throws -> Invitation? {
        guard !token.isEmpty, token.count <= 128 else { return nil }
        guard let invitation = try await Invitation.query(on: req.db)
            .filter(\.$tokenHash == AppServices.hash(token: token)).with(\.$school).first(),
            invitation.isOpen(at: req.now) else { return nil }
        return invitation
    }

    /// Why a token opens no form: the holder already read the invitation's e-mail, so saying that the account exists,
    /// was withdrawn or expired tells them nothing new (and nothing at all for a token that matches no invitation).
    static func closedReason(_ req: Request, token: String) async throws -> ClosedInvitation {
        guard !token.isEmpty, token.count <= 128,
              let invitation = try await Invitation.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: token)).first()
        else { return .unknown }
        if invitation.acceptedAt != nil { return .accepted }
        if invitation.revokedAt != nil { return .revoked }
        return invitation.expiresAt > req.now ? .unknown : .expired
    }

    static func details(_ invitation: Invitation?) -> AcceptInvitationPage.Model.Invitation? {
        invitation.map { .init(email: $0.email, schoolName: $0.school.name, role: $0.role) }
    }

    @Sendable func show(req: Request) async throws -> Response {
        let token = req.parameter(LinkToken.self) ?? ""
        let invitation = try await Self.open(req, token: token)
        let closed: ClosedInvitation = invitation == nil ? try await Self.closedReason(req, token: token) : .unknown
        let model = AcceptInvitationPage.Model(shell: req.shell(), token: token, invitation: Self.details(invitation),
                                               name: invitation?.name ?? "", closed: closed)
        return .html(AcceptInvitationPage.view(model), status: invitation == nil ? .notFound : .ok)
    }

    struct AcceptForm: Content {
        var name: String?
        var password: String?
        var password_confirmation: String?
    }

    @Sendable func accept(req: Request) async throws -> Response {
        let token = req.parameter(LinkToken.self) ?? ""
        guard let invitation = try await Self.open(req, token: token) else {
            let model = AcceptInvitationPage.Model(shell: req.shell(), token: token, invitation: nil,
                                                   closed: try await Self.closedReason(req, token: token))
            return .html(AcceptInvitationPage.view(model), status: .notFound)
        }
        let form = try req.content.decode(AcceptForm.self)
        let draft = InviteAcceptDraft(name: form.name ?? "", password: form.password ?? "", passwordConfirmation: form.password_confirmation ?? "")
        let emailTaken = try await User.query(on: req.db).filter(\.$email == invitation.email).first() != nil
        let valid: InviteAcceptDraft.Valid
        switch draft.validate(emailTaken: emailTaken) {
        case let .failure(box):
            let model = AcceptInvitationPage.Model(shell: req.shell(), token: token, invitation: Self.details(invitation),
                                                   name: draft.name, errors: box.errors)
            return .html(AcceptInvitationPage.view(model), status: .unprocessableEntity)
        case let .success(checked):
            valid = checked
        }
        let user = User(email: invitation.email, name: valid.name,
                        passwordHash: try req.password.hash(valid.password), role: invitation.role,
                        schoolID: invitation.$school.id, mustChangePassword: false)
        user.language = req.language.rawValue
        let now = req.now
        try await req.db.transaction { db in
            try await StaffAccounts.accept(invitation, creating: user, at: now, on: db)
        }
        req.logger.info("invitation accepted", metadata: ["role": .string(user.roleValue)])
        let response = Response.redirect(to: SiteRoute.staffHome.path)
        try await AuthController.startSession(for: user, on: req, response: response)
        return response
    }
}
