import Foundation

/// How many answers an item (or key) got of each face: index 0 is "I don't know / not for me", 1…4 the faces.
public struct FaceCounts: Equatable, Sendable {
    public private(set) var counts: [Int]

    public init(_ counts: [Int] = [0, 0, 0, 0, 0]) {
        precondition(counts.count == 5, "five answers: don't know and four faces")
        self.counts = counts
    }

    public subscript(face: Int) -> Int { counts[face] }

    public mutating func add(face: Int, count: Int = 1) { counts[face] += count }

    public static func + (a: FaceCounts, b: FaceCounts) -> FaceCounts {
        FaceCounts(zip(a.counts, b.counts).map(+))
    }

    /// Everyone who answered, "don't know" included.
    public var total: Int { counts.reduce(0, +) }
    /// Those who chose a face.
    public var withOpinion: Int { total - counts[0] }
    /// Those who chose one of the two happy faces.
    public var positive: Int { counts[3] + counts[4] }
}

/// A score on 0–100 with its uncertainty: the share of happy faces (3 or 4) among those who chose a face,
/// with a 95% Wilson score interval, so that 6 answers never look as certain as 200.
public struct Score: Equatable, Sendable {
    public let value: Double
    public let low: Double
    public let high: Double
    public let n: Int

    public init?(_ counts: FaceCounts) {
        guard counts.withOpinion > 0 else { return nil }
        let (low, high) = Wilson.interval(successes: counts.positive, trials: counts.withOpinion)
        self.value = 100 * Double(counts.positive) / Double(counts.withOpinion)
        self.low = 100 * low
        self.high = 100 * high
        self.n = counts.withOpinion
    }

    /// A key's score: the share of happy faces among the answers to all its statements, with the interval of
    /// `respondents` people rather than of the answers. Two answers of one parent are not two independent
    /// opinions, so counting answers would make the key look more certain than it is; `n` counts the parents.
    public init?(pooled counts: FaceCounts, respondents: Int) {
        guard counts.withOpinion > 0, respondents > 0 else { return nil }
        let share = Double(counts.positive) / Double(counts.withOpinion)
        let (low, high) = Wilson.interval(proportion: share, trials: respondents)
        self.value = 100 * share
        self.low = 100 * low
        self.high = 100 * high
        self.n = respondents
    }

    public init(value: Double, low: Double, high: Double, n: Int) {
        self.value = value
        self.low = low
        self.high = high
        self.n = n
    }

    /// Whether the change from `earlier` is larger than the uncertainty of both: their intervals do not overlap.
    public func differsClearly(from earlier: Score) -> Bool { low > earlier.high || high < earlier.low }
}

public enum Wilson {
    /// The Wilson score interval for a proportion, as fractions 0…1 (z = 1.96 for 95%).
    public static func interval(successes: Int, trials: Int, z: Double = 1.959964) -> (low: Double, high: Double) {
        guard trials > 0 else { return (0, 1) }
        return interval(proportion: Double(successes) / Double(trials), trials: trials, z: z)
    }

    /// The same interval for an observed proportion `proportion` (0…1) of `trials`.
    public static func interval(proportion p: Double, trials: Int, z: Double = 1.959964) -> (low: Double, high: Double) {
        guard trials > 0 else { return (0, 1) }
        let n = Double(trials), z2 = z * z
        let centre = (p + z2 / (2 * n)) / (1 + z2 / n)
        let margin = z * ((p * (1 - p) / n + z2 / (4 * n * n)).squareRoot()) / (1 + z2 / n)
        return (max(0, centre - margin), min(1, centre + margin))
    }
}

/// Which counts of a breakdown (answers per language, per channel, per school …) must not be shown.
///
/// A count from 1 to `threshold - 1` is hidden (primary suppression). When the total is shown, hiding a single
/// count is not enough — it equals the total minus the others — so more counts are hidden, smallest first,
/// until at least two are hidden and together they hold at least `threshold` answers (complementary
/// suppression). Zero counts are shown: they describe nobody.
public enum Suppression {
    public static let defaultThreshold = 5
    public static let minimumThreshold = 3

    public static func hidden<Key: Hashable & Comparable>(_ cells: [Key: Int], threshold: Int) -> Set<Key> {
        var hidden = Set(cells.filter { $0.value > 0 && $0.value < threshold }.map(\.key))
        guard !hidden.isEmpty else { return [] }
        let candidates = cells.filter { !hidden.contains($0.key) && $0.value > 0 }
            .sorted { ($0.value, $0.key) < ($1.value, $1.key) }
        var sum = hidden.reduce(0) { $0 + (cells[$1] ?? 0) }
        for candidate in candidates where hidden.count < 2 || sum < threshold {
            hidden.insert(candidate.key)
            sum += candidate.value
        }
        return hidden
    }
}
