import Foundation

/// The parent-facing catalogs a language has, as named in a PO file's `msgctxt` (`survey:item.x`).
public enum ParentCatalog: String, CaseIterable, Sendable, Comparable {
    case survey, rating, card, profile

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One parent-facing text: its catalog and key.
public struct ParentTextID: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var catalog: ParentCatalog
    public var key: String

    public init(_ catalog: ParentCatalog, _ key: String) {
        self.catalog = catalog
        self.key = key
    }

    /// `survey:item.x`, what a PO file carries as `msgctxt`.
    public init?(context: String) {
        guard let colon = context.firstIndex(of: ":"), let catalog = ParentCatalog(rawValue: String(context[..<colon])) else { return nil }
        let key = String(context[context.index(after: colon)...])
        guard !key.isEmpty else { return nil }
        self.init(catalog, key)
    }

    public var context: String { "\(catalog.rawValue):\(key)" }
    public var description: String { context }

    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.catalog, lhs.key) < (rhs.catalog, rhs.key) }
}

/// A text a language must have: the Dutch source it is translated from and the language's current text.
public struct ReviewableText: Equatable, Sendable {
    public var id: ParentTextID
    public var source: String
    public var current: String?

    public init(id: ParentTextID, source: String, current: String?) {
        self.id = id
        self.source = source
        self.current = current
    }
}

/// A reviewed text as stored: the wording, and the Dutch source it was reviewed against.
public struct ReviewedWording: Equatable, Sendable {
    public var source: String
    public var text: String
    public init(source: String, text: String) {
        self.source = source
        self.text = text
    }
}

/// Why an imported file is refused, with the line it concerns (none for a text the file lacks).
public struct TranslationProblem: Error, Equatable, Sendable {
    public enum Kind: String, Sendable, CaseIterable {
        case syntax, incomplete, plural, encoding, noHeader = "no_header", wrongLanguage = "wrong_language"
        case unknownText = "unknown_text", duplicate, missing, empty, placeholders, markup
        case lineBreak = "line_break", fuzzy, sourceChanged = "source_changed"

        /// The catalog key of the reason, with `{line}`, `{text}` and `{detail}` to fill.
        public var catalogKey: String { "languages.problem.\(rawValue)" }
    }

    public var line: Int?
    public var kind: Kind
    /// The text concerned (`survey:item.x`), where there is one.
    public var context: String?
    /// What the reason names: the placeholders expected, the language found.
    public var detail: String?

    public init(line: Int?, kind: Kind, context: String? = nil, detail: String? = nil) {
        self.line = line
        self.kind = kind
        self.context = context
        self.detail = detail
    }
}

/// Every problem of a refused file, in the order of its lines (texts it lacks last).
public struct TranslationRefusal: Error, Equatable, Sendable {
    public var problems: [TranslationProblem]
    public init(_ problems: [TranslationProblem]) { self.problems = problems }
}

/// Export and import of a language's parent-facing texts as PO, and how imported texts replace shipped ones.
public enum TranslationReview {
    /// The entries of the export: msgid the Dutch text, msgstr the language's text (empty where it has none).
    public static func exportEntries(_ texts: [ReviewableText]) -> [POFile.Export] {
        texts.map { text in
            let kept = placeholders(text.source)
            return POFile.Export(context: text.id.context,
                                 comment: kept.isEmpty ? nil : "Keep the placeholders: \(kept.joined(separator: " "))",
                                 source: text.source, translation: text.current ?? "")
        }
    }

    /// The file, ready to save.
    public static func export(language: LanguageCode, texts: [ReviewableText]) -> String {
        POFile.write(language: language.rawValue, entries: exportEntries(texts))
    }

