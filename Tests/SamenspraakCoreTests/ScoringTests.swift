import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct ScoringTests {
    @Test func score_is_the_share_of_happy_faces_among_opinions() throws {
        let score = try #require(Score(FaceCounts([7, 1, 1, 4, 4])))
        #expect(score.n == 10)
        #expect(abs(score.value - 80) < 0.001)
        #expect(score.low < 80 && score.high > 80)
    }

    @Test func only_dont_know_gives_no_score() {
        #expect(Score(FaceCounts([3, 0, 0, 0, 0])) == nil)
    }

    @Test func wilson_matches_known_values() {
        let (low, high) = Wilson.interval(successes: 8, trials: 10)
        #expect(abs(low - 0.4902) < 0.001)
        #expect(abs(high - 0.9433) < 0.001)
        let zero = Wilson.interval(successes: 0, trials: 5)
        #expect(zero.low == 0)
        #expect(abs(zero.high - 0.4345) < 0.001)
    }

    @Test func few_answers_get_a_wider_interval_than_many() throws {
        let few = try #require(Score(FaceCounts([0, 1, 1, 2, 2])))
        let many = try #require(Score(FaceCounts([0, 33, 34, 66, 67])))
        #expect(abs(few.value - many.value) < 1)
        #expect(few.high - few.low > 2.5 * (many.high - many.low))
    }

    @Test func a_change_counts_only_beyond_the_uncertainty() throws {
        let september = try #require(Score(FaceCounts([0, 10, 10, 10, 10])))
        let smallChange = try #require(Score(FaceCounts([0, 8, 10, 12, 10])))
        let bigChange = try #require(Score(FaceCounts([0, 1, 2, 17, 20])))
        #expect(!smallChange.differsClearly(from: september))
        #expect(bigChange.differsClearly(from: september))
    }
}

@Suite struct SuppressionTests {
    @Test func large_groups_are_all_shown() {
        #expect(Suppression.hidden(["nl": 40, "fr": 12, "ar": 5], threshold: 5).isEmpty)
    }

    @Test func a_single_small_group_takes_the_next_smallest_with_it() {
        #expect(Suppression.hidden(["nl": 40, "fr": 12, "ar": 2], threshold: 5) == ["ar", "fr"])
    }

    @Test func two_tiny_groups_are_joined_by_a_third_until_they_hold_enough() {
        #expect(Suppression.hidden(["nl": 40, "fr": 12, "ar": 1, "tr": 2], threshold: 5) == ["ar", "tr", "fr"])
    }

    @Test func zeros_are_shown_and_do_not_count_as_cover() {
        #expect(Suppression.hidden(["nl": 40, "fr": 0, "ar": 3, "tr": 9], threshold: 5) == ["ar", "tr"])
    }

    /// Over many random breakdowns with their total shown: no hidden count can be worked out from the rest.
    @Test func no_hidden_count_can_be_recovered_by_subtraction() {
        var generator = SeededGenerator(seed: 42)
        for _ in 0..<2000 {
            let threshold = Int.random(in: 3...6, using: &generator)
            let size = Int.random(in: 1...7, using: &generator)
            var cells: [Int: Int] = [:]
            for key in 0..<size { cells[key] = Int.random(in: 0...12, using: &generator) }
            let hidden = Suppression.hidden(cells, threshold: threshold)
            let small = cells.filter { $0.value > 0 && $0.value < threshold }.map(\.key)
            #expect(Set(small).isSubset(of: hidden), "every small group is hidden")
            if !hidden.isEmpty {
                // Shown: the total and every other count. The hidden ones are known only by their sum.
                let hiddenSum = hidden.reduce(0) { $0 + cells[$1]! }
                let recoverable = hidden.count == 1 || (hiddenSum < threshold && hidden.count < cells.filter { $0.value > 0 }.count)
                #expect(!recoverable || hidden.count == cells.filter { $0.value > 0 }.count,
                        "cells \(cells) threshold \(threshold) hidden \(hidden)")
            }
        }
    }
}

/// A small deterministic generator (SplitMix64) so property tests repeat exactly.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
