import SamenspraakCore
import Testing

@Suite struct LimitTests {
    @Test func a_limit_on_failures_looks_without_counting() {
        let limit = BurstLimit(limit: 2, seconds: 3600)
        #expect(limit.allows(at: 0, nil))
        var state = limit.record(at: 0, nil).state
        #expect(limit.allows(at: 10, state))
        #expect(limit.allows(at: 10, state), "looking twice counts nothing")
        state = limit.record(at: 20, state).state
        #expect(!limit.allows(at: 30, state))
        #expect(limit.allows(at: 3600, state), "a new hour starts fresh")
    }

    @Test func the_defaults_let_a_school_gate_evening_through() {
        // 100 families on one wifi address within the hour, a fifth of them for both parents.
        #expect(BurstLimit.surveySends.limit >= 120)
        #expect(BurstLimit.surveySends.seconds == 3600)
        #expect(BurstLimit.surveySends.limit * BurstLimit.beginsPerSend >= 300)
    }

    @Test func paper_forms_can_be_typed_in_from_the_first_day_to_the_last_grace_day() {
        let window = PaperEntryWindow(opens: Day(year: 2026, month: 9, day: 14), closes: Day(year: 2026, month: 10, day: 12), graceDays: 14)
        #expect(window.lastDay == Day(year: 2026, month: 10, day: 26))
        #expect(!window.allows(on: Day(year: 2026, month: 9, day: 13)))
        #expect(window.allows(on: Day(year: 2026, month: 9, day: 14)))
        #expect(window.allows(on: Day(year: 2026, month: 10, day: 26)))
        #expect(!window.allows(on: Day(year: 2026, month: 10, day: 27)))
        let none = PaperEntryWindow(opens: window.opens, closes: window.closes, graceDays: 0)
        #expect(none.allows(on: window.closes) && !none.allows(on: window.closes.adding(days: 1)))
    }
}
