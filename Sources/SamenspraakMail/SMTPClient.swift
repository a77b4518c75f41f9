import Foundation
import NIOCore
import NIOPosix
import NIOSSL

/// Sends messages over SMTP (RFC 5321): one connection per message, TLS as configured, AUTH PLAIN or LOGIN.
public struct SMTPClient: Sendable {
    public let configuration: SMTPConfiguration
    let eventLoopGroup: any EventLoopGroup

    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.configuration = configuration
        self.eventLoopGroup = eventLoopGroup
    }

    /// Sends one message; throws `SMTPError` (see `isTransient` for whether to try again later).
    public func send(_ message: MailMessage) async throws {
        guard message.from.isValid else { throw SMTPError.permanent("the sender address is not valid") }
        guard message.to.isValid else { throw SMTPError.permanent("the recipient address is not valid") }
        guard configuration.username == nil || configuration.security != .none else {
            throw SMTPError.permanent("credentials are only sent over TLS; this configuration has none")
        }
        let tls: NIOSSLContext?
        do {
            tls = configuration.security == .none ? nil : try makeTLSContext()
        } catch {
            throw SMTPError.permanent("TLS could not be set up: \(error)")
        }
        let connection: SMTPConnection
        do {
            connection = try await SMTPConnection.open(
                host: configuration.host, port: configuration.port,
                tls: configuration.security == .tls ? tls : nil, serverHostname: serverHostname,
                timeout: timeAmount(configuration.timeout), group: eventLoopGroup)
        } catch {
            throw Self.classify(error)
        }
        do {
            try await converse(connection, message: message, tls: tls)
        } catch {
            await connection.close()
            throw Self.classify(error)
        }
        await connection.close()
    }

    private func converse(_ connection: SMTPConnection, message: MailMessage, tls: NIOSSLContext?) async throws {
        let greeting = try await connection.reply()
        guard greeting.code == 220 else { throw SMTPError.refused(greeting, after: "the greeting") }

        var extensions = try await hello(connection)
        if configuration.security == .startTLS, let tls {
            // RFC 3207: without STARTTLS neither the credentials nor the message may cross the network.
            guard extensions["STARTTLS"] != nil else {
                throw SMTPError.permanent("the server does not offer STARTTLS, which this configuration requires")
            }
            let ready = try await connection.command("STARTTLS")
            guard ready.code == 220 else { throw SMTPError.refused(ready, after: "STARTTLS") }
            try await connection.startTLS(tls, serverHostname: serverHostname)
            extensions = try await hello(connection, fallBackToHELO: false)
        }
        if let username = configuration.username {
            try await authenticate(connection, username: username, password: configuration.password ?? "",
                                   offered: extensions["AUTH"] ?? [])
        }

        let mail = try await connection.command("MAIL FROM:<\(message.from.address)>")
        guard mail.code == 250 else { throw SMTPError.refused(mail, after: "MAIL FROM") }
        let recipient = try await connection.command("RCPT TO:<\(message.to.address)>")
        guard recipient.code == 250 || recipient.code == 251 else { throw SMTPError.refused(recipient, after: "RCPT TO") }
        let data = try await connection.command("DATA")
        guard data.code == 354 else { throw SMTPError.refused(data, after: "DATA") }
        connection.write(Self.dotStuffed(message.rendered()) + ".\r\n")
        let accepted = try await connection.reply()
        guard accepted.code == 250 else { throw SMTPError.refused(accepted, after: "the message") }

        // The message is accepted: a failing QUIT changes nothing.
        _ = try? await connection.command("QUIT")
    }

    /// EHLO, or HELO when EHLO is refused and nothing needs an extension (no TLS, no AUTH). Returns the extensions.
    private func hello(_ connection: SMTPConnection, fallBackToHELO: Bool = true) async throws -> [String: [String]] {
        let ehlo = try await connection.command("EHLO \(heloName)")
        if ehlo.code == 250 { return ehlo.extensions }
        let mayUseHELO = fallBackToHELO && configuration.security == .none && configuration.username == nil
        guard mayUseHELO, ehlo.code >= 500 else { throw SMTPError.refused(ehlo, after: "EHLO") }
        let helo = try await connection.command("HELO \(heloName)")
        guard helo.code == 250 else { throw SMTPError.refused(helo, after: "HELO") }
        return [:]
    }

    /// AUTH PLAIN when offered, else AUTH LOGIN (RFC 4954, RFC 4616).
    private func authenticate(_ connection: SMTPConnection, username: String, password: String, offered: [String]) async throws {
        func base64(_ text: String) -> String { Data(text.utf8).base64EncodedString() }
        if offered.contains("PLAIN") {
            let reply = try await connection.command("AUTH PLAIN " + base64("\u{0}\(username)\u{0}\(password)"))
            guard reply.code == 235 else { throw Self.authenticationRefused(reply) }
        } else if offered.contains("LOGIN") {
            let start = try await connection.command("AUTH LOGIN")
            guard start.code == 334 else { throw Self.authenticationRefused(start) }
            let user = try await connection.command(base64(username))
            guard user.code == 334 else { throw Self.authenticationRefused(user) }
            let done = try await connection.command(base64(password))
            guard done.code == 235 else { throw Self.authenticationRefused(done) }
        } else {
            throw SMTPError.permanent("the server offers neither AUTH PLAIN nor AUTH LOGIN")
        }
    }

    private static func authenticationRefused(_ reply: SMTPReply) -> SMTPError {
        if reply.code == 535 { return .permanent("authentication refused (535): check the user and password") }
        return SMTPError.refused(reply, after: "AUTH")
    }

    private var heloName: String {
        let name = MIMEEncoding.addressSafe(configuration.heloName)
        return name.isEmpty ? "localhost" : name
    }

    /// The name sent in SNI and checked against the certificate; for an IP address there is no SNI and NIOSSL
    /// checks the certificate against the address instead.
    private var serverHostname: String? {
        (try? SocketAddress(ipAddress: configuration.host, port: 0)) == nil ? configuration.host : nil
    }

    private func makeTLSContext() throws -> NIOSSLContext {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.certificateVerification = .fullVerification
        tls.minimumTLSVersion = .tlsv12
        if let file = configuration.trustRootsFile {
            tls.additionalTrustRoots = [.file(file)]
        }
        return try NIOSSLContext(configuration: tls)
    }

    private func timeAmount(_ duration: Duration) -> TimeAmount {
        let (seconds, attoseconds) = duration.components
        return .nanoseconds(seconds * 1_000_000_000 + attoseconds / 1_000_000_000)
    }

    /// RFC 5321 4.5.2: a line that starts with "." gets one more, so only the final "." ends the message.
    static func dotStuffed(_ rendered: String) -> String {
        var text = rendered.hasSuffix("\r\n") ? rendered : rendered + "\r\n"
        text = text.replacingOccurrences(of: "\r\n.", with: "\r\n..")
        return text.hasPrefix(".") ? "." + text : text
    }

    /// Every failure as transient or permanent, with a short reason.
    static func classify(_ error: any Error) -> SMTPError {
        switch error {
        case let error as SMTPError:
            return error
        case let error as NIOSSLError:
            switch error {
            case .handshakeFailed(let cause):
                return .permanent("TLS handshake failed (certificate not trusted, or no common TLS version): \(cause)")
            case .uncleanShutdown:
                return .transient("the TLS connection was cut off")
            default:
                return .permanent("TLS failed: \(error)")
            }
        case let error as NIOSSLExtraError where error == .failedToValidateHostname:
            return .permanent("the server's TLS certificate is not for this host name")
        case let error as NIOSSLExtraError:
            return .permanent("TLS failed: \(error)")
        case let error as ChannelError:
            if case .connectTimeout = error { return .transient("could not connect in time") }
            return .transient("connection failed: \(error)")
        case let error as IOError:
            return .transient("connection failed: \(error.description)")
        case let error as NIOConnectionError:
            let causes = error.connectionErrors.map { "\($0.error)" }.joined(separator: "; ")
            return .transient(causes.isEmpty ? "could not connect (\(error.dnsAError.map { "\($0)" } ?? "no address"))" : "could not connect: \(causes)")
        default:
            return .transient("connection failed: \(error)")
        }
    }
}
