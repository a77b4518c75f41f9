import Fluent
import SQLKit

/// What the report needs to stay fast with thousands of responses: each answer carries its wave (filled in for
/// existing answers), and a covering index on (wave, item, value) lets the report's GROUP BY read the index
/// alone, without a join. Plus indexes for a wave's responses, a response's answers and texts, and drafts.
struct AddSurveyIndexes: AsyncMigration {
    var name: String { "004_add_survey_indexes" }

    static let indexes: [(name: String, table: String, columns: [String])] = [
        ("survey_responses_wave", SurveyResponse.schema, ["wave_id", "language", "channel"]),
        ("survey_answers_wave", SurveyAnswer.schema, ["wave_id", "item", "value"]),
        ("survey_answers_response", SurveyAnswer.schema, ["response_id"]),
        ("survey_texts_response", SurveyText.schema, ["response_id"]),
        ("wave_codes_wave", WaveCode.schema, ["wave_id"]),
        ("survey_drafts_expiry", SurveyDraft.schema, ["expires_at"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema(SurveyAnswer.schema)
            .field("wave_id", .uuid, .references(Wave.schema, .id, onDelete: .cascade))
            .update()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.execute(sql: SQLRaw("""
            UPDATE survey_answers SET wave_id = (SELECT wave_id FROM survey_responses WHERE survey_responses.id = survey_answers.response_id)
            """), { _ in })
        for index in Self.indexes {
            var builder = sql.create(index: index.name).on(index.table)
            for column in index.columns { builder = builder.column(column) }
            try await builder.run()
        }
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        for index in Self.indexes.reversed() {
            try await sql.drop(index: index.name).run()
        }
        try await database.schema(SurveyAnswer.schema).deleteField("wave_id").update()
    }
}
