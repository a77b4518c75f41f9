import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The public profile's fixed texts in every parent language the school offers: chosen by `?lang=` or the browser,
/// `<html lang dir>` following, and what the school wrote kept as written.
@Suite struct ProfileLanguageTests {
    @Test func the_profile_speaks_the_parents_languages_and_keeps_the_schools_words() async throws {
        try await withTestApp(configure: { $0.pageCacheSeconds = 60 }) { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let path = world.summary.profilePath
            let school = try #require(try await School.query(on: app.db).filter(\.$profilePublished == true).first())
            #expect(school.languages.contains(.ar) && school.languages.contains(.ti))

            // Dutch, as before: the Dutch texts, the school's name as written, a link to every language.
            let dutch = try await Browser(app).get(path)
            #expect(dutch.status == .ok)
            #expect(dutch.text.contains("<html lang=\"nl\" dir=\"ltr\">"))
            #expect(dutch.text.contains("Wat ouders het hoogst waarderen"))
            #expect(dutch.text.contains("Hoe ouders recente momenten beoordeelden"))
            #expect(dutch.text.contains("<h1 dir=\"auto\">\(school.name)</h1>"))
            #expect(dutch.text.contains("Sleutel "))
            #expect(dutch.text.contains("aria-current=\"true\">Nederlands</a>"))
            for language in [LanguageCode.ar, .ti, .fr] {
                let link = "href=\"\(path)?lang=\(language.rawValue)\" lang=\"\(language.rawValue)\" hreflang=\"\(language.rawValue)\" "
                    + "dir=\"\(language.isRightToLeft ? "rtl" : "ltr")\">\(language.endonym)</a>"
                #expect(dutch.text.contains(link), "\(language)")
            }

            // Arabic: right to left, the Arabic fixed texts and the keys' names of the Arabic survey.
            let arabic = try await Browser(app).get(path + "?lang=ar")
            #expect(arabic.status == .ok)
            #expect(arabic.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(arabic.text.contains("ما يقدّره الأولياء أكثر من غيره"))
            #expect(arabic.text.contains("كيف قيّم الأولياء اللقاءات الأخيرة"))
            #expect(!arabic.text.contains("Wat ouders het hoogst waarderen"))
            let arabicKeys = app.currentParentQuestionnaire.texts(.ar)
            #expect(Questionnaire.keys.contains { arabic.text.contains("المفتاح \($0): " + arabicKeys("key.\($0)")) })
            #expect(arabic.text.contains("<h1 dir=\"auto\">\(school.name)</h1>"), "the school's name stays as written")
            #expect(arabic.text.contains("aria-current=\"true\">\(LanguageCode.ar.endonym)</a>"))
            #expect(arabic.headers.first(name: .eTag) != dutch.headers.first(name: .eTag))

            // Tigrinya: Ge'ez script, left to right.
            let tigrinya = try await Browser(app).get(path + "?lang=ti")
            #expect(tigrinya.text.contains("<html lang=\"ti\" dir=\"ltr\">"))
            #expect(tigrinya.text.contains("ወለዲ ብዝለዓለ ዘኽብርዎ"))
            #expect(tigrinya.text.contains("ቋንቋኹም ምረጹ"))

            // The browser's language when the address asks none; an unknown `?lang=` is ignored.
            let browser = Browser(app)
            browser.acceptLanguage = "ar, nl;q=0.5"
            #expect(try await browser.get(path).text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            let french = Browser(app)
            french.acceptLanguage = "fr-BE"
            #expect(try await french.get(path).text.contains("Ce que les parents apprécient le plus"))
            let unknown = try await Browser(app).get(path + "?lang=xx")
            #expect(unknown.text.contains("<html lang=\"nl\" dir=\"ltr\">"))

            // The page cache keeps one page per language: Dutch again after the Arabic and Tigrinya pages.
            #expect(try await Browser(app).get(path).body == dutch.body)
        }
    }

    @Test func a_school_that_offers_only_dutch_shows_no_language_choice() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let school = try #require(try await School.query(on: app.db).filter(\.$profilePublished == true).first())
            school.languagesValue = LanguageCode.storedList([.nl])
            try await school.save(on: app.db)
            let page = try await Browser(app).get(world.summary.profilePath + "?lang=ar")
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"nl\" dir=\"ltr\">"), "a language the school does not offer is not shown")
            #expect(!page.text.contains("hreflang"))
        }
    }

    @Test func a_reviewed_profile_text_reaches_the_profile() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let reviewed = "أكثر ما يقدّره الأولياء في مدرستنا"
            let reviews = LanguageReviewTests()
            let file = LanguageReviewTests.edit(try await reviews.export(coordinator), "profile:profile.strengths", msgstr: "\"\(reviewed)\"")
            let preview = try await reviews.upload(coordinator, "ar", file)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Teksten die veranderen: 1."))
            let pending = try #require(LanguageReviewTests.hidden("pending", in: preview.text))
            let digest = try #require(LanguageReviewTests.hidden("digest", in: preview.text))
            let saved = try await coordinator.post("/staff/languages/ar/import/save", [("pending", pending), ("digest", digest)])
            #expect(saved.status == .seeOther)
            let page = try await Browser(app).get(world.summary.profilePath + "?lang=ar")
            #expect(page.text.contains(reviewed))
            #expect(!page.text.contains("ما يقدّره الأولياء أكثر من غيره"))
        }
    }
}
