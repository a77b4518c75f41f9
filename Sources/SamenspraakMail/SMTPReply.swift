/// One server reply: a three-digit code and its text lines ("250-First", "250 Last").
struct SMTPReply: Sendable, Equatable {
    var code: Int
    var lines: [String]

    var isPositive: Bool { code >= 200 && code < 400 }

    /// The code and the first line's text, shortened, with anything that looks like an e-mail address left out
    /// (servers often repeat the recipient), for error messages and logs.
    var summary: String {
        let text = (lines.first ?? "")
            .split(separator: " ")
            .map { $0.contains("@") ? "[address]" : String($0) }
            .joined(separator: " ")
        let short = text.count > 100 ? String(text.prefix(100)) + "…" : text
        return short.isEmpty ? "\(code)" : "\(code) \(short)"
    }

    /// The EHLO keywords after the greeting line, upper-cased, each with its parameters ("AUTH" → ["PLAIN", "LOGIN"]).
    var extensions: [String: [String]] {
        var result: [String: [String]] = [:]
        for line in lines.dropFirst() {
            // "AUTH=PLAIN LOGIN" is an old form some servers still send beside "AUTH PLAIN LOGIN".
            let words = line.uppercased().split(whereSeparator: { $0 == " " || $0 == "=" }).map(String.init)
            guard let keyword = words.first else { continue }
            result[keyword, default: []] += words.dropFirst()
        }
        return result
    }
}

/// Reads replies from bytes: lines end in CRLF (a bare LF is taken too); a reply is lines "ddd-text" closed by
/// "ddd text" or "ddd".
struct SMTPReplyParser {
    enum Failure: Error, Equatable {
        case malformed
        case tooLong
    }

    private var pending: [String] = []
    private var pendingCode: Int?

    /// Takes one line (without its line end); returns a reply when the line closes one.
    mutating func take(line: String) throws(Failure) -> SMTPReply? {
        let bytes = Array(line.utf8)
        guard bytes.count >= 3, bytes[0...2].allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
              let code = Int(String(decoding: bytes[0...2], as: UTF8.self)),
              bytes.count == 3 || bytes[3] == 0x20 || bytes[3] == 0x2D
        else { throw .malformed }
        if let pendingCode, pendingCode != code { throw .malformed }
        guard pending.count < 1000 else { throw .tooLong }
        pending.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if bytes.count > 3, bytes[3] == 0x2D {
            pendingCode = code
            return nil
        }
        defer {
            pending = []
            pendingCode = nil
        }
        return SMTPReply(code: code, lines: pending)
    }

    var isInsideReply: Bool { pendingCode != nil }
}
