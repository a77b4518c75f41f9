import Foundation

/// A questionnaire version as shipped data: which items exist, on which of the 12 keys, and their texts
/// in every language. Nothing here is hard-coded in views.
public struct Questionnaire: Equatable, Sendable {
    public struct Item: Equatable, Sendable {
        public let id: String
        /// One of the 12 keys, 1...12.
        public let key: Int
        /// For a team item: the parent item it mirrors.
        public let mirrors: String?
        public init(id: String, key: Int, mirrors: String? = nil) {
            self.id = id
            self.key = key
            self.mirrors = mirrors
        }
    }

    public enum TranslationStatus: String, Equatable, Sendable {
        /// Written in this language: the text the others are translated from.
        case source
        /// Checked by a native speaker.
        case reviewed
        /// Not yet checked; shown as such to staff, never mentioned to parents.
        case draft
    }

    public struct Texts: Equatable, Sendable {
        public let language: LanguageCode
        public let status: TranslationStatus
        public let entries: [String: String]

        public init(language: LanguageCode, status: TranslationStatus, entries: [String: String]) {
            self.language = language
            self.status = status
            self.entries = entries
        }

        public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
            Placeholders.fill(entries[key] ?? key, values)
        }
    }

    /// `parents-v1`: the version every response records.
    public let id: String
    public let audience: QuestionnaireAudience
    public let items: [Item]
    public let openQuestions: [String]
    public let texts: [LanguageCode: Texts]

    public init(id: String, audience: QuestionnaireAudience, items: [Item], openQuestions: [String], texts: [LanguageCode: Texts]) {
        self.id = id
        self.audience = audience
        self.items = items
        self.openQuestions = openQuestions
        self.texts = texts
    }

    public var languages: [LanguageCode] { LanguageCode.allCases.filter { texts[$0] != nil } }

    /// Texts in `language`, or in Dutch when this questionnaire has no such translation.
    public func texts(_ language: LanguageCode) -> Texts {
        texts[language] ?? texts[.nl] ?? Texts(language: .nl, status: .draft, entries: [:])
    }

    public func item(_ id: String) -> Item? { items.first { $0.id == id } }

    /// The 12 keys, in order.
    public static let keys = Array(1...12)

    /// Texts every language file must have besides one per key, item and open question.
    public static let requiredTexts = [
        "survey.title", "survey.choose_language", "survey.intro", "survey.privacy", "survey.duration", "survey.start",
        "survey.progress", "survey.next", "survey.back", "survey.answer_hint",
        "survey.face.4", "survey.face.3", "survey.face.2", "survey.face.1", "survey.face.0",
        "survey.read_aloud", "survey.listen", "survey.open_intro", "survey.open_hint", "survey.review", "survey.unanswered", "survey.submit",
        "survey.thanks.title", "survey.thanks.text", "survey.kiosk.next", "survey.closed.title", "survey.closed.text",
        "survey.expired.title", "survey.expired.text",
        "survey.code.title", "survey.code.slip", "survey.code.label", "survey.code.hint", "survey.code.submit",
        "survey.code.unknown", "survey.code.used", "survey.code.closed",
        "survey.error.value", "survey.error.text_too_long",
        "survey.busy.title", "survey.busy.begin", "survey.busy.send", "survey.code.busy",
    ]

    /// Every text key a complete language file has.
    public var expectedTextKeys: [String] {
        Self.requiredTexts + Self.keys.map { "key.\($0)" } + items.map { "item.\($0.id)" } + openQuestions.map { "open.\($0)" }
    }
}

/// Who answers a questionnaire: parents, or the school's team (whose statements mirror the parents' ones).
public enum QuestionnaireAudience: String, CaseIterable, Sendable {
    case parents, team
}

