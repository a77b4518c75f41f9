import Fluent
import Foundation
import SamenspraakCore

/// A good-news card for the family of one seat. Its link's token is shown once, on the printed or phone card; only
/// its hash is kept. The parent's answer (a button and perhaps a sentence) is read by the round's teacher only, and
/// deleted with the round at the end of the school year.
final class GoodNewsCard: Model, @unchecked Sendable {
    static let schema = "good_news_cards"

    @ID(key: .id) var id: UUID?
    @Field(key: "seat") var seat: Int
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "sentence") var sentence: String
    @Field(key: "language") var language: String
    /// The teacher's name as they chose to sign the card ("juf Sara").
    @Field(key: "teacher_name") var teacherName: String
    @Field(key: "made_on") var madeOn: Day
    @Field(key: "expires_on") var expiresOn: Day
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "reply_text") var replyText: String?
    @OptionalField(key: "replied_on") var repliedOn: Day?
    @Parent(key: "round_id") var round: WelcomeRound

    init() {}

    init(roundID: UUID, card: GoodNewsOrder.Card, teacher: String, tokenHash: String, madeOn: Day) {
        self.$round.id = roundID
        self.seat = card.seat
        self.tokenHash = tokenHash
        self.sentence = card.sentence.rawValue
        self.language = card.language.rawValue
        self.teacherName = teacher
        self.madeOn = madeOn
        self.expiresOn = GoodNewsCardRules.expires(madeOn: madeOn)
    }

    var languageCode: LanguageCode { LanguageCode(rawValue: language) ?? .nl }
    var sentenceKind: GoodNewsSentence { GoodNewsSentence(rawValue: sentence) ?? .happyInClass }

    var answer: GoodNewsAnswer? {
        reply.flatMap(GoodNewsReply.init(rawValue:)).map { GoodNewsAnswer(reply: $0, text: replyText) }
    }

    var state: GoodNewsCardState {
        GoodNewsCardState(madeOn: madeOn, expiresOn: expiresOn, language: languageCode, sentence: sentenceKind, answer: answer,
                          answeredOn: repliedOn)
    }
}
