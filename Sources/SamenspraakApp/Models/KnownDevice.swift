import Fluent
import Foundation

/// A browser in which a staff member signed in before: it holds a long-lived cookie whose SHA-256 is kept here.
/// Failed sign-ins from it are counted on it, apart from those of unknown browsers, so a stranger who keeps an
/// account locked does not lock its owner out of their own browser.
final class KnownDevice: Model, @unchecked Sendable {
    static let schema = "known_devices"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// SHA-256 of the cookie value; the cookie value itself is never stored.
    @Field(key: "token_hash") var tokenHash: String
    /// The day (midnight UTC) of its last successful sign-in: only the day, so it dates no visit.
    @Field(key: "last_used_on") var lastUsedOn: Date
    @Field(key: "failures") var failures: Int
    @OptionalField(key: "locked_until") var lockedUntil: Date?

    // relationships
    @Parent(key: "user_id") var user: User

    init() {}

    init(userID: UUID, tokenHash: String, lastUsedOn: Date) {
        self.$user.id = userID
        self.tokenHash = tokenHash
        self.lastUsedOn = lastUsedOn
        self.failures = 0
    }
}

/// One failed sign-in from an unknown browser, under a keyed hash of the client's address (never the address):
/// many of them from one address in a short time are password spraying. Kept in the database so every app server
/// counts them together; the purge removes them once they are older than the window.
final class SignInAddressFailure: Model, @unchecked Sendable {
    static let schema = "sign_in_address_failures"

    // managed
    @ID(key: .id) var id: UUID?

    // data
    @Field(key: "address_hash") var addressHash: String
    @Field(key: "at") var at: Date

    init() {}

    init(addressHash: String, at: Date) {
        self.addressHash = addressHash
        self.at = at
    }
}
