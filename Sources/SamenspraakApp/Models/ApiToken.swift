import Fluent
import Foundation
import SamenspraakCore

/// A bearer token for the read-only JSON API, with the rights of a role (and a school for a lead).
/// Only its SHA-256 is stored; revoking keeps the row so the list shows what was revoked.
final class ApiToken: Model, @unchecked Sendable {
    static let schema = "api_tokens"

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "token_hash") var tokenHash: String
    @Field(key: "role") var roleValue: String
    @OptionalField(key: "revoked_at") var revokedAt: Date?
    @OptionalParent(key: "school_id") var school: School?

    init() {}

    init(tokenHash: String, role: Role, schoolID: UUID?) {
        self.tokenHash = tokenHash
        self.roleValue = role.rawValue
        self.$school.id = schoolID
    }

    var actor: StaffIdentity {
        StaffIdentity(role: Role(rawValue: roleValue) ?? .member, schoolID: $school.id?.uuidString.lowercased())
    }
}
