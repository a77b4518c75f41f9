import Foundation

/// The encodings a message is written in (RFC 2045 quoted-printable, RFC 2047 encoded words, RFC 5322 folding).
/// Every header line stays at most 78 characters where it can be folded, and every body line at most 76.
enum MIMEEncoding {
    /// Header lines are folded before they pass this length (RFC 5322 2.1.1's "SHOULD").
    static let foldWidth = 78
    /// UTF-8 bytes per encoded word: 36 bytes are 48 base64 characters, a 60-character word, which leaves room for
    /// "Subject: " or a folding space on the same line.
    static let encodedWordBytes = 36

    /// A header value with every control character (CR and LF above all) replaced by a space, so no value can
    /// start another header or end the header block.
    static func headerSafe(_ value: String) -> String {
        String(String.UnicodeScalarView(value.unicodeScalars.map { isControl($0) ? " " : $0 }))
    }

    static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (scalar.value >= 0x7F && scalar.value < 0xA0)
            || scalar == "\u{2028}" || scalar == "\u{2029}"
    }

    /// Whether text must go out as encoded words: anything beyond printable ASCII, a literal "=?" (which a reader
    /// would take for an encoded word), or a word too long to fold.
    static func needsEncoding(_ text: String) -> Bool {
        if text.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value > 0x7E }) { return true }
        if text.contains("=?") { return true }
        return text.split(separator: " ").contains { $0.utf8.count > 70 }
    }

    /// RFC 2047 B-encoded words in UTF-8, each holding whole Unicode scalars and at most `encodedWordBytes` bytes.
    static func encodedWords(_ text: String) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func flush() {
            guard !chunk.isEmpty else { return }
            words.append("=?UTF-8?B?" + Data(chunk).base64EncodedString() + "?=")
            chunk.removeAll(keepingCapacity: true)
        }
        for scalar in text.unicodeScalars {
            let bytes = Array(String(scalar).utf8)
            if chunk.count + bytes.count > encodedWordBytes { flush() }
            chunk.append(contentsOf: bytes)
        }
        flush()
        return words
    }

    /// The tokens of an unstructured value (a subject): encoded words when needed, else the words as written, so
    /// that folding before each space and unfolding give back the same text.
    static func unstructuredTokens(_ value: String) -> [String] {
        let safe = headerSafe(value)
        if needsEncoding(safe) { return encodedWords(safe) }
        return safe.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
    }

    /// A display name as RFC 5322 phrase tokens: plain words, one quoted string, or encoded words.
    static func phraseTokens(_ name: String) -> [String] {
        let safe = headerSafe(name).trimmingCharacters(in: .whitespaces)
        guard !safe.isEmpty else { return [] }
        if needsEncoding(safe) || safe.utf8.count > 200 { return encodedWords(safe) }
        let atext = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+-/=?^_`{|}~ ".utf8)
        if safe.utf8.allSatisfy(atext.contains) {
            return safe.split(separator: " ").map(String.init)
        }
        let escaped = safe.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
        return ["\"" + escaped + "\""]
    }

    /// An address as it may appear between < and >: only printable ASCII without space, `<`, `>` or quotes.
    static func addressSafe(_ address: String) -> String {
        String(String.UnicodeScalarView(address.unicodeScalars.filter {
            $0.value > 0x20 && $0.value < 0x7F && !"<>\"\\,;()[]".unicodeScalars.contains($0)
        }))
    }

    static func mailboxTokens(_ mailbox: MailAddress) -> [String] {
        phraseTokens(mailbox.name ?? "") + ["<" + addressSafe(mailbox.address) + ">"]
    }

    /// "Name: token token…", folded before a space wherever the line would pass `foldWidth`. An empty token (two
    /// spaces in a row) never starts a line, so no line is only white space.
    static func header(_ name: String, _ tokens: [String]) -> String {
        var lines: [String] = []
        var line = name + ":"
        for token in tokens {
            if line.utf8.count + 1 + token.utf8.count > foldWidth, !token.isEmpty, line != name + ":" {
                lines.append(line)
                line = " " + token
            } else {
                line += " " + token
            }
        }
        lines.append(line)
        return lines.joined(separator: "\r\n")
    }

    /// The lines of a text with any line ending (CRLF, LF or CR) as byte arrays; a final line ending does not make
    /// an extra empty line.
    static func lines(_ text: String) -> [[UInt8]] {
        var lines: [[UInt8]] = []
        var current: [UInt8] = []
        var previousWasCR = false
        for byte in text.utf8 {
            if byte == 0x0A, previousWasCR {
                previousWasCR = false
                continue
            }
            previousWasCR = byte == 0x0D
            if byte == 0x0A || byte == 0x0D {
                lines.append(current)
                current = []
            } else {
                current.append(byte)
            }
        }
        if !current.isEmpty || lines.isEmpty { lines.append(current) }
        return lines
    }

    /// Quoted-printable (RFC 2045 6.7) with CRLF line ends and no line over 76 characters; no final CRLF.
    static func quotedPrintable(_ text: String) -> String {
        let hex = Array("0123456789ABCDEF".utf8)
        var output: [UInt8] = []
        for (index, line) in lines(text).enumerated() {
            if index > 0 { output += Array("\r\n".utf8) }
            var width = 0
            for (position, byte) in line.enumerated() {
                let isLast = position == line.count - 1
                let literal = (byte >= 33 && byte <= 126 && byte != 61) || ((byte == 0x20 || byte == 0x09) && !isLast)
                let unit: [UInt8] = literal ? [byte] : [61, hex[Int(byte >> 4)], hex[Int(byte & 0x0F)]]
                if width + unit.count > 75 {
                    output += Array("=\r\n".utf8)   // a soft line break: 75 characters and the "="
                    width = 0
                }
                output += unit
                width += unit.count
            }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// RFC 5322 3.3 date-time in UTC: "Sun, 06 Dec 2026 10:03:18 +0000".
    static func date(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday], from: date)
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        func two(_ value: Int?) -> String { value.map { $0 < 10 ? "0\($0)" : "\($0)" } ?? "00" }
        return "\(days[((parts.weekday ?? 1) - 1) % 7]), \(two(parts.day)) \(months[((parts.month ?? 1) - 1) % 12]) "
            + "\(parts.year ?? 1970) \(two(parts.hour)):\(two(parts.minute)):\(two(parts.second)) +0000"
    }
}
