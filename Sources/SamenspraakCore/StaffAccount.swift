/// What happened to a staff account or invitation, as the audit log records it.
public enum AccountAuditAction: String, CaseIterable, Sendable, Codable {
    /// An invitation link was made.
    case invitationSent = "invitation_sent"
    /// An account was made at once, with a one-time password (the invitation's other method).
    case accountCreated = "account_created"
    case invitationRevoked = "invitation_revoked"
    case invitationAccepted = "invitation_accepted"
    case deactivated
    case reactivated
    case roleChanged = "role_changed"
    case oneTimePasswordIssued = "one_time_password_issued"
    case signedOutEverywhere = "signed_out_everywhere"
    /// A reviewed translation of the parent-facing texts was imported (the detail names the language).
    case translationsReviewed = "translations_reviewed"
    /// A lead published or updated a wave's page for parents, or took it offline (the detail names the wave's period).
    case resultsPublished = "results_published"
    case resultsTakenOffline = "results_taken_offline"

    public var catalogKey: String { "audit.action.\(rawValue)" }
}

/// Why an account action was refused; nothing was changed.
public enum AccountRefusal: String, Error, Equatable, Sendable {
    /// A lead may not deactivate or demote themselves while no other active lead runs the school.
    case lastLead = "last_lead"
    /// The last active coordinator may not be deactivated: nobody could run the trajectory any more.
    case lastCoordinator = "last_coordinator"
    /// Roles change between member and lead only: coordinator is never given or taken here.
    case roleNotAllowed = "role_not_allowed"
    /// The form's "I understand" box was not ticked.
    case notConfirmed = "not_confirmed"

    public var catalogKey: String { "account.refused.\(rawValue)" }
}

/// The rules that keep a school and the trajectory run by someone. Pure: the caller counts.
public enum AccountRules {
    /// Whether `actor` may deactivate `subject`. `activeLeads` counts the subject's school's active leads (the
    /// subject included); `activeCoordinators` the active coordinators.
    public static func checkDeactivation(actorIsSubject: Bool, subjectRole: Role, activeLeads: Int,
                                         activeCoordinators: Int) -> AccountRefusal? {
        switch subjectRole {
        case .coordinator:
            return activeCoordinators <= 1 ? .lastCoordinator : nil
        case .lead:
            return actorIsSubject && activeLeads <= 1 ? .lastLead : nil
        case .member:
            return nil
        }
    }

    /// Whether the role of `subject` may become `newRole`.
    public static func checkRoleChange(actorIsSubject: Bool, subjectRole: Role, newRole: Role,
                                       activeLeads: Int) -> AccountRefusal? {
        guard subjectRole != .coordinator, newRole != .coordinator else { return .roleNotAllowed }
        if actorIsSubject, subjectRole == .lead, newRole == .member, activeLeads <= 1 { return .lastLead }
        return nil
    }
}

/// An account's page after one of its actions.
public enum AccountNotice: String, SavedNotice {
    case deactivated, reactivated, role, signedOut = "signed-out"
    public var catalogKey: String {
        switch self {
        case .deactivated: "account.saved.deactivated"
        case .reactivated: "account.saved.reactivated"
        case .role: "account.saved.role"
        case .signedOut: "account.saved.signed_out"
        }
    }
}

/// A school's team page after an invitation was revoked.
public enum StaffNotice: String, SavedNotice {
    case revoked
    public var catalogKey: String { "staff.saved.revoked" }
}
