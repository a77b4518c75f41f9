import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// A parent's phone rating a moment: fetches the page (which sets the device cookie; `change` asks for the form even
/// after this phone sent a rating), then sends the form with its check.
extension Browser {
    func rate(_ path: String, face: String?, chips: [String] = [], text: String = "", lang: String = "nl") async throws -> TestingHTTPResponse {
        let page = try await get("\(path)?lang=\(lang)&change=1")
        let check = page.text.firstMatch(of: /name="check" value="([^"]+)"/).map { String($0.1) } ?? ""
        var fields = [("lang", lang), ("check", check), ("text", text)]
        if let face { fields.append(("face", face)) }
        fields += chips.map { ("chips[]", $0) }
        return try await post(path, fields, csrf: false)
    }
}

@Suite struct MomentTests {
    func ratings(_ app: Application) async throws -> [MomentRating] {
        try await MomentRating.query(on: app.db).sort(\.$day).all()
    }

    /// `count` ratings of a moment from as many phones, stored (and released in groups) as a parent's send would.
    func seedRatings(_ app: Application, momentID: String, faces: [Int], text: String? = nil) async throws {
        let id = try #require(UUID(uuidString: momentID))
        let threshold = app.figureThreshold
        for face in faces {
            try await app.groupCommit.perform(on: app.db) { db in
                try await MomentRating.store(RatingAnswer(face: face, chips: ["welcome"], text: text), momentID: id, deviceHash: UUID().uuidString,
                                             language: .nl, day: Day(year: 2026, month: 9, day: 20), threshold: threshold, on: db)
            }
        }
    }