public enum QuestionnaireError: Error, Equatable, CustomStringConvertible {
    case malformedLine(file: String, line: Int)
    case duplicateID(file: String, line: Int, id: String)
    case itemWithoutKey(file: String, line: Int, id: String)
    case keyOutOfRange(file: String, line: Int, id: String)
    case missingHeader(file: String, name: String)
    case unknownAudience(file: String, value: String)
    case unknownText(file: String, line: Int, key: String)
    case missingTranslation(file: String, keys: [String])
    case badStatus(file: String, line: Int)
    case noDutch(directory: String)
    case mirrorMissing(file: String, id: String)
    case mirrorUnknown(file: String, id: String, mirrors: String)
    case badLanguage(file: String, problem: String)

    public var description: String {
        switch self {
        case let .malformedLine(file, line): "\(file):\(line): expected `key = value`, `item ID key=N` or `open ID`"
        case let .duplicateID(file, line, id): "\(file):\(line): `\(id)` appears twice"
        case let .itemWithoutKey(file, line, id): "\(file):\(line): item `\(id)` has no `key=N`"
        case let .keyOutOfRange(file, line, id): "\(file):\(line): item `\(id)` names a key outside 1…12"
        case let .missingHeader(file, name): "\(file): `\(name) = …` is missing"
        case let .unknownAudience(file, value):
            "\(file): `audience = \(value)` is not one of \(QuestionnaireAudience.allCases.map(\.rawValue).joined(separator: ", "))"
        case let .unknownText(file, line, key): "\(file):\(line): `\(key)` is not a text of this questionnaire"
        case let .missingTranslation(file, keys): "\(file): missing translations for \(keys.joined(separator: ", "))"
        case let .badStatus(file, line): "\(file):\(line): status must be source, reviewed or draft"
        case let .noDutch(directory): "\(directory): nl.txt is missing"
        case let .mirrorMissing(file, id): "\(file): team item `\(id)` does not say which parent item it mirrors (`mirrors=`)"
        case let .mirrorUnknown(file, id, mirrors): "\(file): team item `\(id)` mirrors `\(mirrors)`, which is not a parent item on the same key"
        case let .badLanguage(file, problem): "\(file): \(problem)"
        }
    }
}

extension Questionnaire {
    /// A team questionnaire must mirror the parent one: every team item names a parent item on the same key.
    public func checkMirrors(of parents: Questionnaire, file: String) throws(QuestionnaireError) {
        for item in items {
            guard let mirrored = item.mirrors else { throw .mirrorMissing(file: file, id: item.id) }
            guard let parentItem = parents.item(mirrored), parentItem.key == item.key else {
                throw .mirrorUnknown(file: file, id: item.id, mirrors: mirrored)
            }
        }
    }
}

