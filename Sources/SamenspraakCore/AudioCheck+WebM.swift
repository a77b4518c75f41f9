import Foundation

/// WebM (EBML): the header must say "webm", the Segment must hold exactly one track, an audio track coded as Opus,
/// and the duration comes from the blocks' time codes, never from the Duration element.
///
/// Chrome's MediaRecorder writes the Segment and every Cluster with an unknown size (all ones) and no Duration, as
/// it streams: an unknown-size Cluster ends where an element of the Segment's level starts.
extension AudioCheck {
    enum EBML {
        static let header: UInt32 = 0x1A45_DFA3
        static let docType: UInt32 = 0x4282
        static let segment: UInt32 = 0x1853_8067
        static let seekHead: UInt32 = 0x114D_9B74
        static let info: UInt32 = 0x1549_A966
        static let timecodeScale: UInt32 = 0x2A_D7B1
        static let duration: UInt32 = 0x4489
        static let tracks: UInt32 = 0x1654_AE6B
        static let trackEntry: UInt32 = 0xAE
        static let trackNumber: UInt32 = 0xD7
        static let trackType: UInt32 = 0x83
        static let codecID: UInt32 = 0x86
        static let contentEncodings: UInt32 = 0x6D80
        static let cluster: UInt32 = 0x1F43_B675
        static let timecode: UInt32 = 0xE7
        static let simpleBlock: UInt32 = 0xA3
        static let blockGroup: UInt32 = 0xA0
        static let block: UInt32 = 0xA1
        static let blockDuration: UInt32 = 0x9B
        static let cues: UInt32 = 0x1C53_BB6B
        static let attachments: UInt32 = 0x1941_A469
        static let chapters: UInt32 = 0x1043_A770
        static let tags: UInt32 = 0x1254_C367
        /// The elements that end an unknown-size Cluster: the Segment's children, and a new header or Segment.
        static let segmentLevel: Set<UInt32> = [seekHead, info, tracks, cluster, cues, attachments, chapters, tags, header, segment]
        static let audioTrackType: UInt64 = 2
    }

    struct EBMLElement {
        let id: UInt32
        let start: Int
        let body: Int
        /// Nil when the size is unknown (all ones).
        let size: Int?
    }

    /// One element's header at `at`, inside `limit`; a known size must fit in `limit`.
    static func ebmlElement(_ bytes: [UInt8], at: Int, limit: Int) throws(Problem) -> EBMLElement {
        guard limit <= bytes.count, at < limit else { throw .notAudio }
        let first = try byte(bytes, at)
        let idLength = first.leadingZeroBitCount + 1
        guard idLength <= 4, at + idLength < limit else { throw .notAudio }
        let id = UInt32(try bigEndian(bytes, at, idLength))
        let sizeFirst = try byte(bytes, at + idLength)
        let sizeLength = sizeFirst.leadingZeroBitCount + 1
        guard sizeLength <= 8 else { throw .notAudio }
        let body = at + idLength + sizeLength
        guard body <= limit else { throw .notAudio }
        var size = UInt64(sizeFirst & (0xFF >> sizeLength))
        if sizeLength > 1 { size = size << (8 * UInt64(sizeLength - 1)) | (try bigEndian(bytes, at + idLength + 1, sizeLength - 1)) }
        if size == (UInt64(1) << (7 * UInt64(sizeLength))) - 1 { return EBMLElement(id: id, start: at, body: body, size: nil) }
        guard size <= UInt64(limit - body) else { throw .notAudio }
        return EBMLElement(id: id, start: at, body: body, size: Int(size))
    }

    /// The children of a known-size element; each must have a known size and fit.
    static func ebmlChildren(_ bytes: [UInt8], _ range: Range<Int>) throws(Problem) -> [(id: UInt32, body: Range<Int>)] {
        var children: [(id: UInt32, body: Range<Int>)] = []
        var at = range.lowerBound
        while at < range.upperBound {
            let element = try ebmlElement(bytes, at: at, limit: range.upperBound)
            guard let size = element.size else { throw .notAudio }
            children.append((element.id, element.body..<(element.body + size)))
            at = element.body + size
        }
        return children
    }

