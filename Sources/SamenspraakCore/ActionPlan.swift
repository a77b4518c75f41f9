import Foundation

/// Where an action of a school's plan stands.
public enum ActionStatus: String, CaseIterable, Sendable, Codable, Equatable {
    case planned, busy, done, dropped
}

/// An action as the team typed it, checked before anything is stored. Messages are catalog keys.
public struct ActionDraft: Equatable, Sendable {
    public var key: String
    public var what: String
    public var who: String
    public var dueOn: String
    public var status: String
    public var note: String

    public init(key: String = "", what: String = "", who: String = "", dueOn: String = "", status: String = ActionStatus.planned.rawValue,
                note: String = "") {
        self.key = key
        self.what = what
        self.who = who
        self.dueOn = dueOn
        self.status = status
        self.note = note
    }

    public struct Valid: Equatable, Sendable {
        public var key: Int
        public var what: String
        public var who: String
        public var due: Day
        public var status: ActionStatus
        public var note: String?
        public init(key: Int, what: String, who: String, due: Day, status: ActionStatus, note: String?) {
            self.key = key
            self.what = what
            self.who = who
            self.due = due
            self.status = status
            self.note = note
        }
    }

    public static let maximumWhat = 300
    public static let maximumWho = 120
    public static let maximumNote = 1000

    /// `keys`: the plan's chosen keys; an action belongs to one of them.
    public func validate(keys: [Int]) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        let key = Int(key)
        if key == nil || !keys.contains(key ?? 0) { errors["key"] = "error.plan_key" }
        Validate.requiredText(what, field: "what", maxLength: Self.maximumWhat, into: &errors)
        Validate.requiredText(who, field: "who", maxLength: Self.maximumWho, into: &errors)
        let due = Day(iso: dueOn)
        if dueOn.trimmingCharacters(in: .whitespaces).isEmpty { errors["due_on"] = "error.required" }
        else if due == nil { errors["due_on"] = "error.date" }
        let status = ActionStatus(rawValue: status)
        if status == nil { errors["status"] = "error.plan_status" }
        let noteText = note.trimmingCharacters(in: .whitespacesAndNewlines)
        if noteText.count > Self.maximumNote { errors["note"] = "error.too_long" }
        else if noteText.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
            errors["note"] = "error.invalid_characters"
        }
        guard errors.isEmpty, let key, let due, let status else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(key: key, what: what.trimmingCharacters(in: .whitespacesAndNewlines),
                              who: who.trimmingCharacters(in: .whitespacesAndNewlines), due: due, status: status,
                              note: noteText.isEmpty ? nil : noteText.replacingOccurrences(of: "\r\n", with: "\n")))
    }
}

/// The keys a plan works on: one to three of the 12.
public enum PlanKeys {
    public static let maximum = 3

    public static func validate(_ values: [String]) -> Result<[Int], FieldErrorsBox> {
        let keys = values.compactMap(Int.init)
        guard !values.isEmpty, keys.count == values.count, keys.allSatisfy(Questionnaire.keys.contains) else {
            return .failure(FieldErrorsBox(["keys": "error.plan_keys"]))
        }
        let unique = Array(Set(keys)).sorted()
        guard unique.count <= maximum else { return .failure(FieldErrorsBox(["keys": "error.plan_keys_many"])) }
        return .success(unique)
    }
}

/// A key of the plan from its first survey to its latest: the figures, and whether the change is larger than the uncertainty.
public struct KeyProgress: Equatable, Sendable {
    public let key: Int
    public let before: Score?
    public let now: Score?

    public init(key: Int, before: Score?, now: Score?) {
        self.key = key
        self.before = before
        self.now = now
    }

    /// The change in points, when both figures are known.
    public var change: Int? {
        guard let before, let now else { return nil }
        return Int((now.value - before.value).rounded())
    }

    public var isClear: Bool {
        guard let before, let now else { return false }
        return now.differsClearly(from: before)
    }
}
