import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct ResultsDraftTests {
    let questionnaire = Questionnaire(
        id: "q", audience: .parents,
        items: Questionnaire.keys.flatMap { key in [Questionnaire.Item(id: "k\(key)a", key: key), Questionnaire.Item(id: "k\(key)b", key: key)] },
        openQuestions: ["well", "help"], texts: [:])

    func counts(n: Int) -> [String: FaceCounts] {
        var result: [String: FaceCounts] = [:]
        for item in questionnaire.items {
            let happy = n * item.key / 12
            result[item.id] = FaceCounts([0, n - happy, 0, happy, 0])
        }
        return result
    }

    func draft(thanks: String = "Dank je wel!", language: String = "nl", actions: [String] = ["a1"], quotes: [String] = []) -> ResultsDraft {
        ResultsDraft(thanks: thanks, language: language, actionIDs: actions, quoteIDs: quotes)
    }

    func check(_ draft: ResultsDraft) -> Result<ResultsDraft.Valid, FieldErrorsBox> {
        draft.validate(actions: ["a1", "a2"], quotes: ["q1"], languages: [.nl, .ar])
    }

    @Test func a_complete_draft_is_valid_and_trimmed() throws {
        let valid = try check(draft(thanks: "  Dank je wel!\r\nTot ziens.  ", actions: ["A1", "a1", "a2"], quotes: ["q1"])).get()
        #expect(valid.thanks == "Dank je wel!\nTot ziens.")
        #expect(valid.actionIDs == ["a1", "a2"])
        #expect(valid.quoteIDs == ["q1"])
        #expect(valid.language == .nl)
    }

    @Test func thanks_is_required_and_at_most_500_characters() {
        guard case let .failure(empty) = check(draft(thanks: "  ")) else { Issue.record("empty thanks accepted"); return }
        #expect(empty.errors["thanks"] == "error.required")
        guard case let .failure(long) = check(draft(thanks: String(repeating: "a", count: 501))) else { Issue.record("long thanks accepted"); return }
        #expect(long.errors["thanks"] == "error.too_long")
        #expect((try? check(draft(thanks: String(repeating: "a", count: 500))).get()) != nil)
    }

    @Test func at_least_one_action_of_the_plan() {
        guard case let .failure(none) = check(draft(actions: [])) else { Issue.record("no action accepted"); return }
        #expect(none.errors["actions"] == "error.results_actions_required")
        guard case let .failure(unknown) = check(draft(actions: ["elsewhere"])) else { Issue.record("unknown action accepted"); return }
        #expect(unknown.errors["actions"] == "error.results_unknown_action")
    }

    @Test func a_quote_that_is_not_offered_is_refused() {
        guard case let .failure(box) = check(draft(quotes: ["hidden-one"])) else { Issue.record("hidden quote accepted"); return }
        #expect(box.errors == ["quotes": "error.results_unknown_quote"])
    }

    @Test func the_language_must_be_one_of_the_wave() {
        guard case let .failure(box) = check(draft(language: "tr")) else { Issue.record("other language accepted"); return }
        #expect(box.errors["language"] == "error.results_language")
        #expect((try? check(draft(language: "ar")).get())?.language == .ar)
    }

    @Test func content_shows_no_suppressed_key_and_no_hidden_answer() {
        var itemCounts = counts(n: 20)
        // Key 9 answered by too few: it is suppressed in the report, and so on the page, even as a chosen growth key.
        itemCounts["k9a"] = FaceCounts([0, 1, 0, 2, 0])
        itemCounts["k9b"] = FaceCounts([0, 1, 0, 1, 0])
        let answers = [WaveReport.OpenAnswer(id: "shown", question: "well", text: "De juf lacht", hidden: false),
                       WaveReport.OpenAnswer(id: "hidden", question: "well", text: "Naam van een kind", hidden: true)]
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: itemCounts, keyRespondents: [9: 3], responses: 20,
                                      families: nil, languages: ["nl": 20], channels: ["link": 20], openAnswers: answers)
        #expect(report.key(9)?.score == nil)
        let content = ResultsContent.build(report: report, planKeys: [9, 1], quoteIDs: ["shown", "hidden"])
        #expect(content.growth == [1])
        #expect(!content.strengths.contains(9))
        #expect(content.quotes == ["De juf lacht"])
        #expect(content.responses == 20)
    }

    @Test func a_wave_with_too_few_answers_shows_nothing() {
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: counts(n: 3), responses: 3, families: nil,
                                      languages: ["nl": 3], channels: ["link": 3],
                                      openAnswers: [WaveReport.OpenAnswer(id: "a", question: "well", text: "x", hidden: false)])
        let content = ResultsContent.build(report: report, planKeys: [1], quoteIDs: ["a"])
        #expect(content == ResultsContent(responses: nil, strengths: [], growth: [], quotes: []))
    }
}
