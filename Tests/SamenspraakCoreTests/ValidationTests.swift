import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct ValidationTests {
    @Test(arguments: ["an@school.be", "A.Peeters+team@stad.gent"])
    func accepts_plausible_email(_ email: String) {
        #expect(Validate.isEmail(email))
    }

    @Test(arguments: ["", "an", "an@", "@school.be", "an@school", "an @school.be", "an@@school.be", "an@school..be"])
    func refuses_implausible_email(_ email: String) {
        #expect(!Validate.isEmail(email))
    }

    @Test func new_password_rules() {
        var errors: FieldErrors = [:]
        Validate.newPassword("short", confirmation: "short", into: &errors)
        #expect(errors == ["password": "error.password_short"])
        errors = [:]
        Validate.newPassword("long enough pass", confirmation: "different pass", into: &errors)
        #expect(errors == ["password_confirmation": "error.password_mismatch"])
        errors = [:]
        Validate.newPassword(String(repeating: "é", count: 40), confirmation: String(repeating: "é", count: 40), into: &errors)
        #expect(errors == ["password": "error.password_long"])
        errors = [:]
        Validate.newPassword("een zin van woorden", confirmation: "een zin van woorden", into: &errors)
        #expect(errors.isEmpty)
    }

    @Test func required_text_trims_and_limits() {
        var errors: FieldErrors = [:]
        Validate.requiredText("   ", field: "name", maxLength: 5, into: &errors)
        #expect(errors["name"] == "error.required")
        Validate.requiredText("abcdef", field: "other", maxLength: 5, into: &errors)
        #expect(errors["other"] == "error.too_long")
        Validate.requiredText("a\u{0007}b", field: "bell", maxLength: 5, into: &errors)
        #expect(errors["bell"] == "error.invalid_characters")
    }

    @Test func school_draft_valid() throws {
        let draft = SchoolDraft(name: "  De Regenboog ", levels: ["lager", "kleuter"], families: " 120 ", languages: ["ar", "nl"])
        let valid = try draft.validate().get()
        #expect(valid == .init(name: "De Regenboog", levels: [.kleuter, .lager], families: 120, languages: [.nl, .ar]))
    }

    @Test func school_draft_reports_every_problem_at_once() {
        let draft = SchoolDraft(name: "", levels: ["middelbaar"], families: "veel", languages: [])
        guard case let .failure(box) = draft.validate() else {
            Issue.record("expected errors")
            return
        }
        #expect(box.errors == ["name": "error.required", "levels": "error.levels", "families": "error.families",
                               "languages": "error.languages"])
    }

    @Test func families_is_optional_but_bounded() {
        #expect((try? SchoolDraft(name: "S", levels: ["lager"], families: "", languages: ["nl"]).validate().get())?.families == nil)
        if case .success = SchoolDraft(name: "S", levels: ["lager"], families: "0", languages: ["nl"]).validate() {
            Issue.record("0 families must be refused")
        }
        if case .success = SchoolDraft(name: "S", levels: ["lager"], families: "5001", languages: ["nl"]).validate() {
            Issue.record("5001 families must be refused")
        }
    }
}

@Suite struct DayAndTimelineTests {
    @Test func parses_iso_dates_and_refuses_impossible_ones() {
        #expect(Day(iso: "2026-09-01") == Day(year: 2026, month: 9, day: 1))
        #expect(Day(iso: "2028-02-29") != nil)
        #expect(Day(iso: "2026-02-29") == nil)
        #expect(Day(iso: "2026-13-01") == nil)
        #expect(Day(iso: "1-9-2026") == nil)
        #expect(Day(iso: "") == nil)
    }

    @Test func a_day_is_coded_as_its_iso_text_and_anything_else_fails() throws {
        let encoded = try JSONEncoder().encode([Day(year: 2026, month: 9, day: 1)])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"2026-09-01\"]")
        #expect(try JSONDecoder().decode([Day].self, from: encoded) == [Day(year: 2026, month: 9, day: 1)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data("[\"2026-02-30\"]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([Day].self, from: Data("[\"\"]".utf8)) }
    }

    @Test func ordinals_round_trip_across_years() {
        let start = Day(year: 2024, month: 12, day: 30)
        #expect(start.adding(days: 3) == Day(year: 2025, month: 1, day: 2))
        #expect(Day(year: 1970, month: 1, day: 1).ordinal == 0)
        for offset in stride(from: -800, through: 800, by: 37) {
            #expect(Day(ordinal: start.ordinal + offset).ordinal == start.ordinal + offset)
        }
    }

    @Test func default_phases_cover_the_period_in_order_without_gaps() {
        let start = Day(year: 2026, month: 9, day: 1), end = Day(year: 2026, month: 12, day: 18)
        let phases = Timeline.defaultPhases(from: start, to: end)
        #expect(phases.map(\.kind) == PhaseKind.allCases)
        #expect(phases.first?.starts == start)
        #expect(phases.last?.ends == end)
        for (a, b) in zip(phases, phases.dropFirst()) {
            #expect(a.starts <= a.ends)
            #expect(b.starts.ordinal == a.ends.ordinal + 1)
        }
    }

    @Test func phase_state_on_a_day_when_nothing_was_done() {
        let phase = Phase(kind: .reports, starts: Day(year: 2026, month: 10, day: 1), ends: Day(year: 2026, month: 10, day: 10))
        let nothing = phase.work(.none)
        #expect(phase.state(on: Day(year: 2026, month: 9, day: 30), work: nothing) == .planned)
        #expect(phase.state(on: Day(year: 2026, month: 10, day: 10), work: nothing) == .now)
        #expect(phase.state(on: Day(year: 2026, month: 10, day: 11), work: nothing) == .late)
    }

    @Test func trajectory_validation() {
        #expect(Timeline.validate(name: "T", starts: "2026-09-01", ends: "2026-12-18").isEmpty)
        #expect(Timeline.validate(name: "", starts: "2026-09-01", ends: "2026-09-03")
                == ["name": "error.required", "ends_on": "error.period_too_short"])
        #expect(Timeline.validate(name: "T", starts: "gisteren", ends: "")
                == ["starts_on": "error.date", "ends_on": "error.required"])
    }
}

@Suite struct SignInThrottleTests {
    @Test func five_free_tries_then_a_doubling_wait_with_a_ceiling() {
        let policy = SignInThrottlePolicy()
        #expect((1...4).map(policy.waitSeconds(afterFailures:)) == [0, 0, 0, 0])
        #expect(policy.waitSeconds(afterFailures: 5) == 30)
        #expect(policy.waitSeconds(afterFailures: 6) == 60)
        #expect(policy.waitSeconds(afterFailures: 7) == 120)
        #expect(policy.waitSeconds(afterFailures: 40) == 3600)
    }

    @Test func minutes_to_tell_round_up() {
        #expect(SignInThrottlePolicy.minutesToTell(seconds: 30) == 1)
        #expect(SignInThrottlePolicy.minutesToTell(seconds: 61) == 2)
    }
}
