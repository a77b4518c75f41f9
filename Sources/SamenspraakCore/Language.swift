import Foundation
import Synchronization

/// A language Samenspraak can speak. Staff pages use `staffLanguages`; parent pages may use all of them.
///
/// The languages shipped are built in (`builtIn`, in the order parents see them). Another one is added by adding its
/// text files, without a change to the program: a file whose name is a language code not built in carries its name
/// and direction in its header (`language.name = …`, `language.direction = rtl`), and the loader `register`s it
/// before the texts are read. A code is only ever one that was built in or registered, so a `lang` from a request
/// cannot be anything else, and it is safe in an address or an attribute (lower-case letters, digits and dashes).
public struct LanguageCode: RawRepresentable, Hashable, Sendable, Codable, Comparable, CustomStringConvertible {
    public let rawValue: String

    /// The language of `rawValue`, if it is built in or was registered.
    public init?(rawValue: String) {
        guard Self.registry.withLock({ $0.index[rawValue] != nil }) else { return nil }
        self.rawValue = rawValue
    }

    private init(builtIn code: String) { rawValue = code }

    public static let nl = LanguageCode(builtIn: "nl")
    public static let fr = LanguageCode(builtIn: "fr")
    public static let en = LanguageCode(builtIn: "en")
    public static let ar = LanguageCode(builtIn: "ar")
    public static let tr = LanguageCode(builtIn: "tr")
    public static let bg = LanguageCode(builtIn: "bg")
    public static let pl = LanguageCode(builtIn: "pl")
    public static let ro = LanguageCode(builtIn: "ro")
    public static let sk = LanguageCode(builtIn: "sk")
    public static let uk = LanguageCode(builtIn: "uk")
    public static let ru = LanguageCode(builtIn: "ru")
    /// Dari (Afghan Persian).
    public static let prs = LanguageCode(builtIn: "prs")
    public static let ps = LanguageCode(builtIn: "ps")
    public static let ti = LanguageCode(builtIn: "ti")
    public static let so = LanguageCode(builtIn: "so")

    public static let staffLanguages: [LanguageCode] = [.nl, .en]
    public static let `default`: LanguageCode = .nl

    /// What is known of a language besides its code.
    public struct Info: Equatable, Sendable {
        public var code: String
        /// The language's name in itself, as a parent should recognise it.
        public var endonym: String
        public var rightToLeft: Bool
        /// A language parents hear and do not read: it has no written texts, only a school's recordings of every
        /// text (see `VoiceScript`), played beside the Dutch text shown small.
        public var spokenOnly: Bool
        public init(code: String, endonym: String, rightToLeft: Bool, spokenOnly: Bool = false) {
            self.code = code
            self.endonym = endonym
            self.rightToLeft = rightToLeft
            self.spokenOnly = spokenOnly
        }
    }

    /// The languages shipped, in the order they are listed to parents.
    public static let builtInInfo: [Info] = [
        .init(code: "nl", endonym: "Nederlands", rightToLeft: false),
        .init(code: "fr", endonym: "Français", rightToLeft: false),
        .init(code: "en", endonym: "English", rightToLeft: false),
        .init(code: "ar", endonym: "العربية", rightToLeft: true),
        .init(code: "tr", endonym: "Türkçe", rightToLeft: false),
        .init(code: "bg", endonym: "Български", rightToLeft: false),
        .init(code: "pl", endonym: "Polski", rightToLeft: false),
        .init(code: "ro", endonym: "Română", rightToLeft: false),
        .init(code: "sk", endonym: "Slovenčina", rightToLeft: false),
        .init(code: "uk", endonym: "Українська", rightToLeft: false),
        .init(code: "ru", endonym: "Русский", rightToLeft: false),
        .init(code: "prs", endonym: "دری", rightToLeft: true),
        .init(code: "ps", endonym: "پښتو", rightToLeft: true),
        .init(code: "ti", endonym: "ትግርኛ", rightToLeft: false),
        .init(code: "so", endonym: "Soomaali", rightToLeft: false),
    ]

    /// Languages many families speak at home and few read: a school offers one once it has recorded every text.
    /// The name is the one parents use for their language; it is also said aloud (a recording) where it is listed.
    public static let spokenOnlyInfo: [Info] = [
        Info(code: "ary", endonym: "الدارجة", rightToLeft: true, spokenOnly: true),  // Moroccan Arabic (Darija)
        Info(code: "rif", endonym: "Tarifit", rightToLeft: false, spokenOnly: true),  // Riffian (Tarifit Berber)
        Info(code: "rom", endonym: "Romanes", rightToLeft: false, spokenOnly: true),  // Romani
    ]

    public static var builtIn: [LanguageCode] { builtInInfo.map { LanguageCode(builtIn: $0.code) } }

    /// The spoken-only languages known: those built in and those registered from files (`language.spoken = only`).
    public static var spokenOnly: [LanguageCode] { allCases.filter(\.isSpokenOnly) }

    /// Every language known: the built-in ones, then those registered, by code.
    public static var allCases: [LanguageCode] { registry.withLock { $0.ordered.map { LanguageCode(builtIn: $0.code) } } }

