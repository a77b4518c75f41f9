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

    static func jpeg(_ bytes: [UInt8]) -> Image? {
        var output: [UInt8] = [0xFF, 0xD8]
        var index = 2
        var width = 0, height = 0
        while index + 1 < bytes.count {
            guard bytes[index] == 0xFF else { return nil }
            var marker = bytes[index + 1]
            var start = index
            while marker == 0xFF, start + 2 < bytes.count {
                start += 1
                marker = bytes[start + 1]
            }
            index = start
            if marker == 0xD9 { break }
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
                // Start of scan: the compressed picture follows up to the end marker; keep it whole.
                guard width > 0, height > 0, let end = lastEndMarker(bytes), end > index else { return nil }
                output += bytes[index..<end] + [0xFF, 0xD9]
                return Image(kind: .jpeg, width: width, height: height, bytes: output)
            }
            // APP1…APP15 (EXIF, XMP, …) and comments are dropped; APP0 (JFIF) and the tables stay.
            if !((0xE1...0xEF).contains(marker) || marker == 0xFE) { output += segment }
            index += 2 + length
        }
        return nil
    }

    static func lastEndMarker(_ bytes: [UInt8]) -> Int? {
        var index = bytes.count - 2
        while index >= 2 {
            if bytes[index] == 0xFF && bytes[index + 1] == 0xD9 { return index }
            index -= 1
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
