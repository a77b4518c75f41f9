import SamenspraakCore
import Vapor

extension Wave {
    /// The languages in which this wave can be answered: for a team, the staff languages; for parents, those the
    /// school offers that the questionnaire has (Dutch when none is left). The wave's school must be loaded.
    func languages(for questionnaire: Questionnaire) -> [LanguageCode] {
        if questionnaire.audience == .team { return questionnaire.languages }
        return school.offeredLanguages(among: questionnaire.languages)
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
