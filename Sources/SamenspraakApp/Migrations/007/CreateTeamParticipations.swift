import Fluent

/// One answer per staff account on a team wave: who took part is kept, never with which response.
struct CreateTeamParticipations: AsyncMigration {
    var name: String { "007_create_team_participations" }

    func prepare(on database: any Database) async throws {
        try await database.schema(TeamParticipation.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .required, .references(User.schema, .id, onDelete: .cascade))
            .unique(on: "wave_id", "user_id")
            .create()
        try await database.schema(SurveyDraft.schema)
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .cascade))
            .update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(SurveyDraft.schema).deleteField("user_id").update()
        try await database.schema(TeamParticipation.schema).delete()
    }
}
