import Fluent
import Foundation
import SamenspraakCore

extension Trajectory {
    /// What has happened in the trajectory by `today`, as the counts `Phase.work` decides from: events held, schools
    /// with a closed parent or team wave, schools whose closed parent wave has at least `minimumGroup` answers (a
    /// report with figures), schools with an action plan, published stories. `questionnaires` says which
    /// questionnaire versions are for parents and which for the team.
    func progress(on db: any Database, today: Day, minimumGroup: Int, questionnaires: [String: Questionnaire]) async throws
        -> TrajectoryProgress {
        let id = try requireID()
        let schoolIDs = try await School.query(on: db).filter(\.$trajectory.$id == id).all(\.$id)
        var progress = TrajectoryProgress(schools: schoolIDs.count)
        progress.eventsHeld = try await TrajectoryEvent.query(on: db).filter(\.$trajectory.$id == id).filter(\.$date < today).count()
        guard !schoolIDs.isEmpty else { return progress }

        let closed = try await Wave.query(on: db).filter(\.$school.$id ~~ schoolIDs).filter(\.$closes < today).all()
        var parents = Set<UUID>(), team = Set<UUID>(), reports = Set<UUID>()
        for wave in closed {
            let school = wave.$school.id
            switch questionnaires[wave.questionnaire]?.audience {
            case .parents:
                parents.insert(school)
                if !reports.contains(school),
                   try await SurveyResponse.query(on: db).filter(\.$wave.$id == wave.requireID()).count() >= minimumGroup {
                    reports.insert(school)
                }
            case .team: team.insert(school)
            case nil: continue
            }
        }
        progress.schoolsWithClosedParentWave = parents.count
        progress.schoolsWithClosedTeamWave = team.count
        progress.schoolsWithReport = reports.count
        progress.schoolsWithPlan = Set(try await ActionPlan.query(on: db).filter(\.$trajectory.$id == id)
            .filter(\.$school.$id ~~ schoolIDs).all(\.$school.$id)).count
        progress.storiesPublished = try await Story.query(on: db).filter(\.$school.$id ~~ schoolIDs)
            .filter(\.$status == StoryStatus.published.rawValue).count()
        return progress
    }
}
