import Fluent
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Where a row belongs, for access decisions: a school, or a whole trajectory (its events).
enum Scope: Equatable {
    case school(UUID)
    case trajectory(UUID)
}

/// A model that pages reach by its id in the URL. The id's route parameter is typed by `RouteKind`, so
/// links (`wave.routeID`) and handlers (`req.authorized(Wave.self, …)`) agree on it without a string.
protocol RouteIdentified: Model where IDValue == UUID {
    associatedtype RouteKind: RouteParameterKind
}

extension RouteIdentified {
    /// The id as links carry it.
    var routeID: RouteParameter<RouteKind> { .init(id?.uuidString.lowercased() ?? "") }
}

/// A model that belongs to one school or trajectory: only its staff (and the coordinators) may reach it.
/// `Request.authorized(_:_:)` is the one place that loads such a row and checks its scope.
protocol Scoped: RouteIdentified {
    /// Loads the row of `id` with the relations its pages use, or nil.
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> Self?
    /// Whose it is; relations loaded by `loadScoped` may be read.
    var scope: Scope { get }
    /// The scope known from the id alone, checked before anything is loaded (a school is its own scope).
    static func scope(ofID id: UUID) -> Scope?
}

extension Scoped {
    static func scope(ofID id: UUID) -> Scope? { nil }
}

/// A row that names its school directly: it is loaded with that school, which is its scope.
protocol SchoolOwned: Scoped {
    static var schoolParent: KeyPath<Self, ParentProperty<Self, School>> { get }
}

extension SchoolOwned {
    static func loadScoped(_ id: UUID, on db: any Database) async throws -> Self? {
        try await query(on: db).filter(\._$id == id).with(schoolParent).first()
    }

    var scope: Scope { .school(self[keyPath: Self.schoolParent].id) }
}

extension Request {
    /// The row of the URL's id, after checking that the signed-in person may do `action` where it belongs.
    /// Not signed in: sign-in; a role that may never do `action`: 403 before anything is loaded; someone else's
    /// school or trajectory: 403 (for a school, known from the id alone, also before it is looked up); an unknown
    /// id: 404.
    func authorized<M: Scoped>(_ type: M.Type, _ action: StaffAction) async throws -> (User, M) {
        let id = try uuid(RouteParameter<M.RouteKind>.self)
        if let scope = M.scope(ofID: id) {
            _ = try await staff(for: action, in: scope)
        } else {
            _ = try staff(for: action)
        }
        guard let row = try await M.loadScoped(id, on: db) else { throw Abort(.notFound) }
        return (try await staff(for: action, in: row.scope), row)
    }

    /// The row of the URL's id where the role check is the whole scope (a coordinator's trajectories); 404 when
    /// there is none. Check the role first.
    func found<M: RouteIdentified>(_ type: M.Type) async throws -> M {
        guard let row = try await M.find(uuid(RouteParameter<M.RouteKind>.self), on: db) else { throw Abort(.notFound) }
        return row
    }

    /// The same for a caller known by an API token rather than a session.
    func authorized<M: Scoped>(_ type: M.Type, _ action: StaffAction, by actor: StaffIdentity) async throws -> M {
        let id = try uuid(RouteParameter<M.RouteKind>.self)
        guard let row = try await M.loadScoped(id, on: db) else { throw Abort(.notFound) }
        guard case let .school(schoolID) = row.scope, Access.allows(actor, action, schoolID: schoolID.uuidString.lowercased()) else {
            throw Abort(.forbidden)
        }
        return row
    }

    /// The signed-in staff member, if allowed to do `action` in `scope`.
    func staff(for action: StaffAction, in scope: Scope) async throws -> User {
        switch scope {
        case let .school(schoolID):
            return try staff(for: action, schoolID: schoolID.uuidString)
        case let .trajectory(trajectoryID):
            let user = try staff(for: action)
            if let own = try await ownTrajectory(of: user), own != trajectoryID { throw Abort(.forbidden) }
            return user
        }
    }

    /// The trajectory a person belongs to: their school's, or (a coordinator) none in particular.
    func ownTrajectory(of user: User) async throws -> UUID? {
        guard user.role.isSchoolBound else { return nil }
        guard let schoolID = user.$school.id, let school = try await School.find(schoolID, on: db) else { throw Abort(.forbidden) }
        return school.$trajectory.id
    }
}