    static func ebmlUnsigned(_ bytes: [UInt8], _ range: Range<Int>) throws(Problem) -> UInt64 {
        try bigEndian(bytes, range.lowerBound, range.count)
    }

    static func ebmlString(_ bytes: [UInt8], _ range: Range<Int>) -> String {
        String(decoding: bytes[range].prefix { $0 != 0 }, as: UTF8.self)
    }

    /// What has been read so far: Info and Tracks come before the first Cluster (every muxer writes them so, and a
    /// browser needs them to play the stream).
    struct WebMReading {
        var timecodeScale: UInt64 = 1_000_000
        var track: UInt64?
        /// The end of the latest block, in nanoseconds.
        var end: Double = 0
        var blocks = 0
    }

    static func webm(_ bytes: [UInt8]) throws(Problem) -> Clip {
        let header = try ebmlElement(bytes, at: 0, limit: bytes.count)
        guard header.id == EBML.header, let headerSize = header.size else { throw .notAudio }
        let headerChildren = try ebmlChildren(bytes, header.body..<(header.body + headerSize))
        guard let docType = headerChildren.first(where: { $0.id == EBML.docType }),
              ebmlString(bytes, docType.body) == "webm"
        else { throw .notAudio }

        let segment = try ebmlElement(bytes, at: header.body + headerSize, limit: bytes.count)
        guard segment.id == EBML.segment else { throw .notAudio }
        let segmentEnd = segment.size.map { segment.body + $0 } ?? bytes.count
        // Nothing may follow the Segment: a second one could hide anything.
        guard segmentEnd == bytes.count else { throw .notAudio }

        var reading = WebMReading()
        var at = segment.body
        while at < segmentEnd {
            let element = try ebmlElement(bytes, at: at, limit: segmentEnd)
            if element.id == EBML.cluster {
                guard reading.track != nil else { throw .notAudio }
                at = try webmCluster(bytes, element, segmentEnd: segmentEnd, reading: &reading)
                continue
            }
            guard let size = element.size else { throw .notAudio }
            let body = element.body..<(element.body + size)
            switch element.id {
            case EBML.info:
                guard reading.blocks == 0 else { throw .notAudio }
                try webmInfo(bytes, body, reading: &reading)
            case EBML.tracks:
                guard reading.track == nil else { throw .notAudio }
                reading.track = try webmTrack(bytes, body)
            case EBML.header, EBML.segment:
                throw .notAudio
            default:
                break
            }
            at = body.upperBound
        }
        guard reading.track != nil, reading.blocks > 0 else { throw .notAudio }
        return Clip(format: .webm, seconds: reading.end / 1_000_000_000)
    }

    static func webmInfo(_ bytes: [UInt8], _ range: Range<Int>, reading: inout WebMReading) throws(Problem) {
        for child in try ebmlChildren(bytes, range) {
            switch child.id {
            case EBML.timecodeScale:
                let scale = try ebmlUnsigned(bytes, child.body)
                guard scale > 0, scale <= 1_000_000_000 else { throw .notAudio }
                reading.timecodeScale = scale
            case EBML.duration:
                // Allowed, but the blocks say how long the clip is: a header can lie.
                guard [0, 4, 8].contains(child.body.count) else { throw .notAudio }
            default:
                break
            }
        }
    }

    /// The one track's number: it must be an audio track holding Opus.
    static func webmTrack(_ bytes: [UInt8], _ range: Range<Int>) throws(Problem) -> UInt64 {
        let entries = try ebmlChildren(bytes, range).filter { $0.id == EBML.trackEntry }
        guard let entry = entries.first else { throw .notAudio }
        guard entries.count == 1 else { throw .wrongCodec }
        var number: UInt64?
        var type: UInt64?
        var codec: String?
        for child in try ebmlChildren(bytes, entry.body) {
            switch child.id {
            case EBML.trackNumber: number = try ebmlUnsigned(bytes, child.body)
            case EBML.trackType: type = try ebmlUnsigned(bytes, child.body)
            case EBML.codecID: codec = ebmlString(bytes, child.body)
            // Compressed or encrypted frames are not plain Opus.
            case EBML.contentEncodings: throw .wrongCodec
            default: break
            }
        }
        guard type == EBML.audioTrackType, codec == "A_OPUS" else { throw .wrongCodec }
        guard let number, number > 0 else { throw .notAudio }
        return number
    }

