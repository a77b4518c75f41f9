import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Running staff accounts: a lead those of their own school, a coordinator those of every school and the coordinator
/// accounts. Each action goes through `StaffAccounts` in one transaction with its audit entry.
struct StaffAccountController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.account(id: .any), use: show)
        routes.post(.accountDeactivate(id: .any), use: deactivate)
        routes.post(.accountReactivate(id: .any), use: reactivate)
        routes.post(.accountRole(id: .any), use: changeRole)
        routes.post(.accountOneTimePassword(id: .any), use: oneTimePassword)
        routes.post(.accountSignOut(id: .any), use: signOutEverywhere)
        routes.post(.revokeInvitation(schoolID: .any, invitationID: .any), use: revokeInvitation)
        routes.get(.coordinators, use: coordinators)
        routes.get(.schoolAudit(schoolID: .any), use: schoolAudit)
        routes.get(.audit, use: audit)
    }

    // MARK: one account

    @Sendable func show(req: Request) async throws -> Response {
        let (_, subject) = try await req.authorizedAccount()
        return .html(StaffAccountPage.view(try await Self.model(req, subject, notice: req.notice(AccountNotice.self)?.catalogKey)),
                     status: .ok)
    }

    static func model(_ req: Request, _ subject: User, notice: String? = nil, refusal: AccountRefusal? = nil) async throws -> StaffAccountPage.Model {
        let sessions = try await StaffSession.query(on: req.db).filter(\.$user.$id == subject.requireID())
            .filter(\.$expiresAt > req.now).sort(\.$createdAt, .descending).all()
        let school = try await subject.$school.get(on: req.db)
        return StaffAccountPage.Model(
            shell: req.shell(), account: subject.accountSummary, schoolID: school?.publicID, schoolName: school?.name,
            sessions: sessions.map { .init(started: Day(date: $0.createdAt ?? $0.expiresAt), until: Day(date: $0.expiresAt)) },
            notice: notice, refusal: refusal?.catalogKey)
    }

    /// Runs `operation` in a transaction; a refusal re-renders the account's page with its message and changes
    /// nothing, success goes back to the page with `notice`.
    func perform(_ req: Request, _ subject: User, notice: AccountNotice,
                 _ operation: @escaping @Sendable (any Database) async throws -> Void) async throws -> Response {
        do {
            try await req.db.transaction { db in try await operation(db) }
        } catch let refusal as AccountRefusal {
            // The subject may hold changes the failed operation made in memory: show what is stored.
            let stored = try await User.find(subject.requireID(), on: req.db) ?? subject
            let status: HTTPResponseStatus = refusal == .roleNotAllowed || refusal == .notConfirmed ? .unprocessableEntity : .conflict
            return .html(StaffAccountPage.view(try await Self.model(req, stored, refusal: refusal)), status: status)
        }
        req.logger.info("account action", metadata: ["action": .string(notice.rawValue)])
        // Someone who ended their own sessions (or deactivated themselves) is signed out here too.
        if req.signedIn?.user.id == subject.id, !(try await req.stillSignedIn()) {
            return .redirect(to: SiteRoute.login.path)
        }
        return .redirect(to: SiteRoute.account(id: AccountID(try subject.requireID())).with(notice: notice))
    }

    struct ConfirmForm: Content {
        var confirm: [String]?
    }

    @Sendable func deactivate(req: Request) async throws -> Response {
        let (actor, subject) = try await req.authorizedAccount()
        let form = try req.content.decode(ConfirmForm.self)
        guard form.confirm?.contains("1") == true else {
            return .html(StaffAccountPage.view(try await Self.model(req, subject, refusal: .notConfirmed)), status: .unprocessableEntity)
        }
        let now = req.now, mailer = req.accountMailer
        return try await perform(req, subject, notice: .deactivated) { db in
            try await StaffAccounts.deactivate(subject, by: actor, at: now, on: db, mail: mailer)
        }
    }

    @Sendable func reactivate(req: Request) async throws -> Response {
        let (actor, subject) = try await req.authorizedAccount()
        let now = req.now, mailer = req.accountMailer
        return try await perform(req, subject, notice: .reactivated) { db in
            try await StaffAccounts.reactivate(subject, by: actor, at: now, on: db, mail: mailer)
        }
    }

    struct RoleForm: Content {
        var role: String?
    }

    @Sendable func changeRole(req: Request) async throws -> Response {
        let (actor, subject) = try await req.authorizedAccount()
        let form = try req.content.decode(RoleForm.self)
        guard let role = form.role.flatMap(Role.init(rawValue:)) else {
            return .html(StaffAccountPage.view(try await Self.model(req, subject, refusal: .roleNotAllowed)), status: .unprocessableEntity)
        }
        let now = req.now, mailer = req.accountMailer
        return try await perform(req, subject, notice: .role) { db in
            try await StaffAccounts.changeRole(subject, to: role, by: actor, at: now, on: db, mail: mailer)
        }
    }

    @Sendable func oneTimePassword(req: Request) async throws -> Response {
        let (actor, subject) = try await req.authorizedAccount()
        let password = req.services.oneTimePassword()
        let hash = try req.password.hash(password)
        let now = req.now
        try await req.db.transaction { db in
            try await StaffAccounts.issueOneTimePassword(subject, passwordHash: hash, by: actor, at: now, on: db)
        }
        req.logger.info("account action", metadata: ["action": "one-time-password"])
        let model = AccountPasswordIssuedPage.Model(shell: req.shell(), accountID: try subject.requireID().uuidString.lowercased(),
                                                    name: subject.name, email: subject.email, oneTimePassword: password)
        let response = Response.html(AccountPasswordIssuedPage.view(model), status: .ok)
        // Not kept by the browser's cache or history: the password is shown once.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable func signOutEverywhere(req: Request) async throws -> Response {
        let (actor, subject) = try await req.authorizedAccount()
        let now = req.now
        return try await perform(req, subject, notice: .signedOut) { db in
            try await StaffAccounts.signOutEverywhere(subject, by: actor, at: now, on: db)
        }
    }

    // MARK: invitations

    @Sendable func revokeInvitation(req: Request) async throws -> Response {
        let (actor, school) = try await req.authorized(School.self, .manageAccounts)
        let id = try req.uuid(InvitationID.self)
        guard let invitation = try await Invitation.query(on: req.db).filter(\.$id == id)
            .filter(\.$school.$id == school.requireID()).first() else { throw Abort(.notFound) }
        let now = req.now
        try await req.db.transaction { db in
            try await StaffAccounts.revoke(invitation, by: actor, at: now, on: db)
        }
        return .redirect(to: SiteRoute.schoolStaff(id: school.routeID).with(notice: StaffNotice.revoked))
    }

    // MARK: lists

    @Sendable func coordinators(req: Request) async throws -> Response {
        _ = try req.staff(for: .manageCoordinators)
        let people = try await User.query(on: req.db).filter(\.$roleValue == Role.coordinator.rawValue).sort(\.$name).all()
        return .html(CoordinatorListPage.view(.init(shell: req.shell(), coordinators: people.map(\.accountSummary))), status: .ok)
    }

    static let auditPageSize = 200

    @Sendable func schoolAudit(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .viewAuditLog)
        return .html(AuditLogPage.view(try await Self.auditModel(req, school: school)), status: .ok)
    }

    @Sendable func audit(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewAuditLog)
        _ = try req.staff(for: .manageCoordinators)
        return .html(AuditLogPage.view(try await Self.auditModel(req, school: nil)), status: .ok)
    }

    static func auditModel(_ req: Request, school: School?) async throws -> AuditLogPage.Model {
        let page = max(1, min(req.query[Int.self, at: "page"] ?? 1, 10_000))
        var query = AuditEntry.query(on: req.db)
        if let school { query = query.filter(\.$schoolID == (try school.requireID())) }
        let rows = try await query.sort(\.$at, .descending).sort(\.$id)
            .range(((page - 1) * auditPageSize)..<(page * auditPageSize + 1)).all()
        let schoolIDs = Set(rows.compactMap(\.schoolID))
        var names: [UUID: String] = [:]
        if school == nil, !schoolIDs.isEmpty {
            for other in try await School.query(on: req.db).filter(\.$id ~~ schoolIDs).all() {
                names[try other.requireID()] = other.name
            }
        }
        let t = req.t
        let entries: [AuditLogPage.Entry] = rows.prefix(auditPageSize).compactMap { (row) -> AuditLogPage.Entry? in
            guard let action = row.action else { return nil }
            return .init(on: Day(date: row.at), time: Self.brusselsTime(row.at), actorName: row.actorName, action: action,
                         subjectName: row.subjectName, subjectEmail: row.subjectEmail,
                         schoolName: school?.name ?? row.schoolID.flatMap { names[$0] }, detail: Self.detail(row.detail, t))
        }
        return AuditLogPage.Model(shell: req.shell(), schoolID: school?.publicID, schoolName: school?.name, entries: entries,
                                  olderPage: rows.count > auditPageSize ? page + 1 : nil)
    }

    /// Role names in the stored detail (`member → lead`, `lead`) in the reader's language.
    static func detail(_ stored: String, _ t: Localizer) -> String {
        stored.components(separatedBy: " → ").map { Role(rawValue: $0).map { t("role.\($0.rawValue)") } ?? $0 }
            .joined(separator: " → ")
    }

    /// "14:05" in Brussels, where the schools are.
    static func brusselsTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let local = seconds + Brussels.offsetHours(atUTC: seconds) * 3600
        let minutes = ((local % 86_400) + 86_400) % 86_400 / 60
        return String(format: "%02d:%02d", minutes / 60, minutes % 60)
    }
}

