import Fluent
import Foundation
import SamenspraakViews

extension Wave {
    enum Order: Sendable {
        case oldestFirst, newestFirst
    }

    /// A school's waves of one questionnaire, by opening day, each with `school` set as its loaded parent.
    static func ofSchool(_ school: School, questionnaire: String, order: Order, on db: any Database) async throws -> [Wave] {
        let waves = try await Wave.query(on: db).filter(\.$school.$id == school.requireID()).filter(\.$questionnaire == questionnaire)
            .sort(\.$opens, order == .newestFirst ? .descending : .ascending).all()
        for wave in waves { wave.$school.value = school }
        return waves
    }

    /// The school's wave of the same questionnaire that opened last before this one (its school loaded), if any.
    func previous(on db: any Database) async throws -> Wave? {
        let earlier = try await Wave.query(on: db).filter(\.$school.$id == $school.id).filter(\.$questionnaire == questionnaire)
            .filter(\.$opens < opens).sort(\.$opens, .descending).first()
        earlier?.$school.value = $school.value
        return earlier
    }

    /// The wave as lists show it, with its number of responses (counted in the database).
    func summary(on db: any Database) async throws -> WaveSummary {
        let responses = try await SurveyResponse.query(on: db).filter(\.$wave.$id == requireID()).count()
        return WaveSummary(id: publicID, opens: opens, closes: closes, questionnaire: questionnaire,
                           responses: responses, families: families)
    }
}
