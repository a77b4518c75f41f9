import Foundation

/// Reads for the audio parsers that never index past what is there: a read that does not fit is a file whose
/// structure does not hold together (`notAudio`), never a crash.
extension AudioCheck {
    static func byte(_ bytes: [UInt8], _ at: Int) throws(Problem) -> UInt8 {
        guard at >= 0, at < bytes.count else { throw .notAudio }
        return bytes[at]
    }

    /// A big-endian unsigned integer of `count` (0…8) bytes.
    static func bigEndian(_ bytes: [UInt8], _ at: Int, _ count: Int) throws(Problem) -> UInt64 {
        guard count >= 0, count <= 8, at >= 0, at <= bytes.count - count else { throw .notAudio }
        var value: UInt64 = 0
        for index in at..<(at + count) { value = value << 8 | UInt64(bytes[index]) }
        return value
    }

    static func be16(_ bytes: [UInt8], _ at: Int) throws(Problem) -> Int { Int(try bigEndian(bytes, at, 2)) }
    static func be32(_ bytes: [UInt8], _ at: Int) throws(Problem) -> Int { Int(try bigEndian(bytes, at, 4)) }

    /// `length` bytes from `start`, which must lie inside `limit` (and so inside the file).
    static func span(_ start: Int, _ length: UInt64, within limit: Range<Int>) throws(Problem) -> Range<Int> {
        guard start >= limit.lowerBound, start <= limit.upperBound, length <= UInt64(limit.upperBound - start)
        else { throw .notAudio }
        return start..<(start + Int(length))
    }

    static func matches(_ bytes: [UInt8], _ at: Int, _ text: String) -> Bool {
        let expected = Array(text.utf8)
        guard at >= 0, at <= bytes.count - expected.count else { return false }
        return bytes[at..<(at + expected.count)].elementsEqual(expected)
    }

    /// Four bytes as the four-character code MP4 boxes are named by.
    static func fourCC(_ bytes: [UInt8], _ at: Int) throws(Problem) -> String {
        guard at >= 0, at <= bytes.count - 4 else { throw .notAudio }
        return String(decoding: bytes[at..<(at + 4)], as: UTF8.self)
    }
}
