import Foundation
import NIOCore
import NIOPosix
import Testing
@testable import SamenspraakMail

/// The client against a real SMTP server (aiosmtpd, scripts/smtp_test_server.py), when SAMENSPRAAK_TEST_PYTHON
/// names a Python that has it.
@Suite(.enabled(if: SMTPTestServer.isAvailable, "SAMENSPRAAK_TEST_PYTHON is not set"), .serialized, .timeLimit(.minutes(1)))
struct SMTPClientTests {
    static let certificate = Result { try TestCertificate.make() }

    func certificate() throws -> TestCertificate { try Self.certificate.get() }

    func message(
        subject: String = "Uw uitnodiging", text: String = "Hallo", html: String? = nil, language: String? = "nl"
    ) -> MailMessage {
        MailMessage(
            from: MailAddress("noreply@samenspraak.test", name: "Samenspraak"),
            to: MailAddress("ouder@example.org", name: "Een ouder"),
            subject: subject, text: text, html: html,
            messageID: "\(UUID().uuidString)@samenspraak.test", date: Date(), language: language)
    }

    func client(_ url: String, trusting certificate: TestCertificate? = nil) throws -> SMTPClient {
        var configuration = try SMTPConfiguration(url: url)
        configuration.trustRootsFile = certificate?.certificate
        configuration.timeout = .seconds(10)
        return SMTPClient(configuration: configuration)
    }

    func withServer(_ options: [String], _ body: (SMTPTestServer) async throws -> Void) async throws {
        let server = try SMTPTestServer(options)
        do {
            try await body(server)
        } catch {
            await server.stop()
            throw error
        }
        await server.stop()
    }

    /// The error send threw, or nil.
    func sendError(_ client: SMTPClient, _ message: MailMessage) async -> SMTPError? {
        do {
            try await client.send(message)
            return nil
        } catch let error as SMTPError {
            return error
        } catch {
            Issue.record("not an SMTPError: \(error)")
            return nil
        }
    }

    @Test func a_plain_local_relay_receives_the_message() async throws {
        try await withServer([]) { server in
            try await client("smtp://localhost:\(server.port)?starttls=off").send(message())
            let received = try server.received()
            #expect(received.count == 1)
            #expect(received.first?.mailFrom == "noreply@samenspraak.test")
            #expect(received.first?.rcptTos == ["ouder@example.org"])
            #expect(received.first?.tls == false)
            #expect(received.first?.defects == [])
        }
    }

    @Test func starttls_and_auth_plain() async throws {
        let certificate = try certificate()
        try await withServer(["--starttls", certificate.certificate, certificate.key, "--require-tls", "--auth", "mailer:geh@im:1"]) { server in
            try await client("smtp://mailer:geh%40im%3A1@localhost:\(server.port)", trusting: certificate).send(message())
            let received = try server.received()
            #expect(received.count == 1)
            #expect(received.first?.tls == true)
            #expect(received.first?.authenticatedAs == "mailer")
        }
    }

    @Test func starttls_and_auth_login_when_the_server_offers_only_login() async throws {
        let certificate = try certificate()
        try await withServer(["--starttls", certificate.certificate, certificate.key, "--require-tls",
                              "--auth", "mailer:geheim", "--auth-mechanisms", "LOGIN"]) { server in
            try await client("smtp://mailer:geheim@localhost:\(server.port)", trusting: certificate).send(message())
            let received = try server.received()
            #expect(received.count == 1)
            #expect(received.first?.tls == true)
            #expect(received.first?.authenticatedAs == "mailer")
        }
    }

    @Test func implicit_tls() async throws {
        let certificate = try certificate()
        try await withServer(["--tls", certificate.certificate, certificate.key, "--auth", "mailer:geheim"]) { server in
            try await client("smtps://mailer:geheim@localhost:\(server.port)", trusting: certificate).send(message())
            #expect(try server.received().count == 1)
            #expect(try server.received().first?.authenticatedAs == "mailer")
        }
    }

