import Foundation

/// A story's photo, checked by its bytes (never by its name or the type a browser claims): a JPEG or PNG
/// whose structure holds together, with its size read from the file. Metadata a phone adds (EXIF with the
/// place a photo was taken, comments, text chunks) is removed; the picture itself is left as it is.
public enum ImageCheck {
    public enum Kind: String, Equatable, Sendable {
        case jpeg, png
        public var contentType: String { self == .jpeg ? "image/jpeg" : "image/png" }
    }

    public struct Image: Equatable, Sendable {
        public let kind: Kind
        public let width: Int
        public let height: Int
        /// The file without its metadata.
        public let bytes: [UInt8]
    }

    public enum Problem: Error, Equatable, Sendable {
        case empty, tooLarge, notAnImage, tooManyPixels
    }

    public static let maximumBytes = 5 * 1024 * 1024
    public static let maximumSide = 12_000

    public static func inspect(_ bytes: [UInt8]) -> Result<Image, Problem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= maximumBytes else { return .failure(.tooLarge) }
        let parsed: Image?
        if bytes.starts(with: [0xFF, 0xD8, 0xFF]) { parsed = jpeg(bytes) }
        else if bytes.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { parsed = png(bytes) }
        else { parsed = nil }
        guard let image = parsed, image.width > 0, image.height > 0 else { return .failure(.notAnImage) }
        guard image.width <= maximumSide, image.height <= maximumSide else { return .failure(.tooManyPixels) }
        return .success(image)
    }

    static func be16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) << 8 | Int(bytes[at + 1]) }
    static func be32(_ bytes: [UInt8], _ at: Int) -> Int {
        Int(bytes[at]) << 24 | Int(bytes[at + 1]) << 16 | Int(bytes[at + 2]) << 8 | Int(bytes[at + 3])
    }

    /// Walks the segments of the first picture of the file and stops at its end marker: whatever follows (a second
    /// picture of a multi-picture file, such as a phone's depth map, with an EXIF block of its own) is dropped.
    static func jpeg(_ bytes: [UInt8]) -> Image? {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        var width = 0, height = 0
        var sawScan = false
        while index + 1 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            var marker = bytes[index + 1]
            var start = index
            while marker == 0xFF, start + 2 < bytes.count {
                start += 1
                marker = bytes[start + 1]
            }
            index = start
            if marker == 0xD9 {
                // The end of the first picture: the file ends here, whatever came after.
                guard sawScan else { return nil }
                return Image(kind: .jpeg, width: width, height: height, bytes: output + [0xFF, 0xD9])
            }
            if marker == 0xD8 { return nil }
            if (0xD0...0xD7).contains(marker) || marker == 0x01 {
                output += [0xFF, marker]
                index += 2
                continue
            }
            guard index + 4 <= bytes.count else { return nil }
            let length = be16(bytes, index + 2)
            guard length >= 2, index + 2 + length <= bytes.count else { return nil }
            let segment = Array(bytes[index..<(index + 2 + length)])
            let isFrame = (0xC0...0xCF).contains(marker) && ![0xC4, 0xC8, 0xCC].contains(marker)
            if isFrame {
                guard length >= 7 else { return nil }
                height = be16(segment, 5)
                width = be16(segment, 7)
            }
            if marker == 0xDA {
                // Start of scan: the compressed data follows up to the next marker that is neither a stuffed 0xFF
                // (FF 00) nor a restart marker (FF D0…D7). A progressive picture has several scans, with tables
                // between them; the walk goes on with that marker.
                guard width > 0, height > 0 else { return nil }
                let dataStart = index + 2 + length
                guard let dataEnd = endOfScan(bytes, from: dataStart) else { return nil }
                output += segment
                output += bytes[dataStart..<dataEnd]
                sawScan = true
                index = dataEnd
                continue
            }
            // APP1…APP15 (EXIF, XMP, MPF, …) and comments are dropped; APP0 (JFIF) and the tables stay.
            if !((0xE1...0xEF).contains(marker) || marker == 0xFE) { output += segment }
            index += 2 + length
        }
        return nil
    }

    /// Where the entropy-coded data that starts at `start` ends: the index of the first marker after it, or nil
    /// when the file ends first.
    static func endOfScan(_ bytes: [UInt8], from start: Int) -> Int? {
        var index = start
        while index + 1 < bytes.count {
            if bytes[index] != 0xFF {
                index += 1
                continue
            }
            let next = bytes[index + 1]
            if next == 0x00 || (0xD0...0xD7).contains(next) {
                index += 2
            } else if next == 0xFF {
                // Fill bytes before a marker.
                index += 1
            } else {
                return index
            }
        }
        return nil
    }

    static let keptPNGChunks: Set<String> = ["IHDR", "PLTE", "IDAT", "IEND", "tRNS", "gAMA", "cHRM", "sRGB", "iCCP", "sBIT", "bKGD", "pHYs"]

    static func png(_ bytes: [UInt8]) -> Image? {
        var output = Array(bytes[0..<8])
        var index = 8
        var width = 0, height = 0
        var sawData = false
        while index + 12 <= bytes.count {
            let length = be32(bytes, index)
            guard length >= 0, index + 12 + length <= bytes.count else { return nil }
            let type = String(decoding: bytes[(index + 4)..<(index + 8)], as: UTF8.self)
            if index == 8 {
                guard type == "IHDR", length == 13 else { return nil }
                width = be32(bytes, index + 8)
                height = be32(bytes, index + 12)
            }
            if type == "IDAT" { sawData = true }
            let chunk = bytes[index..<(index + 12 + length)]
            if keptPNGChunks.contains(type) { output += chunk }
            index += 12 + length
            if type == "IEND" {
                guard sawData else { return nil }
                return Image(kind: .png, width: width, height: height, bytes: output)
            }
        }
        return nil
    }
}
