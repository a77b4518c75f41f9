import Testing
@testable import SamenspraakCore

@Suite struct PhaseProgressTests {
    let start = Day(year: 2026, month: 9, day: 1), end = Day(year: 2026, month: 12, day: 18)
    var phases: [Phase] { Timeline.defaultPhases(from: start, to: end) }

    func phase(_ kind: PhaseKind) -> Phase { phases.first { $0.kind == kind }! }

    @Test func a_trajectory_where_nothing_happened_has_no_phase_done_after_its_end() {
        let afterwards = Day(year: 2027, month: 3, day: 1)
        let states = phases.map { $0.state(on: afterwards, work: $0.work(.none)) }
        #expect(states == Array(repeating: .late, count: PhaseKind.allCases.count))
    }

    @Test func before_and_during_a_phase_it_is_planned_then_now() {
        let survey = phase(.parentSurvey)
        #expect(survey.state(on: start, work: survey.work(.none)) == .planned)
        #expect(survey.state(on: survey.starts, work: survey.work(.none)) == .now)
        #expect(survey.state(on: survey.ends, work: survey.work(.none)) == .now)
        #expect(survey.state(on: survey.ends.adding(days: 1), work: survey.work(.none)) == .late)
    }

    @Test func a_survey_phase_is_done_when_every_school_closed_a_wave_even_before_its_end() {
        let survey = phase(.parentSurvey)
        let some = TrajectoryProgress(schools: 3, schoolsWithClosedParentWave: 2)
        let all = TrajectoryProgress(schools: 3, schoolsWithClosedParentWave: 3)
        #expect(survey.work(some) == PhaseWork(done: 2, schools: 3))
        #expect(survey.work(some).isPartial)
        #expect(survey.state(on: survey.ends.adding(days: 1), work: survey.work(some)) == .late)
        #expect(survey.state(on: survey.starts, work: survey.work(all)) == .done)
        // A team wave does not finish the parent survey, and the other way round.
        let team = TrajectoryProgress(schools: 3, schoolsWithClosedTeamWave: 3)
        #expect(!survey.work(team).isDone)
        #expect(phase(.teamSurvey).work(team).isDone)
        #expect(!phase(.teamSurvey).work(all).isDone)
    }

    @Test func per_school_phases_are_never_done_without_schools() {
        let empty = TrajectoryProgress(schools: 0)
        for kind in [PhaseKind.parentSurvey, .teamSurvey, .reports, .actionPlans] {
            #expect(!phase(kind).work(empty).isDone, "\(kind)")
            #expect(!phase(kind).work(empty).isPartial, "\(kind)")
        }
    }

    @Test func each_phase_reads_its_own_fact() {
        let facts = TrajectoryProgress(schools: 2, eventsHeld: 1, schoolsWithReport: 2, schoolsWithPlan: 1, storiesPublished: 1)
        #expect(phase(.workshop).work(facts).isDone)
        #expect(phase(.reports).work(facts).isDone)
        #expect(phase(.actionPlans).work(facts) == PhaseWork(done: 1, schools: 2))
        #expect(phase(.stories).work(facts).isDone)
        #expect(!phase(.workshop).work(.none).isDone)
        #expect(!phase(.stories).work(.none).isDone)
    }

    @Test func phase_dates_are_checked_and_may_overlap() throws {
        var draft = PhaseDatesDraft(phases: phases)
        #expect(try draft.validate(trajectoryStarts: start, trajectoryEnds: end).get() == phases)
        // Overlapping with the next phase and a day long: fine.
        draft.days[.workshop] = ("2026-09-01", "2026-10-15")
        draft.days[.stories] = ("2027-01-10", "2027-01-10")
        let moved = try draft.validate(trajectoryStarts: start, trajectoryEnds: end).get()
        #expect(moved.first == Phase(kind: .workshop, starts: start, ends: Day(year: 2026, month: 10, day: 15)))
        #expect(moved.last?.ends == Day(year: 2027, month: 1, day: 10))
    }

    @Test func bad_phase_dates_are_refused_with_a_reason_per_field() {
        var draft = PhaseDatesDraft(phases: phases)
        draft.days[.workshop] = ("", "1 oktober")
        draft.days[.parentSurvey] = ("2026-10-20", "2026-10-10")
        draft.days[.teamSurvey] = ("2026-08-31", "2026-10-10")
        draft.days[.stories] = ("2026-12-01", "2027-12-19")
        guard case let .failure(box) = draft.validate(trajectoryStarts: start, trajectoryEnds: end) else {
            Issue.record("accepted")
            return
        }
        #expect(box.errors == [
            "workshop_starts": "error.required", "workshop_ends": "error.date",
            "parent_survey_ends": "error.phase_order",
            "team_survey_starts": "error.phase_window",
            "stories_ends": "error.phase_window",
        ])
        // A year after the trajectory's end is the last day allowed.
        draft = PhaseDatesDraft(phases: phases)
        draft.days[.stories] = ("2026-12-01", "2027-12-18")
        #expect((try? draft.validate(trajectoryStarts: start, trajectoryEnds: end).get()) != nil)
    }

    @Test func form_fields_are_named_after_the_phase() {
        let draft = PhaseDatesDraft(fields: ["action_plans_starts": "2026-11-01", "action_plans_ends": "2026-11-30", "csrf_token": "x"])
        #expect(draft.starts(.actionPlans) == "2026-11-01")
        #expect(draft.ends(.actionPlans) == "2026-11-30")
        #expect(draft.starts(.workshop) == "")
    }
}
