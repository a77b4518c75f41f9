import Foundation

/// The figures of one school's wave, with every rule about what may be shown already applied.
public struct WaveReport: Equatable, Sendable {
    public struct ItemResult: Equatable, Sendable {
        public let id: String
        /// nil when fewer than the threshold answered this item.
        public let counts: FaceCounts?
        public let score: Score?
    }

    public struct KeyResult: Equatable, Sendable {
        public let key: Int
        public let counts: FaceCounts?
        public let score: Score?
        public let items: [ItemResult]
    }

    public struct Breakdown: Equatable, Sendable {
        public let name: String
        /// nil when hidden to protect a small group.
        public let count: Int?
    }

    public struct OpenAnswer: Equatable, Sendable {
        public let id: String
        public let question: String
        public let text: String
        public let hidden: Bool
        /// Who hid it and on which day (from the moderation log), for a hidden answer.
        public let hiddenBy: String?
        public let hiddenOn: Day?
        public init(id: String, question: String, text: String, hidden: Bool, hiddenBy: String? = nil, hiddenOn: Day? = nil) {
            self.id = id
            self.question = question
            self.text = text
            self.hidden = hidden
            self.hiddenBy = hiddenBy
            self.hiddenOn = hiddenOn
        }
    }

    public let questionnaire: String
    public let threshold: Int
    public let responses: Int
    public let families: Int?
    public let languages: [Breakdown]
    public let channels: [Breakdown]
    public let keys: [KeyResult]
    /// The keys parents rate highest (at most three), best first.
    public let strengths: [Int]
    /// The keys with most room to grow (at most three), lowest first; never also a strength.
    public let growth: [Int]
    /// Shown only when the wave has at least `threshold` responses.
    public let openAnswers: [OpenAnswer]
    /// The day the newest answers joined the report: answers join in groups of at least `threshold`, so the
    /// figures never change by one person's answers. Nil before the first group.
    public var updatedOn: Day?

    /// Whether there are enough responses to show any figure at all.
    public var hasFigures: Bool { responses >= threshold }

    /// Share of families that answered, 0–100, when the number of families is known.
    public var responseRate: Double? {
        guard let families, families > 0, hasFigures else { return nil }
        return min(100, 100 * Double(responses) / Double(families))
    }

    public func key(_ number: Int) -> KeyResult? { keys.first { $0.key == number } }

    public static func build(questionnaire: Questionnaire, itemCounts: [String: FaceCounts], responses: Int, families: Int?,
                             languages: [String: Int], channels: [String: Int], openAnswers: [OpenAnswer],
                             threshold requested: Int = Suppression.defaultThreshold) -> WaveReport {
        let threshold = max(requested, Suppression.minimumThreshold)
        let enough = responses >= threshold
        func shown(_ counts: FaceCounts) -> Bool { enough && counts.total >= threshold }
        // A score speaks for those who chose a face: it needs a large enough group of its own.
        func score(_ counts: FaceCounts) -> Score? { counts.withOpinion >= threshold ? Score(counts) : nil }
        let keys = Questionnaire.keys.map { key -> KeyResult in
            let items = questionnaire.items.filter { $0.key == key }.map { item -> ItemResult in
                let counts = itemCounts[item.id] ?? FaceCounts()
                return shown(counts) ? ItemResult(id: item.id, counts: counts, score: score(counts))
                                     : ItemResult(id: item.id, counts: nil, score: nil)
            }
            let total = questionnaire.items.filter { $0.key == key }.reduce(FaceCounts()) { $0 + (itemCounts[$1.id] ?? FaceCounts()) }
            // The key's counts are the sum of its items': with one item hidden and another shown, the hidden one
            // would be the key minus the shown. Show the key only when the hidden items together are a group
            // large enough to show, or when no item is shown.
            let hiddenTotal = items.filter { $0.counts == nil }.reduce(0) { $0 + (itemCounts[$1.id]?.total ?? 0) }
            let anyShown = items.contains { $0.counts != nil }
            let safe = hiddenTotal == 0 || !anyShown || hiddenTotal >= threshold
            return shown(total) && safe ? KeyResult(key: key, counts: total, score: score(total), items: items)
                                        : KeyResult(key: key, counts: nil, score: nil, items: items)
        }
        let ranked = keys.compactMap { result in result.score.map { (result.key, $0.value) } }
        let strengths = ranked.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(3).map(\.0)
        let growth = ranked.filter { !strengths.contains($0.0) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        func breakdown(_ cells: [String: Int]) -> [Breakdown] {
            let hidden = enough ? Suppression.hidden(cells, threshold: threshold) : Set(cells.keys)
            return cells.keys.sorted().map { Breakdown(name: $0, count: hidden.contains($0) ? nil : cells[$0]) }
        }
        return WaveReport(questionnaire: questionnaire.id, threshold: threshold, responses: responses, families: families,
                          languages: breakdown(languages), channels: breakdown(channels), keys: keys,
                          strengths: Array(strengths), growth: Array(growth), openAnswers: enough ? openAnswers : [])
    }
}

/// Parents' scores beside the team's, per key: where the team sees itself clearly warmer than parents do
/// (a blind spot) and where parents are clearly warmer than the team thinks (a hidden strength).
public struct MirrorRow: Equatable, Sendable {
    public enum Kind: String, Equatable, Sendable { case blindSpot = "blind_spot", hiddenStrength = "hidden_strength", same, unknown }

    public let key: Int
    public let parents: Score?
    public let team: Score?

    public var kind: Kind {
        guard let parents, let team else { return .unknown }
        if team.low > parents.high { return .blindSpot }
        if parents.low > team.high { return .hiddenStrength }
        return .same
    }

    public static func rows(parents: WaveReport, team: WaveReport) -> [MirrorRow] {
        Questionnaire.keys.map { MirrorRow(key: $0, parents: parents.key($0)?.score, team: team.key($0)?.score) }
    }
}
