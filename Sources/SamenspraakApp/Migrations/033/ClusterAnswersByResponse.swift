import Fluent
import SQLKit

/// On SQLite, a response's answers are stored together: `survey_answers` is keyed by (response, statement) rather
/// than by each answer's own random id, which makes `survey_answers_response` redundant. A release writes each
/// answer into the table and every index at a place its random key decides; keyed by its random answer id, one
/// response's 21 answers touched 21 pages of the table and 21 of that index, and a group commit's batch wrote
/// every one of those pages to the log. Now they share a page or two. The response ids are made at the release
/// in random order, so the table's order still says nothing about who sent what or when.
/// PostgreSQL keeps rows in a heap whatever the key, so there nothing changes.
struct ClusterAnswersByResponse: AsyncMigration {
    var name: String { "033_cluster_answers_by_response" }

    func prepare(on database: any Database) async throws {
        try await rebuild(database, key: #"PRIMARY KEY ("response_id", "item")"#, responseIndex: false)
    }

    func revert(on database: any Database) async throws {
        try await rebuild(database, key: #"PRIMARY KEY ("id")"#, responseIndex: true)
    }

    private func rebuild(_ database: any Database, key: String, responseIndex: Bool) async throws {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { return }
            // The old table's pages are overwritten, not left readable in free pages.
            try await sql.perform("PRAGMA secure_delete = ON")
            try await sql.perform("""
                CREATE TABLE "survey_answers_rebuilt" (
                "id" UUID NOT NULL,
                "response_id" UUID NOT NULL REFERENCES \(ident: SurveyResponse.schema) ("id") ON DELETE CASCADE,
                "item" TEXT NOT NULL, "value" INTEGER NOT NULL, "wave_id" UUID REFERENCES \(ident: Wave.schema) ("id") ON DELETE CASCADE,
                \(unsafeRaw: key)) WITHOUT ROWID
                """)
            try await sql.perform("""
                INSERT INTO "survey_answers_rebuilt" ("id", "response_id", "item", "value", "wave_id")
                SELECT "id", "response_id", "item", "value", "wave_id" FROM \(ident: SurveyAnswer.schema)
                """)
            try await sql.perform("DROP TABLE \(ident: SurveyAnswer.schema)")
            try await sql.perform("ALTER TABLE \"survey_answers_rebuilt\" RENAME TO \(ident: SurveyAnswer.schema)")
            try await sql.create(index: AddAnswerRespondentIndex.index).on(SurveyAnswer.schema)
                .column("wave_id").column("item").column("value").column("response_id").run()
            if responseIndex {
                try await sql.create(index: "survey_answers_response").on(SurveyAnswer.schema).column("response_id").run()
            }
        }
    }
}
