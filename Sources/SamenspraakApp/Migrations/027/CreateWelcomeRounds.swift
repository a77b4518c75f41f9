import Fluent

/// A class's welcome round: class name, number of families, school year. No names, contact details or child data.
struct CreateWelcomeRounds: AsyncMigration {
    var name: String { "027_create_welcome_rounds" }

    func prepare(on database: any Database) async throws {
        try await database.schema(WelcomeRound.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("created_by", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("class_name", .string, .required)
            .field("families", .int, .required)
            .field("school_year", .int, .required)
            .field("started_on", .string, .required)
            .field("created_at", .datetime)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(WelcomeRound.schema).delete()
    }
}