extension User {
    var accountSummary: AccountSummary {
        AccountSummary(id: id?.uuidString.lowercased() ?? "", name: name, email: email, role: role,
                       mustChangePassword: mustChangePassword, deactivatedOn: deactivatedAt.map { Day(date: $0) },
                       lastSignInOn: lastSignInOn)
    }

    /// The name as pages show an author: a deactivated account's name says the person has left the team.
    func shownName(_ t: Localizer?) -> String {
        guard !isActive, let t else { return name }
        return t("staff.former_name", ["name": name])
    }
}

extension Request {
    /// The account of the URL's id, after checking that the signed-in person may run it: a school's accounts their
    /// school's leads and the coordinators, the coordinator accounts the coordinators. Not signed in: sign-in;
    /// a member: 403 before anything is looked up; an unknown id: 404; someone else's school: 403.
    func authorizedAccount() async throws -> (actor: User, subject: User) {
        let id = try uuid(AccountID.self)
        let actor = try staff(for: .manageAccounts)
        guard let subject = try await User.find(id, on: db) else { throw Abort(.notFound) }
        if subject.role == .coordinator || subject.$school.id == nil {
            _ = try staff(for: .manageCoordinators)
        } else {
            _ = try staff(for: .manageAccounts, schoolID: subject.$school.id?.uuidString)
        }
        return (actor, subject)
    }

    /// Whether this request's session still exists (an action may just have ended it).
    func stillSignedIn() async throws -> Bool {
        guard let id = signedIn?.session.id else { return false }
        return try await StaffSession.find(id, on: db) != nil
    }
}
