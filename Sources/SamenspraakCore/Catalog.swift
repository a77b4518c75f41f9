import Foundation

/// The interface texts of one language: `key = value` lines, `#` for comments.
/// Placeholders are written `{name}` and filled by `text(_:_:)`.
public struct Catalog: Equatable, Sendable {
    public let language: LanguageCode
    public private(set) var entries: [String: String]

    public init(language: LanguageCode, entries: [String: String]) {
        self.language = language
        self.entries = entries
    }

    /// Parses a catalog file. Throws with the file and line of the first malformed or duplicate entry.
    public init(language: LanguageCode, source: String, fileName: String) throws(CatalogError) {
        self.language = language
        self.entries = [:]
        for (index, rawLine) in source.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            guard let equals = line.firstIndex(of: "=") else {
                throw .malformedLine(file: fileName, line: index + 1)
            }
            let key = line[..<equals].trimmingCharacters(in: .whitespaces)
            let value = line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            guard !key.isEmpty, !value.isEmpty else { throw .malformedLine(file: fileName, line: index + 1) }
            guard entries[key] == nil else { throw .duplicateKey(file: fileName, line: index + 1, key: key) }
            entries[key] = value.replacingOccurrences(of: "\\n", with: "\n")
        }
    }

    /// The text for `key`, with `{name}` placeholders filled. A missing key shows itself, so it is noticed.
    public func text(_ key: String, _ values: [String: String] = [:]) -> String {
        Placeholders.fill(entries[key] ?? key, values)
    }

    public func has(_ key: String) -> Bool { entries[key] != nil }

    /// Keys present in `reference` but missing here.
    public func missingKeys(comparedTo reference: Catalog) -> [String] {
        reference.entries.keys.filter { entries[$0] == nil }.sorted()
    }
}

public enum CatalogError: Error, Equatable, CustomStringConvertible {
    case malformedLine(file: String, line: Int)
    case duplicateKey(file: String, line: Int, key: String)
    case missingKeys(file: String, keys: [String])
    case missingFile(String)

    public var description: String {
        switch self {
        case let .malformedLine(file, line): "\(file):\(line): expected `key = value`"
        case let .duplicateKey(file, line, key): "\(file):\(line): key `\(key)` appears twice"
        case let .missingKeys(file, keys): "\(file): missing translations for \(keys.joined(separator: ", "))"
        case let .missingFile(file): "\(file): catalog file not found"
        }
    }
}

/// All loaded catalogs, with the rule for which language a request gets.
public struct Catalogs: Sendable, Equatable {
    public let byLanguage: [LanguageCode: Catalog]

    /// Staff languages must be complete against Dutch, the reference; others may be partial and fall back.
    public init(_ catalogs: [Catalog], fileName: (LanguageCode) -> String) throws(CatalogError) {
        var map: [LanguageCode: Catalog] = [:]
        for catalog in catalogs { map[catalog.language] = catalog }
        guard let reference = map[.nl] else { throw .missingFile(fileName(.nl)) }
        for language in LanguageCode.staffLanguages {
            guard let catalog = map[language] else { throw .missingFile(fileName(language)) }
            let missing = catalog.missingKeys(comparedTo: reference)
            if !missing.isEmpty { throw .missingKeys(file: fileName(language), keys: missing) }
        }
        self.byLanguage = map
    }

    public var available: [LanguageCode] { LanguageCode.allCases.filter { byLanguage[$0] != nil } }

    /// A localizer for `language`, falling back to Dutch for texts a partial catalog lacks.
    public func localizer(_ language: LanguageCode) -> Localizer {
        let reference = byLanguage[.nl] ?? Catalog(language: .nl, entries: [:])
        guard let catalog = byLanguage[language] else { return Localizer(catalog: reference, fallback: reference) }
        return Localizer(catalog: catalog, fallback: reference)
    }
}

/// Looks texts up for one language. Views receive one of these inside their model.
public struct Localizer: Equatable, Sendable {
    public let catalog: Catalog
    public let fallback: Catalog

    public init(catalog: Catalog, fallback: Catalog) {
        self.catalog = catalog
        self.fallback = fallback
    }

    public var language: LanguageCode { catalog.language }

    public func callAsFunction(_ key: String, _ values: [String: String] = [:]) -> String {
        catalog.has(key) ? catalog.text(key, values) : fallback.text(key, values)
    }

    /// A localizer that returns the key itself: handy in tests that check structure, not wording.
    public static let keys = Localizer(catalog: Catalog(language: .nl, entries: [:]),
                                       fallback: Catalog(language: .nl, entries: [:]))
}

/// Fills `{name}` placeholders in one pass over the template: a value is put in as it is and never read again,
/// so a name or a search someone typed that holds `{count}` is shown as typed, whatever the order of the values.
public enum Placeholders {
    public static func fill(_ template: String, _ values: [String: String]) -> String {
        guard !values.isEmpty, template.contains("{") else { return template }
        var result = ""
        var rest = template[...]
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            let afterOpen = rest.index(after: open)
            if let close = rest[afterOpen...].firstIndex(of: "}"), let value = values[String(rest[afterOpen..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result += "{"
                rest = rest[afterOpen...]
            }
        }
        return result + rest
    }
}
