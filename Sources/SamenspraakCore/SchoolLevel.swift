import Foundation

/// The levels of a Flemish primary school.
public enum SchoolLevel: String, CaseIterable, Sendable, Codable, Equatable {
    case kleuter
    case lager

    /// Parses a stored, comma-separated list, keeping the canonical order and dropping unknown entries.
    public static func parseList(_ stored: String) -> [SchoolLevel] {
        let parts = Set(stored.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) })
        return allCases.filter { parts.contains($0.rawValue) }
    }

    public static func storedList(_ levels: [SchoolLevel]) -> String {
        allCases.filter(levels.contains).map(\.rawValue).joined(separator: ",")
    }
}
