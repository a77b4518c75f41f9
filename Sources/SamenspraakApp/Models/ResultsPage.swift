import Fluent
import Foundation
import SamenspraakCore

/// A wave's page for parents, "you told us — we are doing this". It stores only what the lead chose; the figures
/// and the actions' state are read when the page is shown, so a hidden answer or an action marked done shows at once.
final class ResultsPage: Model, @unchecked Sendable {
    static let schema = "results_pages"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "thanks") var thanks: String
    /// The language the lead wrote the thanks in.
    @Field(key: "language") var language: String
    @Field(key: "action_ids") var actionIDsValue: String
    @Field(key: "quote_ids") var quoteIDsValue: String
    @Field(key: "published") var published: Bool
    @Field(key: "updated_on") var updatedOn: Day

    // relationships
    @Parent(key: "wave_id") var wave: Wave

    init() {}

    init(waveID: UUID, valid: ResultsDraft.Valid, on day: Day) {
        self.$wave.id = waveID
        self.published = true
        apply(valid, on: day)
    }

    func apply(_ valid: ResultsDraft.Valid, on day: Day) {
        thanks = valid.thanks
        language = valid.language.rawValue
        actionIDs = valid.actionIDs
        quoteIDs = valid.quoteIDs
        updatedOn = day
    }

    var actionIDs: [String] {
        get { actionIDsValue.split(separator: ",").map(String.init) }
        set { actionIDsValue = newValue.joined(separator: ",") }
    }

    var quoteIDs: [String] {
        get { quoteIDsValue.split(separator: ",").map(String.init) }
        set { quoteIDsValue = newValue.joined(separator: ",") }
    }

    var languageCode: LanguageCode { LanguageCode(rawValue: language) ?? .nl }

    var draft: ResultsDraft { ResultsDraft(thanks: thanks, language: language, actionIDs: actionIDs, quoteIDs: quoteIDs) }
}
