import Fluent
import Foundation
import SamenspraakCore

/// A staff account. Parents never have one.
final class User: Model, @unchecked Sendable {
    static let schema = "users"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "email") var email: String
    @Field(key: "name") var name: String
    @Field(key: "password_hash") var passwordHash: String
    @Field(key: "role") var roleValue: String
    /// True while the account has a one-time password that its owner must replace.
    @Field(key: "must_change_password") var mustChangePassword: Bool
    /// The staff language of the last sign-in (`nl`, `en`): mails to this person are written in it.
    @OptionalField(key: "language") var language: String?
    /// Set while the account is deactivated: it cannot sign in, and what its owner wrote keeps their name.
    @OptionalField(key: "deactivated_at") var deactivatedAt: Date?
    /// The day of the last sign-in (a day, not a time: enough for a team page, and less to keep).
    @OptionalField(key: "last_sign_in_on") var lastSignInOn: Day?

    // relationships
    @OptionalParent(key: "school_id") var school: School?

    init() {}

    init(id: UUID? = nil, email: String, name: String, passwordHash: String, role: Role, schoolID: UUID?, mustChangePassword: Bool) {
        self.id = id
        self.email = email
        self.name = name
        self.passwordHash = passwordHash
        self.roleValue = role.rawValue
        self.$school.id = schoolID
        self.mustChangePassword = mustChangePassword
    }

    var role: Role { Role(rawValue: roleValue) ?? .member }

    var isActive: Bool { deactivatedAt == nil }

    var actor: StaffIdentity { StaffIdentity(role: role, schoolID: $school.id?.uuidString.lowercased()) }
}

extension User {
    /// The staff language this person last used, for mails to them.
    var staffLanguage: LanguageCode? {
        language.flatMap(LanguageCode.init(rawValue:)).flatMap { LanguageCode.staffLanguages.contains($0) ? $0 : nil }
    }
}
