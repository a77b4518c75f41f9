import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// A photo that passed its checks survives a form that comes back with an error: the form shows it, keeps its
/// description, and the corrected form saves the story with it — and only its sender can use it.
@Suite struct StoryKeptPhotoTests {
    let alt = "Vaders en kinderen aan de schoolpoort"
    var fields: [(String, String)] {
        [("title", "Vaders aan de poort"), ("summary", "We nodigen vaders persoonlijk uit."), ("body", "We spreken papa's aan."),
         ("keys[]", "9"), ("photo_alt", alt)]
    }
    var untitled: [(String, String)] { fields.map { $0.0 == "title" ? ("title", "") : $0 } }
    let png = ("photo", "poort.png", "image/png", ImageCheckTestBytes.png)

    func keptID(_ page: String) throws -> String {
        let marker = "name=\"pending_photo\" value=\""
        let start = try #require(page.range(of: marker)).upperBound
        return String(page[start...].prefix(36))
    }

    @Test func a_photo_sent_without_a_title_is_kept_with_its_description_and_saved_once_the_title_is_added() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let path = "/staff/schools/\(world.schoolA)/stories"
            let failed = try await member.postMultipart(path, untitled, file: png)
            #expect(failed.status == .unprocessableEntity)
            #expect(failed.text.contains("Vul dit in."))
            #expect(failed.text.contains("Gekozen foto: poort.png"))
            #expect(failed.text.contains("value=\"\(alt)\""), "the photo's description is kept")
            let kept = try keptID(failed.text)
            #expect(try await Story.query(on: app.db).count() == 0)
            #expect(try await StoryPhoto.query(on: app.db).count() == 0)

            let saved = try await member.postMultipart(path, fields + [("pending_photo", kept)], file: nil)
            #expect(saved.status == .seeOther)
            let story = try #require(try await Story.query(on: app.db).first())
            #expect(story.photoAlt == alt)
            let photo = try #require(try await StoryPhoto.find(story.photoID, on: app.db))
            #expect(photo.contentType == "image/png" && photo.width == 2)
            #expect(try await PendingStoryPhoto.query(on: app.db).count() == 0, "a kept photo is used once")
            let page = try await member.get(try #require(saved.location))
            #expect(page.text.contains("/staff/stories/\(story.publicID)/photo"))
        }
    }

    @Test func the_edit_form_keeps_a_new_photo_across_an_error_too() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories", fields, file: nil)
            let path = String(try #require(made.location).prefix("/staff/stories/".count + 36))
            #expect(try await Story.query(on: app.db).first()?.photoID == nil)

            let failed = try await lead.postMultipart(path, untitled, file: png)
            #expect(failed.status == .unprocessableEntity)
            #expect(failed.text.contains("Gekozen foto: poort.png") && failed.text.contains("value=\"\(alt)\""))
            let kept = try keptID(failed.text)
            // A second error (no description this time) keeps the same photo.
            let again = try await lead.postMultipart(path, fields.map { $0.0 == "photo_alt" ? ("photo_alt", "") : $0 } + [("pending_photo", kept)],
                                                     file: nil)
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("Beschrijf wat er op de foto staat."))
            #expect(try keptID(again.text) == kept)

            #expect(try await lead.postMultipart(path, fields + [("pending_photo", kept)], file: nil).status == .seeOther)
            let story = try #require(try await Story.query(on: app.db).first())
            #expect(story.photoID != nil && story.photoAlt == alt)
            #expect(try await PendingStoryPhoto.query(on: app.db).count() == 0)
        }
    }

    @Test func a_kept_photo_can_be_replaced_or_dropped() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let path = "/staff/schools/\(world.schoolA)/stories"
            let first = try keptID(try await member.postMultipart(path, untitled, file: png).text)
            let replaced = try await member.postMultipart(path, untitled + [("pending_photo", first)], file: ("photo", "nieuw.png", "image/png", ImageCheckTestBytes.png))
            #expect(replaced.text.contains("Gekozen foto: nieuw.png"))
            let second = try keptID(replaced.text)
            #expect(second != first)
            #expect(try await PendingStoryPhoto.query(on: app.db).count() == 1, "the replaced photo is deleted")
            let dropped = try await member.postMultipart(path, fields + [("pending_photo", second), ("drop_pending_photo", "1")], file: nil)
            #expect(dropped.status == .seeOther)
            #expect(try await Story.query(on: app.db).first()?.photoID == nil)
            #expect(try await PendingStoryPhoto.query(on: app.db).count() == 0)
        }
    }

    @Test func someone_elses_or_an_expired_kept_photo_is_refused() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let kept = try keptID(try await member.postMultipart("/staff/schools/\(world.schoolA)/stories", untitled, file: png).text)

            // A colleague at the same school, and a lead of another school, cannot use it.
            let colleague = try await world.browser(app, as: world.leadA)
            let borrowed = try await colleague.postMultipart("/staff/schools/\(world.schoolA)/stories", fields + [("pending_photo", kept)], file: nil)
            #expect(borrowed.status == .unprocessableEntity)
            #expect(borrowed.text.contains("De eerder gekozen foto is niet meer bewaard."))
            #expect(!borrowed.text.contains("Gekozen foto: poort.png"))
            let other = try await world.browser(app, as: world.leadB)
            let elsewhere = try await other.postMultipart("/staff/schools/\(world.schoolB)/stories", fields + [("pending_photo", kept)], file: nil)
            #expect(elsewhere.status == .unprocessableEntity)
            let madeUp = try await member.postMultipart("/staff/schools/\(world.schoolA)/stories", fields + [("pending_photo", "not-an-id")], file: nil)
            #expect(madeUp.status == .unprocessableEntity)
            #expect(try await Story.query(on: app.db).count() == 0)
            #expect(try await PendingStoryPhoto.query(on: app.db).count() == 1, "a refused form changes nothing")

            // After a day it is gone for its sender too, and the purge deletes it.
            clock.advance(seconds: PendingStoryPhoto.lifetime + 1)
            let signedInAgain = try await world.browser(app, as: world.memberA)
            let late = try await signedInAgain.postMultipart("/staff/schools/\(world.schoolA)/stories", fields + [("pending_photo", kept)], file: nil)
            #expect(late.status == .unprocessableEntity)
            #expect(late.text.contains("De eerder gekozen foto is niet meer bewaard."))
            #expect(try await PendingStoryPhoto.purge(on: app.db, now: clock.now) == 1)
            #expect(try await PendingStoryPhoto.query(on: app.db).count() == 0)
            #expect(try await Story.query(on: app.db).count() == 0)
        }
    }
}
