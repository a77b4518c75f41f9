import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// A spoken-only language (Darija here): parents hear it and do not read it. The school offers it once every text is
/// recorded; its pages show the Dutch texts small and play every text; while it is offered, no clip can be removed.
@Suite struct SpokenLanguageTests {
    static let darija = LanguageCode(rawValue: "ary")!

    func schoolForm(_ languages: [String]) -> [(String, String)] {
        [("name", "Basisschool De Regenboog"), ("levels[]", "kleuter"), ("levels[]", "lager"), ("families", "180")]
            + languages.map { ("languages[]", $0) }
    }

    /// Records every text of the script but `leaving` in Darija at the first school, as its staff would.
    func recordEverything(_ app: Application, _ world: DemoWorld, leaving: Set<VoiceText> = []) async throws {
        guard case let .success(clip) = AudioCheck.inspect(AudioTestBytes.oggOpus) else { throw Abort(.internalServerError) }
        let schoolID = try #require(UUID(uuidString: world.schoolA))
        for text in app.voiceScript.texts where !leaving.contains(text) {
            try await Recording(schoolID: schoolID, language: Self.darija, text: text, clip: clip, bytes: AudioTestBytes.oggOpus,
                                recordedBy: nil).create(on: app.db)
        }
    }

    func school(_ app: Application, _ world: DemoWorld) async throws -> School {
        try #require(try await School.find(UUID(uuidString: world.schoolA), on: app.db))
    }

    @Test func a_school_offers_a_spoken_only_language_only_once_every_text_is_recorded() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let before = try await school(app, world).languages
            let form = try await lead.get("/staff/schools/\(world.schoolA)/edit")
            #expect(form.text.contains("value=\"ary\""))
            #expect(form.text.contains("Marokkaans Arabisch (Darija), alleen gesproken: aan te bieden zodra elke tekst is opgenomen"))