    @Test func tls_to_an_ip_address_checks_the_certificate_against_it() async throws {
        let certificate = try certificate()
        try await withServer(["--tls", certificate.certificate, certificate.key]) { server in
            try await client("smtps://127.0.0.1:\(server.port)", trusting: certificate).send(message())
            #expect(try server.received().count == 1)
        }
    }

    @Test func starttls_required_but_not_offered_sends_nothing() async throws {
        try await withServer(["--no-starttls"]) { server in
            let error = await sendError(try client("smtp://mailer:geheim@localhost:\(server.port)"), message())
            #expect(error?.isTransient == false, "\(String(describing: error))")
            #expect("\(String(describing: error))".contains("STARTTLS"))
            #expect(try server.received().isEmpty)
        }
    }

    @Test func an_untrusted_certificate_is_a_permanent_error() async throws {
        let certificate = try certificate()
        try await withServer(["--starttls", certificate.certificate, certificate.key]) { server in
            let error = await sendError(try client("smtp://localhost:\(server.port)"), message())
            #expect(error?.isTransient == false, "\(String(describing: error))")
            #expect("\(String(describing: error))".contains("TLS handshake failed"), "\(String(describing: error))")
            #expect(try server.received().isEmpty)
        }
    }

    @Test func a_certificate_for_another_host_is_a_permanent_error() async throws {
        let other = try TestCertificate.make(commonName: "other.test", altNames: "DNS:other.test")
        try await withServer(["--tls", other.certificate, other.key]) { server in
            let error = await sendError(try client("smtps://localhost:\(server.port)", trusting: other), message())
            #expect(error?.isTransient == false, "\(String(describing: error))")
            #expect("\(String(describing: error))".contains("TLS"), "\(String(describing: error))")
            #expect(try server.received().isEmpty)
        }
    }

    @Test(arguments: [("451", "rcpt", true), ("451", "data", true), ("550", "rcpt", false), ("550", "data", false)])
    func a_4xx_reply_is_transient_and_a_5xx_permanent(_ code: String, _ stage: String, _ transient: Bool) async throws {
        try await withServer(["--reject", code, "--reject-at", stage]) { server in
            let error = await sendError(try client("smtp://localhost:\(server.port)?starttls=off"), message())
            #expect(error?.isTransient == transient, "\(String(describing: error))")
            #expect("\(String(describing: error))".contains(code))
            #expect(try server.received().isEmpty)
        }
    }

    @Test func a_wrong_password_is_a_permanent_error() async throws {
        let certificate = try certificate()
        try await withServer(["--starttls", certificate.certificate, certificate.key, "--auth", "mailer:geheim"]) { server in
            let error = await sendError(
                try client("smtp://mailer:fout@localhost:\(server.port)", trusting: certificate), message())
            #expect(error?.isTransient == false, "\(String(describing: error))")
            #expect("\(String(describing: error))".contains("535"))
            #expect(!"\(String(describing: error))".contains("fout"))
            #expect(try server.received().isEmpty)
        }
    }

    @Test func a_server_that_is_gone_is_a_transient_error() async throws {
        let server = try SMTPTestServer([])
        let port = server.port
        await server.stop()
        let error = await sendError(try client("smtp://localhost:\(port)?starttls=off"), message())
        #expect(error?.isTransient == true, "\(String(describing: error))")
    }

