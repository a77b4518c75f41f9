import Foundation

/// The coordinator's form to move a trajectory's phases: a first and last day per phase, as typed, so a refused
/// form can be shown again.
///
/// The rule: every day is a valid date; a phase's last day is not before its first (a one-day phase is fine); every
/// day lies from the trajectory's first day up to a year after its last day, so a late phase can be given more time
/// without the trajectory's dates changing. Phases may overlap and may leave gaps: schools work at their own pace,
/// and the order of the timeline stays the order of the work.
public struct PhaseDatesDraft: Equatable, Sendable {
    /// First and last day per phase kind, as typed (`2026-09-01`).
    public var days: [PhaseKind: (starts: String, ends: String)]

    public init(days: [PhaseKind: (starts: String, ends: String)]) {
        self.days = days
    }

    /// The phases as they are, as a form shows them before anything was typed.
    public init(phases: [Phase]) {
        var days: [PhaseKind: (starts: String, ends: String)] = [:]
        for phase in phases { days[phase.kind] = (phase.starts.description, phase.ends.description) }
        self.days = days
    }

    /// Reads the typed days from form fields named `<kind>_starts` and `<kind>_ends` (`parent_survey_starts`).
    public init(fields: [String: String]) {
        var days: [PhaseKind: (starts: String, ends: String)] = [:]
        for kind in PhaseKind.allCases {
            days[kind] = (fields[Self.startsField(kind)] ?? "", fields[Self.endsField(kind)] ?? "")
        }
        self.days = days
    }

    public static func startsField(_ kind: PhaseKind) -> String { "\(kind.rawValue)_starts" }
    public static func endsField(_ kind: PhaseKind) -> String { "\(kind.rawValue)_ends" }

    public func starts(_ kind: PhaseKind) -> String { days[kind]?.starts ?? "" }
    public func ends(_ kind: PhaseKind) -> String { days[kind]?.ends ?? "" }

    /// How far after the trajectory's last day a phase may end.
    public static let daysAfterTrajectory = 365

    /// The checked phases in timeline order, or the field errors as catalog keys (by field name). Every phase of
    /// `kinds` must be given.
    public func validate(trajectoryStarts: Day, trajectoryEnds: Day, kinds: [PhaseKind] = PhaseKind.allCases)
        -> Result<[Phase], FieldErrorsBox> {
        var errors: FieldErrors = [:]
        var phases: [Phase] = []
        let latest = trajectoryEnds.adding(days: Self.daysAfterTrajectory)
        func day(_ text: String, field: String) -> Day? {
            let trimmed = text.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { errors[field] = "error.required"; return nil }
            guard let day = Day(iso: trimmed) else { errors[field] = "error.date"; return nil }
            if day < trajectoryStarts || day > latest { errors[field] = "error.phase_window"; return nil }
            return day
        }
        for kind in kinds {
            let starts = day(starts(kind), field: Self.startsField(kind))
            let ends = day(ends(kind), field: Self.endsField(kind))
            guard let starts, let ends else { continue }
            if ends < starts {
                errors[Self.endsField(kind)] = "error.phase_order"
                continue
            }
            phases.append(Phase(kind: kind, starts: starts, ends: ends))
        }
        return errors.isEmpty ? .success(phases) : .failure(FieldErrorsBox(errors))
    }

    public static func == (a: PhaseDatesDraft, b: PhaseDatesDraft) -> Bool {
        PhaseKind.allCases.allSatisfy { a.starts($0) == b.starts($0) && a.ends($0) == b.ends($0) }
    }
}
