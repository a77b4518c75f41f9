import Fluent
import SQLKit

/// `survey_answers_wave` (wave, item, value) is the first part of `survey_answers_wave_respondent` (031), which
/// serves every query it served. Each answer written touches every index of its table at a random place (the
/// ids are random), so an index that serves nothing is a fifth of what a release writes to the answers.
struct DropAnswerWaveIndex: AsyncMigration {
    var name: String { "032_drop_answer_wave_index" }
    static let index = "survey_answers_wave"

    func prepare(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.drop(index: Self.index).ifExists().run()
    }

    func revert(on database: any Database) async throws {
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: Self.index).on(SurveyAnswer.schema).column("wave_id").column("item").column("value").run()
    }
}
