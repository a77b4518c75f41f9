/// Why a message could not be sent, and whether trying again later may help.
///
/// Transient: a 4xx reply, a refused, reset or closed connection, a timeout. Permanent: a 5xx reply, STARTTLS
/// required but not offered, authentication refused (535), a TLS certificate that is not trusted. The text is a
/// short reason for a log: it holds no password and no e-mail address.
public enum SMTPError: Error, Sendable, CustomStringConvertible, Equatable {
    case transient(String)
    case permanent(String)

    public var isTransient: Bool {
        if case .transient = self { return true }
        return false
    }

    public var description: String {
        switch self {
        case .transient(let reason): "temporary SMTP failure: \(reason)"
        case .permanent(let reason): "SMTP failure: \(reason)"
        }
    }

    /// A reply that ends the conversation: 4xx transient, anything else permanent.
    static func refused(_ reply: SMTPReply, after step: String) -> SMTPError {
        let reason = "\(step) answered \(reply.summary)"
        return reply.code >= 400 && reply.code < 500 ? .transient(reason) : .permanent(reason)
    }
}
