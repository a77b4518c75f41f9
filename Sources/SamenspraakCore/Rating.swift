import Foundation

/// One parent's rating of a moment: a face (1 very unhappy … 4 very happy, no middle and no "don't know"),
/// some chips of the moment's kind, and perhaps a sentence. Everything from a form is checked first.
public struct RatingAnswer: Equatable, Sendable {
    public var face: Int
    public var chips: [String]
    public var text: String?

    public init(face: Int, chips: [String] = [], text: String? = nil) {
        self.face = face
        self.chips = chips
        self.text = text
    }

    public static let faces = 1...4
    public static let maximumTextLength = 500

    public enum Problem: Error, Equatable, Sendable {
        case noFace
        case valueOutOfRange
        case unknownChip(String)
        case textTooLong
        case invalidText
    }

    /// Checks a sent form. A missing face is the only thing a parent can get wrong; the rest means a tampered form.
    public static func parse(face: String?, chips: [String], text: String?, allowed: RatingCatalog.Chips) -> Result<RatingAnswer, Problem> {
        let faceText = (face ?? "").trimmingCharacters(in: .whitespaces)
        if let chip = chips.first(where: { !allowed.all.contains($0) }) { return .failure(.unknownChip(chip)) }
        let raw = text ?? ""
        guard raw.count <= maximumTextLength else { return .failure(.textTooLong) }
        let allowedControls: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowedControls.contains($0) }) else {
            return .failure(.invalidText)
        }
        guard !faceText.isEmpty else { return .failure(.noFace) }
        guard let value = Int(faceText), faces.contains(value) else { return .failure(.valueOutOfRange) }
        let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // Chips keep the catalog's order, each once.
        let chosen = allowed.all.filter(chips.contains)
        return .success(RatingAnswer(face: value, chips: chosen,
                                     text: trimmed.isEmpty ? nil : trimmed.replacingOccurrences(of: "\r\n", with: "\n")))
    }

    /// How chips are stored: comma-separated names (chip names never hold a comma).
    public var storedChips: String { chips.joined(separator: ",") }
    public static func chips(stored: String) -> [String] { stored.split(separator: ",").map(String.init) }
}

/// The happiness index of a group of ratings, 0–100: the mean face on a straight scale (1 → 0, 2 → 33,
/// 3 → 67, 4 → 100), with a 95% interval. The interval is Wilson's for a proportion with the mean as the
/// proportion: a rating between 0 and 1 with mean p varies at most as much as a yes/no answer does
/// (variance ≤ p(1−p)), so the interval is never narrower than the data allow — five "very happy" ratings
/// give 100 with an interval from 57 to 100, not a certain 100.
public enum HappinessIndex {
    public static func score(_ counts: FaceCounts) -> Score? {
        let n = (1...4).reduce(0) { $0 + counts[$1] }
        guard n > 0 else { return nil }
        let sum = (1...4).reduce(0.0) { $0 + Double(($1 - 1) * counts[$1]) / 3 }
        let p = sum / Double(n)
        let (low, high) = Wilson.interval(proportion: p, trials: n)
        return Score(value: 100 * p, low: 100 * low, high: 100 * high, n: n)
    }
}

/// What staff may see of one moment's ratings: nothing but "too few" under the threshold, else the faces,
/// the index, the chips counted and the sentences.
public struct MomentResult: Equatable, Sendable {
    public struct ChipCount: Equatable, Sendable {
        public let chip: String
        public let count: Int
        public init(chip: String, count: Int) {
            self.chip = chip
            self.count = count
        }
    }

    public struct Sentence: Equatable, Sendable {
        public let id: String
        public let text: String
        public let hidden: Bool
        /// The school chose to show it on its public profile.
        public let shownPublicly: Bool
        public let hiddenBy: String?
        public let hiddenOn: Day?
        public init(id: String, text: String, hidden: Bool, shownPublicly: Bool, hiddenBy: String? = nil, hiddenOn: Day? = nil) {
            self.id = id
            self.text = text
            self.hidden = hidden
            self.shownPublicly = shownPublicly
            self.hiddenBy = hiddenBy
            self.hiddenOn = hiddenOn
        }
    }

    public let ratings: Int
    public let threshold: Int
    /// nil below the threshold.
    public let counts: FaceCounts?
    public let index: Score?
    public let good: [ChipCount]
    public let better: [ChipCount]
    public let sentences: [Sentence]

    public var hasFigures: Bool { counts != nil }

