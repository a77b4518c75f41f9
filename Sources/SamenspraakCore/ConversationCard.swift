import Foundation

/// The four open prompts of a conversation card, in order.
public enum CardPrompt: String, CaseIterable, Sendable, Codable {
    case loves, home, worries, ask
}

/// Topics a parent can tap instead of writing.
public enum CardChip: String, CaseIterable, Sendable, Codable {
    case sleep, friends, homework, language, feelings, health
    case withoutChild = "without_child"
    case interpreter
}

/// What a parent put on the card: a text per prompt (each optional) and chips. Checked before it is stored.
public struct CardAnswers: Equatable, Sendable, Codable {
    public var texts: [String: String]
    public var chips: [String]

    public init(texts: [String: String] = [:], chips: [String] = []) {
        self.texts = texts
        self.chips = chips
    }

    public static let maximumTextLength = 1000

    public enum Problem: Error, Equatable, Sendable { case textTooLong, invalidText, unknownField }

    public static func parse(texts raw: [String: String], chips rawChips: [String]) -> Result<CardAnswers, Problem> {
        var texts: [String: String] = [:]
        for (key, value) in raw {
            guard CardPrompt(rawValue: key) != nil else { return .failure(.unknownField) }
            guard value.count <= maximumTextLength else { return .failure(.textTooLong) }
            guard !value.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) else {
                return .failure(.invalidText)
            }
            let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
            if !trimmed.isEmpty { texts[key] = trimmed.replacingOccurrences(of: "\r\n", with: "\n") }
        }
        guard rawChips.allSatisfy({ CardChip(rawValue: $0) != nil }) else { return .failure(.unknownField) }
        let chips = CardChip.allCases.map(\.rawValue).filter(rawChips.contains)
        return .success(CardAnswers(texts: texts, chips: chips))
    }

    public var isEmpty: Bool { texts.isEmpty && chips.isEmpty }
    public var wantsInterpreter: Bool { chips.contains(CardChip.interpreter.rawValue) }
}

/// When a card can be filled, when its link turns into the rating, and when it is deleted.
public enum CardRules {
    public static let defaultGraceDays = 7

    public enum State: String, Equatable, Sendable {
        /// Before the talk: the parent may fill and change the card.
        case open
        /// The talk has started: the card is closed; the link leads to the rating.
        case started
        /// The talk window plus the grace is over: the card is deleted.
        case expired
    }

    public static func state(today: Day, starts: Day, ends: Day, graceDays: Int) -> State {
        if today < starts { return .open }
        if today > ends.adding(days: graceDays) { return .expired }
        return .started
    }

    /// Cards of talks whose last day is before this day are deleted.
    public static func deleteTalksEndingBefore(today: Day, graceDays: Int) -> Day { today.adding(days: -graceDays) }
}

/// The texts of the card pages in every language: `key = value` files with a `status`, checked at start.
public enum CardCatalog {
    public static var expectedTextKeys: [String] {
        ["card.title", "card.intro", "card.choose_language", "card.hint", "card.chips", "card.chips_hint", "card.submit", "card.read_aloud", "card.listen",
         "card.privacy", "card.saved.title", "card.saved.text", "card.arrived.text", "card.closed.title", "card.closed.text",
         "card.expired.title", "card.expired.text", "card.error.text_too_long", "card.error.value", "card.already", "card.change"]
            + CardPrompt.allCases.map { "card.prompt.\($0.rawValue)" } + CardChip.allCases.map { "card.chip.\($0.rawValue)" }
            + goodNewsTextKeys
    }

    /// The good-news card's texts, which live in the card catalogs: heading, sentences, buttons and messages.
    public static var goodNewsTextKeys: [String] {
        ["goodnews.title", "goodnews.from", "goodnews.scan", "goodnews.until", "goodnews.answer_prompt", "goodnews.text_label", "goodnews.privacy",
         "goodnews.answered", "goodnews.saved.title", "goodnews.saved.text", "goodnews.saved.contact", "goodnews.expired.title",
         "goodnews.expired.text", "goodnews.unknown.title", "goodnews.unknown.text", "goodnews.error.text_too_long", "goodnews.error.value"]
            + GoodNewsSentence.allCases.map(\.catalogKey) + GoodNewsReply.allCases.map(\.catalogKey)
    }

    public static func parse(languages: [(LanguageCode, String, String)]) throws(QuestionnaireError) -> [LanguageCode: Questionnaire.Texts] {
        var texts: [LanguageCode: Questionnaire.Texts] = [:]
        for (language, source, file) in languages {
            texts[language] = try QuestionnaireParser.parseTexts(source, language: language, file: file, expected: expectedTextKeys)
        }
        guard texts[.nl] != nil else { throw .noDutch(directory: "cards") }
        return texts
    }
}