    public var info: Info {
        Self.registry.withLock { registry in registry.index[rawValue].map { registry.ordered[$0] } }
            ?? Info(code: rawValue, endonym: rawValue, rightToLeft: false)
    }

    /// The language's name in itself, as a parent should recognise it.
    public var endonym: String { info.endonym }

    public var isRightToLeft: Bool { info.rightToLeft }

    public var isSpokenOnly: Bool { info.spokenOnly }

    public var description: String { rawValue }

    /// Whether `code` may name a language: 2 or 3 lower-case letters, optionally a dash and 2 to 8 letters or digits.
    public static func isWellFormed(_ code: String) -> Bool {
        let parts = code.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count <= 2, let primary = parts.first, (2...3).contains(primary.count),
              primary.allSatisfy({ $0.isASCII && $0.isLowercase }) else { return false }
        if parts.count == 2 {
            let sub = parts[1]
            return (2...8).contains(sub.count) && sub.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber) }
        }
        return true
    }

    public enum RegistrationError: Error, Equatable, CustomStringConvertible {
        case malformedCode(String)
        case badName(code: String)
        case conflicts(code: String)

        public var description: String {
            switch self {
            case let .malformedCode(code): "`\(code)` is not a language code (2 or 3 lower-case letters, optionally -xx)"
            case let .badName(code): "language `\(code)` needs a name of 1 to 40 characters without markup"
            case let .conflicts(code): "language `\(code)` is already known with another name or direction"
            }
        }
    }

    /// Makes `info.code` a known language, after the built-in ones. Registering the same language again is a no-op;
    /// a built-in or earlier one cannot be renamed.
    @discardableResult
    public static func register(_ info: Info) throws(RegistrationError) -> LanguageCode {
        guard isWellFormed(info.code) else { throw .malformedCode(info.code) }
        let name = info.endonym.trimmingCharacters(in: .whitespaces)
        guard (1...40).contains(name.count), !name.contains(where: { "<>&\"'\n".contains($0) }) else { throw .badName(code: info.code) }
        let clean = Info(code: info.code, endonym: name, rightToLeft: info.rightToLeft, spokenOnly: info.spokenOnly)
        let accepted = registry.withLock { registry -> Bool in
            if let index = registry.index[clean.code] { return registry.ordered[index] == clean }
            registry.add(clean)
            return true
        }
        guard accepted else { throw .conflicts(code: info.code) }
        return LanguageCode(builtIn: clean.code)
    }

    private struct Registry: Sendable {
        var ordered: [Info] = []
        var index: [String: Int] = [:]
        let builtInCount: Int

        init(_ builtIns: [Info]) {
            builtInCount = builtIns.count
            for info in builtIns { add(info) }
        }

        mutating func add(_ info: Info) {
            index[info.code] = ordered.count
            ordered.append(info)
            // Registered languages follow the built-in ones by code, whatever order their files were read in.
            if ordered.count > builtInCount {
                let registered = ordered[builtInCount...].sorted { $0.code < $1.code }
                ordered.replaceSubrange(builtInCount..., with: registered)
                for (offset, entry) in ordered.enumerated() { index[entry.code] = offset }
            }
        }
    }

    private static let registry = Mutex(Registry(builtInInfo + spokenOnlyInfo))

    public static func < (lhs: LanguageCode, rhs: LanguageCode) -> Bool {
        registry.withLock { ($0.index[lhs.rawValue] ?? Int.max, lhs.rawValue) < ($0.index[rhs.rawValue] ?? Int.max, rhs.rawValue) }
    }

    /// Parses a stored, comma-separated list, keeping the canonical order and dropping unknown codes.
    public static func parseList(_ stored: String) -> [LanguageCode] {
        let parts = Set(stored.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() })
        return allCases.filter { parts.contains($0.rawValue) }
    }

    public static func storedList(_ languages: [LanguageCode]) -> String {
        allCases.filter(languages.contains).map(\.rawValue).joined(separator: ",")
    }
}

/// Chooses a language from an `Accept-Language` header (RFC 9110 §12.5.4) among the supported ones.
public enum AcceptLanguage {
    public static func best(header: String?, supported: [LanguageCode]) -> LanguageCode? {
        guard let header, !header.isEmpty else { return nil }
        var ranked: [(tag: String, q: Double, order: Int)] = []
        for (order, part) in header.split(separator: ",").enumerated() {
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
            guard let tag = pieces.first?.lowercased(), !tag.isEmpty else { continue }
            var q = 1.0
            for parameter in pieces.dropFirst() where parameter.lowercased().hasPrefix("q=") {
                q = Double(parameter.dropFirst(2)) ?? 0
            }
            if q > 0 { ranked.append((tag, q, order)) }
        }
        ranked.sort { $0.q != $1.q ? $0.q > $1.q : $0.order < $1.order }
        for entry in ranked {
            if entry.tag == "*" { return supported.first }
            let primary = entry.tag.split(separator: "-").first.map(String.init) ?? entry.tag
            if let match = supported.first(where: { $0.rawValue == primary }) { return match }
        }
        return nil
    }
}
