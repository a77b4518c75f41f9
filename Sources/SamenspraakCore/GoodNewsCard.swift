import Foundation

// The good-news card: a teacher gives the family of a seat something good, in the family's language, with a QR code
// the parent can answer with one tap. The card's link holds an unguessable token (only its hash is stored) and works
// for `GoodNewsCardRules.days` days.

/// The warm sentence a card carries: fixed, so that it reads well in every parent language.
public enum GoodNewsSentence: String, CaseIterable, Sendable, Codable, Equatable {
    case helpedFriend = "helped_friend", proudDrawing = "proud_drawing", workedHard = "worked_hard", kind, learned, brave
    case helpedClass = "helped_class", read, playedTogether = "played_together", goodQuestion = "good_question"
    case goodStart = "good_start", happyInClass = "happy_in_class"

    public var catalogKey: String { "goodnews.sentence.\(rawValue)" }
}

/// What the parent answers with one tap.
public enum GoodNewsReply: String, CaseIterable, Sendable, Codable, Equatable {
    case thanks, talk, call

    /// The button's text on the parent's page (card catalogs).
    public var catalogKey: String { "goodnews.reply.\(rawValue)" }
    /// How the teacher reads it on the seat (staff catalogs): "would like to talk".
    public var staffKey: String { "welcome.card_reply.\(rawValue)" }
    /// The parent asked to be contacted.
    public var asksForContact: Bool { self != .thanks }
}

/// How the cards are made: eight to an A4 page for scissors, or one per screen to show or send on.
public enum GoodNewsFormat: String, CaseIterable, Sendable, Equatable {
    case sheet, phone
}

public enum GoodNewsCardRules {
    /// A card can be answered for this many days from the day it was made.
    public static let days = 30
    public static func expires(madeOn: Day) -> Day { madeOn.adding(days: days) }
    /// The last day the card can be answered is `expiresOn`; the day after, its link says it has expired.
    public static func isOpen(expiresOn: Day, today: Day) -> Bool { today <= expiresOn }
    public static let maximumTeacherName = 60
    public static let maximumReplyText = 300
    /// More cards than this in one go are refused (a class has at most 60 families).
    public static let maximumCards = 60
}

/// The teacher's order of cards as sent: the seats ticked, each seat's language and sentence, their name, the format.
public struct GoodNewsOrder: Equatable, Sendable {
    public var seats: [String]
    public var languages: [String: String]
    public var sentences: [String: String]
    public var teacher: String
    public var format: String

    public init(seats: [String] = [], languages: [String: String] = [:], sentences: [String: String] = [:], teacher: String = "",
                format: String = GoodNewsFormat.sheet.rawValue) {
        self.seats = seats
        self.languages = languages
        self.sentences = sentences
        self.teacher = teacher
        self.format = format
    }

    public struct Card: Equatable, Sendable {
        public var seat: Int
        public var language: LanguageCode
        public var sentence: GoodNewsSentence
        public init(seat: Int, language: LanguageCode, sentence: GoodNewsSentence) {
            self.seat = seat
            self.language = language
            self.sentence = sentence
        }
    }

    public struct Valid: Equatable, Sendable {
        public var cards: [Card]
        public var teacher: String
        public var format: GoodNewsFormat
    }

    /// The field of a seat's language or sentence, as the form names it and errors are keyed: `language[3]`.
    public static func field(_ name: String, seat: Int) -> String { "\(name)[\(seat)]" }

    /// `families`: the round's seats 1…N; `languages`: the written languages the school offers (a card is printed).
    public func validate(families: Int, languages allowed: [LanguageCode]) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        var seen = Set<Int>()
        var cards: [Card] = []
        for text in seats {
            guard let seat = WelcomeSeat.parse(text, families: families) else {
                errors["seats"] = "error.goodnews_seat"
                continue
            }
            guard seen.insert(seat).inserted else { continue }
            let language = LanguageCode(rawValue: languages[String(seat)] ?? "").flatMap { allowed.contains($0) ? $0 : nil }
            let sentence = GoodNewsSentence(rawValue: sentences[String(seat)] ?? "")
            if language == nil { errors[Self.field("language", seat: seat)] = "error.goodnews_language" }
            if sentence == nil { errors[Self.field("sentence", seat: seat)] = "error.goodnews_sentence" }
            if let language, let sentence { cards.append(Card(seat: seat, language: language, sentence: sentence)) }
        }
        if seats.isEmpty { errors["seats"] = "error.goodnews_no_seat" }
        else if seats.count > GoodNewsCardRules.maximumCards { errors["seats"] = "error.goodnews_seat" }
        Validate.requiredText(teacher, field: "teacher", maxLength: GoodNewsCardRules.maximumTeacherName, into: &errors)
        let format = GoodNewsFormat(rawValue: format)
        if format == nil { errors["format"] = "error.goodnews_format" }
        guard errors.isEmpty, let format else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(cards: cards.sorted { $0.seat < $1.seat },
                              teacher: teacher.trimmingCharacters(in: .whitespacesAndNewlines), format: format))
    }
}

/// The parent's answer as sent: a button and an optional sentence.
public struct GoodNewsAnswer: Equatable, Sendable {
    public var reply: GoodNewsReply
    /// Nil when left empty.
    public var text: String?

    public init(reply: GoodNewsReply, text: String? = nil) {
        self.reply = reply
        self.text = text
    }

    public enum Problem: Error, Equatable, Sendable { case noReply, textTooLong }

    /// The error's key in the card catalogs.
    public static func messageKey(_ problem: Problem) -> String {
        problem == .textTooLong ? "goodnews.error.text_too_long" : "goodnews.error.value"
    }

    public static func parse(reply: String?, text: String?) -> Result<GoodNewsAnswer, Problem> {
        let trimmed = (text ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.count > GoodNewsCardRules.maximumReplyText { return .failure(.textTooLong) }
        guard let reply = reply.flatMap(GoodNewsReply.init(rawValue:)) else { return .failure(.noReply) }
        let cleaned = String(trimmed.unicodeScalars.filter { $0 == "\n" || !CharacterSet.controlCharacters.contains($0) })
        return .success(GoodNewsAnswer(reply: reply, text: cleaned.isEmpty ? nil : cleaned))
    }
}

/// A card of a seat as the teacher reads it on the seat.
public struct GoodNewsCardState: Equatable, Sendable {
    public var madeOn: Day
    public var expiresOn: Day
    public var language: LanguageCode
    public var sentence: GoodNewsSentence
    public var answer: GoodNewsAnswer?
    public var answeredOn: Day?

    public init(madeOn: Day, expiresOn: Day, language: LanguageCode, sentence: GoodNewsSentence, answer: GoodNewsAnswer? = nil,
                answeredOn: Day? = nil) {
        self.madeOn = madeOn
        self.expiresOn = expiresOn
        self.language = language
        self.sentence = sentence
        self.answer = answer
        self.answeredOn = answeredOn
    }
}
