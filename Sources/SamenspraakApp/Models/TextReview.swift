import Crypto
import Fluent
import Foundation
import SamenspraakCore

/// A parent-facing text a native speaker reviewed: it replaces the shipped text of its key in its language.
final class ReviewedText: Model, @unchecked Sendable {
    static let schema = "reviewed_texts"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "language") var language: String
    @Field(key: "catalog") var catalog: String
    @Field(key: "text_key") var key: String
    @Field(key: "text") var text: String
    /// The Dutch text it was reviewed against: when an upgrade changes that, the shipped text is shown again.
    @Field(key: "source") var source: String

    init() {}

    init(language: LanguageCode, id: ParentTextID, text: String, source: String) {
        self.language = language.rawValue
        self.catalog = id.catalog.rawValue
        self.key = id.key
        self.text = text
        self.source = source
    }
}

/// One import of a reviewed PO file: which language, who reviewed it, when, and how many texts it changed. Never
/// deleted: the newest row of a language says who reviewed it last, and the number of rows is the texts' revision,
/// which every server watches to learn that it must reload them. The reviewer's name is a snapshot and the id a
/// plain column, so the row outlives the account.
final class LanguageReview: Model, @unchecked Sendable {
    static let schema = "language_reviews"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "language") var language: String
    @OptionalField(key: "reviewer_id") var reviewerID: UUID?
    @Field(key: "reviewer_name") var reviewerName: String
    @Field(key: "reviewed_at") var reviewedAt: Date
    @Field(key: "changed") var changed: Int
    @Field(key: "unchanged") var unchanged: Int

    init() {}

    init(language: LanguageCode, reviewer: User, at: Date, changed: Int, unchanged: Int) {
        self.language = language.rawValue
        self.reviewerID = reviewer.id
        self.reviewerName = reviewer.name
        self.reviewedAt = at
        self.changed = changed
        self.unchanged = unchanged
    }
}

/// A PO file that passed its checks and waits for the coordinator's "save". The preview's form carries its id (a
/// random UUID) and the digest of its content; only the person who uploaded it may save it, for the same language,
/// within the lifetime. The content is checked again when it is saved.
final class PendingTextImport: Model, @unchecked Sendable {
    static let schema = "pending_text_imports"
    static let lifetime: TimeInterval = 30 * 60

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "language") var language: String
    @Field(key: "content") var content: String
    @Field(key: "digest") var digest: String
    @Field(key: "expires_at") var expiresAt: Date

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(language: LanguageCode, userID: UUID, content: String, now: Date) {
        self.id = UUID()
        self.language = language.rawValue
        self.$user.id = userID
        self.content = content
        self.digest = Self.digest(content)
        self.expiresAt = now.addingTimeInterval(Self.lifetime)
    }

    static func digest(_ content: String) -> String {
        SHA256.hash(data: Data(content.utf8)).hexString
    }

    /// The pending import the form names, if it is this person's, for this language, unchanged and not expired.
    static func owned(id typed: String, digest: String, language: LanguageCode, userID: UUID, now: Date,
                      on db: any Database) async throws -> PendingTextImport? {
        guard let id = UUID(uuidString: typed.trimmingCharacters(in: .whitespaces)) else { return nil }
        guard let pending = try await PendingTextImport.query(on: db).filter(\.$id == id).filter(\.$user.$id == userID)
            .filter(\.$language == language.rawValue).filter(\.$expiresAt > now).first() else { return nil }
        guard pending.digest == digest, Self.digest(pending.content) == digest else { return nil }
        return pending
    }
}
