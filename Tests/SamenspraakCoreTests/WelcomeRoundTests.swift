import SamenspraakCore
import Testing

@Suite struct WelcomeRoundTests {
    let started = Day(year: 2026, month: 9, day: 1)
    let today = Day(year: 2026, month: 9, day: 21)

    func warm(_ seat: Int, _ day: Int, how: WelcomeContactHow = .gate, language: String = "nl", interpreter: Bool = false,
              round: String = "r", first: WelcomeContactKind? = nil) -> WelcomeContact {
        WelcomeContact(round: round, seat: seat, kind: .warm, day: Day(year: 2026, month: 9, day: day), how: how, language: language,
                       withInterpreter: interpreter, firstOnDay: first)
    }

    func concern(_ seat: Int, _ day: Int, round: String = "r", first: WelcomeContactKind? = nil) -> WelcomeContact {
        WelcomeContact(round: round, seat: seat, kind: .concern, day: Day(year: 2026, month: 9, day: day), firstOnDay: first)
    }

    func errors(_ draft: WelcomeContactDraft, existing: [WelcomeContact] = []) -> FieldErrors {
        if case let .failure(box) = draft.validate(seat: 3, roundStarted: started, today: today, seatContacts: existing) { return box.errors }
        return [:]
    }

    @Test func a_warm_contact_needs_how_language_and_interpreter() {
        #expect(errors(WelcomeContactDraft(kind: "warm", day: "2026-09-10")) ==
            ["how": "error.welcome_how", "language": "error.welcome_language", "interpreter": "error.welcome_interpreter"])
        #expect(errors(WelcomeContactDraft(kind: "warm", day: "2026-09-10", how: "home_visit", language: "ar", interpreter: "yes")).isEmpty)
        #expect(errors(WelcomeContactDraft(kind: "warm", day: "2026-09-10", how: "letter", language: "xx", interpreter: "maybe")).count == 3)
        #expect(errors(WelcomeContactDraft(kind: "warm", day: "2026-09-10", how: "good_news_card", language: "other", interpreter: "no")).isEmpty)
    }

    @Test func a_concern_needs_only_a_day() {
        #expect(errors(WelcomeContactDraft(kind: "concern", day: "2026-09-10")).isEmpty)
        #expect(errors(WelcomeContactDraft(kind: "praise", day: "2026-09-10"))["kind"] == "error.welcome_kind")
    }

    @Test func days_in_the_future_or_before_the_round_are_refused() {
        #expect(errors(WelcomeContactDraft(kind: "concern", day: "2026-09-22"))["day"] == "error.welcome_day_future")
        #expect(errors(WelcomeContactDraft(kind: "concern", day: "2026-08-31"))["day"] == "error.welcome_day_before_round")
        #expect(errors(WelcomeContactDraft(kind: "concern", day: "21/09/2026"))["day"] == "error.date")
        #expect(errors(WelcomeContactDraft(kind: "concern", day: ""))["day"] == "error.required")
        #expect(errors(WelcomeContactDraft(kind: "concern", day: "2026-09-21")).isEmpty)
    }

    @Test func warm_and_concern_on_one_day_ask_which_came_first() {
        let existing = [concern(3, 10)]
        let draft = WelcomeContactDraft(kind: "warm", day: "2026-09-10", how: "phone", language: "tr", interpreter: "no")
        #expect(errors(draft, existing: existing) == ["first": "error.welcome_first"])
        var answered = draft
        answered.first = "warm"
        guard case let .success(valid) = answered.validate(seat: 3, roundStarted: started, today: today, seatContacts: existing) else {
            Issue.record("should be valid"); return
        }
        #expect(valid.contact.firstOnDay == .warm)
        #expect(!valid.isRepeat)
    }

    @Test func the_same_contact_twice_is_a_repeat_and_a_second_concern_is_refused() {
        let draft = WelcomeContactDraft(kind: "warm", day: "2026-09-10", how: "gate", language: "nl", interpreter: "no")
        guard case let .success(valid) = draft.validate(seat: 3, roundStarted: started, today: today, seatContacts: [warm(3, 10)]) else {
            Issue.record("should be valid"); return
        }
        #expect(valid.isRepeat)
        guard case let .success(again) = WelcomeContactDraft(kind: "concern", day: "2026-09-12")
            .validate(seat: 3, roundStarted: started, today: today, seatContacts: [concern(3, 12)]) else { Issue.record("repeat"); return }
        #expect(again.isRepeat)
        #expect(errors(WelcomeContactDraft(kind: "concern", day: "2026-09-14"), existing: [concern(3, 12)])["day"] == "error.welcome_concern_exists")
    }

    @Test func seats_run_from_one_to_the_number_of_families() {
        #expect(WelcomeSeat.parse("1", families: 22) == 1)
        #expect(WelcomeSeat.parse("22", families: 22) == 22)
        #expect(WelcomeSeat.parse("23", families: 22) == nil)
        #expect(WelcomeSeat.parse("0", families: 22) == nil)
        #expect(WelcomeSeat.parse("-1", families: 22) == nil)
        #expect(WelcomeSeat.parse("x", families: 22) == nil)
    }

    @Test func a_round_needs_a_class_and_a_sensible_number_of_families() {
        guard case let .failure(box) = WelcomeRoundDraft(className: " ", families: "61").validate() else { Issue.record("invalid"); return }
        #expect(box.errors == ["class_name": "error.required", "families": "error.welcome_families"])
        #expect(WelcomeRoundDraft(className: "3B", families: "22").validate() == .success(.init(className: "3B", families: 22)))
    }

    @Test func the_school_year_starts_on_the_first_of_september_and_ends_as_configured() {
        let end = SchoolYearEnd.standard
        #expect(SchoolYear.containing(Day(year: 2026, month: 9, day: 1), end: end).startYear == 2026)
        #expect(SchoolYear.containing(Day(year: 2027, month: 8, day: 31), end: end).startYear == 2026)
        let june = SchoolYearEnd(text: "06-30")!
        #expect(SchoolYear.containing(Day(year: 2027, month: 7, day: 15), end: june).startYear == 2027)
        #expect(SchoolYear(startYear: 2026).ends(june) == Day(year: 2027, month: 6, day: 30))
        #expect(SchoolYearEnd(text: "09-15") == nil)
        #expect(SchoolYearEnd(text: "02-29") == nil)
        #expect(SchoolYear(startYear: 2026).label == "2026–2027")
    }

    @Test func figures_count_families_reached_warmly_and_before_their_first_concern() {
        let contacts = [
            warm(1, 2), warm(1, 9, how: .phone),           // seat 1: two warm contacts, no concern
            warm(2, 3), concern(2, 8),                      // seat 2: warm before concern
            concern(3, 4), warm(3, 10, how: .homeVisit),    // seat 3: concern first
            concern(4, 5), warm(4, 5, first: .warm),        // seat 4: same day, warm first
            concern(5, 6, first: .concern), warm(5, 6),      // seat 5: same day, concern first
            warm(9, 2),                                      // a seat the class does not have
        ]
        let figures = WelcomeFigures.build(rounds: [.init(id: "r", families: 6)], contacts: contacts,
                                           oudercontact: Day(year: 2026, month: 9, day: 5), from: started, today: today, threshold: 3)
        #expect(figures.families == 6)
        #expect(figures.warmFamilies == 5)
        #expect(figures.concernFamilies == 4)
        #expect(figures.warmBeforeConcern == 2)
        #expect(figures.warmBeforeOudercontact == 2)
        #expect(figures.warmContacts == 6)
        #expect(figures.concernContacts == 4)
        #expect(figures.ratio == 1.5)
        #expect(figures.byKind == [.init(key: "gate", count: 4), .init(key: "phone", count: nil), .init(key: "home_visit", count: nil)])
        #expect(figures.byLanguage == [.init(key: "nl", count: 5)])
        #expect(figures.withInterpreter == nil)
        #expect(figures.weeks.map(\.warm) == [4, 2, 0])
        #expect(figures.weeks.map(\.concern) == [3, 1, 0])
        #expect(figures.weeks.first?.starts == started)
    }

    @Test func without_an_oudercontact_or_a_concern_those_figures_say_so() {
        let figures = WelcomeFigures.build(rounds: [.init(id: "r", families: 3)], contacts: [warm(1, 2, interpreter: true)],
                                           oudercontact: nil, from: started, today: today, threshold: 5)
        #expect(figures.warmBeforeOudercontact == nil)
        #expect(figures.ratio == nil)
        #expect(figures.withInterpreter == .init(key: "interpreter", count: nil))
    }

    @Test func a_schools_figures_keep_the_seats_of_each_class_apart() {
        let figures = WelcomeFigures.build(rounds: [.init(id: "a", families: 2), .init(id: "b", families: 2)],
                                           contacts: [warm(1, 2, round: "a"), warm(1, 3, round: "b"), concern(1, 4, round: "b")],
                                           oudercontact: nil, from: started, today: today, threshold: 5)
        #expect(figures.families == 4)
        #expect(figures.warmFamilies == 2)
        #expect(figures.warmBeforeConcern == 1)
    }
}
