import Foundation

/// Where and how to send mail, usually read from one URL (SAMENSPRAAK_SMTP_URL):
///
/// - `smtp://user:pass@host:587`: STARTTLS, required (default port 587). A server that does not offer it gets
///   neither the credentials nor the mail.
/// - `smtps://user:pass@host:465`: TLS from the first byte (default port 465).
/// - `smtp://host:25?starttls=off`: no TLS at all, only for a relay on the same machine or network; it takes no
///   user or password, since those would cross the network in clear.
///
/// User and password are percent-decoded (write `@` as `%40`, `:` as `%3A`, `/` as `%2F`); without a user there
/// is no AUTH.
public struct SMTPConfiguration: Sendable {
    public enum Security: Sendable, Equatable {
        /// Plain connection upgraded with STARTTLS, which must be offered.
        case startTLS
        /// TLS from the start (port 465).
        case tls
        /// No encryption: a local relay only.
        case none
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var username: String?
    public var password: String?
    /// The name this client gives in EHLO.
    public var heloName: String
    /// A PEM file of certificate authorities trusted besides the system's (a private CA, the tests).
    public var trustRootsFile: String?
    /// How long each step (connecting, each reply) may take.
    public var timeout: Duration

    public init(
        host: String, port: Int, security: Security, username: String? = nil, password: String? = nil,
        heloName: String = SMTPConfiguration.defaultHeloName(), trustRootsFile: String? = nil,
        timeout: Duration = .seconds(30)
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.username = username
        self.password = password
        self.heloName = heloName
        self.trustRootsFile = trustRootsFile
        self.timeout = timeout
    }

    /// Reads the forms above; throws `SMTPConfigurationError` saying what is wrong (never echoing the password).
    public init(url: String) throws {
        let trimmed = url.trimmingCharacters(in: .whitespaces)
        guard let components = URLComponents(string: trimmed), let scheme = components.scheme?.lowercased() else {
            throw SMTPConfigurationError("is not a URL; write smtp://user:password@host:587 (percent-encode special characters)")
        }
        let security: Security
        let defaultPort: Int
        switch scheme {
        case "smtp":
            security = .startTLS
            defaultPort = 587
        case "smtps":
            security = .tls
            defaultPort = 465
        default:
            throw SMTPConfigurationError("has the scheme \(scheme)://; use smtp:// (STARTTLS) or smtps:// (TLS)")
        }
        guard let host = components.host, !host.isEmpty else {
            throw SMTPConfigurationError("has no host; write \(scheme)://host")
        }
        guard host.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "/" }) else {
            throw SMTPConfigurationError("has a host with characters a host name cannot have")
        }
        if let port = components.port, !(1...65_535).contains(port) {
            throw SMTPConfigurationError("has the port \(port); a port is 1 to 65535")
        }
        guard components.percentEncodedPath.isEmpty || components.percentEncodedPath == "/" else {
            throw SMTPConfigurationError("has a path; it takes none (a / in the password is written %2F)")
        }
        guard components.fragment == nil else {
            throw SMTPConfigurationError("has a # part; a # in the password is written %23")
        }
        var effectiveSecurity = security
        for item in components.queryItems ?? [] {
            switch (item.name.lowercased(), item.value?.lowercased()) {
            case ("starttls", "off") where security == .startTLS:
                effectiveSecurity = .none
            case ("starttls", "on") where security == .startTLS:
                effectiveSecurity = .startTLS
            case ("starttls", _) where security == .tls:
                throw SMTPConfigurationError("has starttls with smtps://, which uses TLS from the start")
            case ("starttls", _):
                throw SMTPConfigurationError("has starttls=\(item.value ?? ""); it is on or off")
            default:
                throw SMTPConfigurationError("has the parameter \(item.name); the only one is starttls=off (local relay)")
            }
        }
        let username = components.percentEncodedUser.map { $0.removingPercentEncoding ?? $0 }
        let password = components.percentEncodedPassword.map { $0.removingPercentEncoding ?? $0 }
        if components.percentEncodedUser != nil, username == nil || username!.isEmpty {
            throw SMTPConfigurationError("has an empty user name")
        }
        if password != nil, username == nil {
            throw SMTPConfigurationError("has a password without a user name")
        }
        if username != nil, effectiveSecurity == .none {
            throw SMTPConfigurationError("has a user with starttls=off; credentials are only sent over TLS")
        }
        for value in [username, password].compactMap({ $0 }) where value.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw SMTPConfigurationError("has a user or password with a control character")
        }
        self.init(
            host: host, port: components.port ?? defaultPort, security: effectiveSecurity,
            username: username, password: password
        )
    }

    /// This machine's name when it is a dotted host name, else "localhost".
    public static func defaultHeloName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count - 1) == 0 else { return "localhost" }
        let name = String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-".unicodeScalars)
        guard name.contains("."), name.unicodeScalars.allSatisfy(allowed.contains) else { return "localhost" }
        return name
    }
}

/// What is wrong with an SMTP URL, in a sentence about "the SMTP URL" that never repeats the password.
public struct SMTPConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String

    public init(_ problem: String) {
        self.message = "The SMTP URL " + problem + "."
    }

    public var description: String { message }
}
