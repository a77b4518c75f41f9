import Foundation
@testable import SamenspraakCore
import Testing

/// The good-news card's rules: the teacher's order of cards, the parent's answer, and the thirty days.
@Suite struct GoodNewsCardRulesTests {
    let offered: [LanguageCode] = [.nl, .ar, .tr]

    @Test func an_order_makes_one_card_per_ticked_seat_in_seat_order() throws {
        let order = GoodNewsOrder(seats: ["5", "2", "5"], languages: ["2": "ar", "5": "tr"], sentences: ["2": "helped_friend", "5": "brave"],
                                  teacher: "  juf Sara ", format: "sheet")
        let valid = try order.validate(families: 6, languages: offered).get()
        #expect(valid.cards == [.init(seat: 2, language: .ar, sentence: .helpedFriend), .init(seat: 5, language: .tr, sentence: .brave)])
        #expect(valid.teacher == "juf Sara")
        #expect(valid.format == .sheet)
    }

    @Test func every_wrong_field_is_named_and_nothing_is_made() {
        func errors(_ order: GoodNewsOrder) -> FieldErrors {
            guard case let .failure(box) = order.validate(families: 6, languages: offered) else { return [:] }
            return box.errors
        }
        #expect(errors(GoodNewsOrder(teacher: "juf Sara"))["seats"] == "error.goodnews_no_seat")
        #expect(errors(GoodNewsOrder(seats: ["7"], teacher: "juf Sara"))["seats"] == "error.goodnews_seat")
        #expect(errors(GoodNewsOrder(seats: ["0"], teacher: "juf Sara"))["seats"] == "error.goodnews_seat")
        #expect(errors(GoodNewsOrder(seats: ["2"], languages: ["2": "ru"], sentences: ["2": "kind"], teacher: "juf Sara"))["language[2]"]
                == "error.goodnews_language", "a language the school does not offer")
        #expect(errors(GoodNewsOrder(seats: ["2"], languages: ["2": "ar"], sentences: ["2": "you_are_late"], teacher: "juf Sara"))["sentence[2]"]
                == "error.goodnews_sentence")
        #expect(errors(GoodNewsOrder(seats: ["2"], languages: ["2": "ar"], sentences: ["2": "kind"], teacher: " "))["teacher"] != nil)
        #expect(errors(GoodNewsOrder(seats: ["2"], languages: ["2": "ar"], sentences: ["2": "kind"],
                                     teacher: String(repeating: "a", count: 61)))["teacher"] != nil)
        #expect(errors(GoodNewsOrder(seats: ["2"], languages: ["2": "ar"], sentences: ["2": "kind"], teacher: "juf Sara", format: "fax"))["format"]
                == "error.goodnews_format")
    }

    @Test func an_answer_is_a_button_and_perhaps_a_short_sentence() throws {
        #expect(try GoodNewsAnswer.parse(reply: "talk", text: "  ").get() == GoodNewsAnswer(reply: .talk, text: nil))
        #expect(try GoodNewsAnswer.parse(reply: "call", text: " Bel na 17 u.\u{0007} ").get() == GoodNewsAnswer(reply: .call, text: "Bel na 17 u."))
        #expect(GoodNewsAnswer.parse(reply: nil, text: "dank") == .failure(.noReply))
        #expect(GoodNewsAnswer.parse(reply: "delete", text: nil) == .failure(.noReply))
        #expect(GoodNewsAnswer.parse(reply: "thanks", text: String(repeating: "x", count: 301)) == .failure(.textTooLong))
        #expect(try GoodNewsAnswer.parse(reply: "thanks", text: String(repeating: "x", count: 300)).get().text?.count == 300)
        #expect(GoodNewsReply.thanks.asksForContact == false && GoodNewsReply.talk.asksForContact && GoodNewsReply.call.asksForContact)
    }

    @Test func a_card_can_be_answered_for_thirty_days() {
        let made = Day(year: 2026, month: 9, day: 21)
        let expires = GoodNewsCardRules.expires(madeOn: made)
        #expect(expires == Day(year: 2026, month: 10, day: 21))
        #expect(GoodNewsCardRules.isOpen(expiresOn: expires, today: expires))
        #expect(!GoodNewsCardRules.isOpen(expiresOn: expires, today: expires.adding(days: 1)))
    }

    @Test func the_card_texts_are_in_the_card_catalog_and_the_voice_script() {
        for sentence in GoodNewsSentence.allCases { #expect(CardCatalog.expectedTextKeys.contains(sentence.catalogKey)) }
        #expect(GoodNewsSentence.allCases.count == 12)
        let questionnaire = Questionnaire(id: "q", audience: .parents, items: [.init(id: "k1_greet", key: 1)], openQuestions: ["well"], texts: [:])
        let script = VoiceScript(questionnaire: questionnaire, ratingChips: [])
        #expect(script.contains(VoiceText(part: .card, key: "goodnews.sentence.helped_friend")))
        #expect(script.contains(VoiceText(part: .card, key: "goodnews.reply.call")))
    }
}
