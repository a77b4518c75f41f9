import Fluent
import Foundation
import SamenspraakCore

/// A half-year programme a university college runs with a group of schools.
final class Trajectory: Model, @unchecked Sendable {
    static let schema = "trajectories"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "name") var name: String
    /// Calendar days as `YYYY-MM-DD`: a period has no time of day or zone.
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String

    // relationships
    @Children(for: \.$trajectory) var schools: [School]
    @Children(for: \.$trajectory) var phases: [TrajectoryPhase]

    init() {}

    init(id: UUID? = nil, name: String, starts: Day, ends: Day) {
        self.id = id
        self.name = name
        self.startsOn = starts.description
        self.endsOn = ends.description
    }

    var starts: Day { Day(iso: startsOn) ?? Day(year: 1970, month: 1, day: 1) }
    var ends: Day { Day(iso: endsOn) ?? Day(year: 1970, month: 1, day: 1) }
}

final class TrajectoryPhase: Model, @unchecked Sendable {
    static let schema = "trajectory_phases"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "kind") var kind: String
    @Field(key: "position") var position: Int
    @Field(key: "starts_on") var startsOn: String
    @Field(key: "ends_on") var endsOn: String

    // relationships
    @Parent(key: "trajectory_id") var trajectory: Trajectory

    init() {}

    init(trajectoryID: UUID, phase: Phase, position: Int) {
        self.$trajectory.id = trajectoryID
        self.kind = phase.kind.rawValue
        self.position = position
        self.startsOn = phase.starts.description
        self.endsOn = phase.ends.description
    }

    var phase: Phase? {
        guard let kind = PhaseKind(rawValue: kind), let starts = Day(iso: startsOn), let ends = Day(iso: endsOn) else { return nil }
        return Phase(kind: kind, starts: starts, ends: ends)
    }
}