    @Test func a_parent_rates_in_their_language_and_only_the_allowed_facts_are_stored() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let page = try await parent.get(world.summary.ratingMomentPath + "?lang=tr")
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"tr\" dir=\"ltr\">"))
            #expect(page.text.contains("<h1>Nasıldı?</h1>"))
            #expect(page.text.contains("Oudercontact 2de leerjaar"))
            #expect(parent.cookies[ParentRatingController.deviceCookie] != nil, "the page gives the phone its random cookie")
            let sent = try await parent.rate(world.summary.ratingMomentPath, face: "4", chips: ["welcome", "interpreter"],
                                             text: "Öğretmen çok sabırlıydı.", lang: "tr")
            #expect(sent.status == .seeOther)
            #expect(sent.location == world.summary.ratingMomentPath + "/thanks?lang=tr")
            let thanks = try await parent.get(try #require(sent.location))
            #expect(thanks.text.contains("<html lang=\"tr\""))
            let stored = try await ratings(app)
            #expect(stored.count == 1)
            let rating = try #require(stored.first)
            #expect(rating.face == 4)
            #expect(rating.chips == ["welcome", "interpreter"])
            #expect(rating.text == "Öğretmen çok sabırlıydı.")
            #expect(rating.language == "tr")
            #expect(rating.day.description == "2026-09-21")
            #expect(!rating.textPublic && !rating.textHidden)
            // The database knows the phone only by a keyed hash: not the cookie itself.
            let cookie = try #require(parent.cookies[ParentRatingController.deviceCookie])
            #expect(!rating.deviceHash.contains(cookie))
            let sql = try #require(app.db as? any SQLDatabase)
            let columns = try await sql.select().column(SQLLiteral.all).from(MomentRating.schema).first()?.allColumns ?? []
            #expect(Set(columns) == ["id", "moment_id", "device_hash", "face", "chips", "text", "text_hidden", "text_public", "language", "day",
                                      "released", "replaces_id"])
        }
    }

    @Test func a_second_rating_from_the_same_phone_changes_the_first() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            _ = try await parent.rate(world.summary.ratingMomentPath, face: "2", chips: ["more_time"], text: "Te kort.")
            let again = try await parent.get(world.summary.ratingMomentPath + "?change=1")
            #expect(again.text.contains("Je gaf al een antwoord. Je kan het hier aanpassen."))
            #expect(again.text.contains("value=\"2\" checked"))
            #expect(again.text.contains(">Te kort.</textarea>"))
            // Rated in Turkish: the plain link opens in Turkish again, whatever the browser prefers.
            _ = try await parent.rate(world.summary.ratingMomentPath, face: "2", chips: ["more_time"], text: "Te kort.", lang: "tr")
            let remembered = try await parent.get(world.summary.ratingMomentPath)
            #expect(remembered.text.contains("<html lang=\"tr\""))
            _ = try await parent.rate(world.summary.ratingMomentPath, face: "3", text: "Te kort, maar fijn.")
            let stored = try await ratings(app)
            #expect(stored.count == 1)
            #expect(stored.first?.face == 3)
            #expect(stored.first?.chips == [])
            #expect(stored.first?.text == "Te kort, maar fijn.")
            // Another phone is another rating.
            _ = try await Browser(app).rate(world.summary.ratingMomentPath, face: "4")
            #expect(try await ratings(app).count == 2)
        }
    }

    @Test func a_form_without_the_phones_check_stores_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            // A form posted from elsewhere: no cookie, no check.
            let forged = try await Browser(app).post(world.summary.ratingMomentPath, [("face", "1")], csrf: false)
            #expect(forged.status == .unprocessableEntity)
            #expect(forged.text.contains("Er ging iets mis. Je antwoord is nog niet bewaard"))
            // A cookie, but a check from another phone.
            let parent = Browser(app)
            _ = try await parent.get(world.summary.ratingMomentPath)
            let wrong = try await parent.post(world.summary.ratingMomentPath, [("face", "1"), ("check", String(repeating: "0", count: 32))], csrf: false)
            #expect(wrong.status == .unprocessableEntity)
            #expect(try await ratings(app).isEmpty)
            // The page it got back carries a good check: sending again works.
            #expect(try await parent.rate(world.summary.ratingMomentPath, face: "1").status == .seeOther)
        }
    }

    @Test func tampered_or_oversized_ratings_are_refused_kindly_and_store_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let path = world.summary.ratingMomentPath
            let noFace = try await parent.rate(path, face: nil, chips: ["welcome"], text: "Mijn zin blijft staan.", lang: "fr")
            #expect(noFace.status == .unprocessableEntity)
            #expect(noFace.text.contains("<html lang=\"fr\""))
            #expect(noFace.text.contains(">Mijn zin blijft staan.</textarea>"))
            #expect(noFace.text.contains("value=\"welcome\" checked"))
            let outOfRange = try await parent.rate(path, face: "9")
            #expect(outOfRange.status == .unprocessableEntity)
            #expect(outOfRange.text.contains("Dat antwoord kunnen we niet bewaren."))
            let unknownChip = try await parent.rate(path, face: "3", chips: ["cost"])
            #expect(unknownChip.status == .unprocessableEntity)
            let long = try await parent.rate(path, face: "3", text: String(repeating: "ä", count: 501))
            #expect(long.status == .unprocessableEntity)
            #expect(long.text.contains("Je tekst is te lang"))
            let control = try await parent.rate(path, face: "3", text: "a\u{7}b")
            #expect(control.status == .unprocessableEntity)
            #expect(try await ratings(app).isEmpty)
        }
    }

    @Test func a_closed_not_yet_open_or_unknown_moment_gets_a_kind_page_and_stores_nothing() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let moment = try #require(try await Moment.find(UUID(uuidString: world.summary.momentID), on: app.db))
            moment.reply = "Volgende keer is er een tolk."
            try await moment.save(on: app.db)
            let parent = Browser(app)
            let page = try await parent.get(world.summary.ratingMomentPath)
            let check = try #require(page.text.firstMatch(of: /name="check" value="([^"]+)"/)).1
            // The moment was two days ago; ratings close 14 days after it.
            clock.advance(seconds: 13 * 86_400)
            let closed = try await parent.post(world.summary.ratingMomentPath, [("face", "4"), ("check", String(check))], csrf: false)
            #expect(closed.status == .forbidden)
            #expect(closed.text.contains("Je kan dit moment niet meer beoordelen"))
            #expect(closed.text.contains("Beoordelen kon tot en met 3/10/2026."))
            #expect(closed.text.contains("Volgende keer is er een tolk."), "the school's reply stays readable")
            #expect(try await ratings(app).isEmpty)
            let later = try #require(try await Moment.query(on: app.db).filter(\.$title == "Koffiemoment oktober").first())
            later.starts = Day(year: 2026, month: 12, day: 1)
            later.ends = Day(year: 2026, month: 12, day: 1)
            try await later.save(on: app.db)
            let notYet = try await parent.get("/m/\(later.slug)")
            #expect(notYet.status == .forbidden)
            #expect(notYet.text.contains("Je kan het beoordelen vanaf 1/12/2026."))
            parent.acceptLanguage = "tr"
            let unknown = try await parent.get("/m/zzzzzz")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("<html lang=\"tr\""))
            #expect(try await parent.post("/m/zzzzzz", [("face", "4")], csrf: false).status == .notFound)
            #expect(try await ratings(app).isEmpty)
        }
    }

    @Test func a_burst_from_one_address_is_throttled_and_the_rest_is_kept() async throws {
        try await withTestApp(configure: { $0.ratingBurst = 3 }) { app, clock in
            let world = try await DemoWorld.seed(app)
            for _ in 0..<3 {
                #expect(try await Browser(app).rate(world.summary.ratingMomentPath, face: "4").status == .seeOther)
            }
            let fourth = try await Browser(app).rate(world.summary.ratingMomentPath, face: "1")
            #expect(fourth.status == .tooManyRequests)
            #expect(fourth.headers.first(name: .retryAfter) == "600")
            #expect(fourth.text.contains("Er komen nu heel veel antwoorden tegelijk binnen."))
            #expect(try await ratings(app).map(\.face) == [4, 4, 4])
            clock.advance(seconds: 601)
            #expect(try await Browser(app).rate(world.summary.ratingMomentPath, face: "1").status == .seeOther)
            #expect(try await ratings(app).count == 4)
        }
    }

    @Test func a_member_makes_a_moment_and_mistakes_keep_what_was_typed() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let path = "/staff/schools/\(world.schoolA)/moments"
            let before = try await Moment.query(on: app.db).count()
            let wrong = try await member.post(path, [("kind", "infoavond"), ("title", "Infoavond <b>lezen</b>"), ("starts_on", "2026-10-10"),
                                                     ("ends_on", "2026-10-01"), ("window_days", "14")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("value=\"Infoavond &lt;b&gt;lezen&lt;/b&gt;\""))
            #expect(wrong.text.contains("De laatste dag kan niet vóór de eerste dag liggen."))
            #expect(wrong.text.contains("Kies minstens één van de 12 sleutels."))
            #expect(try await Moment.query(on: app.db).count() == before)
            let made = try await member.post(path, [("kind", "infoavond"), ("title", "Infoavond lezen"), ("starts_on", "2026-10-10"),
                                                    ("keys[]", "7"), ("keys[]", "8"), ("group", "3de leerjaar"), ("window_days", "10")])
            #expect(made.status == .seeOther)
            let moment = try #require(try await Moment.query(on: app.db).filter(\.$title == "Infoavond lezen").with(\.$creator).with(\.$keyRows).first())
            #expect(moment.creator?.email == world.memberA.email)
            #expect(moment.keys == [7, 8])
            #expect(moment.window.closes == Day(year: 2026, month: 10, day: 20))
            let page = try await member.get(try #require(made.location))
            #expect(page.text.contains("Het moment is aangemaakt."))
            #expect(page.text.contains("/m/\(moment.slug)"))
            #expect(page.text.contains("class=\"qr\""))
            let cards = try await member.get("/staff/moments/\(moment.publicID)/cards")
            #expect(cards.text.components(separatedBy: "class=\"slip\"").count - 1 == 8)
            #expect(cards.text.contains("lang=\"ar\" dir=\"rtl\""), "a line in each language the school offers")
        }
    }

    @Test func results_stay_hidden_below_five_ratings() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            try await seedRatings(app, momentID: world.summary.momentID, faces: [4, 4, 3, 1], text: "Juf Sarah was zo lief voor Amira.")
            let page = try await lead.get("/staff/moments/\(world.summary.momentID)")
            #expect(page.text.contains("Nog minder dan 5 beoordelingen."))
            #expect(!page.text.contains("Juf Sarah"))
            #expect(!page.text.contains("Tevredenheidsindex:"))
            let list = try await lead.get("/staff/schools/\(world.schoolA)/moments")
            #expect(list.text.contains("minder dan 5"))
            #expect(!list.text.contains("4 beoordelingen"))
            try await seedRatings(app, momentID: world.summary.momentID, faces: [2])
            let shown = try await lead.get("/staff/moments/\(world.summary.momentID)")
            #expect(shown.text.contains("5 beoordelingen"))
            // (0+1/3+2/3+1+1)/5 → 60, with its interval.
            #expect(shown.text.contains("Tevredenheidsindex: 60 (tussen"))
            #expect(shown.text.contains("aria-label=\"Heel fijn: 2, Fijn: 1, Niet zo fijn: 1, Helemaal niet fijn: 1\""))
            #expect(shown.text.contains("Juf Sarah was zo lief voor Amira."))
            #expect(shown.text.contains("<th scope=\"row\">Ik voelde me welkom</th><td>5</td>"))
        }
    }

    @Test func the_school_replies_and_parents_see_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let replyPath = "/staff/moments/\(world.summary.momentID)/reply"
            let tooLong = try await member.post(replyPath, [("reply", String(repeating: "x", count: 1001))])
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.text.contains("Het antwoord is te lang"))
            #expect(tooLong.text.contains(String(repeating: "x", count: 1001) + "</textarea>"))
            let saved = try await member.post(replyPath, [("reply", "Volgende keer <b>plannen</b> we 20 minuten.")])
            #expect(saved.status == .seeOther)
            let parentPage = try await Browser(app).get(world.summary.ratingMomentPath)
            #expect(parentPage.text.contains("Wat de school antwoordt"))
            #expect(parentPage.text.contains("Volgende keer &lt;b&gt;plannen&lt;/b&gt; we 20 minuten."))
            _ = try await member.post(replyPath, [("reply", "  ")])
            #expect(!(try await Browser(app).get(world.summary.ratingMomentPath)).text.contains("Wat de school antwoordt"))
        }
    }

    @Test func sentences_are_hidden_with_a_log_and_only_a_lead_puts_them_on_the_profile() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            try await seedRatings(app, momentID: world.summary.momentID, faces: [4, 3, 3], text: nil)
            try await seedRatings(app, momentID: world.summary.momentID, faces: [4], text: "Dank aan meester Tom.")
            let rating = try #require(try await MomentRating.query(on: app.db).filter(\.$text == "Dank aan meester Tom.").first())
            let path = "/staff/moments/\(world.summary.momentID)/texts/\(rating.publicID)"
            let lead = try await world.browser(app, as: world.leadA)
            // Four ratings, still pending: the sentence is shown nowhere, so there is nothing to moderate.
            #expect(try await lead.post(path, [("action", "publish")]).status == .notFound)
            #expect(try await lead.post(path, [("action", "hide")]).status == .notFound)
            try await seedRatings(app, momentID: world.summary.momentID, faces: [2])
            let member = try await world.browser(app, as: world.memberA)
            #expect(try await member.post(path, [("action", "publish")]).status == .forbidden)
            #expect(try await member.post(path, [("action", "hide")]).status == .seeOther)
            let page = try await lead.get("/staff/moments/\(world.summary.momentID)")
            #expect(page.text.contains("Verborgen door Leerkracht Basisschool De Regenboog op 21 september 2026."))
            #expect(try await lead.post(path, [("action", "publish")]).status == .conflict, "a hidden sentence does not go public")
            #expect(try await lead.post(path, [("action", "show")]).status == .seeOther)
            #expect(try await lead.post(path, [("action", "publish")]).status == .seeOther)
            #expect(try await lead.post(path, [("action", "shout")]).status == .badRequest)
            let log = try await RatingModeration.query(on: app.db).sort(\.$at).all().map(\.action)
            #expect(log == ["hide", "show", "publish"])
            #expect(try await MomentRating.find(rating.id, on: app.db)?.textPublic == true)
        }
    }

    @Test func the_public_profile_shows_only_groups_of_five_and_goes_offline_at_once() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let school = try #require(try await School.find(UUID(uuidString: world.schoolB), on: app.db))
            let leadB = try await world.browser(app, as: world.leadB)
            // School B's moments: one with 5 ratings, one with 4.
            var ids: [String] = []
            for title in ["Infoavond kleuters", "Koffieochtend mama's"] {
                let made = try await leadB.post("/staff/schools/\(world.schoolB)/moments",
                                                [("kind", "infoavond"), ("title", title), ("starts_on", "2026-09-15"), ("keys[]", "6"),
                                                 ("window_days", "14")])
                ids.append(String(try #require(made.location).dropFirst("/staff/moments/".count).prefix(36)))
            }
            try await seedRatings(app, momentID: ids[0], faces: [4, 4, 4, 3, 2])
            try await seedRatings(app, momentID: ids[1], faces: [1, 1, 1, 1], text: "Niemand sprak mij aan.")
            let memberA = try await world.browser(app, as: world.memberA)
            #expect(try await memberA.post("/staff/schools/\(world.schoolB)/profile", [("published", "1")]).status == .forbidden)
            let published = try await leadB.post("/staff/schools/\(world.schoolB)/profile", [("published", "1")])
            #expect(published.status == .seeOther)
            let slug = try #require(try await School.find(school.id, on: app.db)?.profileSlug)
            #expect(slug == "kleuterschool-het-klavertje")
            let visitor = Browser(app)
            let profile = try await visitor.get("/school/\(slug)")
            #expect(profile.status == .ok)
            #expect(profile.text.contains("<h1 dir=\"auto\">Kleuterschool Het Klavertje</h1>"))
            #expect(profile.text.contains("Infoavond kleuters"))
            // (1+1+1+2/3+1/3)/5 → 80.
            #expect(profile.text.contains("Index 80 (tussen"))
            #expect(profile.text.contains("5 beoordelingen"))
            #expect(!profile.text.contains("Koffieochtend"))
            #expect(!profile.text.contains("Niemand sprak mij aan."))
            #expect(profile.text.contains("Er is nog geen ouderbevraging met genoeg antwoorden."))
            #expect(!profile.text.contains("csrf"), "the same page for everyone: no form token")
            let etag = try #require(profile.headers.first(name: .eTag))
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .ifNoneMatch, value: etag)
            let unchanged = try await app.testing().sendRequest(.GET, "/school/\(slug)", headers: headers)
            #expect(unchanged.status == .notModified)
            #expect(unchanged.body.readableBytes == 0)
            // One new rating, and up to four, change nothing a visitor can see: the fifth releases them together.
            for face in [1, 1, 1, 1] {
                try await seedRatings(app, momentID: ids[0], faces: [face])
                #expect(try await app.testing().sendRequest(.GET, "/school/\(slug)", headers: headers).status == .notModified)
            }
            try await seedRatings(app, momentID: ids[0], faces: [1])
            let changed = try await app.testing().sendRequest(.GET, "/school/\(slug)", headers: headers)
            #expect(changed.status == .ok, "the fifth new rating changes the page and its ETag")
            #expect(changed.body.string.contains("10 beoordelingen"))
            #expect(changed.body.string.contains("bijgewerkt na elke 5 nieuwe beoordelingen"))
            // Taken offline: gone at once; published again: the same address.
            _ = try await leadB.post("/staff/schools/\(world.schoolB)/profile", [("published", "0")])
            #expect(try await visitor.get("/school/\(slug)").status == .notFound)
            #expect(try await app.testing().sendRequest(.GET, "/school/\(slug)", headers: headers).status == .notFound)
            _ = try await leadB.post("/staff/schools/\(world.schoolB)/profile", [("published", "1")])
            #expect(try await visitor.get("/school/\(slug)").status == .ok)
            #expect(try await visitor.get("/school/nergens").status == .notFound)
        }
    }

    @Test func the_demo_has_a_season_of_moments_and_a_published_profile() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            #expect(try await Browser(app).get(world.summary.ratingMomentPath).status == .ok)
            let profile = try await Browser(app).get(world.summary.profilePath)
            #expect(profile.status == .ok)
            #expect(profile.text.contains("Wat ouders het hoogst waarderen"))
            #expect(profile.text.contains("Herfstfeest"))
            #expect(!profile.text.contains("Koffiemoment oktober"), "4 ratings: not on the profile")
            let lead = try await world.browser(app, as: world.leadA)
            let list = try await lead.get("/staff/schools/\(world.schoolA)/moments")
            #expect(list.text.components(separatedBy: "class=\"spark\"").count - 1 >= 5)
            #expect(list.text.contains("Het profiel staat online."))
            // Seeding again adds nothing.
            let before = try await MomentRating.query(on: app.db).count()
            _ = try await Demo.seed(app, answers: true)
            #expect(try await MomentRating.query(on: app.db).count() == before)
            #expect(try await Moment.query(on: app.db).count() == 8, "seven rated moments and another school's oudercontact next week")
        }
    }

    @Test func the_shipped_rating_texts_are_complete_in_every_parent_language() throws {
        let catalog = try RatingCatalogLoader.load()
        #expect(catalog.languages == LanguageCode.builtIn)
        #expect(catalog.texts(.nl).status == .source)
        for kind in MomentKind.allCases {
            #expect(catalog.chips(kind).good.count >= 3 && catalog.chips(kind).better.count >= 3, "\(kind)")
        }
    }
}

