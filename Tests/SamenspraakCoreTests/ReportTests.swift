import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct ReportTests {
    let questionnaire = Questionnaire(
        id: "q", audience: .parents,
        items: Questionnaire.keys.flatMap { key in [Questionnaire.Item(id: "k\(key)a", key: key), Questionnaire.Item(id: "k\(key)b", key: key)] },
        openQuestions: ["well", "help"], texts: [:])

    /// Every item answered by `n` parents, key k getting k happy answers in every ten.
    func counts(n: Int) -> [String: FaceCounts] {
        var result: [String: FaceCounts] = [:]
        for item in questionnaire.items {
            let happy = n * item.key / 12
            result[item.id] = FaceCounts([0, n - happy, 0, happy, 0])
        }
        return result
    }

    @Test func strengths_come_from_the_highest_keys_and_growth_from_the_lowest() {
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: counts(n: 24), responses: 24, families: 48,
                                      languages: ["nl": 20, "ar": 4], channels: ["link": 24], openAnswers: [])
        #expect(report.strengths == [12, 11, 10])
        #expect(report.growth == [1, 2, 3])
        #expect(report.responseRate == 50)
        #expect(report.key(12)?.score?.value == 100)
    }

    @Test func small_waves_show_no_figures_and_no_open_answers() {
        let answer = WaveReport.OpenAnswer(id: "1", question: "well", text: "De juf", hidden: false)
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: counts(n: 4), responses: 4, families: 30,
                                      languages: ["nl": 4], channels: ["link": 4], openAnswers: [answer])
        #expect(!report.hasFigures)
        #expect(report.keys.allSatisfy { $0.score == nil && $0.counts == nil })
        #expect(report.openAnswers.isEmpty)
        #expect(report.languages.allSatisfy { $0.count == nil })
        #expect(report.strengths.isEmpty)
        #expect(report.responseRate == nil)
    }

    @Test func a_small_language_group_is_hidden_with_a_cover() {
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: counts(n: 30), responses: 30, families: nil,
                                      languages: ["nl": 20, "ar": 2, "tr": 8], channels: ["link": 25, "paper": 5], openAnswers: [])
        #expect(report.languages == [.init(name: "ar", count: nil), .init(name: "nl", count: 20), .init(name: "tr", count: nil)])
        #expect(report.channels == [.init(name: "link", count: 25), .init(name: "paper", count: 5)])
    }

    @Test func a_few_answered_item_hides_its_key_too_so_it_cannot_be_subtracted() {
        var itemCounts = counts(n: 20)
        itemCounts["k5a"] = FaceCounts([0, 1, 0, 2, 0])
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: itemCounts, responses: 20, families: nil,
                                      languages: ["nl": 20], channels: ["link": 20], openAnswers: [])
        let key = report.key(5)
        #expect(key?.items.first { $0.id == "k5a" }?.counts == nil)
        #expect(key?.items.first { $0.id == "k5b" }?.counts != nil)
        #expect(key?.counts == nil, "key 5 minus k5b would give k5a")
        #expect(report.key(4)?.counts?.total == 40)
    }

    /// Over random answer counts: no hidden item's counts equal a shown key's counts minus its shown items'.
    @Test func no_hidden_item_can_be_recovered_from_its_key() {
        var generator = SeededGenerator(seed: 7)
        for _ in 0..<300 {
            var itemCounts: [String: FaceCounts] = [:]
            for item in questionnaire.items {
                itemCounts[item.id] = FaceCounts((0..<5).map { _ in Int.random(in: 0...2, using: &generator) })
            }
            let report = WaveReport.build(questionnaire: questionnaire, itemCounts: itemCounts, responses: 30, families: nil,
                                          languages: ["nl": 30], channels: ["link": 30], openAnswers: [])
            for key in report.keys where key.counts != nil {
                let hidden = key.items.filter { $0.counts == nil }
                let hiddenTotal = hidden.reduce(0) { $0 + itemCounts[$1.id]!.total }
                // An item nobody answered describes nobody: zero may be worked out. Otherwise a shown key has either
                // no hidden item or no shown one, so nothing hidden is the key minus what is shown.
                #expect(hidden.isEmpty || hiddenTotal == 0 || hidden.count == key.items.count)
            }
            for item in report.keys.flatMap(\.items) {
                #expect((item.counts == nil) == (item.score == nil), "bar and score come together")
            }
        }
    }

    @Test func the_threshold_never_goes_below_three() {
        let report = WaveReport.build(questionnaire: questionnaire, itemCounts: counts(n: 2), responses: 2, families: nil,
                                      languages: [:], channels: [:], openAnswers: [], threshold: 1)
        #expect(report.threshold == 3)
        #expect(!report.hasFigures)
    }
}