    /// Checks a reviewed file against every text `language` must have. Returns the texts by id, or every problem
    /// found (a broken form of the file stops at its first problem). A reviewed language is complete: a text the
    /// file lacks or leaves empty is refused, as is a fuzzy one (not reviewed), one whose placeholders are not the
    /// Dutch text's, one with markup or a line break, and one whose Dutch source changed since the export.
    public static func check(_ source: String, language: LanguageCode, texts: [ReviewableText])
        -> Result<[ParentTextID: String], TranslationRefusal> {
        let entries: [POFile.Entry]
        do {
            entries = try POFile.parse(source)
        } catch {
            return .failure(TranslationRefusal([TranslationProblem(line: error.line, kind: error.problem)]))
        }
        var problems: [TranslationProblem] = []
        guard let header = entries.first(where: \.isHeader) else {
            return .failure(TranslationRefusal([TranslationProblem(line: 1, kind: .noHeader)]))
        }
        let named = POFile.header("Language", in: header.text) ?? ""
        let base = named.split(whereSeparator: { $0 == "_" || $0 == "-" || $0 == "@" }).first.map(String.init)?.lowercased() ?? ""
        if base != language.rawValue {
            // The line of the `Language:` field, where the file has one.
            let line = source.replacingOccurrences(of: "\r\n", with: "\n").split(separator: "\n", omittingEmptySubsequences: false)
                .firstIndex { $0.trimmingCharacters(in: .whitespaces).hasPrefix("\"Language:") }.map { $0 + 1 } ?? header.line
            problems.append(TranslationProblem(line: line, kind: .wrongLanguage, detail: named.isEmpty ? "–" : named))
        }
        let expected = Dictionary(texts.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        var found: [ParentTextID: String] = [:]
        var seenContexts: Set<String> = []
        for entry in entries where !entry.isHeader {
            let context = entry.context ?? ""
            guard let id = ParentTextID(context: context), let wanted = expected[id] else {
                problems.append(TranslationProblem(line: entry.line, kind: .unknownText, context: context.isEmpty ? entry.id : context))
                continue
            }
            guard seenContexts.insert(context).inserted else {
                problems.append(TranslationProblem(line: entry.line, kind: .duplicate, context: context))
                continue
            }
            let text = entry.text.trimmingCharacters(in: .whitespaces)
            if entry.isFuzzy {
                problems.append(TranslationProblem(line: entry.line, kind: .fuzzy, context: context))
                continue
            }
            if entry.id != wanted.source {
                problems.append(TranslationProblem(line: entry.line, kind: .sourceChanged, context: context))
                continue
            }
            if text.isEmpty {
                problems.append(TranslationProblem(line: entry.textLine, kind: .empty, context: context))
                continue
            }
            if text.contains("<") || text.contains(">") {
                problems.append(TranslationProblem(line: entry.textLine, kind: .markup, context: context))
                continue
            }
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control || $0 == "\u{2028}" || $0 == "\u{2029}" }) {
                problems.append(TranslationProblem(line: entry.textLine, kind: .lineBreak, context: context))
                continue
            }
            let wantedPlaceholders = placeholders(wanted.source)
            if placeholders(text) != wantedPlaceholders {
                problems.append(TranslationProblem(line: entry.textLine, kind: .placeholders, context: context,
                                                   detail: wantedPlaceholders.isEmpty ? "–" : wantedPlaceholders.joined(separator: " ")))
                continue
            }
            found[id] = text
        }
        let answered = Set(seenContexts)
        for text in texts where !answered.contains(text.id.context) {
            problems.append(TranslationProblem(line: nil, kind: .missing, context: text.id.context))
        }
        guard problems.isEmpty else {
            return .failure(TranslationRefusal(problems.sorted { ($0.line ?? .max, $0.context ?? "") < ($1.line ?? .max, $1.context ?? "") }))
        }
        return .success(found)
    }

    /// The `{name}` placeholders of a text, sorted (a text may use one twice, so this is a list).
    public static func placeholders(_ text: String) -> [String] {
        var found: [String] = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }

    /// What an import would change: each text whose wording differs, and how many stay as they are.
    public struct Difference: Equatable, Sendable {
        public struct Change: Equatable, Sendable {
            public var id: ParentTextID
            public var source: String
            public var current: String
            public var new: String
            public init(id: ParentTextID, source: String, current: String, new: String) {
                self.id = id
                self.source = source
                self.current = current
                self.new = new
            }
        }

        public var changes: [Change]
        public var unchanged: Int

        public init(changes: [Change], unchanged: Int) {
            self.changes = changes
            self.unchanged = unchanged
        }
    }

    public static func difference(_ texts: [ReviewableText], imported: [ParentTextID: String]) -> Difference {
        var changes: [Difference.Change] = []
        var unchanged = 0
        for text in texts {
            guard let new = imported[text.id] else { continue }
            if new == text.current {
                unchanged += 1
            } else {
                changes.append(.init(id: text.id, source: text.source, current: text.current ?? "", new: new))
            }
        }
        return Difference(changes: changes, unchanged: unchanged)
    }

    /// A shipped catalog's texts of one language with the reviewed texts stored for it laid over them.
    ///
    /// A reviewed text counts only for a key the catalog still has and only while the Dutch text is the one it was
    /// reviewed against (an upgrade may change either); every other key keeps the shipped text. The language is
    /// `reviewed` in this catalog when every key has a reviewed text; after an upgrade that adds keys it keeps the
    /// shipped file's status until the next review, and `unreviewed` says how many texts wait for one.
    public static func apply(shipped: Questionnaire.Texts, dutch: Questionnaire.Texts, expected: [String],
                             reviewed: [String: ReviewedWording]) -> (texts: Questionnaire.Texts, unreviewed: Int) {
        guard !reviewed.isEmpty, shipped.status != .source else { return (shipped, 0) }
        var entries = shipped.entries
        var unreviewed = 0
        for key in expected {
            if let wording = reviewed[key], wording.source == dutch.entries[key],
               placeholders(wording.text) == placeholders(wording.source) {
                entries[key] = wording.text
            } else {
                unreviewed += 1
            }
        }
        let status: Questionnaire.TranslationStatus = unreviewed == 0 ? .reviewed : shipped.status
        return (Questionnaire.Texts(language: shipped.language, status: status, entries: entries), unreviewed)
    }
}

/// The languages page, after a reviewed file was saved.
public enum LanguageNotice: String, SavedNotice {
    case reviewed
    public var catalogKey: String { "languages.saved" }
}
