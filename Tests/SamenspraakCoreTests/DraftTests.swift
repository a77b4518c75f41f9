import Testing
@testable import SamenspraakCore

@Suite struct WaveDraftTests {
    let known: Set<String> = ["parents-v1", "team-v1"]

    func errors(_ draft: WaveDraft) -> FieldErrors {
        if case let .failure(box) = draft.validate(questionnaires: known) { return box.errors }
        return [:]
    }

    @Test func a_complete_wave_is_valid() {
        let draft = WaveDraft(questionnaire: "parents-v1", opensOn: "2026-09-14", closesOn: "2026-10-04", families: " 120 ")
        #expect(draft.validate(questionnaires: known)
            == .success(.init(questionnaire: "parents-v1", opens: Day(year: 2026, month: 9, day: 14), closes: Day(year: 2026, month: 10, day: 4),
                              families: 120)))
        #expect((try? WaveDraft(questionnaire: "team-v1", opensOn: "2026-09-14", closesOn: "2026-09-14").validate(questionnaires: known).get())?
            .families == nil, "no number of families: the school's counts")
    }

    @Test func missing_and_impossible_days_are_named() {
        #expect(errors(WaveDraft(questionnaire: "parents-v1")) == ["opens_on": "error.required", "closes_on": "error.required"])
        #expect(errors(WaveDraft(questionnaire: "parents-v1", opensOn: "2026-02-30", closesOn: "14/09/2026"))
            == ["opens_on": "error.date", "closes_on": "error.date"])
    }

    @Test func the_last_day_comes_after_the_first_and_within_120_days() {
        #expect(errors(WaveDraft(questionnaire: "parents-v1", opensOn: "2026-09-14", closesOn: "2026-09-13")) == ["closes_on": "error.wave_order"])
        #expect(errors(WaveDraft(questionnaire: "parents-v1", opensOn: "2026-09-01", closesOn: "2026-12-30")) == [:], "120 days")
        #expect(errors(WaveDraft(questionnaire: "parents-v1", opensOn: "2026-09-01", closesOn: "2026-12-31")) == ["closes_on": "error.wave_too_long"])
    }

    @Test func only_a_shipped_questionnaire_and_a_sensible_number_of_families() {
        let days = (opens: "2026-09-14", closes: "2026-09-20")
        #expect(errors(WaveDraft(questionnaire: "parents-v9", opensOn: days.opens, closesOn: days.closes)) == ["questionnaire": "error.questionnaire"])
        for families in ["0", "-3", "many", "5001", "1.5"] {
            #expect(errors(WaveDraft(questionnaire: "parents-v1", opensOn: days.opens, closesOn: days.closes, families: families))
                == ["families": "error.families"], "\(families)")
        }
    }
}

@Suite struct InviteDraftTests {
    let roles: [Role] = [.lead, .member]

    func errors(_ draft: InviteDraft, taken: Bool = false) -> FieldErrors {
        if case let .failure(box) = draft.validate(invitableRoles: roles, emailTaken: taken) { return box.errors }
        return [:]
    }

    @Test func a_link_invitation_needs_no_name_and_normalises_the_address() {
        #expect(InviteDraft(email: " An.Peeters@School.be ", role: "lead", method: "link").validate(invitableRoles: roles, emailTaken: false)
            == .success(.init(name: "", email: "an.peeters@school.be", role: .lead, method: .link)))
        #expect(InviteDraft(name: " An ", email: "an@school.be", role: "member", method: "password").validate(invitableRoles: roles, emailTaken: false)
            == .success(.init(name: "An", email: "an@school.be", role: .member, method: .password)))
    }

    @Test func the_address_is_required_plausible_and_new() {
        #expect(errors(InviteDraft(email: " ")) == ["email": "error.required"])
        #expect(errors(InviteDraft(email: "an@school")) == ["email": "error.email"])
        #expect(errors(InviteDraft(email: "an@school.be"), taken: true) == ["email": "error.email_taken"])
        #expect(errors(InviteDraft(email: "an@school"), taken: true) == ["email": "error.email"], "a malformed address is not looked up")
        #expect(InviteDraft(email: "an@school").hasPlausibleEmail == false)
        #expect(InviteDraft(email: " AN@school.be").normalizedEmail == "an@school.be")
    }

    @Test func a_given_name_is_checked_and_an_account_needs_one() {
        #expect(errors(InviteDraft(name: String(repeating: "a", count: 121), email: "an@school.be")) == ["name": "error.too_long"])
        #expect(errors(InviteDraft(name: "An\u{7}", email: "an@school.be")) == ["name": "error.invalid_characters"])
        #expect(errors(InviteDraft(name: "  ", email: "an@school.be", method: "password")) == ["name": "error.name_needed_for_account"])
    }

    @Test func only_a_role_the_inviter_may_give_and_a_known_method() {
        #expect(errors(InviteDraft(email: "an@school.be", role: "coordinator")) == ["role": "error.role"])
        #expect(errors(InviteDraft(email: "an@school.be", role: "")) == ["role": "error.role"])
        #expect(InviteDraft(email: "an@school.be", role: "lead").validate(invitableRoles: [], emailTaken: false)
            == .failure(FieldErrorsBox(["role": "error.role"])), "a member invites nobody")
        #expect(errors(InviteDraft(email: "an@school.be", method: "mail")) == ["method": "error.method"])
        #expect(InviteDraft() == InviteDraft(name: "", email: "", role: "member", method: "link"), "the form starts with a member by link")
    }
}

@Suite struct InviteAcceptDraftTests {
    func errors(_ draft: InviteAcceptDraft, taken: Bool = false) -> FieldErrors {
        if case let .failure(box) = draft.validate(emailTaken: taken) { return box.errors }
        return [:]
    }

    @Test func a_name_and_a_confirmed_password_accept_it() {
        #expect(InviteAcceptDraft(name: " An Peeters\n", password: "een lang wachtwoord", passwordConfirmation: "een lang wachtwoord")
            .validate(emailTaken: false) == .success(.init(name: "An Peeters", password: "een lang wachtwoord")))
    }

    @Test func each_problem_has_its_message() {
        let password = "een lang wachtwoord"
        #expect(errors(InviteAcceptDraft(name: "", password: password, passwordConfirmation: password)) == ["name": "error.required"])
        #expect(errors(InviteAcceptDraft(name: "An", password: "kort", passwordConfirmation: "kort")) == ["password": "error.password_short"])
        #expect(errors(InviteAcceptDraft(name: "An", password: password, passwordConfirmation: "iets anders"))
            == ["password_confirmation": "error.password_mismatch"])
        #expect(errors(InviteAcceptDraft(name: "An", password: password, passwordConfirmation: password), taken: true)
            == ["email": "error.email_taken"])
    }
}