@Suite struct SentRatingTests {
    @Test func back_after_rating_says_in_the_parents_language_that_it_arrived_and_sending_again_stores_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.ratingMomentPath
            let parent = Browser(app)
            parent.acceptLanguage = "nl"
            let sentence = "كان اللقاء مفيدًا."
            let sent = try await parent.rate(path, face: "4", chips: ["welcome"], text: sentence, lang: "ar")
            #expect(sent.status == .seeOther)
            let arrived = "وصلت إجابتك."
            // Back to the rating page (as first opened, or in the language chosen there): "your answer arrived", in
            // Arabic though the phone asks for Dutch, with the moment, a way to change it, and nothing of the answer.
            for page in [path, "\(path)?lang=ar"] {
                let again = try await parent.get(page)
                #expect(again.status == .ok, "\(page)")
                #expect(again.text.contains("<html lang=\"ar\" dir=\"rtl\">"), "\(page)")
                #expect(again.text.contains(arrived), "\(page)")
                #expect(again.text.contains("Oudercontact 2de leerjaar"), "\(page)")
                #expect(!again.text.contains("<form"), "\(page) offers nothing to send")
                #expect(!again.text.contains(sentence), "\(page) shows nothing of the answer")
                #expect(again.text.contains("href=\"\(path)?lang=ar&amp;change=1\""), "\(page)")
            }
            // Sent again (the form kept in the history): the same answer, in Arabic; nothing stored twice, not even
            // once its group of five was released (a change after release would be a second row).
            for _ in 0..<4 { _ = try await Browser(app).rate(path, face: "3") }
            #expect(try await MomentRating.query(on: app.db).filter(\.$released == nil).count() == 0)
            let form = try await parent.get("\(path)?change=1")
            #expect(form.text.contains("لقد أجبت من قبل."), "asked for, the form shows the rating to change")
            let check = try #require(form.text.firstMatch(of: /name="check" value="([^"]+)"/).map { String($0.1) })
            let resent = try await parent.post(path, [("lang", "ar"), ("check", check), ("text", sentence), ("face", "4"), ("chips[]", "welcome")],
                                               csrf: false)
            #expect(resent.status == .ok)
            #expect(resent.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(resent.text.contains(arrived))
            #expect(try await MomentRating.query(on: app.db).count() == 5)
            #expect(try await MomentRating.query(on: app.db).filter(\.$text == sentence).count() == 1)
            // A change is still a change.
            #expect(try await parent.rate(path, face: "2", chips: ["welcome"], text: sentence, lang: "ar").status == .seeOther)
            #expect(try await MomentRating.query(on: app.db).filter(\.$face == 2).count() == 1)
            // Another phone gets the form.
            let other = try await Browser(app).get(path)
            #expect(other.status == .ok)
            #expect(other.text.contains("<form") && !other.text.contains(arrived))
        }
    }
}
