import Foundation

/// Validation messages are catalog keys, so each form can show them in the user's language.
public typealias FieldErrors = [String: String]

public enum Validate {
    /// Trims and checks a required, single-line text of at most `maxLength` characters.
    public static func requiredText(_ value: String, field: String, maxLength: Int, into errors: inout FieldErrors) {
        let trimmed = value.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty {
            errors[field] = "error.required"
        } else if trimmed.count > maxLength {
            errors[field] = "error.too_long"
        } else if trimmed.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) {
            errors[field] = "error.invalid_characters"
        }
    }

    /// Whether a typed text holds a control character; line breaks and tabs are allowed where a text may have lines.
    public static func hasControlCharacters(_ value: String, allowingLineBreaks: Bool = true) -> Bool {
        value.unicodeScalars.contains { scalar in
            scalar.properties.generalCategory == .control && !(allowingLineBreaks && ["\n", "\r", "\t"].contains(scalar))
        }
    }

    /// A plausible e-mail address: one `@`, something before, a dotted domain after, no spaces.
    public static func isEmail(_ value: String) -> Bool {
        let trimmed = value.trimmingCharacters(in: .whitespaces)
        guard trimmed.count <= 254, !trimmed.contains(where: \.isWhitespace) else { return false }
        let parts = trimmed.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    public static func email(_ value: String, field: String = "email", into errors: inout FieldErrors) {
        if value.trimmingCharacters(in: .whitespaces).isEmpty {
            errors[field] = "error.required"
        } else if !isEmail(value) {
            errors[field] = "error.email"
        }
    }

    public static let minimumPasswordLength = 10

    /// A new password: long enough, not absurdly long (bcrypt reads 72 bytes), confirmed.
    public static func newPassword(_ password: String, confirmation: String, into errors: inout FieldErrors) {
        if password.count < minimumPasswordLength {
            errors["password"] = "error.password_short"
        } else if password.utf8.count > 72 {
            errors["password"] = "error.password_long"
        } else if password != confirmation {
            errors["password_confirmation"] = "error.password_mismatch"
        }
    }

    public static func normalizedEmail(_ value: String) -> String {
        value.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}

/// A day in the calendar, without time or zone: what a trajectory's period and phases need. Stored and encoded as
/// its `YYYY-MM-DD` text, which sorts like the days do; decoding anything else throws, so a damaged value fails
/// loudly instead of turning into some other day.
public struct Day: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// Parses `YYYY-MM-DD` (what `<input type="date">` sends); nil for anything else or an impossible date.
    public init?(iso: String) {
        let parts = iso.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
              (1...12).contains(m), d >= 1, d <= Day.daysIn(month: m, year: y) else { return nil }
        self.init(year: y, month: m, day: d)
    }

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    public var description: String {
        String(format: "%04d-%02d-%02d", year, month, day)
    }

    public static func < (a: Day, b: Day) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 (proleptic Gregorian), for spreading phases over a period.
    public var ordinal: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    public init(ordinal: Int) {
        let z = ordinal + 719468
        let era = (z >= 0 ? z : z - 146096) / 146097
        let doe = z - era * 146097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let day = Day(iso: text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a day as YYYY-MM-DD: \(text.debugDescription)")
        }
        self = day
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
