import Foundation

/// A spoken version of a text, checked by its bytes (never by its name or the type a browser claims): the
/// container must be what it says and hold the codec that container is allowed here, and the clip must be short.
///
/// - Ogg holding Opus (Firefox records this; `opusenc` writes it);
/// - WebM holding Opus (Chrome and Edge record this);
/// - MP3 (MPEG-1, 2 or 2.5 Layer III);
/// - M4A (MP4) holding AAC (Safari records this).
///
/// The duration is read from the stream itself (the last granule position, the last block's time code, the frames),
/// not from a header a file could lie in.
public enum AudioCheck {
    public enum Format: String, Equatable, Sendable, CaseIterable {
        case ogg, webm, mp3, m4a
        public var contentType: String {
            switch self {
            case .ogg: "audio/ogg"
            case .webm: "audio/webm"
            case .mp3: "audio/mpeg"
            case .m4a: "audio/mp4"
            }
        }
    }

    public struct Clip: Equatable, Sendable {
        public let format: Format
        /// How long the clip plays, in seconds.
        public let seconds: Double
        public init(format: Format, seconds: Double) {
            self.format = format
            self.seconds = seconds
        }
    }

    public enum Problem: Error, Equatable, Sendable {
        /// No bytes at all.
        case empty
        /// More than `maximumBytes`.
        case tooLarge
        /// Not one of the four containers, or a container whose structure does not hold together.
        case notAudio
        /// A known container holding another codec (Ogg Vorbis, WebM Vorbis, MP4 with ALAC, …).
        case wrongCodec
        /// Longer than `maximumSeconds`.
        case tooLong
    }

    public static let maximumBytes = 1_000_000
    public static let maximumSeconds = 60.0

    public static func inspect(_ bytes: [UInt8]) -> Result<Clip, Problem> {
        guard !bytes.isEmpty else { return .failure(.empty) }
        guard bytes.count <= maximumBytes else { return .failure(.tooLarge) }
        let parsed: Result<Clip, Problem>
        if bytes.starts(with: Array("OggS".utf8)) { parsed = ogg(bytes) }
        else if bytes.starts(with: [0x1A, 0x45, 0xDF, 0xA3]) { parsed = Result { () throws(Problem) in try webm(bytes) } }
        else if matches(bytes, 4, "ftyp") { parsed = Result { () throws(Problem) in try m4a(bytes) } }
        else if matches(bytes, 0, "ID3") || bytes.starts(with: [0xFF]) && bytes.count > 1 && bytes[1] & 0xE0 == 0xE0 {
            parsed = Result { () throws(Problem) in try mp3(bytes) }
        }
        else { parsed = .failure(.notAudio) }
        guard case let .success(clip) = parsed else { return parsed }
        guard clip.seconds > 0, clip.seconds.isFinite else { return .failure(.notAudio) }
        guard clip.seconds <= maximumSeconds else { return .failure(.tooLong) }
        return .success(clip)
    }

    // MARK: Ogg

    static func le16(_ bytes: [UInt8], _ at: Int) -> Int { Int(bytes[at]) | Int(bytes[at + 1]) << 8 }
    static func le32(_ bytes: [UInt8], _ at: Int) -> Int { le16(bytes, at) | le16(bytes, at + 2) << 16 }
    static func le64(_ bytes: [UInt8], _ at: Int) -> UInt64 { UInt64(le32(bytes, at)) | UInt64(le32(bytes, at + 4)) << 32 }

    /// Walks every page: each must start with the capture pattern and fit in the file. The first packet must be
    /// `OpusHead` (a Vorbis or FLAC stream is refused); the duration is the last page's granule position at 48 kHz,
    /// less the pre-skip.
    static func ogg(_ bytes: [UInt8]) -> Result<Clip, Problem> {
        var index = 0
        var firstPacket: ArraySlice<UInt8>?
        var lastGranule: UInt64 = 0
        var serial: Int?
        while index < bytes.count {
            guard index + 27 <= bytes.count, bytes[index..<index + 4].elementsEqual("OggS".utf8), bytes[index + 4] == 0
            else { return .failure(.notAudio) }
            let segments = Int(bytes[index + 26])
            guard index + 27 + segments <= bytes.count else { return .failure(.notAudio) }
            let bodyLength = bytes[(index + 27)..<(index + 27 + segments)].reduce(0) { $0 + Int($1) }
            let body = index + 27 + segments
            guard body + bodyLength <= bytes.count else { return .failure(.notAudio) }
            let pageSerial = le32(bytes, index + 14)
            if serial == nil { serial = pageSerial }
            // Only one logical stream: a second one could hide anything.
            guard pageSerial == serial else { return .failure(.notAudio) }
            if firstPacket == nil { firstPacket = bytes[body..<(body + bodyLength)] }
            let granule = le64(bytes, index + 6)
            if granule != UInt64.max { lastGranule = granule }
            index = body + bodyLength
        }
        guard let head = firstPacket, head.count >= 19 else { return .failure(.notAudio) }
        guard head.starts(with: "OpusHead".utf8) else { return .failure(.wrongCodec) }
        let start = head.startIndex
        let preSkip = UInt64(le16(bytes, start + 10))
        guard lastGranule > preSkip else { return .failure(.notAudio) }
        return .success(Clip(format: .ogg, seconds: Double(lastGranule - preSkip) / 48_000))
    }
}
