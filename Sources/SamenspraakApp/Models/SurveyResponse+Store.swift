import Fluent
import Foundation
import SamenspraakCore
import SQLKit
import Vapor

extension SurveyResponse {
    /// Writes one response. With a draft: only if the draft still exists (deleting it is the claim), and with a
    /// code: only if the code is still unused. Returns false when the code was used meanwhile.
    static func store(on db: any Database, wave: Wave, questionnaire: Questionnaire, language: LanguageCode, channel: SurveyChannel,
                      answers: SurveyAnswers, day: Day, draftID: UUID?, codeHash: String?, responseID: UUID,
                      participant: UUID? = nil) async throws -> Bool {
        try await db.transaction { db in
            if let participant {
                // A second answer by the same staff account hits the unique (wave, user) and stores nothing.
                try await TeamParticipation(waveID: try wave.requireID(), userID: participant).create(on: db)
            }
            guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
            if let draftID {
                // Deleting the draft is the claim: a second send finds nothing to delete.
                let claimed = try await sql.delete(from: SurveyDraft.schema).where("id", .equal, SQLBind(draftID)).returning("id").all()
                guard !claimed.isEmpty else { throw DraftAlreadySent() }
            }
            if let codeHash {
                guard let code = try await WaveCode.query(on: db).filter(\.$codeHash == codeHash).first(), !code.used else { return false }
                code.used = true
                try await code.save(on: db)
            }
            // Plain SQL rather than models: three statements for a whole response, whatever its number of answers.
            let waveID = try wave.requireID()
            try await sql.insert(into: SurveyResponse.schema).columns("id", "wave_id", "questionnaire", "language", "channel", "day")
                .values(SQLBind(responseID), SQLBind(waveID), SQLBind(questionnaire.id), SQLBind(language.rawValue),
                        SQLBind(channel.rawValue), SQLBind(day.description))
                .run()
            let faces = questionnaire.items.compactMap { item in answers.faces[item.id].map { (item.id, $0) } }
            if !faces.isEmpty {
                var insert = sql.insert(into: SurveyAnswer.schema).columns("id", "response_id", "wave_id", "item", "value")
                for (item, value) in faces {
                    insert = insert.values(SQLBind(UUID()), SQLBind(responseID), SQLBind(waveID), SQLBind(item), SQLBind(value))
                }
                try await insert.run()
            }
            let texts = questionnaire.openQuestions.compactMap { question in answers.texts[question].map { (question, $0) } }
            if !texts.isEmpty {
                var insert = sql.insert(into: SurveyText.schema).columns("id", "response_id", "question", "text", "hidden")
                for (question, text) in texts {
                    insert = insert.values(SQLBind(UUID()), SQLBind(responseID), SQLBind(question), SQLBind(text), SQLBind(false))
                }
                try await insert.run()
            }
            return true
        }
    }
}

/// The draft was sent already (a second tap on "send", or a replayed form).
struct DraftAlreadySent: AbortError {
    var status: HTTPResponseStatus { .notFound }
    var reason: String { "This draft was already sent" }
}
