import Foundation

/// How an invited person gets in.
public enum InviteMethod: String, CaseIterable, Equatable, Sendable {
    /// A link the person opens within 7 days to set their own password.
    case link
    /// An account with a one-time password, to be changed at first sign-in.
    case password
}

/// What the form to invite a staff member holds, as typed, so a refused form can be shown again.
public struct InviteDraft: Equatable, Sendable {
    public var name: String
    public var email: String
    public var role: String
    public var method: String

    public init(name: String = "", email: String = "", role: String = Role.member.rawValue, method: String = InviteMethod.link.rawValue) {
        self.name = name
        self.email = email
        self.role = role
        self.method = method
    }

    public struct Valid: Equatable, Sendable {
        /// Empty when none was given (allowed for a link: the person types their name when they accept).
        public var name: String
        public var email: String
        public var role: Role
        public var method: InviteMethod

        public init(name: String, email: String, role: Role, method: InviteMethod) {
            self.name = name
            self.email = email
            self.role = role
            self.method = method
        }
    }

    /// The address as accounts store it, to see whether it has one already.
    public var normalizedEmail: String { Validate.normalizedEmail(email) }

    /// Whether the address is plausible, so it is worth looking up.
    public var hasPlausibleEmail: Bool { Validate.isEmail(email) }

    /// The checked values, or the field errors as catalog keys. `invitableRoles`: the roles the inviting person may
    /// give; `emailTaken`: an account with this address exists already.
    public func validate(invitableRoles: [Role], emailTaken: Bool) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        Validate.email(email, into: &errors)
        let nameGiven = !name.trimmingCharacters(in: .whitespaces).isEmpty
        if nameGiven {
            Validate.requiredText(name, field: "name", maxLength: 120, into: &errors)
        }
        let parsedRole = Role(rawValue: role).flatMap { invitableRoles.contains($0) ? $0 : nil }
        if parsedRole == nil { errors["role"] = "error.role" }
        let parsedMethod = InviteMethod(rawValue: method)
        if parsedMethod == nil { errors["method"] = "error.method" }
        if errors["email"] == nil, emailTaken { errors["email"] = "error.email_taken" }
        if parsedMethod == .password, !nameGiven { errors["name"] = "error.name_needed_for_account" }
        guard errors.isEmpty, let parsedRole, let parsedMethod else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(name: name.trimmingCharacters(in: .whitespacesAndNewlines), email: normalizedEmail, role: parsedRole,
                              method: parsedMethod))
    }
}

/// What the invited person types to accept: their name and a new password, twice.
public struct InviteAcceptDraft: Equatable, Sendable {
    public var name: String
    public var password: String
    public var passwordConfirmation: String

    public init(name: String = "", password: String = "", passwordConfirmation: String = "") {
        self.name = name
        self.password = password
        self.passwordConfirmation = passwordConfirmation
    }

    public struct Valid: Equatable, Sendable {
        public var name: String
        public var password: String

        public init(name: String, password: String) {
            self.name = name
            self.password = password
        }
    }

    /// The checked values, or the field errors as catalog keys. `emailTaken`: the invited address has an account
    /// already (made since the invitation was sent).
    public func validate(emailTaken: Bool) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        Validate.requiredText(name, field: "name", maxLength: 120, into: &errors)
        Validate.newPassword(password, confirmation: passwordConfirmation, into: &errors)
        if emailTaken { errors["email"] = "error.email_taken" }
        guard errors.isEmpty else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(name: name.trimmingCharacters(in: .whitespacesAndNewlines), password: password))
    }
}