    @Test func names_subjects_and_bodies_in_any_script_arrive_exactly() async throws {
        let certificate = try certificate()
        let longLine = String(repeating: "Een lange regel met ğ, ı, é en مرحبا 🎉. ", count: 30)
        let text = """
            Beste Fatma,

            .Deze regel begint met een punt.
            ..En deze met twee.
            .
            \(longLine)
            Spaties aan het eind  \u{20}
            =?UTF-8?B?nep?= en From aan het begin:
            From de school
            """
        let html = "<p lang=\"ar\" dir=\"rtl\">مرحبا</p>\n<p>" + longLine + "</p>"
        let subject = "Welkom 🎉 أهلاً وسهلاً — Samenspraak uitnodiging voor het oudergesprek van volgende week"
        var mail = MailMessage(
            from: MailAddress("noreply@samenspraak.test", name: "Basisschool De Regenboog"),
            to: MailAddress("fatma@example.org", name: "Fatma Yılmaz"),
            subject: subject, text: text, html: html,
            messageID: "welkom-1@samenspraak.test", date: Date(timeIntervalSince1970: 1_796_551_398), language: "ar")
        try await withServer(["--starttls", certificate.certificate, certificate.key, "--require-tls", "--auth", "mailer:geheim"]) { server in
            try await client("smtp://mailer:geheim@localhost:\(server.port)", trusting: certificate).send(mail)
            mail.from.name = "Samenspraak \"test\", twee"
            mail.html = nil
            mail.language = nil
            try await client("smtp://mailer:geheim@localhost:\(server.port)", trusting: certificate).send(mail)
            let received = try server.received()
            try #require(received.count == 2)
            let first = received[0]
            #expect(first.subject == subject)
            #expect(first.fromName == "Basisschool De Regenboog")
            #expect(first.fromAddress == "noreply@samenspraak.test")
            #expect(first.toName == "Fatma Yılmaz")
            #expect(first.toAddress == "fatma@example.org")
            #expect(first.text == text + "\n")
            #expect(first.html == html + "\n")
            #expect(first.contentType == "multipart/alternative")
            #expect(first.contentLanguage == "ar")
            #expect(first.messageId == "<welkom-1@samenspraak.test>")
            #expect(first.date == "Sun, 06 Dec 2026 10:03:18 +0000")
            #expect(first.defects == [])
            #expect(first.longestLine <= 78)
            let second = received[1]
            #expect(second.fromName == "Samenspraak \"test\", twee")
            #expect(second.text == text + "\n")
            #expect(second.html == nil)
            #expect(second.contentType == "text/plain")
            #expect(second.contentLanguage == nil)
            #expect(second.defects == [])
            // Dot-stuffing was undone by the server: the stored message has the lines as rendered.
            let raw = String(decoding: try server.raw(1), as: UTF8.self)
            #expect(raw.contains("\r\n.Deze regel begint met een punt.\r\n"))
            #expect(raw.contains("\r\n..En deze met twee.\r\n"))
        }
    }
}

/// Time limits that need no Python: a server that accepts the connection but never greets.
@Suite struct SMTPClientTimeoutTests {
    @Test func a_silent_server_is_a_transient_timeout() async throws {
        let silent = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .childChannelInitializer { channel in channel.eventLoop.makeSucceededVoidFuture() }
            .bind(host: "127.0.0.1", port: 0).get()
        let port = try #require(silent.localAddress?.port)
        var configuration = try SMTPConfiguration(url: "smtp://127.0.0.1:\(port)?starttls=off")
        configuration.timeout = .milliseconds(300)
        let started = ContinuousClock.now
        do {
            try await SMTPClient(configuration: configuration).send(MailMessage(
                from: MailAddress("a@b.test"), to: MailAddress("c@d.test"), subject: "x", text: "x",
                messageID: "x@b.test", date: Date()))
            Issue.record("sent to a silent server")
        } catch let error as SMTPError {
            #expect(error.isTransient, "\(error)")
            #expect("\(error)".contains("no reply"))
        }
        #expect(ContinuousClock.now - started < .seconds(5))
        try await silent.close()
    }

    @Test func an_invalid_address_is_refused_before_connecting() async throws {
        let client = SMTPClient(configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:1?starttls=off"))
        await #expect(throws: SMTPError.permanent("the recipient address is not valid")) {
            try await client.send(MailMessage(
                from: MailAddress("a@b.test"), to: MailAddress("c@d.test>\r\nDATA"), subject: "x", text: "x",
                messageID: "x@b.test", date: Date()))
        }
    }
}
