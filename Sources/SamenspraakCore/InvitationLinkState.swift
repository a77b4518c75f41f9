/// Why an invitation link no longer opens the sign-up form, as far as its own e-mail already told its holder.
public enum ClosedInvitation: String, Equatable, Sendable, CaseIterable {
    /// The person already made their account with it: they should sign in.
    case accepted
    /// A lead or coordinator took it back.
    case revoked
    /// Its 7 days are over.
    case expired
    /// No invitation has this token (mistyped or incomplete link).
    case unknown

    /// The catalog key of the explanation under "This invitation no longer works".
    public var textKey: String { "accept.invalid.\(rawValue)" }
}