/// Reads and checks questionnaire files. Any problem stops the program at start, naming file and line.
public enum QuestionnaireParser {
    public static func parse(structure: String, structureFile: String,
                             languages: [(LanguageCode, String, String)]) throws(QuestionnaireError) -> Questionnaire {
        var header: [String: String] = [:]
        var items: [Questionnaire.Item] = []
        var openQuestions: [String] = []
        var seen = Set<String>()
        for (index, rawLine) in structure.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            let words = line.split(separator: " ").map(String.init)
            if words.first == "item", words.count >= 2 {
                let id = words[1]
                guard seen.insert(id).inserted else { throw .duplicateID(file: structureFile, line: number, id: id) }
                guard let keyWord = words.dropFirst(2).first(where: { $0.hasPrefix("key=") }) else {
                    throw .itemWithoutKey(file: structureFile, line: number, id: id)
                }
                guard let key = Int(keyWord.dropFirst(4)), Questionnaire.keys.contains(key) else {
                    throw .keyOutOfRange(file: structureFile, line: number, id: id)
                }
                let mirrors = words.dropFirst(2).first { $0.hasPrefix("mirrors=") }.map { String($0.dropFirst(8)) }
                items.append(.init(id: id, key: key, mirrors: mirrors))
            } else if words.first == "open", words.count == 2 {
                guard seen.insert(words[1]).inserted else { throw .duplicateID(file: structureFile, line: number, id: words[1]) }
                openQuestions.append(words[1])
            } else if let equals = line.firstIndex(of: "=") {
                header[line[..<equals].trimmingCharacters(in: .whitespaces)] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            } else {
                throw .malformedLine(file: structureFile, line: number)
            }
        }
        guard let id = header["id"], !id.isEmpty else { throw .missingHeader(file: structureFile, name: "id") }
        guard let audienceText = header["audience"], !audienceText.isEmpty else { throw .missingHeader(file: structureFile, name: "audience") }
        guard let audience = QuestionnaireAudience(rawValue: audienceText) else {
            throw .unknownAudience(file: structureFile, value: audienceText)
        }
        let draft = Questionnaire(id: id, audience: audience, items: items, openQuestions: openQuestions, texts: [:])
        let expected = draft.expectedTextKeys
        var texts: [LanguageCode: Questionnaire.Texts] = [:]
        for (language, source, file) in languages {
            texts[language] = try parseTexts(source, language: language, file: file, expected: expected)
        }
        guard texts[.nl] != nil else { throw .noDutch(directory: structureFile) }
        return Questionnaire(id: id, audience: audience, items: items, openQuestions: openQuestions, texts: texts)
    }

    static func parseTexts(_ source: String, language: LanguageCode, file: String,
                           expected: [String]) throws(QuestionnaireError) -> Questionnaire.Texts {
        let known = Set(expected)
        var entries: [String: String] = [:]
        var status: Questionnaire.TranslationStatus?
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            let number = index + 1
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else { throw .malformedLine(file: file, line: number) }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty else { throw .malformedLine(file: file, line: number) }
            if LanguageHeader.keys.contains(key) { continue }
            if key == "status" {
                guard let parsed = Questionnaire.TranslationStatus(rawValue: value) else { throw .badStatus(file: file, line: number) }
                status = parsed
                continue
            }
            guard known.contains(key) else { throw .unknownText(file: file, line: number, key: key) }
            guard entries[key] == nil else { throw .duplicateID(file: file, line: number, id: key) }
            entries[key] = value
        }
        guard let status else { throw .missingHeader(file: file, name: "status") }
        let missing = expected.filter { entries[$0] == nil }
        if !missing.isEmpty { throw .missingTranslation(file: file, keys: missing) }
        return .init(language: language, status: status, entries: entries)
    }
}

/// The header a text file of a language that is not built in carries: `language.name = Taqbaylit` (its name in
/// itself) and `language.direction = ltr` or `rtl`. Built-in languages may carry it too; it is then not read.
/// A language parents hear and do not read is declared by a file with only this header and `language.spoken = only`.
public enum LanguageHeader {
    public static let keys: Set<String> = ["language.name", "language.direction", "language.spoken"]

    public static func info(code: String, source: String, file: String) throws(QuestionnaireError) -> LanguageCode.Info {
        var values: [String: String] = [:]
        for rawLine in source.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            if keys.contains(key) { values[key] = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces) }
        }
        guard LanguageCode.isWellFormed(code) else {
            throw .badLanguage(file: file, problem: "`\(code)` is not a language code: name the file after one (2 or 3 lower-case letters)")
        }
        guard let name = values["language.name"], !name.isEmpty else {
            throw .badLanguage(file: file, problem: "`\(code)` is not built in: the file needs `language.name = …` (the language's name in itself)")
        }
        let rightToLeft: Bool
        switch values["language.direction"] ?? "ltr" {
        case "ltr": rightToLeft = false
        case "rtl": rightToLeft = true
        case let other: throw .badLanguage(file: file, problem: "`language.direction = \(other)` must be ltr or rtl")
        }
        switch values["language.spoken"] {
        case nil: return .init(code: code, endonym: name, rightToLeft: rightToLeft)
        case "only": return .init(code: code, endonym: name, rightToLeft: rightToLeft, spokenOnly: true)
        case let other?: throw .badLanguage(file: file, problem: "`language.spoken = \(other)` can only be `only`")
        }
    }
}
