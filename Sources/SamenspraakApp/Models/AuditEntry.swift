import Fluent
import Foundation
import SamenspraakCore

/// One account action: who did what to whom, at which school, when. Names and the address are snapshots taken at
/// the time, so the log keeps reading right after a rename; ids are plain columns without foreign keys, so an entry
/// outlives whatever it names.
final class AuditEntry: Model, @unchecked Sendable {
    static let schema = "audit_entries"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "at") var at: Date
    @OptionalField(key: "actor_id") var actorID: UUID?
    @Field(key: "actor_name") var actorName: String
    @Field(key: "action") var actionValue: String
    @OptionalField(key: "subject_id") var subjectID: UUID?
    @Field(key: "subject_name") var subjectName: String
    @Field(key: "subject_email") var subjectEmail: String
    @OptionalField(key: "school_id") var schoolID: UUID?
    /// What changed, in the log's own words (`member → lead`); empty when the action says it all.
    @Field(key: "detail") var detail: String

    init() {}

    init(at: Date, actor: User?, action: AccountAuditAction, subjectID: UUID?, subjectName: String, subjectEmail: String,
         schoolID: UUID?, detail: String = "") {
        self.at = at
        self.actorID = actor?.id
        self.actorName = actor?.name ?? ""
        self.actionValue = action.rawValue
        self.subjectID = subjectID
        self.subjectName = subjectName
        self.subjectEmail = subjectEmail
        self.schoolID = schoolID
        self.detail = detail
    }

    var action: AccountAuditAction? { AccountAuditAction(rawValue: actionValue) }
}
