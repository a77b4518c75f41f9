/// A mailbox: an address and, optionally, the name shown with it ("Fatma Yılmaz" <fatma@example.org>).
public struct MailAddress: Sendable, Equatable {
    public var address: String
    public var name: String?

    public init(_ address: String, name: String? = nil) {
        self.address = address
        self.name = name
    }

    /// Whether the address can go into an SMTP envelope and a header as it is: ASCII (no SMTPUTF8), one `@` with a
    /// local part and a domain, at most 254 characters, and nothing that could end a command or a header (no
    /// space, control character, `<`, `>`, `,`, `;`, `"`, `\`, parentheses or brackets).
    public var isValid: Bool {
        let bytes = Array(address.utf8)
        guard !bytes.isEmpty, bytes.count <= 254 else { return false }
        let forbidden = Set("<>,;:\"\\()[] ".utf8)
        guard bytes.allSatisfy({ $0 > 0x20 && $0 < 0x7F && !forbidden.contains($0) }) else { return false }
        let parts = address.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[0].utf8.count <= 64, !parts[1].isEmpty else { return false }
        let domain = parts[1]
        return !domain.hasPrefix(".") && !domain.hasSuffix(".") && !domain.contains("..")
    }
}
