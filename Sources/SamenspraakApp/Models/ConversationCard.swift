import Fluent
import Foundation
import SamenspraakCore

/// A parent's card before an oudercontact. Found by the hash of the unguessable token in its link; read only by
/// the teacher who made the moment; deleted for good a few days after the talk. Nothing of it enters a statistic.
final class ConversationCard: Model, @unchecked Sendable {
    static let schema = "conversation_cards"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    /// The number on the printed slip, so the teacher can match a card to a talk on the schedule.
    @Field(key: "slot") var slot: Int
    @OptionalField(key: "language") var language: String?
    /// JSON of `CardAnswers`; nil until the parent sends the card.
    @OptionalField(key: "answers") var answersJSON: String?
    @Parent(key: "moment_id") var moment: Moment

    init() {}

    init(momentID: UUID, tokenHash: String, slot: Int) {
        self.$moment.id = momentID
        self.tokenHash = tokenHash
        self.slot = slot
    }

    var answers: CardAnswers? {
        get { answersJSON.flatMap { try? JSONDecoder().decode(CardAnswers.self, from: Data($0.utf8)) } }
        set { answersJSON = newValue.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } }
    }

    var languageCode: LanguageCode? { language.flatMap(LanguageCode.init(rawValue:)) }
}
