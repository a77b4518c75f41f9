import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// A school's recordings of the parent texts: recorded or uploaded by its staff, checked by their bytes, played to
/// parents beside the texts.
@Suite struct RecordingTests {
    /// The upload address of one text in one language of the first school.
    func uploadPath(_ world: DemoWorld, _ language: String = "ar", _ part: String = "survey", _ key: String = "item.k1_greet") -> String {
        "/staff/schools/\(world.schoolA)/voice/\(language)/\(part)/\(key)"
    }

    func upload(_ browser: Browser, _ path: String, _ bytes: [UInt8], name: String = "welkom.opus",
                type: String = "audio/ogg") async throws -> TestingHTTPResponse {
        try await browser.postMultipart(path, [], file: ("audio", name, type, bytes))
    }

    func recordings(_ app: Application) async throws -> [Recording] {
        try await Recording.query(on: app.db).all()
    }

    @Test func a_member_uploads_a_clip_and_a_parent_hears_it_beside_the_statement() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let saved = try await upload(member, uploadPath(world), AudioTestBytes.oggOpus)
            #expect(saved.status == .seeOther)
            #expect(saved.location?.hasPrefix("/staff/schools/\(world.schoolA)/voice/ar?saved=saved#t-survey-item-k1-greet") == true)
            let stored = try #require(try await recordings(app).first)
            #expect(stored.format == "ogg" && stored.byteCount == AudioTestBytes.oggOpus.count && stored.seconds > 1 && stored.seconds < 2)
            #expect(stored.language == "ar" && stored.part == "survey" && stored.textKey == "item.k1_greet" && stored.sha256.count == 64)
            let page = try await member.get("/staff/schools/\(world.schoolA)/voice/ar?saved=saved")
            #expect(page.text.contains("De opname is bewaard."))
            #expect(page.text.contains("src=\"/audio/\(stored.publicID)\""))
            #expect(page.text.contains("accept=\"audio/*\""))
            #expect(!page.text.contains("Opname verwijderen"), "only the lead deletes")

