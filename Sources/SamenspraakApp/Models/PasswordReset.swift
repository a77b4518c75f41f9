import Fluent
import Foundation

/// A "forgot your password" link: works for an hour, once. Only a hash of its token is stored.
final class PasswordReset: Model, @unchecked Sendable {
    static let schema = "password_resets"

    // managed
    @ID(key: .id) var id: UUID?
    @Field(key: "created_at") var createdAt: Date

    // data
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "used_at") var usedAt: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(tokenHash: String, userID: UUID, createdAt: Date, expiresAt: Date) {
        self.createdAt = createdAt
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.expiresAt = expiresAt
    }

    func isOpen(at now: Date) -> Bool { usedAt == nil && expiresAt > now }
}