    /// Reads a Cluster's time code and blocks, and answers where the next Segment-level element starts.
    static func webmCluster(
        _ bytes: [UInt8], _ cluster: EBMLElement, segmentEnd: Int, reading: inout WebMReading
    ) throws(Problem) -> Int {
        let limit = cluster.size.map { cluster.body + $0 } ?? segmentEnd
        var clusterTime: UInt64?
        var at = cluster.body
        while at < limit {
            let element = try ebmlElement(bytes, at: at, limit: limit)
            if cluster.size == nil, EBML.segmentLevel.contains(element.id) { return at }
            guard let size = element.size else { throw .notAudio }
            let body = element.body..<(element.body + size)
            switch element.id {
            case EBML.timecode:
                clusterTime = try ebmlUnsigned(bytes, body)
            case EBML.simpleBlock:
                guard let clusterTime else { throw .notAudio }
                try webmBlock(bytes, body, clusterTime: clusterTime, duration: nil, reading: &reading)
            case EBML.blockGroup:
                guard let clusterTime else { throw .notAudio }
                var block: Range<Int>?
                var duration: UInt64?
                for child in try ebmlChildren(bytes, body) {
                    if child.id == EBML.block { block = child.body }
                    if child.id == EBML.blockDuration { duration = try ebmlUnsigned(bytes, child.body) }
                }
                guard let block else { throw .notAudio }
                try webmBlock(bytes, block, clusterTime: clusterTime, duration: duration, reading: &reading)
            default:
                break
            }
            at = body.upperBound
        }
        return limit
    }

    /// A block: track number, time code relative to the Cluster's, flags, then the frame. It ends at its start plus
    /// its BlockDuration, or plus the length the Opus packet itself says.
    static func webmBlock(
        _ bytes: [UInt8], _ range: Range<Int>, clusterTime: UInt64, duration: UInt64?, reading: inout WebMReading
    ) throws(Problem) {
        let first = try byte(bytes, range.lowerBound)
        let numberLength = first.leadingZeroBitCount + 1
        guard numberLength <= 8, range.lowerBound + numberLength + 3 <= range.upperBound else { throw .notAudio }
        var track = UInt64(first & (0xFF >> numberLength))
        if numberLength > 1 {
            track = track << (8 * UInt64(numberLength - 1)) | (try bigEndian(bytes, range.lowerBound + 1, numberLength - 1))
        }
        guard track == reading.track else { throw .notAudio }
        let relative = Int16(bitPattern: UInt16(try bigEndian(bytes, range.lowerBound + numberLength, 2)))
        let flags = try byte(bytes, range.lowerBound + numberLength + 2)
        let frame = (range.lowerBound + numberLength + 3)..<range.upperBound
        let scale = Double(reading.timecodeScale)
        let start = (Double(clusterTime) + Double(relative)) * scale
        var length = 0.0
        if let duration {
            length = Double(duration) * scale
        } else if flags & 0x06 == 0, let packet = opusPacketNanoseconds(bytes, frame) {
            length = packet
        }
        reading.end = max(reading.end, start + length)
        reading.blocks += 1
    }

    /// How long an Opus packet plays, from its table-of-contents byte (RFC 6716, 3.1).
    static func opusPacketNanoseconds(_ bytes: [UInt8], _ range: Range<Int>) -> Double? {
        guard !range.isEmpty else { return nil }
        let toc = bytes[range.lowerBound]
        let config = Int(toc >> 3)
        let milliseconds: Double =
            if config < 12 { [10, 20, 40, 60][config % 4] }
            else if config < 16 { [10, 20][config % 2] }
            else { [2.5, 5, 10, 20][config % 4] }
        let frames: Int
        switch toc & 0x03 {
        case 0: frames = 1
        case 1, 2: frames = 2
        default:
            guard range.count >= 2 else { return nil }
            frames = Int(bytes[range.lowerBound + 1] & 0x3F)
        }
        return milliseconds * Double(frames) * 1_000_000
    }
}