            // The parent's first statement plays the recording; it has no read-aloud button for it any more.
            let parent = Browser(app)
            let firstPage = try await parent.startSurvey(world.summary.parentSurveyPath, language: "ar")
            let draftPath = String(firstPage.dropLast(2))
            let first = try await parent.get(firstPage)
            #expect(first.text.contains("<audio class=\"voice\" controls preload=\"none\" src=\"/audio/\(stored.publicID)\""))
            #expect(!first.text.contains("data-speak=\"q-k1_greet\""))
            #expect(first.body.readableBytes <= 15 * 1024)
            // The second statement has no recording: its read-aloud button stays.
            let second = try await parent.get("\(draftPath)/2")
            #expect(second.text.contains("data-speak=\"q-k1_respect\""))
            #expect(!second.text.contains("<audio"))
        }
    }

    @Test func a_clip_is_served_with_its_etag_and_a_long_cache_life() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await upload(lead, uploadPath(world), AudioTestBytes.oggOpus)
            let stored = try #require(try await recordings(app).first)
            let parent = Browser(app)
            let clip = try await parent.get("/audio/\(stored.publicID)")
            #expect(clip.status == .ok)
            #expect(clip.headers.first(name: .contentType) == "audio/ogg")
            #expect(clip.headers.first(name: .cacheControl) == "public, max-age=31536000, immutable")
            #expect(clip.headers.first(name: .eTag) == "\"\(stored.sha256)\"")
            #expect(Array(clip.body.readableBytesView) == AudioTestBytes.oggOpus)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .ifNoneMatch, value: "\"\(stored.sha256)\"")
            let again = try await app.testing().sendRequest(.GET, "/audio/\(stored.publicID)", headers: headers)
            #expect(again.status == .notModified && again.body.readableBytes == 0)
            var range = HTTPHeaders()
            range.replaceOrAdd(name: .range, value: "bytes=4-9")
            let part = try await app.testing().sendRequest(.GET, "/audio/\(stored.publicID)", headers: range)
            #expect(part.status == .partialContent)
            #expect(part.headers.first(name: .contentRange) == "bytes 4-9/\(AudioTestBytes.oggOpus.count)")
            #expect(Array(part.body.readableBytesView) == Array(AudioTestBytes.oggOpus[4...9]))
            #expect(try await parent.get("/audio/\(UUID().uuidString.lowercased())").status == .notFound)
            #expect(try await parent.get("/audio/not-an-id").status == .notFound)
        }
    }

    @Test func fake_oversized_and_wrong_codec_files_are_refused_with_a_message_and_nothing_is_stored() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let cases: [([UInt8], String, String)] = [
                (ImageCheckTestBytes.png, "foto.ogg", "Dit is geen geluidsbestand dat we kunnen afspelen: gebruik Ogg/Opus, WebM/Opus, MP3 of M4A."),
                (Array("Dag juf, dit is tekst.".utf8), "tekst.mp3", "Dit is geen geluidsbestand dat we kunnen afspelen"),
                (AudioTestBytes.oggOpus + [UInt8](repeating: 0, count: AudioCheck.maximumBytes), "groot.opus", "Dit bestand is groter dan 1 MB."),
                (AudioTestBytes.oggVorbis, "vorbis.ogg", "Dit bestand is opgenomen in Vorbis of een andere codec: we aanvaarden Opus, MP3 of AAC."),
                ([], "leeg.ogg", "Kies eerst een geluidsbestand."),
            ]
            for (bytes, name, message) in cases {
                let refused = try await upload(member, uploadPath(world), bytes, name: name)
                #expect(refused.status == .unprocessableEntity, "\(name)")
                #expect(refused.text.contains(message), "\(name)")
                #expect(refused.text.contains("id=\"t-survey-item-k1-greet-error\""), "\(name): the message stands at its text")
            }
            #expect(try await recordings(app).isEmpty)
        }
    }

    @Test func a_new_recording_replaces_the_old_one_under_a_new_address() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            _ = try await upload(member, uploadPath(world), AudioTestBytes.oggOpus)
            let first = try #require(try await recordings(app).first)
            _ = try await upload(member, uploadPath(world), AudioTestBytes.oggOpus)
            let all = try await recordings(app)
            #expect(all.count == 1)
            #expect(all.first?.id != first.id)
            #expect(try await Browser(app).get("/audio/\(first.publicID)").status == .notFound)
            // Another language is another recording.
            _ = try await upload(member, uploadPath(world, "nl"), AudioTestBytes.oggOpus)
            #expect(try await recordings(app).count == 2)
        }
    }

    @Test func only_the_lead_deletes_a_recording() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await upload(member, uploadPath(world), AudioTestBytes.oggOpus)
            let refused = try await member.post(uploadPath(world) + "/delete", [])
            #expect(refused.status == .forbidden)
            #expect(try await recordings(app).count == 1)
            let page = try await lead.get("/staff/schools/\(world.schoolA)/voice/ar")
            #expect(page.text.contains("Opname verwijderen"))
            let deleted = try await lead.post(uploadPath(world) + "/delete", [])
            #expect(deleted.status == .seeOther)
            #expect(try await recordings(app).isEmpty)
        }
    }

    @Test func unknown_texts_and_languages_are_not_found() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            #expect(try await upload(member, uploadPath(world, "ar", "survey", "item.nope"), AudioTestBytes.oggOpus).status == .notFound)
            #expect(try await upload(member, uploadPath(world, "ar", "rating", "item.k1_greet"), AudioTestBytes.oggOpus).status == .notFound)
            #expect(try await upload(member, uploadPath(world, "ar", "poster", "survey.title"), AudioTestBytes.oggOpus).status == .notFound)
            #expect(try await upload(member, uploadPath(world, "xx", "survey", "survey.title"), AudioTestBytes.oggOpus).status == .notFound)
            #expect(try await member.get("/staff/schools/\(world.schoolA)/voice/xx").status == .notFound)
            #expect(try await recordings(app).isEmpty)
        }
    }

    @Test func the_overview_and_the_wave_page_count_what_is_recorded() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let total = app.voiceScript.texts.count
            _ = try await upload(member, uploadPath(world, "ar", "survey", "survey.title"), AudioTestBytes.oggOpus)
            _ = try await upload(member, uploadPath(world, "ar", "card", "card.title"), AudioTestBytes.oggOpus)
            let overview = try await member.get("/staff/schools/\(world.schoolA)/voice")
            #expect(overview.status == .ok)
            #expect(overview.text.contains("2 van \(total) teksten ingesproken"))
            #expect(overview.text.contains("href=\"/staff/schools/\(world.schoolA)/voice/ar\""))
            let school = try await member.get("/staff/schools/\(world.schoolA)")
            #expect(school.text.contains("href=\"/staff/schools/\(world.schoolA)/voice\""))
            let wave = try await member.get("/staff/waves/\(world.summary.waveIDs[0])")
            #expect(wave.text.contains("opnames: 2 van \(total) teksten"))
            #expect(wave.text.contains("Nog in te spreken (\(total - 2))"))
            #expect(wave.text.contains("<details>"))
        }
    }

    @Test func the_rating_page_plays_the_recorded_title_and_chip_in_the_parents_language() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            for (part, key) in [("rating", "rating.title"), ("rating", "chip.welcome"), ("rating", "rating.thanks.text")] {
                #expect(try await upload(member, uploadPath(world, "tr", part, key), AudioTestBytes.oggOpus).status == .seeOther)
            }
            let clips = try await Recording.query(on: app.db).all()
            func source(_ key: String) -> String { "src=\"/audio/\(clips.first { $0.textKey == key }?.publicID ?? "?")\"" }
            let parent = Browser(app)
            let page = try await parent.get(world.summary.ratingMomentPath + "?lang=tr")
            #expect(page.status == .ok)
            #expect(page.text.contains(source("rating.title") + " aria-label=\"Dinle: Nasıldı?\""))
            #expect(page.text.contains(source("chip.welcome")))
            #expect(page.body.readableBytes <= 15 * 1024)
            // In Dutch nothing is recorded: no play buttons.
            #expect(!(try await parent.get(world.summary.ratingMomentPath + "?lang=nl")).text.contains("<audio"))
            let sent = try await parent.rate(world.summary.ratingMomentPath, face: "4", chips: ["welcome"], text: "", lang: "tr")
            let thanks = try await parent.get(try #require(sent.location))
            #expect(thanks.text.contains(source("rating.thanks.text")))
        }
    }
}
