import Foundation

/// A language Samenspraak can speak. Staff pages use `staffLanguages`; parent pages may use all of them.
public enum LanguageCode: String, CaseIterable, Sendable, Codable, Equatable, Comparable {
    case nl, fr, en, ar, tr, bg, pl, ro, sk, uk

    public static let staffLanguages: [LanguageCode] = [.nl, .en]
    public static let `default`: LanguageCode = .nl

    /// The language's name in itself, as a parent should recognise it.
    public var endonym: String {
        switch self {
        case .nl: "Nederlands"
        case .fr: "Français"
        case .en: "English"
        case .ar: "العربية"
        case .tr: "Türkçe"
        case .bg: "Български"
        case .pl: "Polski"
        case .ro: "Română"
        case .sk: "Slovenčina"
        case .uk: "Українська"
        }
    }

    public var isRightToLeft: Bool { self == .ar }

    public static func < (lhs: LanguageCode, rhs: LanguageCode) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
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
