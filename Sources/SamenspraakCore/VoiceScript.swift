import Foundation

/// The texts of the parent pages a school can record in each language it offers, part by part, in the order a
/// parent meets them. A recording is known by its part and the text's catalog key; the keys of the three catalogs
/// never collide (`survey.*`, `item.*`, `open.*`; `rating.*`, `chip.*`; `card.*` and the good-news card's `goodnews.*`).
///
/// A written language plays a recording beside each text that has one. A spoken-only language (one a school offers
/// with recordings and no written texts) needs them all: `missing` must be empty before it can be offered.
public enum VoicePart: String, CaseIterable, Sendable, Codable, Comparable {
    case survey, rating, card

    public static func < (a: VoicePart, b: VoicePart) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

public struct VoiceText: Hashable, Sendable, Comparable {
    public let part: VoicePart
    public let key: String
    public init(part: VoicePart, key: String) {
        self.part = part
        self.key = key
    }

    public static func < (a: VoiceText, b: VoiceText) -> Bool { (a.part, a.key) < (b.part, b.key) }
}

public struct VoiceScript: Equatable, Sendable {
    /// Every text to record, in the order a parent meets them.
    public let texts: [VoiceText]

    /// The name of a language, said in itself: played beside the name on the language choice.
    public static let languageName = VoiceText(part: .survey, key: "language.name")

    /// The script of the survey of `questionnaire`, the rating pages (all chips of every kind of moment) and the
    /// conversation card with the good-news card.
    public init(questionnaire: Questionnaire, ratingChips: [String]) {
        var texts = [Self.languageName]
        texts += ["survey.title", "survey.intro", "survey.privacy", "survey.start", "survey.answer_hint"]
            .map { VoiceText(part: .survey, key: $0) }
        texts += questionnaire.items.map { VoiceText(part: .survey, key: "item.\($0.id)") }
        texts += [4, 3, 2, 1, 0].map { VoiceText(part: .survey, key: "survey.face.\($0)") }
        texts += [VoiceText(part: .survey, key: "survey.open_intro")]
        texts += questionnaire.openQuestions.map { VoiceText(part: .survey, key: "open.\($0)") }
        texts += ["survey.review", "survey.submit", "survey.thanks.text"].map { VoiceText(part: .survey, key: $0) }
        texts += ["rating.title", "rating.face.4", "rating.face.3", "rating.face.2", "rating.face.1", "rating.good", "rating.better"]
            .map { VoiceText(part: .rating, key: $0) }
        texts += ratingChips.map { VoiceText(part: .rating, key: "chip.\($0)") }
        texts += ["rating.text_label", "rating.privacy", "rating.submit", "rating.thanks.text"].map { VoiceText(part: .rating, key: $0) }
        texts += ["card.title", "card.intro"].map { VoiceText(part: .card, key: $0) }
        texts += CardPrompt.allCases.map { VoiceText(part: .card, key: "card.prompt.\($0.rawValue)") }
        texts += [VoiceText(part: .card, key: "card.chips")]
        texts += CardChip.allCases.map { VoiceText(part: .card, key: "card.chip.\($0.rawValue)") }
        texts += ["card.privacy", "card.submit", "card.saved.text"].map { VoiceText(part: .card, key: $0) }
        texts += ["goodnews.title"].map { VoiceText(part: .card, key: $0) }
        texts += GoodNewsSentence.allCases.map { VoiceText(part: .card, key: $0.catalogKey) }
        texts += ["goodnews.answer_prompt"].map { VoiceText(part: .card, key: $0) }
        texts += GoodNewsReply.allCases.map { VoiceText(part: .card, key: $0.catalogKey) }
        texts += ["goodnews.text_label", "goodnews.privacy", "goodnews.saved.text", "goodnews.saved.contact"].map { VoiceText(part: .card, key: $0) }
        var seen = Set<VoiceText>()
        self.texts = texts.filter { seen.insert($0).inserted }
    }

    public func contains(_ text: VoiceText) -> Bool { texts.contains(text) }

    /// The texts of the script that have no recording among `recorded`, in script order.
    public func missing(from recorded: Set<VoiceText>) -> [VoiceText] { texts.filter { !recorded.contains($0) } }
}
