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
    /// Calendar days (stored as `YYYY-MM-DD`): a period has no time of day or zone.
    @Field(key: "starts_on") var starts: Day
    @Field(key: "ends_on") var ends: Day

    // relationships
    @Children(for: \.$trajectory) var schools: [School]
    @Children(for: \.$trajectory) var phases: [TrajectoryPhase]

    init() {}

    init(id: UUID? = nil, name: String, starts: Day, ends: Day) {
        self.id = id
        self.name = name
        self.starts = starts
        self.ends = ends
    }
}

final class TrajectoryPhase: Model, @unchecked Sendable {
    static let schema = "trajectory_phases"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "kind") var kind: String
    @Field(key: "position") var position: Int
    @Field(key: "starts_on") var starts: Day
    @Field(key: "ends_on") var ends: Day

    // relationships
    @Parent(key: "trajectory_id") var trajectory: Trajectory

    init() {}

    init(trajectoryID: UUID, phase: Phase, position: Int) {
        self.$trajectory.id = trajectoryID
        self.kind = phase.kind.rawValue
        self.position = position
        self.starts = phase.starts
        self.ends = phase.ends
    }

    var phase: Phase? {
        guard let kind = PhaseKind(rawValue: kind) else { return nil }
        return Phase(kind: kind, starts: starts, ends: ends)
    }
}
