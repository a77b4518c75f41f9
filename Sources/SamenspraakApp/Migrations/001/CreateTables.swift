import Fluent

struct CreateTrajectories: AsyncMigration {
    var name: String { "001_create_trajectories" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Trajectory.schema)
            .id()
            .field("name", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("created_at", .datetime)
            .create()
        try await database.schema(TrajectoryPhase.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(Trajectory.schema, .id, onDelete: .cascade))
            .field("kind", .string, .required)
            .field("position", .int, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(TrajectoryPhase.schema).delete()
        try await database.schema(Trajectory.schema).delete()
    }
}

struct CreateSchools: AsyncMigration {
    var name: String { "001_create_schools" }

    func prepare(on database: any Database) async throws {
        try await database.schema(School.schema)
            .id()
            .field("trajectory_id", .uuid, .required, .references(Trajectory.schema, .id, onDelete: .cascade))
            .field("name", .string, .required)
            .field("levels", .string, .required)
            .field("families", .int)
            .field("languages", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(School.schema).delete()
    }
}

struct CreateUsers: AsyncMigration {
    var name: String { "001_create_users" }

    func prepare(on database: any Database) async throws {
        try await database.schema(User.schema)
            .id()
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("must_change_password", .bool, .required)
            .field("school_id", .uuid, .references(School.schema, .id, onDelete: .setNull))
            .field("created_at", .datetime)
            .unique(on: "email")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(User.schema).delete()
    }
}

struct CreateAuthTables: AsyncMigration {
    var name: String { "001_create_auth_tables" }

    func prepare(on database: any Database) async throws {
        try await database.schema(StaffSession.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .field("expires_at", .datetime, .required)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
        try await database.schema(SignInAttempt.schema)
            .id()
            .field("email", .string, .required)
            .field("failures", .int, .required)
            .field("locked_until", .datetime)
            .unique(on: "email")
            .create()
        try await database.schema(Invitation.schema)
            .id()
            .field("token_hash", .string, .required)
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("role", .string, .required)
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("invited_by_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("expires_at", .datetime, .required)
            .field("accepted_at", .datetime)
            .field("created_at", .datetime)
            .unique(on: "token_hash")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(Invitation.schema).delete()
        try await database.schema(SignInAttempt.schema).delete()
        try await database.schema(StaffSession.schema).delete()
    }
}
