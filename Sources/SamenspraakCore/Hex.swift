/// Bytes written as lowercase hexadecimal, two digits each: how hashes and keys are stored and compared.
/// (Foundation's `String(format: "%02x")` per byte cost a few percent of every page request: each page's ETag and
/// each draft's token hash are made this way.)
extension Sequence where Element == UInt8 {
    public var hexString: String {
        let digits = Array("0123456789abcdef".utf8)
        var text: [UInt8] = []
        text.reserveCapacity(underestimatedCount * 2)
        for byte in self {
            text.append(digits[Int(byte >> 4)])
            text.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: text, as: UTF8.self)
    }
}