@Suite struct ComparisonTests {
    let questionnaire = Questionnaire(id: "q", audience: .parents,
                                      items: Questionnaire.keys.map { Questionnaire.Item(id: "k\($0)", key: $0) },
                                      openQuestions: [], texts: [:])

    /// A report where key `k` gets `happy(k)` happy faces out of 40.
    func report(_ happy: (Int) -> Int) -> WaveReport {
        var counts: [String: FaceCounts] = [:]
        for key in Questionnaire.keys { counts["k\(key)"] = FaceCounts([0, 40 - happy(key), 0, happy(key), 0]) }
        return WaveReport.build(questionnaire: questionnaire, itemCounts: counts, responses: 40, families: nil,
                                languages: ["nl": 40], channels: ["link": 40], openAnswers: [])
    }

    @Test func names_are_shown_only_to_the_coordinator_or_when_agreed() {
        let schools = [
            TrajectoryComparison.SchoolInput(id: "a", name: "De Regenboog", shareName: false, report: nil),
            TrajectoryComparison.SchoolInput(id: "b", name: "Het Klavertje", shareName: true, report: nil),
            TrajectoryComparison.SchoolInput(id: "c", name: "Sint-Pieter", shareName: false, report: nil),
        ]
        let seenByA = TrajectoryComparison.build(schools, viewer: "a")
        #expect(seenByA.columns.map(\.name) == ["De Regenboog", "Het Klavertje", nil])
        #expect(seenByA.columns.map(\.isViewer) == [true, false, false])
        #expect(TrajectoryComparison.build(schools, viewer: nil).columns.allSatisfy { $0.name != nil })
    }

    @Test func schools_without_a_name_are_numbered_in_an_order_unrelated_to_their_names() {
        // Given in alphabetical order, as the database sorts them; their hidden order says otherwise.
        let schools = [
            TrajectoryComparison.SchoolInput(id: "a", name: "Akker", shareName: false, report: nil, hiddenOrder: "f3"),
            TrajectoryComparison.SchoolInput(id: "b", name: "Beek", shareName: true, report: nil, hiddenOrder: "00"),
            TrajectoryComparison.SchoolInput(id: "c", name: "Callebaut", shareName: false, report: nil, hiddenOrder: "0a"),
            TrajectoryComparison.SchoolInput(id: "v", name: "Vlinder", shareName: false, report: nil, hiddenOrder: "77"),
            TrajectoryComparison.SchoolInput(id: "z", name: "Zonnebloem", shareName: false, report: nil, hiddenOrder: "9c"),
        ]
        let seenByV = TrajectoryComparison.build(schools, viewer: "v")
        // Named first (in the given order), then the others by their hidden order, numbered from 1.
        #expect(seenByV.columns.map(\.schoolID) == ["b", "v", "c", "z", "a"])
        #expect(seenByV.columns.map(\.number) == [nil, nil, 1, 2, 3])
        #expect(seenByV.columns.map(\.name) == ["Beek", "Vlinder", nil, nil, nil])
        // The coordinator sees every name in the given order, without numbers.
        let overview = TrajectoryComparison.build(schools, viewer: nil)
        #expect(overview.columns.map(\.schoolID) == ["a", "b", "c", "v", "z"])
        #expect(overview.columns.allSatisfy { $0.number == nil })
    }

