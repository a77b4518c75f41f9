import Fluent
import Foundation
import SamenspraakCore

/// The lifecycle of staff accounts, in one place: each operation checks its rules, changes the account, ends
/// sessions where needed and writes its audit entry, all on the `db` it is given. Callers run it inside
/// `req.db.transaction`, so the change and its log entry (and, later, the e-mail queued to the person) happen
/// together or not at all. A refusal is thrown as `AccountRefusal` before anything is written.
enum StaffAccounts {
    /// Active leads of a school.
    static func activeLeads(of schoolID: UUID?, on db: any Database) async throws -> Int {
        guard let schoolID else { return 0 }
        return try await User.query(on: db).filter(\.$school.$id == schoolID).filter(\.$roleValue == Role.lead.rawValue)
            .filter(\.$deactivatedAt == nil).count()
    }

    static func activeCoordinators(on db: any Database) async throws -> Int {
        try await User.query(on: db).filter(\.$roleValue == Role.coordinator.rawValue).filter(\.$deactivatedAt == nil).count()
    }

    /// Deactivates `subject`: every session ends at once and sign-in is refused. Nothing they wrote is removed.
    /// An account that is deactivated already is left as it is.
    static func deactivate(_ subject: User, by actor: User, at now: Date, on db: any Database, mail: AccountMailer? = nil) async throws {
        guard subject.isActive else { return }
        let leads = subject.role == .lead ? try await activeLeads(of: subject.$school.id, on: db) : 0
        let coordinators = subject.role == .coordinator ? try await activeCoordinators(on: db) : 0
        if let refusal = AccountRules.checkDeactivation(actorIsSubject: actor.id == subject.id, subjectRole: subject.role,
                                                        activeLeads: leads, activeCoordinators: coordinators) {
            throw refusal
        }
        subject.deactivatedAt = now
        try await subject.save(on: db)
        try await endSessions(of: subject, on: db)
        try await log(.deactivated, by: actor, subject: subject, at: now, on: db)
        try await mail?.tell(subject, .deactivated, by: actor, at: now, on: db)
    }

    /// Lets a deactivated account sign in again (with the password it had).
    static func reactivate(_ subject: User, by actor: User, at now: Date, on db: any Database, mail: AccountMailer? = nil) async throws {
        guard !subject.isActive else { return }
        subject.deactivatedAt = nil
        try await subject.save(on: db)
        try await log(.reactivated, by: actor, subject: subject, at: now, on: db)
        try await mail?.tell(subject, .reactivated, by: actor, at: now, on: db)
    }

    /// Makes a member a lead or a lead a member; the coordinator role is never given or taken here.
    static func changeRole(_ subject: User, to role: Role, by actor: User, at now: Date, on db: any Database,
                           mail: AccountMailer? = nil) async throws {
        let leads = subject.role == .lead ? try await activeLeads(of: subject.$school.id, on: db) : 0
        if let refusal = AccountRules.checkRoleChange(actorIsSubject: actor.id == subject.id, subjectRole: subject.role,
                                                      newRole: role, activeLeads: leads) {
            throw refusal
        }
        guard role != subject.role else { return }
        let detail = "\(subject.role.rawValue) → \(role.rawValue)"
        let before = subject.role
        subject.roleValue = role.rawValue
        try await subject.save(on: db)
        try await log(.roleChanged, by: actor, subject: subject, at: now, detail: detail, on: db)
        try await mail?.tell(subject, .roleChanged(from: before, to: role), by: actor, at: now, on: db)
    }

    /// Replaces the password with a one-time password (given as its hash) that must be changed at the next sign-in,
    /// and ends the account's sessions.
    static func issueOneTimePassword(_ subject: User, passwordHash: String, by actor: User, at now: Date, on db: any Database) async throws {
        subject.passwordHash = passwordHash
        subject.mustChangePassword = true
        try await subject.save(on: db)
        try await endSessions(of: subject, on: db)
        try await log(.oneTimePasswordIssued, by: actor, subject: subject, at: now, on: db)
    }

    /// Ends every session of the account (every browser it is signed in on).
    static func signOutEverywhere(_ subject: User, by actor: User, at now: Date, on db: any Database) async throws {
        try await endSessions(of: subject, on: db)
        try await log(.signedOutEverywhere, by: actor, subject: subject, at: now, on: db)
    }

    /// Takes back an invitation that was not used yet; one used, expired or revoked already is left as it is.
    static func revoke(_ invitation: Invitation, by actor: User, at now: Date, on db: any Database) async throws {
        guard invitation.isOpen(at: now) else { return }
        invitation.revokedAt = now
        try await invitation.save(on: db)
        try await AuditEntry(at: now, actor: actor, action: .invitationRevoked, subjectID: nil, subjectName: invitation.name,
                             subjectEmail: invitation.email, schoolID: invitation.$school.id).create(on: db)
    }

    /// An invitation link was made (it replaces any open one for the same address at the school).
    static func invite(_ invitation: Invitation, by actor: User, at now: Date, on db: any Database) async throws {
        try await Invitation.query(on: db).filter(\.$email == invitation.email).filter(\.$school.$id == invitation.$school.id)
            .filter(\.$acceptedAt == nil).delete()
        try await invitation.create(on: db)
        try await AuditEntry(at: now, actor: actor, action: .invitationSent, subjectID: nil, subjectName: invitation.name,
                             subjectEmail: invitation.email, schoolID: invitation.$school.id, detail: invitation.role.rawValue).create(on: db)
        // The invitation's mail is queued by the caller, in this transaction (it holds the link).
    }

    /// An account was made at once with a one-time password (the invitation's other method).
    static func createWithOneTimePassword(_ user: User, by actor: User, at now: Date, on db: any Database) async throws {
        try await user.create(on: db)
        try await log(.accountCreated, by: actor, subject: user, at: now, detail: user.role.rawValue, on: db)
        // No mail: the one-time password is passed on in person, and a mail without it would only say "ask".
    }

    /// The invited person made their account.
    static func accept(_ invitation: Invitation, creating user: User, at now: Date, on db: any Database) async throws {
        user.lastSignInOn = Day(date: now)
        try await user.create(on: db)
        invitation.acceptedAt = now
        try await invitation.save(on: db)
        try await log(.invitationAccepted, by: user, subject: user, at: now, detail: user.role.rawValue, on: db)
    }

    static func endSessions(of subject: User, on db: any Database) async throws {
        try await StaffSession.query(on: db).filter(\.$user.$id == subject.requireID()).delete()
    }

    static func log(_ action: AccountAuditAction, by actor: User, subject: User, at now: Date, detail: String = "",
                    on db: any Database) async throws {
        try await AuditEntry(at: now, actor: actor, action: action, subjectID: subject.id, subjectName: subject.name,
                             subjectEmail: subject.email, schoolID: subject.$school.id, detail: detail).create(on: db)
    }
}
