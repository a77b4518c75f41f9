import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Figures of a moment change only in steps of the minimum group: whoever reloads them after one parent's rating
/// (the teacher after a talk, a visitor of the profile) learns nothing of that rating.
@Suite struct RatingReleaseTests {
    /// The results part of the staff page of a moment: what a teacher reloads to compare.
    func results(_ browser: Browser, _ momentID: String) async throws -> String {
        let page = try await browser.get("/staff/moments/\(momentID)").text
        let start = try #require(page.range(of: "id=\"results-title\""))
        let end = try #require(page.range(of: "</section>", range: start.upperBound..<page.endIndex))
        return String(page[start.lowerBound..<end.lowerBound])
    }

    /// The row of the moment in the school's list of moments.
    func listRow(_ browser: Browser, _ world: DemoWorld) async throws -> String {
        let list = try await browser.get("/staff/schools/\(world.schoolA)/moments").text
        let link = try #require(list.range(of: "/staff/moments/\(world.summary.momentID)\""))
        let end = try #require(list.range(of: "</tr>", range: link.upperBound..<list.endIndex))
        return String(list[link.lowerBound..<end.lowerBound])
    }

    @Test func up_to_four_new_ratings_change_no_figure_and_the_fifth_releases_them_in_text_order() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.ratingMomentPath
            let lead = try await world.browser(app, as: world.leadA)
            for _ in 0..<5 { #expect(try await Browser(app).rate(path, face: "4", chips: ["welcome"]).status == .seeOther) }
            let before = try await results(lead, world.summary.momentID)
            let rowBefore = try await listRow(lead, world)
            #expect(before.contains("5 beoordelingen"))
            #expect(before.contains("Tevredenheidsindex: 100"))
            #expect(before.contains("bijgewerkt na elke 5 nieuwe beoordelingen"))
            #expect(rowBefore.contains("5 beoordelingen"))
            // Sent in reverse alphabetical order, so the order shown cannot be the order of arrival by chance.
            let sentences = ["Zo fijn dat de tolk er was.", "Wat kort, vond ik.", "Meer tijd graag.", "Heel duidelijk.", "Alles was goed."]
            for (index, sentence) in sentences.enumerated() {
                let sent = try await Browser(app).rate(path, face: "1", chips: ["more_time"], text: sentence)
                #expect(sent.status == .seeOther)
                if index < 4 {
                    #expect(try await results(lead, world.summary.momentID) == before, "rating \(index + 1) of 5 changes the staff page")
                    #expect(try await listRow(lead, world) == rowBefore, "rating \(index + 1) of 5 changes the list")
                }
            }
            let after = try await results(lead, world.summary.momentID)
            #expect(after.contains("10 beoordelingen"))
            #expect(after.contains("Tevredenheidsindex: 50"))
            #expect(try await listRow(lead, world).contains("10 beoordelingen"))
            let positions = try sentences.sorted().map { try #require(after.range(of: $0)?.lowerBound) }
            #expect(positions == positions.sorted(), "the sentences in the order of their text, not of arrival")
            #expect(try await MomentRating.query(on: app.db).filter(\.$released == nil).count() == 0)
            #expect(Set(try await MomentRating.query(on: app.db).all().compactMap(\.released)) == [1, 2])
        }
    }

    @Test func a_changed_rating_waits_for_the_next_group_and_then_takes_the_place_of_the_old_one() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.ratingMomentPath
            let lead = try await world.browser(app, as: world.leadA)
            let parent = Browser(app)
            _ = try await parent.rate(path, face: "4", text: "Eerst heel blij.")
            for _ in 0..<4 { _ = try await Browser(app).rate(path, face: "4") }
            let rating = try #require(try await MomentRating.query(on: app.db).filter(\.$text == "Eerst heel blij.").first())
            #expect(rating.released == 1)
            // Hidden by the school: the change keeps the hiding and who did it.
            #expect(try await lead.post("/staff/moments/\(world.summary.momentID)/texts/\(rating.publicID)", [("action", "hide")]).status == .seeOther)
            let before = try await results(lead, world.summary.momentID)

            _ = try await parent.rate(path, face: "1", text: "Eerst heel blij.")
            #expect(try await results(lead, world.summary.momentID) == before, "one parent's change shows nowhere")
            let again = try await parent.get(path + "?change=1")
            #expect(again.text.contains("value=\"1\" checked"), "the phone sees its own change")
            #expect(try await MomentRating.query(on: app.db).count() == 6, "the released rating stays until its change is released")

            for _ in 0..<4 { _ = try await Browser(app).rate(path, face: "4") }
            let after = try await results(lead, world.summary.momentID)
            #expect(after.contains("9 beoordelingen"), "the change replaced the old rating: 5 − 1 + 5")
            #expect(after.contains("aria-label=\"Heel fijn: 8, Fijn: 0, Niet zo fijn: 0, Helemaal niet fijn: 1\""))
            #expect(after.contains("Verborgen door Directie Basisschool De Regenboog op 21 september 2026."))
            #expect(try await MomentRating.query(on: app.db).count() == 9)
            #expect(try await MomentRating.query(on: app.db).filter(\.$replaces != nil).count() == 0, "no link from old to new is kept")
            #expect(try await RatingModeration.query(on: app.db).count() == 1)
        }
    }

    @Test func ratings_sent_at_once_are_released_only_in_groups_of_five() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let momentID = try #require(UUID(uuidString: world.summary.momentID))
            let threshold = app.figureThreshold
            try await withThrowingTaskGroup(of: Void.self) { group in
                for index in 0..<23 {
                    group.addTask {
                        try await app.groupCommit.perform(on: app.db) { db in
                            try await MomentRating.store(RatingAnswer(face: 1 + index % 4, chips: [], text: nil), momentID: momentID,
                                                         deviceHash: UUID().uuidString, language: .nl, day: Day(year: 2026, month: 9, day: 21),
                                                         threshold: threshold, on: db)
                        }
                    }
                }
                try await group.waitForAll()
            }
            let ratings = try await MomentRating.query(on: app.db).all()
            #expect(ratings.count == 23)
            let batches = Dictionary(grouping: ratings.compactMap(\.released), by: { $0 }).mapValues(\.count)
            #expect(batches.values.allSatisfy { $0 >= 5 }, "a batch of fewer than five: \(batches)")
            #expect(ratings.filter { $0.released == nil }.count < 5)
            #expect(ratings.filter { $0.released == nil }.count == 23 - batches.values.reduce(0, +))
        }
    }
}
