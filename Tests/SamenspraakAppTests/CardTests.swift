import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

extension DemoWorld {
    /// The teacher of the third demo school, who made next week's oudercontact with conversation cards.
    var cardTeacher: Demo.StaffLogin { summary.staff.first { $0.role == "member" && $0.school == summary.schoolIDs[2] }! }
    var cardLead: Demo.StaffLogin { summary.staff.first { $0.role == "lead" && $0.school == summary.schoolIDs[2] }! }
}

@Suite struct CardTests {
    @Test func a_parent_fills_a_card_in_polish_and_only_the_teacher_of_the_talk_reads_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.conversationCardPath
            let parent = Browser(app)
            let page = try await parent.get(path + "?lang=pl")
            #expect(page.status == .ok)
            #expect(page.text.contains("<html lang=\"pl\" dir=\"ltr\">"))
            #expect(page.text.contains("Oudercontact 1ste leerjaar"))
            #expect(!page.text.contains("csrf"))
            let sent = try await parent.post(path, [("lang", "pl"), ("text[loves]", "Lubi rysować <konie>."), ("text[worries]", " "),
                                                    ("chips[]", "interpreter"), ("chips[]", "sleep")], csrf: false)
            #expect(sent.status == .seeOther)
            #expect(sent.location == path + "/thanks?lang=pl")
            let thanks = try await parent.get(try #require(sent.location))
            #expect(thanks.text.contains("Oudercontact 1ste leerjaar"), "the thank-you names the talk")
            #expect(!thanks.text.contains("rating.") && !thanks.text.contains("card."), "no text key shows as such")
            let card = try #require(try await ConversationCard.query(on: app.db).filter(\.$slot == 4).first())
            #expect(card.answers == CardAnswers(texts: ["loves": "Lubi rysować <konie>."], chips: ["sleep", "interpreter"]))
            #expect(card.language == "pl")
            // A second send changes it, while the talk has not started.
            let again = try await parent.get(path + "?change=1")
            #expect(again.text.contains("<html lang=\"pl\""), "the card opens in the language it was filled in")
            #expect(again.text.contains("Lubi rysować &lt;konie&gt;.</textarea>"))
            _ = try await parent.post(path, [("lang", "pl"), ("text[loves]", "Lubi rysować konie."), ("chips[]", "interpreter")], csrf: false)
            #expect(try await ConversationCard.find(card.id, on: app.db)?.answers?.texts["loves"] == "Lubi rysować konie.")
            // A form that cannot be read (a field nested where a list belongs) is refused: never taken for an empty
            // card, so what the parent wrote before stays.
            let unreadable = try await parent.post(path, [("lang", "pl"), ("text[home]", "Thuis"), ("chips[a][a]", "sleep")], csrf: false)
            #expect(unreadable.status == .unprocessableEntity)
            #expect(unreadable.text.contains("Lubi rysować konie.</textarea>"), "the card as it was is shown again")
            #expect(try await ConversationCard.find(card.id, on: app.db)?.answers?.texts == ["loves": "Lubi rysować konie."])

            let teacher = try await world.browser(app, as: world.cardTeacher)
            let cards = try await teacher.get(world.summary.conversationCardsPath)
            #expect(cards.status == .ok)
            #expect(cards.text.contains("<dd lang=\"pl\" dir=\"auto\">Lubi rysować konie.</dd>"))
            #expect(cards.text.contains("<dt>Wat doet je kind graag?</dt>"))
            #expect(cards.text.contains("Deze ouder vraagt een tolk."))
            #expect(cards.text.contains("Ik wil graag een tolk"))
            #expect(cards.text.contains("4 kaarten ingevuld, 0 nog niet."))
            for login in [world.cardLead, world.coordinator, world.leadA, world.memberA] {
                let other = try await world.browser(app, as: login)
                #expect(try await other.get(world.summary.conversationCardsPath).status == .forbidden, "\(login.role) may not read the cards")
                #expect(!(try await other.get("/staff/moments/\(world.summary.conversationCardsPath.split(separator: "/")[2])"))
                    .text.contains("Lubi rysować"))
            }
            // Nothing of a card reaches the moment's figures.
            let momentID = try #require(UUID(uuidString: String(world.summary.conversationCardsPath.split(separator: "/")[2])))
            #expect(try await MomentRating.query(on: app.db).filter(\.$moment.$id == momentID).count() == 0)
        }
    }

    @Test func the_cards_page_makes_cards_or_says_plainly_why_not() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let cardsPath = world.summary.conversationCardsPath
            let momentPath = "/staff/moments/\(cardsPath.split(separator: "/")[2])"
            let teacher = try await world.browser(app, as: world.cardTeacher)
            let before = try await teacher.get(cardsPath)
            #expect(before.text.contains("Kaartjes maken en afdrukken"), "the cards page itself can make cards")
            #expect(before.text.contains("action=\"\(cardsPath)\""))
            let made = try await teacher.post(cardsPath, [("count", "2")])
            #expect(made.status == .created)

            let lead = try await world.browser(app, as: world.cardLead)
            let leadView = try await lead.get(momentPath)
            // The lead sees the talk, and nothing of its cards: not even that they exist.
            #expect(leadView.status == .ok)
            #expect(!leadView.text.contains("cards-title") && !leadView.text.contains("Kaartjes maken en afdrukken"))
            #expect(!leadView.text.contains("/conversation-cards"))

            clock.advance(seconds: 10 * 24 * 3600)
            let laterTeacher = try await world.browser(app, as: world.cardTeacher)
            for path in [cardsPath, momentPath] {
                let late = try await laterTeacher.get(path)
                #expect(late.status == .ok)
                #expect(late.text.contains("Kaartjes maak je tot de dag voor het gesprek; dit gesprek begon op"), "\(path)")
                #expect(!late.text.contains("Kaartjes maken en afdrukken"), "\(path)")
            }
            #expect(try await laterTeacher.post(cardsPath, [("count", "2")]).status == .conflict)
        }
    }

    @Test func tampered_or_oversized_cards_get_a_kind_message_and_change_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.conversationCardPath
            let parent = Browser(app)
            let long = try await parent.post(path, [("lang", "uk"), ("text[ask]", String(repeating: "ї", count: 1001))], csrf: false)
            #expect(long.status == .unprocessableEntity)
            #expect(long.text.contains("<html lang=\"uk\" dir=\"ltr\">"))
            #expect(long.text.contains(String(repeating: "ї", count: 1001) + "</textarea>"), "what was typed is kept")
            #expect(try await parent.post(path, [("text[password]", "x")], csrf: false).status == .unprocessableEntity)
            #expect(try await parent.post(path, [("chips[]", "money")], csrf: false).status == .unprocessableEntity)
            #expect(try await parent.post(path, [("text[ask]", "a\u{1}b")], csrf: false).status == .unprocessableEntity)
            let broken = try await parent.request(.POST, path, body: "text%5Bask%5D=%C3%28")
            #expect(broken.status == .badRequest)
            #expect(try await ConversationCard.query(on: app.db).filter(\.$slot == 4).first()?.answersJSON == nil)
            parent.acceptLanguage = "ar"
            let unknown = try await parent.get("/k/zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("<html lang=\"ar\" dir=\"rtl\">"), "a kind message in the parent's language, right to left")
        }
    }

    @Test func after_the_talk_the_link_leads_to_the_rating_and_later_the_card_is_gone() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.conversationCardPath
            let parent = Browser(app)
            _ = try await parent.post(path, [("lang", "tr"), ("text[home]", "İyi uyuyor.")], csrf: false)
            // The talk is a week away and lasts two days; cards go seven days after its last day.
            clock.advance(seconds: 7 * 86_400)
            let onTheDay = try await parent.get(path)
            #expect(onTheDay.status == .seeOther)
            #expect(onTheDay.location?.hasPrefix("/m/") == true && onTheDay.location?.hasSuffix("?lang=tr") == true)
            let late = try await parent.post(path, [("lang", "tr"), ("text[home]", "Değişti.")], csrf: false)
            #expect(late.status == .forbidden)
            #expect(try await ConversationCard.query(on: app.db).filter(\.$slot == 4).first()?.answers?.texts["home"] == "İyi uyuyor.")
            clock.advance(seconds: 8 * 86_400)
            #expect(try await CardPurge.run(on: app.db, today: Day(date: clock.now), graceDays: 7) == 0, "the last grace day: kept")
            clock.advance(seconds: 86_400)
            #expect(try await CardPurge.run(on: app.db, today: Day(date: clock.now), graceDays: 7) == 4)
            #expect(try await ConversationCard.query(on: app.db).count() == 0)
            // The browser that sent it hears, in Turkish, that the card arrived; any other, that it no longer exists.
            let gone = try await parent.get(path)
            #expect(gone.status == .ok)
            #expect(gone.text.contains("<html lang=\"tr\"") && gone.text.contains("Kartınız bize ulaştı."))
            #expect(try await Browser(app).get(path).status == .notFound)
        }
    }

    @Test func the_teacher_makes_slips_once_before_the_talk() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.cardTeacher)
            let path = world.summary.conversationCardsPath
            let wrong = try await teacher.post(path, [("count", "61")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Geef een aantal kaartjes van 1 tot 60."))
            let slips = try await teacher.post(path, [("count", "3")])
            #expect(slips.status == .created)
            #expect(slips.text.components(separatedBy: "class=\"slip\"").count - 1 == 3)
            #expect(slips.text.contains("Basisschool Sint-Pieter · 7"), "numbered after the existing four")
            let link = try #require(slips.text.firstMatch(of: /(\/k\/[A-Za-z0-9_-]+)</)).1
            #expect(try await Browser(app).get(String(link)).status == .ok)
            #expect(try await ConversationCard.query(on: app.db).count() == 7)
            clock.advance(seconds: 7 * 86_400)
            let later = try await world.browser(app, as: world.cardTeacher)
            #expect(try await later.post(path, [("count", "3")]).status == .conflict, "no new cards once the talk has begun")
        }
    }

    @Test func the_shipped_card_texts_are_complete_in_every_parent_language() throws {
        let texts = try CardCatalogLoader.load()
        #expect(Set(texts.keys) == Set(LanguageCode.builtIn))
        #expect(texts[.nl]?.status == .source)
        #expect(texts[.pl]?("card.chip.interpreter") != "card.chip.interpreter")
    }
}

