import Foundation

/// The rating of contact moments as shipped data: per kind of moment the chips parents may tap ("what made it
/// good", "what could be better"), and every text of the rating pages in every language.
public struct RatingCatalog: Equatable, Sendable {
    public struct Chips: Equatable, Sendable {
        public let good: [String]
        public let better: [String]
        public init(good: [String], better: [String]) {
            self.good = good
            self.better = better
        }
        public var all: [String] { good + better }
    }

    public let chips: [MomentKind: Chips]
    public let texts: [LanguageCode: Questionnaire.Texts]

    public init(chips: [MomentKind: Chips], texts: [LanguageCode: Questionnaire.Texts]) {
        self.chips = chips
        self.texts = texts
    }

    public var languages: [LanguageCode] { LanguageCode.allCases.filter { texts[$0] != nil } }

    public func chips(_ kind: MomentKind) -> Chips { chips[kind] ?? Chips(good: [], better: []) }

    /// Texts in `language`, or in Dutch when there is no such translation.
    public func texts(_ language: LanguageCode) -> Questionnaire.Texts {
        texts[language] ?? texts[.nl] ?? Questionnaire.Texts(language: .nl, status: .draft, entries: [:])
    }

    /// Texts every language file must have besides one per kind and chip.
    public static let requiredTexts = [
        "rating.title", "rating.choose_language", "rating.when", "rating.face.4", "rating.face.3", "rating.face.2", "rating.face.1",
        "rating.face_hint", "rating.good", "rating.better", "rating.chips_hint", "rating.text_label", "rating.text_hint",
        "rating.submit", "rating.privacy", "rating.listen", "rating.already", "rating.change", "rating.reply", "rating.thanks.title", "rating.thanks.text",
        "rating.closed.title", "rating.closed.text", "rating.not_yet.title", "rating.not_yet.text",
        "rating.unknown.title", "rating.unknown.text", "rating.error.face", "rating.error.value", "rating.error.text_too_long",
        "rating.error.again", "rating.error.busy",
    ]

    public static func expectedTextKeys(chips: [MomentKind: Chips]) -> [String] {
        let chipNames = Set(chips.values.flatMap(\.all)).sorted()
        return requiredTexts + MomentKind.allCases.map { "kind.\($0.rawValue)" } + chipNames.map { "chip.\($0)" }
    }
}

/// Reads `structure.txt` (`kind NAME good=a,b,c better=d,e`) and the language files (`key = value`).
public enum RatingCatalogParser {
    public static func parse(structure: String, structureFile: String,
                             languages: [(LanguageCode, String, String)]) throws(QuestionnaireError) -> RatingCatalog {
        var chips: [MomentKind: RatingCatalog.Chips] = [:]
        for (index, rawLine) in structure.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ").map(String.init)
            guard words.count >= 3, words[0] == "kind", let kind = MomentKind(rawValue: words[1]) else {
                throw .malformedLine(file: structureFile, line: number)
            }
            guard chips[kind] == nil else { throw .duplicateID(file: structureFile, line: number, id: words[1]) }
            func list(_ name: String) -> [String] {
                words.first { $0.hasPrefix(name + "=") }.map { $0.dropFirst(name.count + 1).split(separator: ",").map(String.init) } ?? []
            }
            let good = list("good"), better = list("better")
            guard !good.isEmpty, !better.isEmpty, Set(good + better).count == good.count + better.count else {
                throw .malformedLine(file: structureFile, line: number)
            }
            chips[kind] = .init(good: good, better: better)
        }
        if let missing = MomentKind.allCases.first(where: { chips[$0] == nil }) {
            throw .missingHeader(file: structureFile, name: "kind \(missing.rawValue)")
        }
        let expected = RatingCatalog.expectedTextKeys(chips: chips)
        var texts: [LanguageCode: Questionnaire.Texts] = [:]
        for (language, source, file) in languages {
            texts[language] = try QuestionnaireParser.parseTexts(source, language: language, file: file, expected: expected)
        }
        guard texts[.nl] != nil else { throw .noDutch(directory: structureFile) }
        return RatingCatalog(chips: chips, texts: texts)
    }
}
