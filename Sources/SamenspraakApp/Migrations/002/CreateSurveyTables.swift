import Fluent

struct CreateSurveyTables: AsyncMigration {
    var name: String { "002_create_survey_tables" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Wave.schema)
            .id()
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("questionnaire", .string, .required)
            .field("slug", .string, .required)
            .field("opens_on", .string, .required)
            .field("closes_on", .string, .required)
            .field("families", .int)
            .field("created_at", .datetime)
            .unique(on: "slug")
            .create()
        try await database.schema(WaveCode.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("code_hash", .string, .required)
            .field("used", .bool, .required)
            .unique(on: "code_hash")
            .create()
        try await database.schema(SurveyDraft.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("token_hash", .string, .required)
            .field("language", .string)
            .field("channel", .string, .required)
            .field("code_hash", .string)
            .field("answers", .string, .required)
            .field("expires_at", .datetime, .required)
            .unique(on: "token_hash")
            .create()
        try await database.schema(SurveyResponse.schema)
            .id()
            .field("wave_id", .uuid, .required, .references(Wave.schema, .id, onDelete: .cascade))
            .field("questionnaire", .string, .required)
            .field("language", .string, .required)
            .field("channel", .string, .required)
            .field("day", .string, .required)
            .create()
        try await database.schema(SurveyAnswer.schema)
            .id()
            .field("response_id", .uuid, .required, .references(SurveyResponse.schema, .id, onDelete: .cascade))
            .field("item", .string, .required)
            .field("value", .int, .required)
            .create()
        try await database.schema(SurveyText.schema)
            .id()
            .field("response_id", .uuid, .required, .references(SurveyResponse.schema, .id, onDelete: .cascade))
            .field("question", .string, .required)
            .field("text", .string, .required)
            .create()
        try await database.schema(AppSecret.schema)
            .id()
            .field("name", .string, .required)
            .field("value", .string, .required)
            .unique(on: "name")
            .create()
    }

    func revert(on database: any Database) async throws {
        for schema in [AppSecret.schema, SurveyText.schema, SurveyAnswer.schema, SurveyResponse.schema, SurveyDraft.schema,
                       WaveCode.schema, Wave.schema] {
            try await database.schema(schema).delete()
        }
    }
}
