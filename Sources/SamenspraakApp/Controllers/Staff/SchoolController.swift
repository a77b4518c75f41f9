import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// One school: its page, its settings and its people. Leads and members only reach their own school.
struct SchoolController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.school(id: .any), use: show)
        routes.post(.school(id: .any), use: update)
        routes.get(.editSchool(id: .any), use: edit)
        routes.get(.schoolStaff(id: .any), use: staff)
        routes.post(.invitations(schoolID: .any), use: invite)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewSchool)
        let staffCount = try await User.query(on: req.db).filter(\.$school.$id == school.requireID()).count()
        let actor = user.actor
        var model = SchoolShowPage.Model(
            shell: req.shell(),
            school: .init(summary: school.summary(staffCount: staffCount), trajectoryID: school.trajectory.id?.uuidString.lowercased() ?? "",
                          trajectoryName: school.trajectory.name),
            canEdit: Access.allows(actor, .editSchool, schoolID: school.publicID),
            canManageStaff: Access.allows(actor, .inviteStaff, schoolID: school.publicID),
            canSeeTrajectory: Access.allows(actor, .viewTrajectory),
            notice: req.notice(SchoolNotice.self)?.catalogKey,
            waves: try await waves(req, school),
            canOpenWave: Access.allows(actor, .manageWaves, schoolID: school.publicID),
            canSeeWaves: Access.allows(actor, .useWaves, schoolID: school.publicID),
            today: Day(date: req.now)
        )
        model.canRecord = Access.allows(actor, .recordVoice, schoolID: school.publicID)
        model.needsLead = !(try await Self.hasActiveLead(school.requireID(), on: req.db))
        model.welcomeLink = Access.allows(actor, .runWelcome, schoolID: school.publicID) ? "welcome.school_link_member"
            : (Access.allows(actor, .viewWelcome, schoolID: school.publicID) ? "welcome.school_link" : nil)
        return .html(SchoolShowPage.view(model), status: .ok)
    }

    /// Whether someone active leads the school: until then, inviting its lead is the first thing to do.
    static func hasActiveLead(_ schoolID: UUID, on db: any Database) async throws -> Bool {
        try await User.query(on: db).filter(\.$school.$id == schoolID).filter(\.$roleValue == Role.lead.rawValue)
            .filter(\.$deactivatedAt == nil).first() != nil
    }

    func waves(_ req: Request, _ school: School) async throws -> [WaveSummary] {
        var result: [WaveSummary] = []
        for wave in try await Wave.query(on: req.db).filter(\.$school.$id == school.requireID()).sort(\.$opens, .descending).all() {
            result.append(try await wave.summary(on: req.db))
        }
        return result
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .editSchool)
        let model = SchoolFormPage.Model(shell: req.shell(), mode: .edit(schoolID: school.publicID),
                                         trajectoryName: school.trajectory.name, draft: school.draft,
                                         offered: req.application.languageOffers)
        return .html(SchoolFormPage.view(model), status: .ok)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .editSchool)
        let draft = try req.content.decode(TrajectoryController.SchoolForm.self).draft
        switch try await Self.validate(req, draft, schoolID: school.requireID()) {
        case let .failure(box):
            let model = SchoolFormPage.Model(shell: req.shell(), mode: .edit(schoolID: school.publicID),
                                             trajectoryName: school.trajectory.name, draft: draft, errors: box.errors,
                                             offered: req.application.languageOffers)
            return .html(SchoolFormPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            school.apply(valid)
            try await school.save(on: req.db)
            return .redirect(to: SiteRoute.school(id: school.routeID).with(notice: SchoolNotice.saved))
        }
    }

    /// The school form checked, its spoken-only languages too: a school offers one only once every text is recorded
    /// in it (a school being made has no recordings yet).
    static func validate(_ req: Request, _ draft: SchoolDraft, schoolID: UUID?) async throws -> Result<SchoolDraft.Valid, FieldErrorsBox> {
        let result = draft.validate()
        guard case let .success(valid) = result else { return result }
        let incomplete = try await req.application.incompleteSpokenLanguages(valid.languages, schoolID: schoolID, on: req.db)
        return incomplete.isEmpty ? result : .failure(FieldErrorsBox(["languages": "error.languages_spoken"]))
    }

    @Sendable func staff(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewStaff)
        // The first invitation of a school without a lead is, almost always, its lead's.
        let firstRole: Role = try await Self.hasActiveLead(school.requireID(), on: req.db) ? .member : .lead
        let role = user.role.invitableRoles.contains(firstRole) ? firstRole : .member
        let model = try await Self.staffModel(req, user: user, school: school, draft: .init(role: role.rawValue))
        return .html(SchoolStaffPage.view(model), status: .ok)
    }

    static func staffModel(_ req: Request, user: User, school: School, draft: SchoolStaffPage.Draft = .init(),
                           errors: FieldErrors = [:]) async throws -> SchoolStaffPage.Model {
        let schoolID = try school.requireID()
        let people = try await User.query(on: req.db).filter(\.$school.$id == schoolID).sort(\.$name).all()
        let pending = try await Invitation.query(on: req.db).filter(\.$school.$id == schoolID)
            .filter(\.$acceptedAt == nil).filter(\.$revokedAt == nil).filter(\.$expiresAt > req.now).sort(\.$expiresAt).all()
        let mails = try await OutboxMail.query(on: req.db).filter(\.$invitation.$id ~~ pending.compactMap(\.id))
            .sort(\.$createdAt, .descending).all()
        func mailStatus(_ invitation: Invitation) -> SchoolStaffPage.MailStatus? {
            mails.first { $0.$invitation.id == invitation.id }.map { .init(status: $0.status, reason: $0.lastError ?? "") }
        }
        return SchoolStaffPage.Model(
            shell: req.shell(), schoolID: school.publicID, schoolName: school.name,
            // Active people first, then those who left the team.
            people: (people.filter(\.isActive) + people.filter { !$0.isActive }).map(\.accountSummary),
            pending: pending.map { .init(id: $0.publicID, email: $0.email, role: $0.role, expires: Day(date: $0.expiresAt), mail: mailStatus($0)) },
            invitableRoles: user.role.invitableRoles, draft: draft, errors: errors, notice: req.notice(StaffNotice.self)?.catalogKey
        )
    }

    struct InviteForm: Content {
        var name: String?
        var email: String?
        var role: String?
        var method: String?
    }

    @Sendable func invite(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .inviteStaff)
        let form = try req.content.decode(InviteForm.self)
        let draft = InviteDraft(name: form.name ?? "", email: form.email ?? "", role: form.role ?? "", method: form.method ?? "")
        // Only a plausible address is looked up: a malformed one gets its own message, not "taken".
        var emailTaken = false
        if draft.hasPlausibleEmail {
            emailTaken = try await User.query(on: req.db).filter(\.$email == draft.normalizedEmail).first() != nil
        }
        let valid: InviteDraft.Valid
        switch draft.validate(invitableRoles: user.role.invitableRoles, emailTaken: emailTaken) {
        case let .failure(box):
            let model = try await Self.staffModel(req, user: user, school: school, draft: draft, errors: box.errors)
            return .html(SchoolStaffPage.view(model), status: .unprocessableEntity)
        case let .success(checked):
            valid = checked
        }
        let (name, email, role, method) = (valid.name, valid.email, valid.role, valid.method)
        let schoolID = try school.requireID()
        let issued: InvitationIssuedPage.Model
        switch method {
        case .link:
            let token = req.services.token()
            let now = req.now
            let expires = now.addingTimeInterval(Invitation.lifetime)
            let link = req.absoluteURL(SiteRoute.invitation(token: LinkToken(token)).path)
            let mailSettings = req.application.mailSettings
            // The mail goes in the inviter's language: the invited person has none yet.
            let mail = StaffMails.invitation(req.t, name: name, school: school.name, inviter: user.name, role: role, link: link,
                                             until: Day(date: expires))
            let invitation = Invitation(tokenHash: AppServices.hash(token: token), email: email, name: name, role: role,
                                        schoolID: schoolID, invitedByID: user.id, expiresAt: expires)
            try await req.db.transaction { db in
                // A new invitation replaces any open one for the same address at this school.
                try await StaffAccounts.invite(invitation, by: user, at: now, on: db)
                if let mailSettings {
                    try await MailOutbox.enqueue(.invitation, to: email, name: name, language: req.language, content: mail,
                                                 invitationID: invitation.id, requestedByID: user.id, settings: mailSettings,
                                                 now: now, on: db)
                }
            }
            issued = .init(shell: req.shell(), schoolID: school.publicID, email: email, role: role, link: link, oneTimePassword: nil,
                           expires: Day(date: expires), mailed: mailSettings != nil)
        case .password:
            let password = req.services.oneTimePassword()
            let account = User(email: email, name: name, passwordHash: try req.password.hash(password), role: role,
                               schoolID: schoolID, mustChangePassword: true)
            let now = req.now
            try await req.db.transaction { db in
                try await StaffAccounts.createWithOneTimePassword(account, by: user, at: now, on: db)
            }
            issued = .init(shell: req.shell(), schoolID: school.publicID, email: email, role: role, link: nil,
                           oneTimePassword: password, expires: nil)
        }
        req.logger.info("staff invited", metadata: ["role": .string(role.rawValue), "method": .string(method.rawValue)])
        return .html(InvitationIssuedPage.view(issued), status: .created)
    }
}
