import Fluent
import Foundation

/// A signed-in browser. Kept in the database so several app servers behind a load balancer share them.
final class StaffSession: Model, @unchecked Sendable {
    static let schema = "staff_sessions"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// SHA-256 of the cookie value; the cookie value itself is never stored.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "expires_at") var expiresAt: Date
    /// Set while this browser is a kiosk for a wave's assisted survey: it then counts as nobody signed in.
    @OptionalField(key: "kiosk_wave_id") var kioskWaveID: UUID?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(tokenHash: String, userID: UUID, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$user.id = userID
        self.expiresAt = expiresAt
    }
}

/// Failed sign-ins per e-mail address (known or not, so the wait does not reveal who has an account).
final class SignInAttempt: Model, @unchecked Sendable {
    static let schema = "sign_in_attempts"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "email") var email: String
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?

    init() {}

    init(email: String) {
        self.email = email
        self.failures = 0
    }
}
