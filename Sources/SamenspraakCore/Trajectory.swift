/// The phases of a trajectory, in the order the seed describes them.
public enum PhaseKind: String, CaseIterable, Sendable, Codable, Equatable {
    case workshop
    case parentSurvey = "parent_survey"
    case teamSurvey = "team_survey"
    case reports
    case actionPlans = "action_plans"
    case stories
}

public struct Phase: Equatable, Sendable, Codable {
    public var kind: PhaseKind
    public var starts: Day
    public var ends: Day

    public init(kind: PhaseKind, starts: Day, ends: Day) {
        self.kind = kind
        self.starts = starts
        self.ends = ends
    }

    public enum Status: String, Equatable, Sendable { case done, now, later }

    public func status(on today: Day) -> Status {
        if today > ends { return .done }
        if today < starts { return .later }
        return .now
    }
}

public enum Timeline {
    /// Relative weights of each phase in a default plan: a short kick-off, longer survey and plan phases.
    static let weights: [(PhaseKind, Int)] = [
        (.workshop, 1), (.parentSurvey, 3), (.teamSurvey, 2), (.reports, 2), (.actionPlans, 4), (.stories, 3),
    ]

    /// Spreads the six phases over a period, back to back, in order. The period must be at least six days.
    public static func defaultPhases(from start: Day, to end: Day) -> [Phase] {
        let total = max(end.ordinal - start.ordinal + 1, weights.count)
        let weightSum = weights.reduce(0) { $0 + $1.1 }
        var phases: [Phase] = []
        var cursor = start.ordinal
        var used = 0
        for (index, (kind, weight)) in weights.enumerated() {
            used += weight
            let last = index == weights.count - 1
            let endOrdinal = last ? start.ordinal + total - 1 : start.ordinal + (total * used) / weightSum - 1
            let safeEnd = max(endOrdinal, cursor)
            phases.append(Phase(kind: kind, starts: Day(ordinal: cursor), ends: Day(ordinal: safeEnd)))
            cursor = safeEnd + 1
        }
        return phases
    }

    /// Checks a trajectory's name and period. Keys are catalog keys.
    public static func validate(name: String, starts: String, ends: String) -> FieldErrors {
        var errors: FieldErrors = [:]
        Validate.requiredText(name, field: "name", maxLength: 120, into: &errors)
        let start = Day(iso: starts)
        let end = Day(iso: ends)
        if starts.isEmpty { errors["starts_on"] = "error.required" } else if start == nil { errors["starts_on"] = "error.date" }
        if ends.isEmpty { errors["ends_on"] = "error.required" } else if end == nil { errors["ends_on"] = "error.date" }
        if let start, let end {
            if end.ordinal - start.ordinal < 5 {
                errors["ends_on"] = "error.period_too_short"
            } else if end.ordinal - start.ordinal > 730 {
                errors["ends_on"] = "error.period_too_long"
            }
        }
        return errors
    }
}
