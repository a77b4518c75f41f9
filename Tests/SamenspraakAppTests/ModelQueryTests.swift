import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The reads that live beside the models, on their own: on SQLite, and on PostgreSQL when TEST_DATABASE_URL is set.
@Suite struct ModelQueryTests {
    @Test func a_schools_plan_comes_with_its_actions_by_due_day_and_their_comments() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let school = try #require(try await School.find(UUID(uuidString: world.schoolA), on: app.db))
            let plan = try #require(try await ActionPlan.current(of: school, on: app.db))
            #expect(plan.keys == [9, 11])
            let actions = try await ActionPlan.actions(of: plan, on: app.db)
            #expect(actions.count == 4)
            let rows = try await PlanAction.rows(actions, on: app.db)
            #expect(rows.map(\.due) == rows.map(\.due).sorted())
            #expect(rows.flatMap(\.comments).count == 1, "the coordinator's one comment, with its action")
            let other = try #require(try await School.find(UUID(uuidString: world.schoolB), on: app.db))
            #expect(try await ActionPlan.current(of: other, on: app.db) == nil)
            #expect(try await ActionPlan.actions(of: nil, on: app.db).isEmpty)
        }
    }

    @Test func published_stories_on_a_key_are_found_by_their_key_rows() async throws {
        try await withTestApp { app, _ in
            _ = try await DemoWorld.seed(app, answers: true)
            let published = try await Story.published(on: app.db).all()
            #expect(published.allSatisfy { $0.storyStatus == .published })
            for key in Questionnaire.keys {
                let found = try await Story.published(withKey: key, on: app.db)
                #expect(Set(found.compactMap(\.id)) == Set(published.filter { $0.keys.contains(key) }.compactMap(\.id)), "key \(key)")
                #expect(found.map(\.publishedAt) == found.map(\.publishedAt).sorted { ($0 ?? .distantPast) > ($1 ?? .distantPast) })
            }
            let anyStory = try #require(published.first)
            let key = try #require(anyStory.keys.first)
            let elsewhere = try await Story.published(withKey: key, on: app.db, exceptSchool: anyStory.$school.id)
            #expect(elsewhere.allSatisfy { $0.$school.id != anyStory.$school.id })
        }
    }

    @Test func face_counts_per_moment_add_up_to_its_ratings() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let moments = try await Moment.query(on: app.db).filter(\.$school.$id == UUID(uuidString: world.schoolA)!).all()
            let counts = try await MomentRating.faceCounts(ofMoments: moments.compactMap(\.id), on: app.db)
            #expect(!counts.isEmpty)
            for moment in moments {
                let ratings = try await MomentRating.query(on: app.db).filter(\.$moment.$id == moment.requireID()).count()
                #expect((counts[try moment.requireID()]?.total ?? 0) == ratings)
            }
            #expect(try await MomentRating.faceCounts(ofMoments: [], on: app.db).isEmpty)
        }
    }
}
