import Foundation

/// A gettext PO file, the format Poedit and translation platforms open: the writer for exports and a strict reader
/// for imports. Only what Samenspraak's texts need: one `msgctxt` per text, no plural forms.
public enum POFile {
    /// One entry as read, with the line it starts on (its first comment, context or msgid).
    public struct Entry: Equatable, Sendable {
        public var line: Int
        public var context: String?
        public var id: String
        public var text: String
        public var flags: [String]
        /// The line of the `msgstr`, where a problem with the translation is reported.
        public var textLine: Int

        public init(line: Int, context: String?, id: String, text: String, flags: [String] = [], textLine: Int? = nil) {
            self.line = line
            self.context = context
            self.id = id
            self.text = text
            self.flags = flags
            self.textLine = textLine ?? line
        }

        public var isFuzzy: Bool { flags.contains("fuzzy") }
        /// The header entry: empty msgid, no context.
        public var isHeader: Bool { context == nil && id.isEmpty }
    }

    /// One entry to write.
    public struct Export: Equatable, Sendable {
        public var context: String
        public var comment: String?
        public var source: String
        public var translation: String

        public init(context: String, comment: String? = nil, source: String, translation: String) {
            self.context = context
            self.comment = comment
            self.source = source
            self.translation = translation
        }
    }

    public static let generator = "Samenspraak"

    // MARK: writing

    /// The file: a header entry (UTF-8, the language, a harmless plural rule), then one entry per text.
    public static func write(language: String, entries: [Export]) -> String {
        var out = "# Samenspraak: parent-facing texts. msgid is the Dutch source, msgstr the translation.\n"
        out += "msgid \"\"\nmsgstr \"\"\n"
        for header in ["Project-Id-Version: Samenspraak", "Language: \(language)", "MIME-Version: 1.0",
                       "Content-Type: text/plain; charset=UTF-8", "Content-Transfer-Encoding: 8bit",
                       "Plural-Forms: nplurals=2; plural=(n != 1);", "X-Generator: \(generator)"] {
            out += quoted(header + "\n") + "\n"
        }
        for entry in entries {
            out += "\n"
            if let comment = entry.comment {
                for line in comment.split(separator: "\n", omittingEmptySubsequences: false) { out += "#. \(line)\n" }
            }
            out += "msgctxt \(quoted(entry.context))\n"
            out += "msgid \(quoted(entry.source))\n"
            out += "msgstr \(quoted(entry.translation))\n"
        }
        return out
    }

    /// A C string literal as PO writes it.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\"": out += "\\\""
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "\""
    }

    // MARK: reading

    /// What is wrong with a file's form; nothing of it is used.
    public struct SyntaxError: Error, Equatable, Sendable {
        public var line: Int
        public var problem: TranslationProblem.Kind
        public init(line: Int, problem: TranslationProblem.Kind) {
            self.line = line
            self.problem = problem
        }
    }

    /// Reads the entries of a file, refusing anything that is not plain PO: an unknown keyword, a string that is not
    /// closed or holds an unknown escape, a plural form, an entry without msgid or msgstr. Obsolete entries (`#~`)
    /// are skipped, as gettext does.
    public static func parse(_ source: String) throws(SyntaxError) -> [Entry] {
        // Windows line ends: a Swift `Character` holds "\r\n" as one, so they are made plain first.
        var text = source.replacingOccurrences(of: "\r\n", with: "\n")
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        var entries: [Entry] = []
        var current: Builder?
        var field: Field?

        func finish() throws(SyntaxError) {
            guard let builder = current else { return }
            current = nil
            field = nil
            if builder.isEmpty { return }
            guard let id = builder.id, let string = builder.text else {
                throw SyntaxError(line: builder.line, problem: .incomplete)
            }
            entries.append(Entry(line: builder.line, context: builder.context, id: id, text: string, flags: builder.flags,
                                 textLine: builder.textLine))
        }

        for (index, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let number = index + 1
            let trimmed = rawLine.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty {
                try finish()
                continue
            }
            if trimmed.hasPrefix("#") {
                // A comment after a complete entry begins the next one.
                if current?.text != nil { try finish() }
                if trimmed.hasPrefix("#~") { continue }
                if current == nil { current = Builder(line: number) }
                if trimmed.hasPrefix("#,") {
                    current?.flags += trimmed.dropFirst(2).split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
                }
                field = nil
                continue
            }
            if trimmed.hasPrefix("\"") {
                guard let open = field else { throw SyntaxError(line: number, problem: .syntax) }
                let value = try literal(trimmed, line: number)
                switch open {
                case .context: current?.context? += value
                case .id: current?.id? += value
                case .text: current?.text? += value
                }
                continue
            }
            guard let space = trimmed.firstIndex(where: { $0 == " " || $0 == "\t" }) else { throw SyntaxError(line: number, problem: .syntax) }
            let keyword = String(trimmed[..<space])
            let value = try literal(trimmed[space...].trimmingCharacters(in: .whitespaces), line: number)
            switch keyword {
            case "msgctxt":
                if current?.text != nil || current?.context != nil || current?.id != nil { try finish() }
                if current == nil { current = Builder(line: number) }
                current?.context = value
                field = .context
            case "msgid":
                if current?.text != nil || current?.id != nil { try finish() }
                if current == nil { current = Builder(line: number) }
                current?.id = value
                field = .id
            case "msgstr":
                guard current?.id != nil, current?.text == nil else { throw SyntaxError(line: number, problem: .syntax) }
                current?.text = value
                current?.textLine = number
                field = .text
            case "msgid_plural":
                throw SyntaxError(line: number, problem: .plural)
            default:
                if keyword.hasPrefix("msgstr[") { throw SyntaxError(line: number, problem: .plural) }
                throw SyntaxError(line: number, problem: .syntax)
            }
        }
        try finish()
        return entries
    }

    /// The value of one `"…"` literal, the whole of `text`.
    static func literal(_ text: String, line: Int) throws(SyntaxError) -> String {
        guard text.count >= 2, text.hasPrefix("\""), text.hasSuffix("\"") else { throw SyntaxError(line: line, problem: .syntax) }
        var out = ""
        var escaping = false
        for character in text.dropFirst().dropLast() {
            if escaping {
                switch character {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                case "\"": out.append("\"")
                case "\\": out.append("\\")
                default: throw SyntaxError(line: line, problem: .syntax)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else if character == "\"" {
                throw SyntaxError(line: line, problem: .syntax)
            } else {
                out.append(character)
            }
        }
        guard !escaping else { throw SyntaxError(line: line, problem: .syntax) }
        return out
    }

    /// The value of a header field (`Language`) in the header entry's text.
    public static func header(_ name: String, in headerText: String) -> String? {
        for line in headerText.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":") else { continue }
            if line[..<colon].trimmingCharacters(in: .whitespaces).lowercased() == name.lowercased() {
                return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return nil
    }

    private enum Field { case context, id, text }

    private struct Builder {
        var line: Int
        var context: String?
        var id: String?
        var text: String?
        var textLine = 0
        var flags: [String] = []
        var isEmpty: Bool { context == nil && id == nil && text == nil }
    }
}
