import SamenspraakCore
import Vapor

extension Wave {
    /// The languages in which this wave can be answered: for a team, the staff languages; for parents, those the
    /// school offers that the questionnaire has (Dutch when none is left). The wave's school must be loaded.
    func languages(for questionnaire: Questionnaire) -> [LanguageCode] {
        if questionnaire.audience == .team { return questionnaire.languages }
        return school.offeredLanguages(among: questionnaire.languages)
    }

    /// The languages of `languages(for:)` that are written: those a poster, a slip or a paper form can be printed in
    /// (a spoken-only language has no text to print).
    func writtenLanguages(for questionnaire: Questionnaire) -> [LanguageCode] {
        languages(for: questionnaire).filter { !$0.isSpokenOnly }
    }
}

extension Application {
    /// The questionnaire a wave was opened with. Every version the app ever opened a wave with is loaded at start,
    /// so a missing one is a fault of this build, not of the request.
    func questionnaire(of wave: Wave) throws -> Questionnaire {
        guard let questionnaire = questionnaires[wave.questionnaire] else { throw Abort(.internalServerError) }
        return questionnaire
    }
}
