import Testing
@testable import SamenspraakCore

@Suite struct AccessTests {
    let coordinator = StaffIdentity(role: .coordinator, schoolID: nil)
    let lead = StaffIdentity(role: .lead, schoolID: "school-a")
    let member = StaffIdentity(role: .member, schoolID: "school-a")

    @Test func coordinator_may_do_everything_everywhere_but_the_schools_own_voice() {
        // Moments, replies, the public profile and the plan belong to the school: the coordinator reads and comments, never speaks for it.
        // A teacher's welcome round is the teacher's own.
        let schoolsOwn: Set<StaffAction> = [.manageMoments, .publishProfile, .choosePlanKeys, .editPlan, .writeStories, .registerEvents, .readCards,
                                            .recordVoice, .deleteRecordings, .runWelcome]
        for action in StaffAction.allCases {
            #expect(Access.allows(coordinator, action, schoolID: "school-b") == !schoolsOwn.contains(action), "\(action)")
        }
    }

    @Test func a_member_makes_moments_but_only_a_lead_publishes_the_profile() {
        #expect(Access.allows(member, .manageMoments, schoolID: "school-a"))
        #expect(!Access.allows(member, .manageMoments, schoolID: "school-b"))
        #expect(!Access.allows(member, .publishProfile, schoolID: "school-a"))
        #expect(Access.allows(lead, .publishProfile, schoolID: "school-a"))
        #expect(Access.allows(member, .recordVoice, schoolID: "school-a") && !Access.allows(member, .deleteRecordings, schoolID: "school-a"))
        #expect(Access.allows(lead, .deleteRecordings, schoolID: "school-a") && !Access.allows(lead, .recordVoice, schoolID: "school-b"))
        #expect(!Access.allows(lead, .publishProfile, schoolID: "school-b"))
    }

    @Test func lead_runs_only_their_own_school() {
        #expect(Access.allows(lead, .editSchool, schoolID: "school-a"))
        #expect(Access.allows(lead, .inviteStaff, schoolID: "school-a"))
        #expect(!Access.allows(lead, .editSchool, schoolID: "school-b"))
        #expect(!Access.allows(lead, .viewSchool, schoolID: "school-b"))
        #expect(!Access.allows(lead, .viewTrajectory))
        #expect(!Access.allows(lead, .createSchool))
    }

    @Test func member_sees_their_school_but_manages_nothing() {
        #expect(Access.allows(member, .viewSchool, schoolID: "school-a"))
        #expect(Access.allows(member, .changeOwnPassword))
        #expect(!Access.allows(member, .editSchool, schoolID: "school-a"))
        #expect(!Access.allows(member, .inviteStaff, schoolID: "school-a"))
        #expect(!Access.allows(member, .viewStaff, schoolID: "school-a"))
    }

    @Test func a_school_bound_person_without_school_is_refused_school_pages() {
        let orphan = StaffIdentity(role: .lead, schoolID: nil)
        #expect(!Access.allows(orphan, .viewSchool, schoolID: "school-a"))
    }

    @Test func only_a_teacher_runs_a_welcome_round_and_the_lead_sees_its_figures() {
        #expect(Access.allows(member, .runWelcome, schoolID: "school-a"))
        #expect(!Access.allows(member, .runWelcome, schoolID: "school-b"))
        #expect(!Access.allows(lead, .runWelcome, schoolID: "school-a"))
        #expect(Access.allows(lead, .viewWelcomeFigures, schoolID: "school-a"))
        #expect(!Access.allows(member, .viewWelcomeFigures, schoolID: "school-a"))
        #expect(Access.allows(member, .viewWelcome, schoolID: "school-a"))
    }

    @Test func who_may_invite_whom() {
        #expect(Role.coordinator.invitableRoles == [.lead, .member])
        #expect(Role.lead.invitableRoles == [.lead, .member])
        #expect(Role.member.invitableRoles.isEmpty)
    }
}
