import Foundation

/// MP3: an optional ID3v2 tag, then MPEG audio frames one after the other, each header valid and the next frame
/// starting exactly where the previous one ends, then an optional ID3v1 tag (128 bytes, "TAG"). The duration is the
/// frames counted (a Xing or Info frame carries no sound), not what the Xing header says.
extension AudioCheck {
    struct MPEGFrame: Equatable {
        enum Version: Equatable { case mpeg1, mpeg2, mpeg25 }
        let version: Version
        /// 1, 2 or 3.
        let layer: Int
        let sampleRate: Int
        let length: Int
        let samples: Int
        let mono: Bool
        let hasCRC: Bool

        /// What every frame of one stream shares.
        var stream: [Int] { [layer, sampleRate, version == .mpeg1 ? 1 : version == .mpeg2 ? 2 : 25] }
    }

    /// A file needs this many frames in a row to count as MPEG audio: one frame's worth of sync bits is easily found
    /// by chance.
    static let minimumMPEGFrames = 4

    static func mp3(_ bytes: [UInt8]) throws(Problem) -> Clip {
        var at = 0
        if matches(bytes, 0, "ID3") {
            guard bytes.count >= 10, (2...4).contains(bytes[3]), bytes[4] != 0xFF else { throw .notAudio }
            var size = 0
            for index in 6..<10 {
                guard bytes[index] < 0x80 else { throw .notAudio }
                size = size << 7 | Int(bytes[index])
            }
            let footer = bytes[3] == 4 && bytes[5] & 0x10 != 0 ? 10 : 0
            at = 10 + size + footer
            guard at <= bytes.count else { throw .notAudio }
        }
        var end = bytes.count
        if end - at >= 128, matches(bytes, end - 128, "TAG") { end -= 128 }

        var first: MPEGFrame?
        var frames = 0
        var samples = 0
        while at < end {
            let frame = try mpegFrame(bytes, at)
            guard frame.length <= end - at else { throw .notAudio }
            if let first {
                guard frame.stream == first.stream else { throw .notAudio }
            } else {
                first = frame
            }
            if frames > 0 || !isXingFrame(bytes, at, frame) { samples += frame.samples }
            frames += 1
            at += frame.length
        }
        guard let first, frames >= minimumMPEGFrames else { throw .notAudio }
        guard first.layer == 3 else { throw .wrongCodec }
        return Clip(format: .mp3, seconds: Double(samples) / Double(first.sampleRate))
    }

    static let mpegBitrates: [[Int]] = [
        [32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448], // MPEG-1 Layer I
        [32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384], // MPEG-1 Layer II
        [32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320], // MPEG-1 Layer III
        [32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256], // MPEG-2 and 2.5 Layer I
        [8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160], // MPEG-2 and 2.5 Layers II and III
    ]

    /// The frame header at `at` (ISO 11172-3 and 13818-3); a free-format or reserved value is not accepted.
    static func mpegFrame(_ bytes: [UInt8], _ at: Int) throws(Problem) -> MPEGFrame {
        let header = try bigEndian(bytes, at, 4)
        guard header >> 21 == 0x7FF else { throw .notAudio }
        let version: MPEGFrame.Version
        switch (header >> 19) & 0x3 {
        case 0: version = .mpeg25
        case 2: version = .mpeg2
        case 3: version = .mpeg1
        default: throw .notAudio
        }
        let layerBits = Int((header >> 17) & 0x3)
        guard layerBits != 0 else { throw .notAudio }
        let layer = 4 - layerBits
        let bitrateIndex = Int((header >> 12) & 0xF)
        let rateIndex = Int((header >> 10) & 0x3)
        guard bitrateIndex != 0, bitrateIndex != 15, rateIndex != 3, header & 0x3 != 2 else { throw .notAudio }
        let padding = Int((header >> 9) & 0x1)
        let table = version == .mpeg1 ? layer - 1 : (layer == 1 ? 3 : 4)
        let bitrate = mpegBitrates[table][bitrateIndex - 1] * 1000
        let sampleRate = [44_100, 48_000, 32_000][rateIndex] / (version == .mpeg1 ? 1 : version == .mpeg2 ? 2 : 4)
        let length: Int
        let samples: Int
        switch layer {
        case 1:
            length = (12 * bitrate / sampleRate + padding) * 4
            samples = 384
        case 2:
            length = 144 * bitrate / sampleRate + padding
            samples = 1152
        default:
            let perFrame = version == .mpeg1 ? 1152 : 576
            length = perFrame / 8 * bitrate / sampleRate + padding
            samples = perFrame
        }
        guard length >= 4 else { throw .notAudio }
        return MPEGFrame(
            version: version, layer: layer, sampleRate: sampleRate, length: length, samples: samples,
            mono: (header >> 6) & 0x3 == 3, hasCRC: header & 0x1_0000 == 0
        )
    }

    /// A first frame that only holds a Xing, Info or VBRI header (written by LAME and others) and no sound.
    static func isXingFrame(_ bytes: [UInt8], _ at: Int, _ frame: MPEGFrame) -> Bool {
        guard frame.layer == 3 else { return false }
        let sideInfo = frame.version == .mpeg1 ? (frame.mono ? 17 : 32) : (frame.mono ? 9 : 17)
        let xing = at + 4 + (frame.hasCRC ? 2 : 0) + sideInfo
        return matches(bytes, xing, "Xing") || matches(bytes, xing, "Info") || matches(bytes, at + 36, "VBRI")
    }
}
