import Fluent
import Foundation
import SamenspraakCore

/// One e-mail waiting in, or passed through, the outbox. Never anything of parents: mails go to staff only.
/// The bodies are emptied once the mail is sent or given up, so links in them do not stay in the database.
final class OutboxMail: Model, @unchecked Sendable {
    static let schema = "mail_outbox"

    enum Kind: String, Sendable, CaseIterable {
        case invitation, passwordReset = "password_reset", deactivated, reactivated, roleChanged = "role_changed"
        case newSignIn = "new_sign_in"
    }

    // managed
    @ID(key: .id) var id: UUID?
    /// When the action queued it (the app's clock, like every other time here).
    @Field(key: "created_at") var createdAt: Date

    // data
    @Field(key: "kind") var kind: String
    @Field(key: "recipient") var recipient: String
    @Field(key: "recipient_name") var recipientName: String
    @Field(key: "language") var language: String
    @Field(key: "subject") var subject: String
    @Field(key: "text_body") var textBody: String
    @Field(key: "html_body") var htmlBody: String
    /// Without the angle brackets; the same on every try, so a mail server can tell a repeat.
    @Field(key: "message_id") var messageID: String
    @Field(key: "status") var statusValue: String
    @Field(key: "attempts") var attempts: Int
    @Field(key: "next_attempt_at") var nextAttemptAt: Date
    /// Set by the worker that took the mail; another may take it only after `claimedUntil`.
    @OptionalField(key: "claim_token") var claimToken: UUID?
    @OptionalField(key: "claimed_until") var claimedUntil: Date?
    /// The mail server's answer (or the network error) of the last failed try.
    @OptionalField(key: "last_error") var lastError: String?
    @OptionalField(key: "sent_at") var sentAt: Date?

    // relationships
    @OptionalParent(key: "invitation_id") var invitation: Invitation?
    @OptionalParent(key: "requested_by_id") var requestedBy: User?

    init() {}

    init(kind: Kind, recipient: String, recipientName: String, language: LanguageCode, content: MailContent,
         messageID: String, now: Date, invitationID: UUID? = nil, requestedByID: UUID? = nil) {
        self.kind = kind.rawValue
        self.recipient = recipient
        self.recipientName = recipientName
        self.language = language.rawValue
        self.subject = content.subject
        self.textBody = content.text
        self.htmlBody = content.html
        self.messageID = messageID
        self.statusValue = MailStatus.queued.rawValue
        self.attempts = 0
        self.nextAttemptAt = now
        self.createdAt = now
        self.$invitation.id = invitationID
        self.$requestedBy.id = requestedByID
    }

    var status: MailStatus { MailStatus(rawValue: statusValue) ?? .queued }
}

/// The words of one mail: a subject, a plain-text body and its HTML alternative.
struct MailContent: Sendable, Equatable {
    var subject: String
    var text: String
    var html: String
}