            // One text short: refused, with the reason, what was typed kept, nothing changed.
            try await recordEverything(app, world, leaving: [VoiceText(part: .card, key: "card.privacy")])
            let refused = try await lead.post("/staff/schools/\(world.schoolA)", schoolForm(["nl", "fr", "ary"]))
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("Een taal die alleen gesproken wordt, kan je pas aanbieden als elke tekst erin is opgenomen."))
            #expect(refused.text.contains("value=\"ary\" checked") || refused.text.contains("value=\"ary\" lang=\"ary\" checked"),
                    "the choice is kept")
            #expect(try await school(app, world).languages == before)
            // A new school has no recordings: it cannot start with one either.
            let coordinator = try await world.browser(app, as: world.coordinator)
            let created = try await coordinator.post("/staff/trajectories/\(world.trajectory)/schools",
                                                     [("name", "Nieuwe school"), ("levels[]", "lager"), ("languages[]", "nl"), ("languages[]", "ary")])
            #expect(created.status == .unprocessableEntity)

            // The last text recorded: offered.
            guard case let .success(clip) = AudioCheck.inspect(AudioTestBytes.oggOpus) else { return }
            try await Recording(schoolID: try #require(UUID(uuidString: world.schoolA)), language: Self.darija,
                                text: VoiceText(part: .card, key: "card.privacy"), clip: clip, bytes: AudioTestBytes.oggOpus,
                                recordedBy: nil).create(on: app.db)
            let saved = try await lead.post("/staff/schools/\(world.schoolA)", schoolForm(["nl", "fr", "ary"]))
            #expect(saved.status == .seeOther)
            #expect(try await school(app, world).languages == [.nl, .fr, Self.darija])
        }
    }

    @Test func a_parent_chooses_it_by_its_name_hears_every_text_and_sees_the_dutch_small() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            try await recordEverything(app, world)
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.post("/staff/schools/\(world.schoolA)", schoolForm(["nl", "ar", "ary"])).status == .seeOther)

            let parent = Browser(app)
            let choice = try await parent.get(world.summary.parentSurveyPath)
            #expect(choice.text.contains("lang=\"ary\" hreflang=\"ary\" dir=\"rtl\">الدارجة</a><audio class=\"voice name\" controls preload=\"none\""))
            #expect(choice.text.contains("aria-label=\"الدارجة\" lang=\"ary\""), "its name, said aloud")
            // Only the spoken-only language's name is a recording: the written ones are read.
            #expect(choice.text.components(separatedBy: "<audio").count == 2)
            #expect(!choice.text.contains("<li lang=\"ary\""), "no 'choose your language' line in a language nobody reads")

            let intro = try await parent.get(world.summary.parentSurveyPath + "?lang=ary")
            #expect(intro.text.contains("<html lang=\"nl\" dir=\"ltr\">"), "what is written is Dutch")
            #expect(intro.text.contains("<body class=\"parent spoken\">"))
            #expect(intro.text.contains("<input type=\"hidden\" name=\"lang\" value=\"ary\"/>"))
            #expect(intro.text.contains("href=\"\(world.summary.parentSurveyPath)?lang=ary\" lang=\"ary\" hreflang=\"ary\" dir=\"rtl\" aria-current=\"true\""))
            #expect(intro.text.contains("aria-label=\"Luisteren: Hoe gaat het met jou en onze school?\""))
            #expect(intro.body.readableBytes <= 15 * 1024)

            let first = try await parent.startSurvey(world.summary.parentSurveyPath, language: "ary")
            let question = try await parent.get(first)
            #expect(question.text.contains("<body class=\"parent spoken\">"))
            #expect(question.text.contains("Als ik naar school kom, zegt iemand goeiedag tegen mij."))
            // The statement, the hint and the five answers each play; no read-aloud button is left.
            #expect(question.text.components(separatedBy: "<audio class=\"voice\" controls preload=\"none\"").count == 8)
            #expect(!question.text.contains("data-speak="))
            #expect(question.body.readableBytes <= 15 * 1024)

            let sent = try await parent.answerAll(first, value: "4")
            #expect(sent.status == .seeOther)
            #expect(sent.location?.hasSuffix("?lang=ary") == true)
            let thanks = try await parent.get(try #require(sent.location))
            #expect(thanks.text.contains("<body class=\"parent spoken\">") && thanks.text.contains("<audio"))
        }
    }

    @Test func while_it_is_offered_a_clip_can_be_replaced_but_not_deleted() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            try await recordEverything(app, world)
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.post("/staff/schools/\(world.schoolA)", schoolForm(["nl", "ary"])).status == .seeOther)
            let path = "/staff/schools/\(world.schoolA)/voice/ary/survey/item.k1_greet"
            let count = try await Recording.query(on: app.db).count()

            let refused = try await lead.post(path + "/delete", [])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains("zolang de school ze aanbiedt, kan je een opname vervangen maar niet wissen"))
            #expect(try await Recording.query(on: app.db).count() == count)

            let replaced = try await lead.postMultipart(path, [], file: ("audio", "nieuw.opus", "audio/ogg", AudioTestBytes.oggOpus))
            #expect(replaced.status == .seeOther)
            #expect(try await Recording.query(on: app.db).count() == count)

            // No longer offered: the lead may delete it.
            #expect(try await lead.post("/staff/schools/\(world.schoolA)", schoolForm(["nl"])).status == .seeOther)
            #expect(try await lead.post(path + "/delete", []).status == .seeOther)
            #expect(try await Recording.query(on: app.db).count() == count - 1)
        }
    }

    @Test func the_rating_page_is_heard_too_and_the_poster_prints_the_written_languages_only() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            try await recordEverything(app, world)
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.post("/staff/schools/\(world.schoolA)", schoolForm(["nl", "ary"])).status == .seeOther)
            let parent = Browser(app)
            let rating = try await parent.get(world.summary.ratingMomentPath + "?lang=ary")
            #expect(rating.status == .ok)
            #expect(rating.text.contains("<body class=\"parent spoken\">"))
            #expect(rating.text.contains("aria-label=\"Luisteren: Hoe was het?\""))
            #expect(rating.text.contains("lang=\"ary\" hreflang=\"ary\""), "offered on the rating page too")
            // Nothing to print in a language without texts: the poster has each written language once.
            let poster = try await lead.get("/staff/waves/\(world.summary.waveID)/poster")
            #expect(poster.status == .ok)
            #expect(poster.text.components(separatedBy: "<li lang=\"nl\"").count == 2, "Dutch once, not again for Darija")
            let written = try await parent.get(world.summary.ratingMomentPath + "?lang=nl")
            #expect(written.text.contains("<body class=\"parent\">") && !written.text.contains("<audio"), "Dutch has no recordings here")
        }
    }
}
