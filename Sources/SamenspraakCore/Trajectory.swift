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

    /// A period's place in the calendar (a wave's: not open yet, open, closed). A phase's timeline state is `State`,
    /// which also asks whether its work was done.
    public enum Status: String, Equatable, Sendable { case done, now, later }

    /// Where a phase stands on the timeline. Its dates alone never make it done: a trajectory where nothing
    /// happened shows its past phases as late, not as finished.
    public enum State: String, Equatable, Sendable, CaseIterable {
        /// Its work is done (whatever the calendar says).
        case done
        /// Today lies within its dates and its work is not done.
        case now
        /// Its first day is still to come.
        case planned
        /// Its last day has passed and its work is not done.
        case late
    }

    /// The phase's state on `today`, given how much of its work is done: done when the work is done (even early),
    /// otherwise planned, now or late by its dates.
    public func state(on today: Day, work: PhaseWork) -> State {
        if work.isDone { return .done }
        if today < starts { return .planned }
        if today > ends { return .late }
        return .now
    }

    /// How much of this phase's work `progress` shows done. The rule, phase by phase:
    /// - workshop: an event of the trajectory has taken place (its day has passed);
    /// - parent survey: every school has a parent wave whose last day has passed (counted per school);
    /// - team survey: the same for team waves;
    /// - reports: every school has a closed parent wave with at least the minimum group of answers, so its report
    ///   shows figures (whether a report was read is not recorded);
    /// - action plans: every school has an action plan in the trajectory (growth keys chosen);
    /// - stories: at least one story of the trajectory's schools is published.
    /// A trajectory without schools has no per-school phase done.
    public func work(_ progress: TrajectoryProgress) -> PhaseWork {
        switch kind {
        case .workshop: PhaseWork(done: progress.eventsHeld)
        case .parentSurvey: PhaseWork(done: progress.schoolsWithClosedParentWave, schools: progress.schools)
        case .teamSurvey: PhaseWork(done: progress.schoolsWithClosedTeamWave, schools: progress.schools)
        case .reports: PhaseWork(done: progress.schoolsWithReport, schools: progress.schools)
        case .actionPlans: PhaseWork(done: progress.schoolsWithPlan, schools: progress.schools)
        case .stories: PhaseWork(done: progress.storiesPublished)
        }
    }
}

/// What has happened in a trajectory, as plain counts the app gathers from its data (see `Phase.work`).
public struct TrajectoryProgress: Equatable, Sendable {
    public var schools: Int
    /// Events of the trajectory whose day has passed.
    public var eventsHeld: Int
    /// Schools with a parent wave whose last day has passed.
    public var schoolsWithClosedParentWave: Int
    /// Schools with a team wave whose last day has passed.
    public var schoolsWithClosedTeamWave: Int
    /// Schools with a closed parent wave that has at least the minimum group of answers.
    public var schoolsWithReport: Int
    /// Schools with an action plan in the trajectory.
    public var schoolsWithPlan: Int
    /// Published stories of the trajectory's schools.
    public var storiesPublished: Int

    public init(schools: Int = 0, eventsHeld: Int = 0, schoolsWithClosedParentWave: Int = 0, schoolsWithClosedTeamWave: Int = 0,
                schoolsWithReport: Int = 0, schoolsWithPlan: Int = 0, storiesPublished: Int = 0) {
        self.schools = schools
        self.eventsHeld = eventsHeld
        self.schoolsWithClosedParentWave = schoolsWithClosedParentWave
        self.schoolsWithClosedTeamWave = schoolsWithClosedTeamWave
        self.schoolsWithReport = schoolsWithReport
        self.schoolsWithPlan = schoolsWithPlan
        self.storiesPublished = storiesPublished
    }

    /// Nothing happened yet.
    public static let none = TrajectoryProgress()
}

/// How much of a phase's work is done: a count, and for the phases every school goes through, out of how many schools.
public struct PhaseWork: Equatable, Sendable {
    public var done: Int
    /// The number of schools, for a phase each school must finish; nil when one thing done is enough.
    public var schools: Int?

    public init(done: Int, schools: Int? = nil) {
        self.done = done
        self.schools = schools
    }

    public var isDone: Bool {
        guard let schools else { return done > 0 }
        return schools > 0 && done >= schools
    }

    /// Whether "2 of 3 schools" says something: some but not all schools are done.
    public var isPartial: Bool {
        guard let schools else { return false }
        return done > 0 && done < schools
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
