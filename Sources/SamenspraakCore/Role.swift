/// The three kinds of staff account. Parents never have an account.
public enum Role: String, CaseIterable, Sendable, Codable, Equatable {
    /// Runs a trajectory for the university college: schools, timeline, cross-school view.
    case coordinator
    /// School lead (directie, zorg, ouderwerking): runs the school's surveys and plans.
    case lead
    /// Team member (leerkracht, kinderverzorger).
    case member

    /// Roles that a person with this role may hand out when inviting someone.
    public var invitableRoles: [Role] {
        switch self {
        case .coordinator: [.lead, .member]
        case .lead: [.lead, .member]
        case .member: []
        }
    }

    /// Whether this role belongs to a single school.
    public var isSchoolBound: Bool { self != .coordinator }
}
