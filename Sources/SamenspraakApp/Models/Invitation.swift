import Fluent
import Foundation
import SamenspraakCore

/// A link that lets one person create their own staff account within a week.
final class Invitation: Model, @unchecked Sendable {
    static let schema = "invitations"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    /// SHA-256 of the token in the link; the token itself is never stored.
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "role") var roleValue: String
    @Field(key: "expires_at") var expiresAt: Date
    @OptionalField(key: "accepted_at") var acceptedAt: Date?
    /// Set when a lead or coordinator took the invitation back before it was used.
    @OptionalField(key: "revoked_at") var revokedAt: Date?

    // relationships
    @Parent(key: "school_id") var school: School
    @OptionalParent(key: "invited_by_id") var invitedBy: User?

    init() {}

    init(tokenHash: String, email: String, name: String, role: Role, schoolID: UUID, invitedByID: UUID?, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.email = email
        self.name = name
        self.roleValue = role.rawValue
        self.$school.id = schoolID
        self.$invitedBy.id = invitedByID
        self.expiresAt = expiresAt
    }

    var role: Role { Role(rawValue: roleValue) ?? .member }

    static let lifetime: TimeInterval = 7 * 24 * 3600

    func isOpen(at now: Date) -> Bool { acceptedAt == nil && revokedAt == nil && expiresAt > now }

    var publicID: String { id?.uuidString.lowercased() ?? "" }
}
