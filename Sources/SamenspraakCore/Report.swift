import Foundation

/// The figures of one school's wave, with every rule about what may be shown already applied.
public struct WaveReport: Equatable, Sendable {
    public struct ItemResult: Equatable, Sendable {
        public let id: String
        /// The bar (every answer, "don't know" included); nil when the statement is hidden (see `build`).
        public let counts: FaceCounts?
        /// The share of happy faces; `n` is the number of respondents who chose a face. Nil exactly when `counts` is.
        public let score: Score?
    }

    public struct KeyResult: Equatable, Sendable {
        public let key: Int
        /// The answers to the key's statements added up (one respondent gives several); nil when the key is hidden.
        public let counts: FaceCounts?
        /// The share of happy faces among those answers; `n` is the number of respondents who chose a face on at
        /// least one of the key's statements (parents, not answers). Nil exactly when `counts` is.
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
        /// The language the parent answered the survey in (a `LanguageCode` raw value). `build` keeps it only when
        /// that language's group is shown in the breakdown: a hidden small group is not named beside a text either.
        public var language: String?
        public init(id: String, question: String, text: String, hidden: Bool, hiddenBy: String? = nil, hiddenOn: Day? = nil,
                    language: String? = nil) {
            self.id = id
            self.question = question
            self.text = text
            self.hidden = hidden
            self.hiddenBy = hiddenBy
            self.hiddenOn = hiddenOn
            self.language = language
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

    /// Whether a statement's figures may be shown: its bar and its score together, or neither.
    ///
    /// **The minimum-group rule.** A figure describes the respondents who chose a face; "don't know" and a skipped
    /// statement do not count towards the group, because they give no opinion the score could speak for. So:
    /// - a statement is shown (bar and score) when the wave has at least `threshold` responses and at least
    ///   `threshold` respondents chose a face on it;
    /// - a key is shown when at least `threshold` respondents chose a face on at least one of its statements
    ///   (`keyRespondents`: parents, never the number of answers), and only when none of its statements with any
    ///   answer ("don't know" included) is hidden while another is shown: the key minus the shown statements would
    ///   give the hidden one, and a hidden statement's answers may come from fewer parents than they number;
    /// - every count of parents on the page, in the CSV and in the API is such a number of respondents.
    /// The same rule applies to every view of a wave (page, CSV, API, comparison), so no two views differ by a
    /// group smaller than `threshold`.
    public static func isShown(_ counts: FaceCounts, responses: Int, threshold: Int) -> Bool {
        responses >= threshold && counts.withOpinion >= threshold
    }

    /// `keyRespondents`: per key, how many respondents chose a face on at least one of its statements. A key
    /// missing there counts the largest group of its statements, which can only be fewer (so hide more, never less).
    public static func build(questionnaire: Questionnaire, itemCounts: [String: FaceCounts], keyRespondents: [Int: Int] = [:],
                             responses: Int, families: Int?,
                             languages: [String: Int], channels: [String: Int], openAnswers: [OpenAnswer],
                             threshold requested: Int = Suppression.defaultThreshold) -> WaveReport {
        let threshold = max(requested, Suppression.minimumThreshold)
        let enough = responses >= threshold
        let keys = Questionnaire.keys.map { key -> KeyResult in
            let statements = questionnaire.items.filter { $0.key == key }
            let items = statements.map { item -> ItemResult in
                let counts = itemCounts[item.id] ?? FaceCounts()
                return isShown(counts, responses: responses, threshold: threshold)
                    ? ItemResult(id: item.id, counts: counts, score: Score(counts))
                    : ItemResult(id: item.id, counts: nil, score: nil)
            }
            let total = statements.reduce(FaceCounts()) { $0 + (itemCounts[$1.id] ?? FaceCounts()) }
            let respondents = keyRespondents[key] ?? statements.map { itemCounts[$0.id]?.withOpinion ?? 0 }.max() ?? 0
            let hiddenWithAnswers = items.contains { $0.counts == nil && (itemCounts[$0.id]?.total ?? 0) > 0 }
            let anyShown = items.contains { $0.counts != nil }
            let safe = !(hiddenWithAnswers && anyShown)
            guard enough, respondents >= threshold, safe, let score = Score(pooled: total, respondents: respondents) else {
                return KeyResult(key: key, counts: nil, score: nil, items: items)
            }
            return KeyResult(key: key, counts: total, score: score, items: items)
        }
        let ranked = keys.compactMap { result in result.score.map { (result.key, $0.value) } }
        let strengths = ranked.sorted { ($0.1, -$0.0) > ($1.1, -$1.0) }.prefix(3).map(\.0)
        let growth = ranked.filter { !strengths.contains($0.0) }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(3).map(\.0)
        func breakdown(_ cells: [String: Int]) -> [Breakdown] {
            let hidden = enough ? Suppression.hidden(cells, threshold: threshold) : Set(cells.keys)
            return cells.keys.sorted().map { Breakdown(name: $0, count: hidden.contains($0) ? nil : cells[$0]) }
        }
        let languageBreakdown = breakdown(languages)
        let namedLanguages = Set(languageBreakdown.filter { $0.count != nil }.map(\.name))
        let shownAnswers: [OpenAnswer] = enough ? openAnswers.map { answer -> OpenAnswer in
            var answer = answer
            if let language = answer.language, !namedLanguages.contains(language) { answer.language = nil }
            return answer
        } : []
        return WaveReport(questionnaire: questionnaire.id, threshold: threshold, responses: responses, families: families,
                          languages: languageBreakdown, channels: breakdown(channels), keys: keys,
                          strengths: Array(strengths), growth: Array(growth), openAnswers: shownAnswers)
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
