import Foundation
import Testing
@testable import SamenspraakMail

@Suite struct MailMessageTests {
    let date = Date(timeIntervalSince1970: 1_796_551_398)   // Sun, 06 Dec 2026 10:03:18 UTC

    func message(
        from: MailAddress = MailAddress("noreply@samenspraak.test", name: "Samenspraak"),
        to: MailAddress = MailAddress("fatma@example.org", name: "Fatma Yılmaz"),
        subject: String = "Welkom", text: String = "Hallo", html: String? = nil, language: String? = "nl"
    ) -> MailMessage {
        MailMessage(from: from, to: to, subject: subject, text: text, html: html,
                    messageID: "abc123@samenspraak.test", date: date, language: language)
    }

    func headers(_ rendered: String) -> [String] {
        let head = rendered.components(separatedBy: "\r\n\r\n")[0]
        // Unfolded: a line that starts with a space continues the one before.
        return head.replacingOccurrences(of: "\r\n ", with: " ").components(separatedBy: "\r\n")
    }

    @Test func a_plain_message_has_every_header_and_crlf_line_ends() {
        let rendered = message().rendered()
        let lines = headers(rendered)
        #expect(lines.contains("Date: Sun, 06 Dec 2026 10:03:18 +0000"))
        #expect(lines.contains("Message-ID: <abc123@samenspraak.test>"))
        #expect(lines.contains("From: Samenspraak <noreply@samenspraak.test>"))
        #expect(lines.contains("Subject: Welkom"))
        #expect(lines.contains("MIME-Version: 1.0"))
        #expect(lines.contains("Content-Language: nl"))
        #expect(lines.contains("Content-Type: text/plain; charset=utf-8"))
        #expect(lines.contains("Content-Transfer-Encoding: quoted-printable"))
        #expect(rendered.hasSuffix("\r\n\r\nHallo\r\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\r"))
    }

    @Test func without_a_language_there_is_no_content_language() {
        #expect(!message(language: nil).rendered().contains("Content-Language"))
    }

