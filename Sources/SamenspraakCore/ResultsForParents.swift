import Foundation

/// "You told us — we are doing this": the short page a lead publishes for the parents of a closed wave. The lead
/// picks actions of the current plan and, if they like, shown open answers to quote, and writes a sentence of thanks
/// in a language they name. Everything else on the page (how many answered, the strengths, the growth keys) comes
/// from the wave's report, so nothing the report hides can reach it.
public struct ResultsDraft: Equatable, Sendable {
    public var thanks: String
    /// The language the thanks is written in (a parent language of the wave).
    public var language: String
    public var actionIDs: [String]
    public var quoteIDs: [String]

    public init(thanks: String = "", language: String = "", actionIDs: [String] = [], quoteIDs: [String] = []) {
        self.thanks = thanks
        self.language = language
        self.actionIDs = actionIDs
        self.quoteIDs = quoteIDs
    }

    public struct Valid: Equatable, Sendable {
        public var thanks: String
        public var language: LanguageCode
        public var actionIDs: [String]
        public var quoteIDs: [String]
        public init(thanks: String, language: LanguageCode, actionIDs: [String], quoteIDs: [String]) {
            self.thanks = thanks
            self.language = language
            self.actionIDs = actionIDs
            self.quoteIDs = quoteIDs
        }
    }

    public static let maximumThanks = 500
    public static let maximumActions = 12
    public static let maximumQuotes = 5
    /// The form's fields in the order of the page, for the error summary.
    public static let order = ["actions", "quotes", "thanks", "language"]

    /// `actions`: ids of the current plan's actions; `quotes`: ids of the wave's shown open answers (a hidden one is
    /// never among them, so a forged form that names one is refused); `languages`: the wave's written languages.
    public func validate(actions: Set<String>, quotes: Set<String>, languages: [LanguageCode]) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        let chosenActions = Self.unique(actionIDs)
        let chosenQuotes = Self.unique(quoteIDs)
        if chosenActions.isEmpty { errors["actions"] = "error.results_actions_required" }
        else if chosenActions.count > Self.maximumActions { errors["actions"] = "error.results_too_many" }
        else if !chosenActions.allSatisfy(actions.contains) { errors["actions"] = "error.results_unknown_action" }
        if chosenQuotes.count > Self.maximumQuotes { errors["quotes"] = "error.results_too_many" }
        else if !chosenQuotes.allSatisfy(quotes.contains) { errors["quotes"] = "error.results_unknown_quote" }
        Validate.requiredText(thanks.replacingOccurrences(of: "\n", with: " ").replacingOccurrences(of: "\r", with: " "),
                              field: "thanks", maxLength: Self.maximumThanks, into: &errors)
        let written = LanguageCode(rawValue: language.trimmingCharacters(in: .whitespaces))
        if let written, languages.contains(written) {} else { errors["language"] = "error.results_language" }
        guard errors.isEmpty, let written else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(thanks: thanks.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n"),
                              language: written, actionIDs: chosenActions, quoteIDs: chosenQuotes))
    }

    static func unique(_ values: [String]) -> [String] {
        var seen = Set<String>()
        return values.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}

/// What the parents' page may show of a wave's report: the number who answered and the strengths only when the
/// report has figures; the growth keys the school chose only when the report shows them (a key whose group is too
/// small says nothing, not even its name); open answers only when chosen and still shown. No score is ever shown.
public struct ResultsContent: Equatable, Sendable {
    public var responses: Int?
    public var strengths: [Int]
    public var growth: [Int]
    public var quotes: [String]

    public init(responses: Int?, strengths: [Int], growth: [Int], quotes: [String]) {
        self.responses = responses
        self.strengths = strengths
        self.growth = growth
        self.quotes = quotes
    }

    public static func build(report: WaveReport, planKeys: [Int], quoteIDs: [String]) -> ResultsContent {
        guard report.hasFigures else { return ResultsContent(responses: nil, strengths: [], growth: [], quotes: []) }
        let shownKeys = Set(report.keys.filter { $0.score != nil }.map(\.key))
        let shownAnswers = report.openAnswers.filter { !$0.hidden }
        let quotes = quoteIDs.compactMap { id in shownAnswers.first { $0.id == id }?.text }
        return ResultsContent(responses: report.responses, strengths: report.strengths.filter(shownKeys.contains),
                              growth: planKeys.filter(shownKeys.contains), quotes: quotes)
    }
}

/// The fixed texts of the parents' page, in the profile's parent catalog (every parent language).
public enum ResultsForParentsTexts {
    public static let keys = ["results.title", "results.answered", "results.strengths", "results.growth", "results.actions", "results.due",
                              "results.done", "results.quotes", "results.thanks", "results.listen", "results.offline.title",
                              "results.offline.text", "results.none.title", "results.none.text"]
}
