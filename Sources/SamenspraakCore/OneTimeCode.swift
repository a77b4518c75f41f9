/// The codes on the slips handed out to families: short, easy to read aloud and to type.
public enum OneTimeCode {
    /// No 0/O, 1/I/L, and no U/V pair: nothing that can be misread for something else.
    public static let alphabet = Array("23456789ABCDEFGHJKMNPQRSTWXYZ")
    public static let length = 8

    /// `count` distinct codes, drawn without bias from `randomBytes`.
    public static func generate(count: Int, randomBytes: (Int) -> [UInt8]) -> [String] {
        var codes = Set<String>()
        var ordered: [String] = []
        let limit = UInt8(256 / alphabet.count * alphabet.count)
        var pending: [Character] = []
        while ordered.count < count {
            for byte in randomBytes(64) where byte < limit {
                pending.append(alphabet[Int(byte) % alphabet.count])
                if pending.count == length {
                    let code = String(pending)
                    pending.removeAll()
                    if codes.insert(code).inserted { ordered.append(code) }
                    if ordered.count == count { break }
                }
            }
        }
        return ordered
    }

    /// `ABCDEFGH` as printed: `ABCD-EFGH`.
    public static func formatted(_ code: String) -> String {
        guard code.count == length else { return code }
        return "\(code.prefix(4))-\(code.suffix(4))"
    }

    /// What a person typed, made comparable: case, spaces and dashes do not matter.
    /// Returns nil when it cannot be a code (wrong length or a character outside the alphabet).
    public static func normalize(_ typed: String) -> String? {
        let cleaned = typed.uppercased().filter { !$0.isWhitespace && $0 != "-" && $0 != "." }
        guard cleaned.count == length, cleaned.allSatisfy(alphabet.contains) else { return nil }
        return cleaned
    }
}

/// Short public identifiers for a wave's open link (`/o/k7m2qx`): lowercase, same unambiguous alphabet.
public enum ShortSlug {
    public static func generate(length: Int = 6, randomBytes: (Int) -> [UInt8]) -> String {
        OneTimeCode.generate(count: 1, randomBytes: randomBytes)[0].prefix(length).lowercased()
    }
}
