import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// Good-news cards: the teacher makes them for seats of their round, the parent answers one with a tap in their
/// language, the teacher (and nobody else) reads the answer on the seat, and the answer counts as a warm contact.
@Suite struct GoodNewsCardTests {
    static func order(seats: [Int], language: String = "ar", sentence: String = "helped_friend", teacher: String = "juf Sara",
                      format: String = "sheet") -> [(String, String)] {
        seats.map { ("seats[]", String($0)) } + seats.flatMap { [("language[\($0)]", language), ("sentence[\($0)]", sentence)] }
            + [("teacher", teacher), ("format", format)]
    }

    /// The card links of a made sheet, in seat order.
    static func links(_ page: String) -> [String] {
        var found: [String] = []
        var rest = page[...]
        while let start = rest.range(of: "/g/") {
            let token = rest[start.upperBound...].prefix { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }
            if !token.isEmpty, !found.contains("/g/\(token)") { found.append("/g/\(token)") }
            rest = rest[start.upperBound...]
        }
        return found
    }

    /// The cards of the round the test opened (the demo's round has cards of its own).
    static func cards(_ app: Application, round: String) -> QueryBuilder<GoodNewsCard> {
        GoodNewsCard.query(on: app.db).filter(\.$round.$id == UUID(uuidString: round)!)
    }

    @Test func a_teacher_prints_cards_and_a_parent_answers_one_in_arabic_which_only_the_teacher_reads() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await WelcomeTests.openRound(teacher, schoolID: world.schoolA)
            let form = try await teacher.get("/staff/welcome/\(round)/cards")
            #expect(form.status == .ok)
            #expect(form.text.contains("Vandaag hielp je kind een vriendje."), "the sentences are shown in the teacher's language")

