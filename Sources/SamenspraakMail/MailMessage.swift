import Foundation

/// One e-mail to one recipient: a text body and, optionally, the same content as HTML.
public struct MailMessage: Sendable {
    public var from: MailAddress
    public var to: MailAddress
    public var subject: String
    public var text: String
    /// When set, the message is multipart/alternative: the text first, then this.
    public var html: String?
    /// The Message-ID without the angle brackets ("local@domain"); the caller makes it unique.
    public var messageID: String
    public var date: Date
    /// The Content-Language header ("nl", "en", …) when set.
    public var language: String?

    public init(
        from: MailAddress, to: MailAddress, subject: String, text: String, html: String? = nil,
        messageID: String, date: Date, language: String? = nil
    ) {
        self.from = from
        self.to = to
        self.subject = subject
        self.text = text
        self.html = html
        self.messageID = messageID
        self.date = date
        self.language = language
    }

    /// The full RFC 5322 message with CRLF line ends, ready for DATA (before dot-stuffing).
    public func rendered() -> String {
        rendered(boundary: Self.randomBoundary())
    }

    /// `rendered()` with a given multipart boundary (tests). The boundary starts with "=_", which quoted-printable
    /// output can never contain.
    func rendered(boundary: String) -> String {
        var headers = [
            "Date: " + MIMEEncoding.date(date),
            MIMEEncoding.header("From", MIMEEncoding.mailboxTokens(from)),
            MIMEEncoding.header("To", MIMEEncoding.mailboxTokens(to)),
            MIMEEncoding.header("Subject", MIMEEncoding.unstructuredTokens(subject)),
            "Message-ID: <" + Self.idSafe(messageID) + ">",
            "MIME-Version: 1.0",
        ]
        if let language = language.map(Self.languageSafe), !language.isEmpty {
            headers.append("Content-Language: " + language)
        }
        let textPart = [
            "Content-Type: text/plain; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(text),
        ]
        guard let html else {
            return (headers + textPart).joined(separator: "\r\n") + "\r\n"
        }
        let htmlPart = [
            "Content-Type: text/html; charset=utf-8",
            "Content-Transfer-Encoding: quoted-printable",
            "",
            MIMEEncoding.quotedPrintable(html),
        ]
        // The CRLF before a delimiter belongs to the delimiter, so each part ends with one more line end: the
        // text then reads back the same in a single part and in a multipart message.
        let lines = headers + [
            "Content-Type: multipart/alternative;\r\n boundary=\"\(boundary)\"",
            "",
            "--" + boundary,
        ] + textPart + ["", "--" + boundary] + htmlPart + ["", "--" + boundary + "--"]
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    static func randomBoundary() -> String {
        var generator = SystemRandomNumberGenerator()
        let random = (0..<2).map { _ in String(generator.next() as UInt64, radix: 16) }.joined(separator: ".")
        return "=_sp_" + random
    }

    /// A msg-id's inside: printable ASCII without space, angle brackets or quotes, at most 250 characters.
    static func idSafe(_ id: String) -> String {
        String(MIMEEncoding.addressSafe(id).prefix(250))
    }

    /// Language tags: letters, digits, "-" and ", " only.
    static func languageSafe(_ language: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-, ".unicodeScalars)
        let kept = String(String.UnicodeScalarView(language.unicodeScalars.filter(allowed.contains)))
        return String(kept.trimmingCharacters(in: .whitespaces).prefix(100))
    }
}