    @Test func a_school_weak_on_a_key_is_paired_with_one_clearly_strong_on_it() {
        let a = report { $0 == 9 ? 8 : 30 }          // key 9 is a's growth key
        let b = report { $0 == 9 ? 38 : 25 }         // b is strong on key 9
        let comparison = TrajectoryComparison.build([
            .init(id: "a", name: "A", shareName: false, report: a),
            .init(id: "b", name: "B", shareName: false, report: b),
        ], viewer: nil)
        #expect(comparison.pairings.contains(.init(key: 9, learner: "a", teacher: "b")))
        #expect(comparison.columns[0].scores[9]!.value < comparison.columns[1].scores[9]!.value)
    }

    @Test func keys_strong_for_most_schools_are_strong_across_the_group() {
        let comparison = TrajectoryComparison.build([
            .init(id: "a", name: "A", shareName: false, report: report { $0 == 1 ? 40 : $0 == 2 ? 39 : $0 == 3 ? 38 : 20 }),
            .init(id: "b", name: "B", shareName: false, report: report { $0 == 1 ? 40 : $0 == 5 ? 39 : $0 == 6 ? 38 : 20 }),
        ], viewer: nil)
        #expect(comparison.strongAcrossGroup.contains(1))
        #expect(!comparison.strongAcrossGroup.contains(12))
    }
}

@Suite struct MirrorRowTests {
    @Test func gaps_beyond_the_uncertainty_are_named() {
        let warm = Score(value: 90, low: 80, high: 96, n: 40), cool = Score(value: 50, low: 38, high: 62, n: 40)
        let close = Score(value: 85, low: 70, high: 93, n: 12)
        #expect(MirrorRow(key: 9, parents: cool, team: warm).kind == .blindSpot)
        #expect(MirrorRow(key: 6, parents: warm, team: cool).kind == .hiddenStrength)
        #expect(MirrorRow(key: 1, parents: warm, team: close).kind == .same)
        #expect(MirrorRow(key: 2, parents: nil, team: close).kind == .unknown)
    }
}

/// The minimum-group rule (`WaveReport.isShown`): a group is the respondents who chose a face; bar and score
/// come together or not at all; a key counts parents, not answers.
@Suite struct ScoreGroupTests {
    let one = Questionnaire(id: "q", audience: .parents, items: [.init(id: "a", key: 1)], openQuestions: [], texts: [:])
    let two = Questionnaire(id: "q", audience: .parents, items: [.init(id: "a", key: 1), .init(id: "b", key: 1)],
                            openQuestions: [], texts: [:])

    func build(_ questionnaire: Questionnaire, _ counts: [String: FaceCounts], keyRespondents: [Int: Int] = [:],
               responses: Int, threshold: Int = 5) -> WaveReport {
        WaveReport.build(questionnaire: questionnaire, itemCounts: counts, keyRespondents: keyRespondents, responses: responses,
                         families: nil, languages: ["nl": responses], channels: ["link": responses], openAnswers: [],
                         threshold: threshold)
    }

    @Test func a_statement_with_as_many_respondents_as_the_threshold_shows_bar_and_score() {
        let report = build(one, ["a": FaceCounts([1, 1, 0, 2, 0])], responses: 4, threshold: 3)
        let item = report.key(1)?.items.first
        #expect(item?.counts == FaceCounts([1, 1, 0, 2, 0]), "the bar, with its don't-know")
        #expect(item?.score?.n == 3, "and the score of the 3 who chose a face")
        #expect(report.key(1)?.score?.n == 3)
    }