    @Test func a_non_ascii_name_and_subject_become_encoded_words_of_whole_characters() throws {
        let subject = "Uitnodiging 🎉 مرحبا بكم في المدرسة — een lange onderwerpregel die gevouwen moet worden"
        let rendered = message(subject: subject).rendered()
        let lines = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 78 }, "\(lines)")
        #expect(lines.allSatisfy { $0.unicodeScalars.allSatisfy { $0.value < 0x7F } })
        let unfolded = headers(rendered)
        let to = try #require(unfolded.first { $0.hasPrefix("To: ") })
        #expect(to.hasPrefix("To: =?UTF-8?B?"))
        #expect(to.hasSuffix(" <fatma@example.org>"))
        let subjectLine = try #require(unfolded.first { $0.hasPrefix("Subject: ") })
        #expect(decodeWords(String(subjectLine.dropFirst("Subject: ".count))) == subject)
        #expect(decodeWords(String(to.dropFirst("To: ".count).dropLast(" <fatma@example.org>".count))) == "Fatma Yılmaz")
    }

    @Test func a_long_ascii_subject_is_folded_before_a_space_and_unfolds_to_itself() {
        let subject = Array(repeating: "woord", count: 40).joined(separator: " ")
        let rendered = message(subject: subject).rendered()
        let raw = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(raw.allSatisfy { $0.utf8.count <= 78 })
        #expect(headers(rendered).contains("Subject: " + subject))
    }

    @Test func names_with_specials_are_quoted() {
        let rendered = message(from: MailAddress("a@b.test", name: "De \"Regenboog\", Utrecht")).rendered()
        #expect(headers(rendered).contains(#"From: "De \"Regenboog\", Utrecht" <a@b.test>"#))
    }

    @Test(arguments: ["Hoi\r\nBcc: x@evil.test", "Hoi\nBcc: x@evil.test", "Hoi\rBcc: x@evil.test", "Hoi\u{2028}Bcc: x@evil.test"])
    func cr_and_lf_in_header_values_cannot_add_a_header(_ value: String) {
        let rendered = MailMessage(
            from: MailAddress("a@b.test\r\nBcc: y@evil.test", name: value),
            to: MailAddress("c@d.test", name: value), subject: value, text: "x",
            messageID: "id@x\r\nBcc: z@evil.test", date: date, language: "nl\r\nBcc: w@evil.test"
        ).rendered()
        let lines = rendered.components(separatedBy: "\r\n\r\n")[0].components(separatedBy: "\r\n")
        #expect(!lines.contains { $0.hasPrefix("Bcc") })
        #expect(lines.allSatisfy { $0.hasPrefix(" ") || $0.contains(":") })
        #expect(!rendered.replacingOccurrences(of: "\r\n", with: "").contains("\n"))
    }

    @Test func the_body_is_quoted_printable_with_short_lines_and_reads_back_exactly() {
        let text = "Beste Fatma,\n\n.een regel met een punt\n" + String(repeating: "é ü ğ ı مرحبا 🎉 ", count: 40)
            + "\nspaties aan het eind   \n\tTab\r\nWindows\rMac\n=gelijk"
        let rendered = message(text: text).rendered()
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        let lines = body.components(separatedBy: "\r\n")
        #expect(lines.allSatisfy { $0.utf8.count <= 76 }, "\(lines.map(\.count))")
        #expect(body.unicodeScalars.allSatisfy { $0.value < 0x7F })
        #expect(lines.allSatisfy { !$0.hasSuffix(" ") && !$0.hasSuffix("\t") })
        let expected = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n") + "\n"
        #expect(decodeQuotedPrintable(body) == expected)
    }

    @Test func html_makes_multipart_alternative_with_the_text_first() {
        let rendered = message(text: "Tekst", html: "<p>HTML</p>").rendered(boundary: "=_b")
        #expect(headers(rendered).contains("Content-Type: multipart/alternative; boundary=\"=_b\""))
        let body = rendered.components(separatedBy: "\r\n\r\n").dropFirst().joined(separator: "\r\n\r\n")
        #expect(body == """
            --=_b\r
            Content-Type: text/plain; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            Tekst\r
            \r
            --=_b\r
            Content-Type: text/html; charset=utf-8\r
            Content-Transfer-Encoding: quoted-printable\r
            \r
            <p>HTML</p>\r
            \r
            --=_b--\r

            """)
    }

    @Test func each_message_gets_its_own_random_boundary() {
        let first = message(html: "<p>x</p>").rendered()
        let second = message(html: "<p>x</p>").rendered()
        #expect(first != second)
    }

    @Test func no_line_passes_998_octets_whatever_the_input() {
        let long = String(repeating: "x", count: 3000)
        let rendered = MailMessage(
            from: MailAddress("a@b.test", name: long), to: MailAddress("c@d.test", name: long), subject: long,
            text: long, html: long, messageID: "id@x", date: date, language: long
        ).rendered()
        #expect(rendered.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 998 })
    }

    @Test func lines_starting_with_a_dot_are_stuffed_for_data() {
        #expect(SMTPClient.dotStuffed("a\r\n.b\r\n..c\r\n") == "a\r\n..b\r\n...c\r\n")
        #expect(SMTPClient.dotStuffed(".x\r\n") == "..x\r\n")
        #expect(SMTPClient.dotStuffed("x") == "x\r\n")
    }

    @Test(arguments: [
        ("fatma@example.org", true), ("a.b+tag@school.nl", true), ("", false), ("no-at-sign", false),
        ("a@b@c", false), ("a b@c.nl", false), ("a@c.nl>\r\nRCPT TO:<x@y", false), ("é@c.nl", false), ("a@.nl", false),
        ("@c.nl", false), ("a@", false),
    ])
    func addresses_that_could_break_a_command_are_not_valid(_ address: String, _ valid: Bool) {
        #expect(MailAddress(address).isValid == valid)
    }

    // MARK: decoding, to check the encoders

    func decodeWords(_ value: String) -> String {
        let words = value.split(separator: " ")
        var bytes: [UInt8] = []
        for word in words {
            guard word.hasPrefix("=?UTF-8?B?"), word.hasSuffix("?=") else { return value }
            bytes += Data(base64Encoded: String(word.dropFirst(10).dropLast(2))).map(Array.init) ?? []
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    func decodeQuotedPrintable(_ body: String) -> String {
        var bytes: [UInt8] = []
        let lines = body.components(separatedBy: "\r\n")
        for (index, line) in lines.enumerated() {
            var utf8 = Array(line.utf8)
            let soft = utf8.last == UInt8(ascii: "=")
            if soft { utf8.removeLast() }
            var position = 0
            while position < utf8.count {
                if utf8[position] == UInt8(ascii: "="), position + 2 < utf8.count {
                    let hex = String(decoding: utf8[(position + 1)...(position + 2)], as: UTF8.self)
                    bytes.append(UInt8(hex, radix: 16) ?? 0)
                    position += 3
                } else {
                    bytes.append(utf8[position])
                    position += 1
                }
            }
            if !soft, index < lines.count - 1 { bytes.append(0x0A) }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
