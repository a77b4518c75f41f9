import Fluent
import SamenspraakViews
import Vapor

// Which school or trajectory each row reached from a URL belongs to, and what its pages load with it.

extension School: Scoped {
    typealias RouteKind = RouteParameterKinds.School
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> School? {
        try await School.query(on: db).filter(\.$id == id).with(\.$trajectory).first()
    }
    var scope: Scope { .school(id!) }
    static func scope(ofID id: UUID) -> Scope? { .school(id) }
}

extension Wave: SchoolOwned {
    typealias RouteKind = RouteParameterKinds.Wave
    static var schoolParent: KeyPath<Wave, ParentProperty<Wave, School>> { \.$school }
}

extension Moment: SchoolOwned {
    typealias RouteKind = RouteParameterKinds.Moment
    static var schoolParent: KeyPath<Moment, ParentProperty<Moment, School>> { \.$school }
    /// With its keys, which every page of it shows.
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> Moment? {
        try await Moment.query(on: db).filter(\.$id == id).with(\.$school).with(\.$keyRows).first()
    }
}

extension Story: SchoolOwned {
    typealias RouteKind = RouteParameterKinds.Story
    static var schoolParent: KeyPath<Story, ParentProperty<Story, School>> { \.$school }
    /// With its keys, which every page of it shows.
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> Story? {
        try await Story.query(on: db).filter(\.$id == id).with(\.$school).with(\.$keyRows).first()
    }
}

extension PlanAction: Scoped {
    typealias RouteKind = RouteParameterKinds.PlanAction
    /// With its plan, the plan's school and the school's trajectory: the action's pages show the whole plan.
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> PlanAction? {
        try await PlanAction.query(on: db).filter(\.$id == id)
            .with(\.$plan) { plan in plan.with(\.$school) { school in school.with(\.$trajectory) } }
            .first()
    }
    var scope: Scope { .school(plan.$school.id) }
}

extension TrajectoryEvent: Scoped {
    typealias RouteKind = RouteParameterKinds.Event
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> TrajectoryEvent? {
        try await TrajectoryEvent.query(on: db).filter(\.$id == id).with(\.$trajectory).first()
    }
    var scope: Scope { .trajectory($trajectory.id) }
}

extension Trajectory: RouteIdentified { typealias RouteKind = RouteParameterKinds.Trajectory }
extension SurveyText: RouteIdentified { typealias RouteKind = RouteParameterKinds.OpenText }
extension MomentRating: RouteIdentified {
    typealias RouteKind = RouteParameterKinds.Rating
    var publicID: String { id?.uuidString.lowercased() ?? "" }
}
extension StoryPhoto: RouteIdentified { typealias RouteKind = RouteParameterKinds.StoryPhoto }
