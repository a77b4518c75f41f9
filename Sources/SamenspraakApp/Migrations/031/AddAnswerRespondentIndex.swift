import Fluent
import SQLKit

/// The report counts, per key, the respondents who chose a face on one of its statements
/// (`COUNT(DISTINCT response_id)`). With `response_id` in the index the count reads the index alone; without it,
/// every matching answer was looked up in its table, which since the unlinkable storage is keyed by random ids:
/// about six times slower at 10,000 responses.
struct AddAnswerRespondentIndex: AsyncMigration {
    var name: String { "031_add_answer_respondent_index" }
    static let index = "survey_answers_wave_respondent"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: Self.index).on(SurveyAnswer.schema)
            .column("wave_id").column("item").column("value").column("response_id").run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.index).run()
    }
}
