/// What a signed-in staff member may do. One place decides, so routes and views agree.
public enum StaffAction: String, CaseIterable, Sendable {
    case listTrajectories
    case createTrajectory
    case viewTrajectory
    /// Move the first and last days of a trajectory's phases.
    case editPhases
    case createSchool
    case viewSchool
    case editSchool
    case viewStaff
    case inviteStaff
    case changeOwnPassword
    /// See a school's survey waves, print posters and paper forms, type in paper answers, assist a parent.
    case useWaves
    /// Open a wave and make one-time codes.
    case manageWaves
    /// Read a wave's report and its open answers, hide or show an open answer, export it.
    case viewReport
    /// See a school's rating moments, their results and the index over the year; print their cards.
    case viewMoments
    /// Make a rating moment, reply to parents, hide or show a sentence.
    case manageMoments
    /// Publish or take down the school's public profile, and choose the sentences it shows.
    case publishProfile
    /// Read the school's action plan.
    case viewPlan
    /// Choose the plan's growth keys.
    case choosePlanKeys
    /// Add and change the plan's actions.
    case editPlan
    /// Comment on a school's action (the coordinator's coaching).
    case commentPlan
    /// See a school's stories and their history.
    case viewStories
    /// Write and change the school's stories, and submit them.
    case writeStories
    /// Publish a story or send it back (the coordinator).
    case reviewStories
    /// See the trajectory's events (the controller also checks it is the person's own trajectory).
    case viewEvents
    /// Plan events, and add notes and links afterwards.
    case manageEvents
    /// Register for an event, with colleagues.
    case registerEvents
    /// Make conversation cards for one's own oudercontact and read them (the controller checks it is one's own).
    case readCards
    /// See and run the accounts of a school: deactivate, reactivate, change role, new one-time password, sign out
    /// everywhere, revoke an invitation (a lead: their own school; the coordinator: every school).
    case manageAccounts
    /// See and run the coordinator accounts.
    case manageCoordinators
    /// Read the log of account actions (a lead: their own school's; the coordinator: all of it).
    case viewAuditLog
    /// Export a parent language's texts for a native speaker and import the reviewed file (the coordinator).
    case reviewTranslations
    /// Record or upload the spoken version of a parent text in a language the school offers, and hear them back.
    case recordVoice
    /// Delete a recording of the school.
    case deleteRecordings
    /// See a school's welcome rounds (class names and sizes, never a seat).
    case viewWelcome
    /// Open a welcome round for one's own class and record its contacts (the controller checks it is one's own).
    case runWelcome
    /// See a school's welcome figures per class (the lead, and the coordinator beside the survey's keys 4 and 5).
    case viewWelcomeFigures
}

/// The signed-in person, reduced to what an access decision needs.
public struct StaffIdentity: Equatable, Sendable {
    public var role: Role
    public var schoolID: String?

    public init(role: Role, schoolID: String?) {
        self.role = role
        self.schoolID = schoolID
    }
}

public enum Access {
    /// The roles allowed to perform an action at all, before looking at which school it concerns.
    public static func roles(for action: StaffAction) -> Set<Role> {
        switch action {
        case .listTrajectories, .createTrajectory, .viewTrajectory, .editPhases, .createSchool, .manageEvents, .manageCoordinators,
             .reviewTranslations:
            [.coordinator]
        case .viewSchool, .changeOwnPassword, .useWaves, .viewMoments, .viewPlan, .viewStories, .viewEvents, .viewWelcome:
            [.coordinator, .lead, .member]
        case .manageMoments, .editPlan, .writeStories, .registerEvents, .readCards, .recordVoice:
            [.lead, .member]
        case .publishProfile, .choosePlanKeys, .deleteRecordings:
            [.lead]
        case .commentPlan, .reviewStories:
            [.coordinator]
        case .runWelcome:
            [.member]
        case .editSchool, .viewStaff, .inviteStaff, .manageWaves, .viewReport, .manageAccounts, .viewAuditLog, .viewWelcomeFigures:
            [.coordinator, .lead]
        }
    }

    /// Whether `actor` may perform `action` on the school with id `schoolID` (nil when no school is concerned).
    public static func allows(_ actor: StaffIdentity, _ action: StaffAction, schoolID: String? = nil) -> Bool {
        guard roles(for: action).contains(actor.role) else { return false }
        guard actor.role.isSchoolBound, let schoolID else { return true }
        return actor.schoolID == schoolID
    }
}