    public static func build(counts: FaceCounts, chipCounts: [String: Int], chips: RatingCatalog.Chips, sentences: [Sentence],
                             threshold requested: Int = Suppression.defaultThreshold) -> MomentResult {
        let threshold = max(requested, Suppression.minimumThreshold)
        let ratings = counts.total
        guard ratings >= threshold else {
            return MomentResult(ratings: ratings, threshold: threshold, counts: nil, index: nil, good: [], better: [], sentences: [])
        }
        func counted(_ names: [String]) -> [ChipCount] {
            // Most tapped first; ties keep the catalog's order.
            names.enumerated().map { (position: $0.offset, chip: ChipCount(chip: $0.element, count: chipCounts[$0.element] ?? 0)) }
                .sorted { ($1.chip.count, $0.position) < ($0.chip.count, $1.position) }.map(\.chip)
        }
        return MomentResult(ratings: ratings, threshold: threshold, counts: counts, index: HappinessIndex.score(counts),
                            good: counted(chips.good), better: counted(chips.better), sentences: sentences)
    }
}

/// A month of the calendar, for the index over the school year.
public struct YearMonth: Hashable, Comparable, Sendable {
    public let year: Int
    public let month: Int
    public init(year: Int, month: Int) {
        self.year = year
        self.month = month
    }
    public init(_ day: Day) { self.init(year: day.year, month: day.month) }
    public static func < (a: YearMonth, b: YearMonth) -> Bool { (a.year, a.month) < (b.year, b.month) }
    public var next: YearMonth { month == 12 ? YearMonth(year: year + 1, month: 1) : YearMonth(year: year, month: month + 1) }

    /// September to August of the school year that `day` falls in, up to and including `day`'s month.
    public static func schoolYear(upTo day: Day) -> [YearMonth] {
        var month = YearMonth(year: day.month >= 9 ? day.year : day.year - 1, month: 9)
        var months: [YearMonth] = []
        while month <= YearMonth(day) {
            months.append(month)
            month = month.next
        }
        return months
    }
}

/// The happiness index per month of the school year, per kind of moment and per key.
///
/// Only moments that are shown on their own (at least `threshold` ratings) count: a month's figure is then made of
/// shown moments only, so no difference between two figures can reveal a moment that is kept hidden.
public struct RatingTrend: Equatable, Sendable {
    public struct MomentInput: Equatable, Sendable {
        public let kind: MomentKind
        public let keys: [Int]
        public let day: Day
        public let counts: FaceCounts
        public init(kind: MomentKind, keys: [Int], day: Day, counts: FaceCounts) {
            self.kind = kind
            self.keys = keys
            self.day = day
            self.counts = counts
        }
    }

    public struct Series: Equatable, Sendable {
        /// `kind.oudercontact` or `key.4`: a text key, so the page names it in the reader's language.
        public let name: String
        /// One cell per month of `months`; nil when no shown moment falls in that month.
        public let cells: [Score?]
        public init(name: String, cells: [Score?]) {
            self.name = name
            self.cells = cells
        }
    }

    public let months: [YearMonth]
    public let kinds: [Series]
    public let keys: [Series]

    public var isEmpty: Bool { kinds.isEmpty && keys.isEmpty }

    public init(months: [YearMonth], kinds: [Series], keys: [Series]) {
        self.months = months
        self.kinds = kinds
        self.keys = keys
    }

    public static func build(_ moments: [MomentInput], today: Day, threshold requested: Int = Suppression.defaultThreshold) -> RatingTrend {
        let threshold = max(requested, Suppression.minimumThreshold)
        let months = YearMonth.schoolYear(upTo: today)
        let shown = moments.filter { $0.counts.total >= threshold && months.contains(YearMonth($0.day)) }
        func series(_ name: String, _ members: [MomentInput]) -> Series? {
            guard !members.isEmpty else { return nil }
            let cells = months.map { month -> Score? in
                let inMonth = members.filter { YearMonth($0.day) == month }
                guard !inMonth.isEmpty else { return nil }
                return HappinessIndex.score(inMonth.reduce(FaceCounts()) { $0 + $1.counts })
            }
            return Series(name: name, cells: cells)
        }
        let kinds = MomentKind.allCases.compactMap { kind in series("kind.\(kind.rawValue)", shown.filter { $0.kind == kind }) }
        let keys = Questionnaire.keys.compactMap { key in series("key.\(key)", shown.filter { $0.keys.contains(key) }) }
        return RatingTrend(months: months, kinds: kinds, keys: keys)
    }
}