            let made = try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [2, 5]))
            #expect(made.status == .created)
            #expect(made.headers.first(name: .cacheControl)?.contains("no-store") == true)
            let sheet = made.text
            #expect(sheet.contains("اليوم ساعد طفلك صديقًا."), "the card speaks the family's language")
            #expect(sheet.contains("Vandaag hielp je kind een vriendje."), "with the sentence small in the teacher's language")
            #expect(sheet.contains("juf Sara"))
            #expect(sheet.components(separatedBy: "<svg").count - 1 == 2, "a QR code per card")
            let links = Self.links(sheet)
            #expect(links.count == 2)
            // Only the hash of a link's token is kept.
            let cards = try await Self.cards(app, round: round).all()
            #expect(cards.count == 2)
            for link in links {
                let token = String(link.dropFirst(3))
                #expect(cards.contains { $0.tokenHash == AppServices.hash(token: token) })
                #expect(!cards.contains { $0.tokenHash == token })
            }

            // The parent opens the card of seat 2: Arabic, right to left, small, and answers without JavaScript.
            let parent = Browser(app)
            let page = try await parent.get(links[0])
            #expect(page.status == .ok)
            #expect(page.text.contains("lang=\"ar\"") && page.text.contains("dir=\"rtl\""))
            #expect(page.text.contains("اليوم ساعد طفلك صديقًا."))
            #expect(page.text.contains("juf Sara"))
            #expect(page.body.readableBytes <= 15 * 1024, "\(page.body.readableBytes) bytes")
            let sent = try await parent.post(links[0], [("lang", "ar"), ("reply", "talk"), ("text", "شكرا، متى يمكننا أن نلتقي؟")], csrf: false)
            #expect(sent.status == .seeOther)
            let thanks = try await parent.get(try #require(sent.location))
            #expect(thanks.text.contains("lang=\"ar\""))
            #expect(thanks.text.contains(try #require(app.cardTexts(.ar).entries["goodnews.saved.contact"])))

            // The teacher reads it on the seat and in the round; it counts as a warm contact.
            let seat = try await teacher.get("/staff/welcome/\(round)/seats/2")
            #expect(seat.text.contains("wil graag eens praten"))
            #expect(seat.text.contains("شكرا، متى يمكننا أن نلتقي؟"))
            let grid = try await teacher.get("/staff/welcome/\(round)")
            #expect(grid.text.contains("Plaats 2: wil graag eens praten"))
            let warm = try await WelcomeTests.contacts(app, round: round).all()
            #expect(warm.count == 1)
            #expect(warm.first?.how == "good_news_card" && warm.first?.kind == "warm" && warm.first?.language == "ar" && warm.first?.seat == 2)
            #expect(try await teacher.get("/staff/schools/\(world.schoolA)/welcome").text.contains("1 van 6 gezinnen warm bereikt"))
            // Seat 5 has a card that waits.
            #expect(try await teacher.get("/staff/welcome/\(round)/seats/5").text.contains("nog geen antwoord"))

            // Nobody else reads it: not the lead, whose figures count the family but show no seat and no answer.
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.get("/staff/welcome/\(round)/seats/2").status == .forbidden)
            #expect(try await lead.get("/staff/welcome/\(round)/cards").status == .forbidden)
            let figures = try await lead.get("/staff/schools/\(world.schoolA)/welcome/figures")
            #expect(figures.status == .ok)
            #expect(!figures.text.contains("شكرا") && !figures.text.contains("wil graag eens praten"))
        }
    }

    @Test func a_double_tap_stores_one_answer_and_a_changed_answer_replaces_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await WelcomeTests.openRound(teacher, schoolID: world.schoolA)
            let link = try #require(Self.links(try await teacher.post("/staff/welcome/\(round)/cards",
                                                                       Self.order(seats: [3], language: "tr", format: "phone")).text).first)
            let parent = Browser(app)
            for _ in 0..<2 {
                let sent = try await parent.post(link, [("lang", "tr"), ("reply", "thanks")], csrf: false)
                #expect(sent.status == .seeOther)
            }
            #expect(try await WelcomeTests.contacts(app, round: round).count() == 1)
            _ = try await parent.post(link, [("lang", "tr"), ("reply", "call")], csrf: false)
            let card = try #require(try await Self.cards(app, round: round).first())
            #expect(card.reply == "call")
            #expect(try await WelcomeTests.contacts(app, round: round).count() == 1, "one warm contact a day, however often the parent answers")
            let again = try await parent.get(link)
            #expect(again.text.contains(try #require(app.cardTexts(.tr).entries["goodnews.reply.call"])))
        }
    }

    @Test func bad_answers_are_refused_in_the_parents_language_keeping_what_was_typed() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await WelcomeTests.openRound(teacher, schoolID: world.schoolA)
            let link = try #require(Self.links(try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [1])).text).first)
            let parent = Browser(app)
            let noButton = try await parent.post(link, [("lang", "ar"), ("text", "نص")], csrf: false)
            #expect(noButton.status == .unprocessableEntity)
            #expect(noButton.text.contains(try #require(app.cardTexts(.ar).entries["goodnews.error.value"])))
            #expect(noButton.text.contains(">نص</textarea>"))
            let long = String(repeating: "ب", count: 301)
            let tooLong = try await parent.post(link, [("lang", "ar"), ("reply", "thanks"), ("text", long)], csrf: false)
            #expect(tooLong.status == .unprocessableEntity)
            #expect(tooLong.text.contains(try #require(app.cardTexts(.ar).entries["goodnews.error.text_too_long"])))
            #expect(tooLong.text.contains(long))
            let unknownButton = try await parent.post(link, [("lang", "ar"), ("reply", "delete")], csrf: false)
            #expect(unknownButton.status == .unprocessableEntity)
            #expect(try await Self.cards(app, round: round).filter(\.$reply != nil).count() == 0)
            #expect(try await WelcomeTests.contacts(app, round: round).count() == 0)
            // A link that matches no card.
            let unknown = try await parent.get("/g/not-a-card")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("We vinden deze kaart niet"))
        }
    }

    @Test func a_card_expires_after_thirty_days_and_an_answer_sent_to_it_then_is_not_kept() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await WelcomeTests.openRound(teacher, schoolID: world.schoolA)
            let link = try #require(Self.links(try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [4])).text).first)
            let parent = Browser(app)
            clock.advance(seconds: 30 * 86_400)
            #expect(try await parent.get(link).status == .ok, "the thirtieth day is the last")
            clock.advance(seconds: 86_400)
            let expired = try await parent.get(link)
            #expect(expired.status == .gone)
            #expect(expired.text.contains(try #require(app.cardTexts(.ar).entries["goodnews.expired.title"])))
            let late = try await parent.post(link, [("lang", "ar"), ("reply", "call")], csrf: false)
            #expect(late.status == .gone)
            #expect(try await Self.cards(app, round: round).filter(\.$reply != nil).count() == 0)
            #expect(try await WelcomeTests.contacts(app, round: round).count() == 0)
            let teacherAgain = try await world.browser(app, as: world.memberA)
            #expect(try await teacherAgain.get("/staff/welcome/\(round)/seats/4").text.contains("verlopen zonder antwoord"))
        }
    }

    @Test func a_bad_order_is_refused_in_the_teachers_language_and_makes_no_card() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await WelcomeTests.openRound(teacher, schoolID: world.schoolA)
            let none = try await teacher.post("/staff/welcome/\(round)/cards", [("teacher", "juf Sara"), ("format", "sheet")])
            #expect(none.status == .unprocessableEntity)
            #expect(none.text.contains("Vink minstens één gezin aan."))
            #expect(none.text.contains("value=\"juf Sara\""))
            let beyond = try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [7]))
            #expect(beyond.status == .unprocessableEntity)
            #expect(beyond.text.contains("Die plaats heeft deze klas niet."))
            let language = try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [2], language: "xx"))
            #expect(language.text.contains("Kies voor elk aangevinkt gezin een taal die de school aanbiedt."))
            let sentence = try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [2], sentence: "you_are_late"))
            #expect(sentence.text.contains("Kies voor elk aangevinkt gezin een zin."))
            let name = try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [2], teacher: " "))
            #expect(name.status == .unprocessableEntity)
            #expect(name.text.contains("checked"), "the ticked family stays ticked")
            #expect(try await Self.cards(app, round: round).count() == 0)
            teacher.acceptLanguage = "en"
            let english = try await teacher.post("/staff/welcome/\(round)/cards", [("teacher", "Miss Sara"), ("format", "sheet")])
            #expect(english.text.contains("Tick at least one family."))
        }
    }

    @Test func the_cards_and_their_answers_go_with_the_round_at_the_end_of_the_school_year() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let teacher = try await world.browser(app, as: world.memberA)
            let round = try await WelcomeTests.openRound(teacher, schoolID: world.schoolA)
            let link = try #require(Self.links(try await teacher.post("/staff/welcome/\(round)/cards", Self.order(seats: [1, 2])).text).first)
            _ = try await Browser(app).post(link, [("lang", "ar"), ("reply", "thanks"), ("text", "شكرا")], csrf: false)
            let end = app.samenspraakConfig.schoolYearEnd
            #expect(try await WelcomePurge.run(on: app.db, today: Day(year: 2027, month: 9, day: 1), end: end) == 2)
            #expect(try await GoodNewsCard.query(on: app.db).count() == 0)
            #expect(try await WelcomeContactRow.query(on: app.db).count() == 0)
            #expect(try await Browser(app).get(link).status == .notFound)
        }
    }
}