@Suite struct SentCardTests {
    @Test func back_after_sending_a_card_says_in_the_parents_language_that_it_arrived() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.conversationCardPath
            let parent = Browser(app)
            parent.acceptLanguage = "nl"
            let fields = [("lang", "uk"), ("text[loves]", "Любить малювати."), ("chips[]", "sleep")]
            let sent = try await parent.post(path, fields, csrf: false)
            #expect(sent.status == .seeOther)
            let card = try #require(try await ConversationCard.query(on: app.db).filter(\.$slot == 4).first())
            let stored = card.answersJSON
            let arrived = "Вашу картку отримано."
            // Back to the card (as first opened, or in the language chosen there), and the same card sent again:
            // "your card arrived", in Ukrainian though the phone asks for Dutch, and nothing of what it says.
            for page in [path, "\(path)?lang=uk"] {
                let again = try await parent.get(page)
                #expect(again.status == .ok, "\(page)")
                #expect(again.text.contains("<html lang=\"uk\" dir=\"ltr\">"), "\(page)")
                #expect(again.text.contains(arrived), "\(page)")
                #expect(!again.text.contains("<form"), "\(page) offers nothing to send")
                #expect(!again.text.contains("Любить малювати"), "\(page) shows nothing of the card")
                #expect(again.text.contains("?lang=uk&amp;change=1\""), "\(page)")
            }
            let resent = try await parent.post(path, fields, csrf: false)
            #expect(resent.status == .ok)
            #expect(resent.text.contains("<html lang=\"uk\" dir=\"ltr\">") && resent.text.contains(arrived))
            #expect(try await ConversationCard.find(card.id, on: app.db)?.answersJSON == stored)
            // Asked for, the card comes back to change, as it was filled in.
            let change = try await parent.get("\(path)?lang=uk&change=1")
            #expect(change.text.contains("Ви вже заповнили картку."))
            #expect(change.text.contains("Любить малювати.</textarea>"))
            let changed = try await parent.post(path, [("lang", "uk"), ("text[loves]", "Любить малювати і співати.")], csrf: false)
            #expect(changed.status == .seeOther)
            #expect(try await ConversationCard.find(card.id, on: app.db)?.answers?.texts["loves"] == "Любить малювати і співати.")
        }
    }
}
