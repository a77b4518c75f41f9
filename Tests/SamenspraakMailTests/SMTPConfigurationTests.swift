import Testing
@testable import SamenspraakMail

@Suite struct SMTPConfigurationTests {
    @Test func smtp_means_starttls_required_on_587() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mailer:geheim@smtp.example.org")
        #expect(configuration.host == "smtp.example.org")
        #expect(configuration.port == 587)
        #expect(configuration.security == .startTLS)
        #expect(configuration.username == "mailer")
        #expect(configuration.password == "geheim")
        #expect(configuration.timeout == .seconds(30))
        #expect(configuration.trustRootsFile == nil)
    }

    @Test func smtps_means_tls_from_the_start_on_465() throws {
        let configuration = try SMTPConfiguration(url: "smtps://mailer:geheim@smtp.example.org")
        #expect(configuration.port == 465)
        #expect(configuration.security == .tls)
    }

    @Test func starttls_off_is_a_plain_local_relay_without_auth() throws {
        let configuration = try SMTPConfiguration(url: "smtp://localhost:25?starttls=off")
        #expect(configuration.security == .none)
        #expect(configuration.port == 25)
        #expect(configuration.username == nil)
        #expect(configuration.password == nil)
    }

    @Test func user_and_password_are_percent_decoded() throws {
        let configuration = try SMTPConfiguration(url: "smtp://school%40example.org:p%40ss%3Aw%2For%23d%25@mail.example.org:2525")
        #expect(configuration.username == "school@example.org")
        #expect(configuration.password == "p@ss:w/or#d%")
        #expect(configuration.port == 2525)
    }

    @Test func no_user_means_no_auth() throws {
        let configuration = try SMTPConfiguration(url: "smtp://mail.example.org")
        #expect(configuration.username == nil)
        #expect(configuration.security == .startTLS)
    }

    @Test(arguments: [
        ("http://mail.example.org", "scheme"),
        ("mail.example.org", "URL"),
        ("smtp://", "host"),
        ("smtp://mail.example.org?tls=no", "parameter tls"),
        ("smtp://mail.example.org?starttls=maybe", "on or off"),
        ("smtps://mail.example.org?starttls=off", "smtps"),
        ("smtp://user:pw@mail.example.org?starttls=off", "only sent over TLS"),
        ("smtp://mail.example.org/path", "path"),
        ("smtp://mail.example.org:0", "port"),
        ("smtp://mail.example.org#x", "#"),
    ])
    func other_forms_are_refused_with_a_clear_message(_ url: String, _ says: String) {
        #expect {
            try SMTPConfiguration(url: url)
        } throws: { error in
            guard let error = error as? SMTPConfigurationError else { return false }
            return error.message.hasPrefix("The SMTP URL ") && error.message.contains(says)
        }
    }

    @Test func an_error_never_repeats_the_password() {
        for url in ["ftp://u:Sup3rGeheim@h", "smtp://u:Sup3rGeheim@h/x", "smtp://u:Sup3rGeheim@h?starttls=off", "smtp://u:Sup3rGeheim@h?x=1"] {
            do {
                _ = try SMTPConfiguration(url: url)
                Issue.record("accepted \(url)")
            } catch {
                #expect(!"\(error)".contains("Sup3rGeheim"))
            }
        }
    }

    @Test func smtp_errors_say_whether_to_try_again() {
        #expect(SMTPError.transient("x").isTransient)
        #expect(!SMTPError.permanent("x").isTransient)
        #expect(SMTPError.refused(SMTPReply(code: 451, lines: ["4.3.0 later"]), after: "RCPT TO").isTransient)
        #expect(!SMTPError.refused(SMTPReply(code: 550, lines: ["5.1.1 <x@y.nl> unknown"]), after: "RCPT TO").isTransient)
        #expect(!"\(SMTPError.refused(SMTPReply(code: 550, lines: ["5.1.1 <x@y.nl> unknown"]), after: "RCPT TO"))".contains("x@y.nl"))
    }
}

@Suite struct SMTPReplyParserTests {
    @Test func multi_line_replies_are_read_as_one() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.take(line: "250-smtp.example.org") == nil)
        #expect(try parser.take(line: "250-STARTTLS") == nil)
        #expect(try parser.take(line: "250-AUTH=LOGIN") == nil)
        let reply = try #require(try parser.take(line: "250 AUTH PLAIN LOGIN"))
        #expect(reply.code == 250)
        #expect(reply.lines == ["smtp.example.org", "STARTTLS", "AUTH=LOGIN", "AUTH PLAIN LOGIN"])
        #expect(reply.extensions["STARTTLS"] == [])
        #expect(reply.extensions["AUTH"] == ["LOGIN", "PLAIN", "LOGIN"])
        #expect(try parser.take(line: "221") == SMTPReply(code: 221, lines: [""]))
    }

    @Test(arguments: ["hello", "25", "2500 x", "250x"])
    func anything_else_is_not_smtp(_ line: String) {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPReplyParser.Failure.malformed) { try parser.take(line: line) }
    }

    @Test func a_reply_whose_code_changes_halfway_is_not_smtp() throws {
        var parser = SMTPReplyParser()
        _ = try parser.take(line: "250-first")
        #expect(throws: SMTPReplyParser.Failure.malformed) { try parser.take(line: "354 then") }
    }
}
