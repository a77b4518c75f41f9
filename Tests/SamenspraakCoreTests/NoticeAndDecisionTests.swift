import Testing
@testable import SamenspraakCore

@Suite struct NoticeAndDecisionTests {
    @Test func each_notice_keeps_its_address_value_and_text() {
        #expect(SchoolNotice.allCases.map { [$0.rawValue, $0.catalogKey] } == [["1", "school.saved"]])
        #expect(ProfileNotice.allCases.map { [$0.rawValue, $0.catalogKey] }
                == [["published", "profile.published"], ["unpublished", "profile.unpublished"]])
        #expect(ProfileNotice.queryName == "profile")
        #expect(SchoolNotice.queryName == "saved")
        #expect(WaveNotice.allCases.map { [$0.rawValue, $0.catalogKey] } == [["1", "wave.saved"]])
        #expect(PlanNotice.allCases.map { [$0.rawValue, $0.catalogKey] }
            == [["keys", "plan.keys_saved"], ["action", "plan.saved"], ["comment", "plan.comment_saved"]])
        #expect(MomentNotice.allCases.map { [$0.rawValue, $0.catalogKey] } == [["1", "moment.saved"], ["reply", "moment.reply.saved"]])
        #expect(EventNotice.allCases.map { [$0.rawValue, $0.catalogKey] }
            == [["1", "event.saved"], ["registered", "event.registered"], ["waiting", "event.waiting_notice"], ["cancelled", "event.cancelled"]])
        #expect(StoryNotice.allCases.map { [$0.rawValue, $0.catalogKey] }
            == [["1", "story.saved"], ["submitted", "story.submitted"], ["published", "story.published"], ["returned", "story.returned"],
                ["withdrawn", "story.withdrawn"]])
        #expect(EventNotice.queryName == "saved")
    }

    @Test func a_page_reads_only_its_own_notices() {
        #expect(EventNotice.read("waiting") == .waiting)
        #expect(EventNotice.read("reply") == nil)
        #expect(EventNotice.read(nil) == nil)
        #expect(MomentNotice.read("1") == .created)
        #expect(PlanNotice.read("1") == nil)
        #expect(StoryNotice.read("Published") == nil, "values are exact")
    }

    @Test func school_and_wave_pages_show_their_notice_for_any_value() {
        #expect(SchoolNotice.read("yes") == .saved)
        #expect(WaveNotice.read("") == .opened)
        #expect(SchoolNotice.read(nil) == nil)
    }

    @Test func a_registration_takes_places_waits_or_is_refused() {
        #expect(EventRegistrationOutcome.deciding(.register, alreadyRegistered: false, fits: true) == .registered)
        #expect(EventRegistrationOutcome.deciding(.waitlist, alreadyRegistered: false, fits: true) == .registered)
        #expect(EventRegistrationOutcome.deciding(.register, alreadyRegistered: false, fits: false) == .full)
        #expect(EventRegistrationOutcome.deciding(.waitlist, alreadyRegistered: false, fits: false) == .waiting)
        #expect(EventRegistrationOutcome.deciding(.register, alreadyRegistered: true, fits: true) == .already)
        #expect(EventRegistrationOutcome.allCases.map(\.notice) == [.registered, .waiting, nil, nil])
        #expect(EventRegistrationOutcome.allCases.map(\.errorKey) == [nil, nil, "error.event_full", nil])
        #expect(EventRegistrationAction.allCases.map(\.rawValue) == ["register", "waitlist", "cancel"])
    }

    @Test func review_decisions_say_what_they_apply_to_and_lead_to() {
        #expect(StoryReviewDecision.allCases.map(\.rawValue) == ["publish", "return", "withdraw"])
        #expect(StoryReviewDecision.allCases.map(\.catalogKey) == ["story.publish", "story.return", "story.withdraw"])
        #expect(StoryReviewDecision.allCases.map(\.appliesTo) == [.submitted, .submitted, .published])
        #expect(StoryReviewDecision.allCases.map(\.result) == [.published, .returned, .returned])
        #expect(StoryReviewDecision.allCases.map(\.requiresComment) == [false, true, true])
        #expect(StoryReviewDecision.allCases.map(\.event) == ["published", "returned", "withdrawn"])
        #expect(StoryReviewDecision.allCases.map(\.notice) == [.published, .returned, .withdrawn])
    }
}
