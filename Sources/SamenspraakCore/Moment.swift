import Foundation

/// The kinds of contact moment parents can rate. Each kind has its own short lists of chips.
public enum MomentKind: String, CaseIterable, Sendable, Codable, Equatable {
    case oudercontact, infoavond, schoolfeest, huisbezoek, koffiemoment, other
}

/// A moment as a team member typed it, checked before anything is stored. Validation messages are catalog keys.
public struct MomentDraft: Equatable, Sendable {
    public var kind: String
    public var title: String
    public var startsOn: String
    public var endsOn: String
    public var group: String
    public var keys: [String]
    public var windowDays: String

    public init(kind: String = MomentKind.oudercontact.rawValue, title: String = "", startsOn: String = "", endsOn: String = "",
                group: String = "", keys: [String] = [], windowDays: String = String(MomentWindow.defaultDays)) {
        self.kind = kind
        self.title = title
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.group = group
        self.keys = keys
        self.windowDays = windowDays
    }

    public struct Valid: Equatable, Sendable {
        public var kind: MomentKind
        public var title: String
        public var starts: Day
        public var ends: Day
        public var group: String?
        public var keys: [Int]
        public var windowDays: Int
        public init(kind: MomentKind, title: String, starts: Day, ends: Day, group: String?, keys: [Int], windowDays: Int) {
            self.kind = kind
            self.title = title
            self.starts = starts
            self.ends = ends
            self.group = group
            self.keys = keys
            self.windowDays = windowDays
        }
    }

    public static let maximumTitle = 120
    public static let maximumGroup = 80
    /// A moment spans at most this many days (a week of oudercontacten fits easily).
    public static let maximumSpan = 31

    public func validate() -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        let kind = MomentKind(rawValue: kind)
        if kind == nil { errors["kind"] = "error.moment_kind" }
        Validate.requiredText(title, field: "title", maxLength: Self.maximumTitle, into: &errors)
        let groupText = group.trimmingCharacters(in: .whitespacesAndNewlines)
        if groupText.count > Self.maximumGroup { errors["group"] = "error.too_long" }
        else if groupText.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) { errors["group"] = "error.invalid_characters" }
        let starts = Day(iso: startsOn)
        if startsOn.trimmingCharacters(in: .whitespaces).isEmpty { errors["starts_on"] = "error.required" }
        else if starts == nil { errors["starts_on"] = "error.date" }
        var ends = starts
        if !endsOn.trimmingCharacters(in: .whitespaces).isEmpty {
            ends = Day(iso: endsOn)
            if ends == nil { errors["ends_on"] = "error.date" }
            else if let starts, let ends, ends < starts { errors["ends_on"] = "error.moment_order" }
            else if let starts, let ends, ends.ordinal - starts.ordinal > Self.maximumSpan { errors["ends_on"] = "error.moment_too_long" }
        }
        let parsedKeys = keys.compactMap(Int.init)
        if keys.isEmpty { errors["keys"] = "error.moment_keys" }
        else if parsedKeys.count != keys.count || !parsedKeys.allSatisfy(Questionnaire.keys.contains) { errors["keys"] = "error.moment_keys" }
        let window = Int(windowDays.trimmingCharacters(in: .whitespaces))
        if window == nil || !MomentWindow.allowedDays.contains(window ?? 0) { errors["window_days"] = "error.moment_window" }
        guard errors.isEmpty, let kind, let starts, let ends, let window else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(kind: kind, title: title.trimmingCharacters(in: .whitespacesAndNewlines), starts: starts, ends: ends,
                              group: groupText.isEmpty ? nil : groupText, keys: Array(Set(parsedKeys)).sorted(), windowDays: window))
    }
}

/// When parents can rate a moment: from its first day until `days` after its last day.
public struct MomentWindow: Equatable, Sendable {
    public static let defaultDays = 14
    public static let allowedDays = 1...60

    public let starts: Day
    public let ends: Day
    public let days: Int

    public init(starts: Day, ends: Day, days: Int) {
        self.starts = starts
        self.ends = ends
        self.days = days
    }

    /// The last day a rating is taken.
    public var closes: Day { ends.adding(days: days) }

    public enum State: String, Equatable, Sendable { case notYet = "not_yet", open, closed }

    public func state(on day: Day) -> State {
        day < starts ? .notYet : (day > closes ? .closed : .open)
    }
}

/// A lowercase URL part made from a name: "Basisschool De Regenboog" → "basisschool-de-regenboog".
public enum Slug {
    public static func make(_ text: String, maximumLength: Int = 60) -> String {
        let folded = text.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil).lowercased()
        var result = ""
        var pendingDash = false
        for scalar in folded.unicodeScalars {
            let isAllowed = ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
            if isAllowed {
                if pendingDash && !result.isEmpty { result.append("-") }
                result.unicodeScalars.append(scalar)
                pendingDash = false
            } else {
                pendingDash = true
            }
        }
        var trimmed = String(result.prefix(maximumLength))
        while trimmed.hasSuffix("-") { trimmed.removeLast() }
        return trimmed
    }
}