    @Test func a_statement_with_one_respondent_too_few_shows_neither() {
        let report = build(one, ["a": FaceCounts([2, 1, 0, 1, 0])], responses: 4, threshold: 3)
        let item = report.key(1)?.items.first
        #expect(item?.counts == nil, "no bar: 2 chose a face, don't-know does not count")
        #expect(item?.score == nil)
        #expect(report.key(1)?.score == nil)
    }

    @Test func dont_know_does_not_make_a_group_large_enough() {
        // The case: a bar of 3 / 1 / 2 (with don't-know) below "too few to show" — now neither is shown.
        let report = build(one, ["a": FaceCounts([30, 1, 0, 1, 1])], responses: 33)
        #expect(report.key(1)?.items.first?.counts == nil)
        #expect(report.key(1)?.counts == nil && report.key(1)?.score == nil)
    }

    @Test func a_key_counts_parents_not_answers() throws {
        // The same 6 parents answered both statements: 12 answers, 6 parents.
        let report = build(two, ["a": FaceCounts([0, 1, 0, 2, 3]), "b": FaceCounts([0, 0, 1, 2, 3])], keyRespondents: [1: 6],
                           responses: 6)
        let key = try #require(report.key(1)?.score)
        #expect(key.n == 6)
        #expect(abs(key.value - 100 * 10 / 12) < 0.001, "the share is of all its answers")
        let (low, high) = Wilson.interval(proportion: 10.0 / 12, trials: 6)
        #expect(abs(key.low - 100 * low) < 0.001 && abs(key.high - 100 * high) < 0.001, "the range is that of 6 people")
        #expect(report.key(1)?.items.allSatisfy { $0.score?.n == 6 } == true)
    }

    @Test func without_a_respondent_count_a_key_assumes_the_fewest_parents() {
        let report = build(two, ["a": FaceCounts([0, 1, 0, 2, 2]), "b": FaceCounts([0, 0, 1, 2, 2])], responses: 5)
        #expect(report.key(1)?.score?.n == 5, "at least the largest statement's group, never the 10 answers")
    }

    @Test func a_key_with_too_few_parents_is_hidden_even_with_many_answers() {
        // Four statements, each answered by the same 4 parents: 16 answers, but only 4 people.
        let four = Questionnaire(id: "q", audience: .parents, items: (1...4).map { .init(id: "i\($0)", key: 1) }, openQuestions: [], texts: [:])
        let counts = Dictionary(uniqueKeysWithValues: (1...4).map { ("i\($0)", FaceCounts([0, 1, 1, 1, 1])) })
        let report = build(four, counts, keyRespondents: [1: 4], responses: 20)
        #expect(report.key(1)?.score == nil && report.key(1)?.counts == nil)
    }

    @Test func a_key_with_a_hidden_and_a_shown_statement_is_hidden() {
        // Hidden b: 2 parents; the key minus a would give them away.
        let report = build(two, ["a": FaceCounts([0, 1, 1, 2, 2]), "b": FaceCounts([0, 0, 1, 1, 0])], keyRespondents: [1: 7],
                           responses: 7)
        #expect(report.key(1)?.items.map { $0.counts != nil } == [true, false])
        #expect(report.key(1)?.score == nil)
    }

    @Test func an_open_answer_names_its_language_only_when_that_group_is_shown() {
        let answers = [WaveReport.OpenAnswer(id: "1", question: "well", text: "Öğretmen", hidden: false, language: "tr"),
                       WaveReport.OpenAnswer(id: "2", question: "well", text: "Учителката", hidden: false, language: "bg"),
                       WaveReport.OpenAnswer(id: "3", question: "well", text: "De juf", hidden: false, language: "nl")]
        let report = WaveReport.build(questionnaire: one, itemCounts: [:], responses: 21, families: nil,
                                      languages: ["nl": 10, "tr": 6, "bg": 2, "ar": 3], channels: ["link": 21], openAnswers: answers)
        #expect(report.openAnswers.map(\.language) == ["tr", nil, "nl"], "Bulgarian (2) is a hidden group: not named")
    }
}
