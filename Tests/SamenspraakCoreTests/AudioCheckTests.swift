import Foundation
import SamenspraakCore
import Testing

/// Real files made with espeak-ng, opusenc and ffmpeg (Fixtures/Audio/README.md says how each was made).
enum AudioFixture {
    static func bytes(_ name: String) throws -> [UInt8] {
        let folder = try #require(Bundle.module.resourceURL).appendingPathComponent("Fixtures/Audio")
        return Array(try Data(contentsOf: folder.appendingPathComponent(name)))
    }

    /// The clips the check accepts, with what `ffprobe` says they last (the last packet's end for Chrome's WebM,
    /// which has no Duration at all).
    static let accepted: [(name: String, format: AudioCheck.Format, seconds: Double)] = [
        ("voice.ogg", .ogg, 5.694),
        ("voice.webm", .webm, 5.695),
        ("voice-chrome.webm", .webm, 5.698),
        ("chrome-recorded.webm", .webm, 2.040),
        ("voice.mp3", .mp3, 5.760),
        ("voice-mpeg1-id3v1.mp3", .mp3, 1.368),
        ("voice-mpeg25-bare.mp3", .mp3, 1.512),
        ("voice.m4a", .m4a, 5.688),
        ("voice-fragmented.m4a", .m4a, 5.734),
    ]

    static var acceptedNames: [String] { accepted.map(\.name) }

    /// The first offset of `pattern`, for patching a header in a test.
    static func offset(of pattern: [UInt8], in bytes: [UInt8]) -> Int? {
        guard pattern.count <= bytes.count else { return nil }
        return (0...(bytes.count - pattern.count)).first { bytes[$0..<($0 + pattern.count)].elementsEqual(pattern) }
    }

    static func put(_ value: UInt64, bytes count: Int, at offset: Int, in bytes: inout [UInt8]) {
        for index in 0..<count { bytes[offset + index] = UInt8(truncatingIfNeeded: value >> (8 * UInt64(count - 1 - index))) }
    }
}

/// A WebM file built element by element, so a test says exactly what the file holds.
enum WebMParts {
    static let unknownSize: [UInt8] = [0x01, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF]

    static func element(_ id: [UInt8], _ payload: [UInt8]) -> [UInt8] {
        id + [0x01] + (0..<7).map { UInt8(truncatingIfNeeded: payload.count >> (8 * (6 - $0))) } + payload
    }

    static func unsigned(_ id: [UInt8], _ value: Int) -> [UInt8] {
        element(id, [UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF)])
    }

    static func header(docType: String = "webm") -> [UInt8] {
        element([0x1A, 0x45, 0xDF, 0xA3], element([0x42, 0x82], Array(docType.utf8)))
    }

    static func info(durationMilliseconds: Double? = nil) -> [UInt8] {
        var payload = element([0x2A, 0xD7, 0xB1], [0x0F, 0x42, 0x40])
        if let durationMilliseconds {
            let bits = durationMilliseconds.bitPattern
            payload += element([0x44, 0x89], (0..<8).map { UInt8(truncatingIfNeeded: bits >> (8 * (7 - UInt64($0)))) })
        }
        return element([0x15, 0x49, 0xA9, 0x66], payload)
    }

    static func track(number: Int = 1, type: Int = 2, codec: String = "A_OPUS") -> [UInt8] {
        element([0xAE], unsigned([0xD7], number) + unsigned([0x83], type) + element([0x86], Array(codec.utf8)))
    }

    static func tracks(_ entries: [UInt8]...) -> [UInt8] { element([0x16, 0x54, 0xAE, 0x6B], entries.flatMap { $0 }) }

    /// An Opus packet of one 20 ms SILK frame (configuration 1).
    static let opusPacket: [UInt8] = [0x08, 0xAA, 0xBB]

    static func simpleBlock(track: UInt8 = 1, at relative: Int16) -> [UInt8] {
        let time = UInt16(bitPattern: relative)
        return element([0xA3], [0x80 | track, UInt8(time >> 8), UInt8(time & 0xFF), 0x80] + opusPacket)
    }

    /// A cluster of blocks every 20 ms from `start` (milliseconds), written with an unknown size as Chrome does.
    static func cluster(start: Int, blocks: Int, unknownSize: Bool = true, timecode: Bool = true) -> [UInt8] {
        let children = (timecode ? unsigned([0xE7], start) : []) + (0..<blocks).flatMap { simpleBlock(at: Int16($0 * 20)) }
        return unknownSize ? [0x1F, 0x43, 0xB6, 0x75] + WebMParts.unknownSize + children : element([0x1F, 0x43, 0xB6, 0x75], children)
    }

    /// Header, then a Segment of unknown size holding `body`.
    static func file(docType: String = "webm", _ body: [UInt8]...) -> [UInt8] {
        header(docType: docType) + [0x18, 0x53, 0x80, 0x67] + unknownSize + body.flatMap { $0 }
    }
}

@Suite struct AudioCheckTests {
    // MARK: Real files

    @Test(arguments: AudioFixture.accepted.map { ($0.name, $0.format, $0.seconds) })
    func real_clip_is_accepted_with_its_format_and_length(name: String, format: AudioCheck.Format, seconds: Double) throws {
        let result = AudioCheck.inspect(try AudioFixture.bytes(name))

        let clip = try result.get()
        #expect(clip.format == format)
        #expect(abs(clip.seconds - seconds) <= 0.25, "\(name): \(clip.seconds) s, ffprobe says \(seconds) s")
    }

    @Test(arguments: [
        ("vorbis.ogg", AudioCheck.Problem.wrongCodec),
        ("vorbis.webm", .wrongCodec),
        ("alac.m4a", .wrongCodec),
        ("video.mp4", .wrongCodec),
        ("layer2.mp2", .wrongCodec),
        ("long.ogg", .tooLong),
        ("image.ogg", .notAudio),
        ("page-oggs.html", .notAudio),
        ("random.bin", .notAudio),
    ])
    func real_file_is_refused_for_the_right_reason(name: String, problem: AudioCheck.Problem) throws {
        let bytes = try AudioFixture.bytes(name)

        #expect(bytes.count < AudioCheck.maximumBytes)
        #expect(AudioCheck.inspect(bytes) == .failure(problem), "\(name)")
    }

    @Test func chrome_recording_has_unknown_sizes_and_no_duration_and_its_length_is_read_from_the_blocks() throws {
        let bytes = try AudioFixture.bytes("voice-chrome.webm")
        let unknownCluster: [UInt8] = [0x1F, 0x43, 0xB6, 0x75] + WebMParts.unknownSize
        let unknownSegment: [UInt8] = [0x18, 0x53, 0x80, 0x67] + WebMParts.unknownSize
        #expect(AudioFixture.offset(of: unknownSegment, in: bytes) != nil)
        #expect(AudioFixture.offset(of: unknownCluster, in: bytes) != nil)
        #expect(AudioFixture.offset(of: [0x44, 0x89], in: Array(bytes.prefix(400))) == nil)

        let clip = try AudioCheck.inspect(bytes).get()

        #expect(clip.format == .webm)
        #expect(abs(clip.seconds - 5.698) <= 0.2)
    }

    @Test func nothing_at_all_is_empty_and_more_than_a_megabyte_is_too_large() throws {
        let clip = try AudioFixture.bytes("voice.ogg")
        let padded = clip + [UInt8](repeating: 0, count: AudioCheck.maximumBytes + 1 - clip.count)

        #expect(AudioCheck.inspect([]) == .failure(.empty))
        #expect(padded.count == 1_000_001)
        #expect(AudioCheck.inspect(padded) == .failure(.tooLarge))
    }

    @Test(arguments: AudioFixture.acceptedNames)
    func truncated_file_is_not_audio(name: String) throws {
        let bytes = try AudioFixture.bytes(name)

        #expect(AudioCheck.inspect(Array(bytes.prefix(bytes.count * 6 / 10))) == .failure(.notAudio), "\(name) at 60 %")
        #expect(AudioCheck.inspect(Array(bytes.dropLast())) == .failure(.notAudio), "\(name) less its last byte")
    }

    // MARK: Headers that lie

    @Test func webm_duration_element_is_not_trusted_over_the_blocks() throws {
        var bytes = try AudioFixture.bytes("voice.webm")
        let duration = try #require(AudioFixture.offset(of: [0x44, 0x89, 0x88], in: bytes))
        AudioFixture.put(Double(3_600_000).bitPattern, bytes: 8, at: duration + 3, in: &bytes)

        let clip = try AudioCheck.inspect(bytes).get()

        #expect(abs(clip.seconds - 5.695) <= 0.2)
    }

    @Test func m4a_length_comes_from_the_sample_table_not_the_media_header() throws {
        let original = try AudioFixture.bytes("voice.m4a")
        var lyingHeader = original
        let mdhd = try #require(AudioFixture.offset(of: Array("mdhd".utf8), in: original))
        #expect(original[mdhd + 4] == 0)
        AudioFixture.put(1, bytes: 4, at: mdhd + 4 + 16, in: &lyingHeader)
        var longerTable = original
        let stts = try #require(AudioFixture.offset(of: Array("stts".utf8), in: original))
        let firstDelta = stts + 4 + 12
        let delta = (0..<4).reduce(0) { $0 << 8 | Int(original[firstDelta + $1]) }
        AudioFixture.put(UInt64(delta * 20), bytes: 4, at: firstDelta, in: &longerTable)

        #expect(abs(try AudioCheck.inspect(lyingHeader).get().seconds - 5.688) <= 0.25)
        #expect(AudioCheck.inspect(longerTable) == .failure(.tooLong))
    }

    @Test func m4a_box_with_a_64_bit_size_is_read() throws {
        let original = try AudioFixture.bytes("voice.m4a")
        var rebuilt: [UInt8] = []
        var at = 0
        while at < original.count {
            let size = (0..<4).reduce(0) { $0 << 8 | Int(original[at + $1]) }
            let type = String(decoding: original[(at + 4)..<(at + 8)], as: UTF8.self)
            if type == "mdat" {
                rebuilt += [0, 0, 0, 1] + Array("mdat".utf8)
                rebuilt += (0..<8).map { UInt8(truncatingIfNeeded: (size + 8) >> (8 * (7 - $0))) }
                rebuilt += original[(at + 8)..<(at + size)]
            } else {
                rebuilt += original[at..<(at + size)]
            }
            at += size
        }
        var pastTheEnd = rebuilt
        let mdat = try #require(AudioFixture.offset(of: [0, 0, 0, 1] + Array("mdat".utf8), in: rebuilt))
        AudioFixture.put(UInt64(rebuilt.count), bytes: 8, at: mdat + 8, in: &pastTheEnd)

        #expect(rebuilt.count == original.count + 8)
        #expect(abs(try AudioCheck.inspect(rebuilt).get().seconds - 5.688) <= 0.25)
        #expect(AudioCheck.inspect(pastTheEnd) == .failure(.notAudio))
    }

    @Test func mp3_length_counts_the_frames_not_the_xing_header() throws {
        var bytes = try AudioFixture.bytes("voice.mp3")
        let info = try #require(AudioFixture.offset(of: Array("Info".utf8), in: bytes))
        // Flags, then the frame count: claim ten thousand frames.
        AudioFixture.put(10_000, bytes: 4, at: info + 8, in: &bytes)

        #expect(abs(try AudioCheck.inspect(bytes).get().seconds - 5.76) <= 0.25)
    }

    @Test func mp3_of_only_a_few_frames_or_with_junk_between_frames_is_not_audio() throws {
        let bytes = try AudioFixture.bytes("voice-mpeg25-bare.mp3")
        // 8 kbit/s at 8 kHz: frames of 72 bytes, the first without padding.
        #expect(bytes.starts(with: [0xFF, 0xE3]))
        var junk = bytes
        junk.insert(0x00, at: 72 * 5)

        #expect(AudioCheck.inspect(Array(bytes.prefix(72 * 3))) == .failure(.notAudio))
        #expect(AudioCheck.inspect(junk) == .failure(.notAudio))
    }

    // MARK: WebM built by hand

    @Test func webm_with_unknown_size_clusters_reads_every_cluster() throws {
        let bytes = WebMParts.file(
            WebMParts.info(), WebMParts.tracks(WebMParts.track()),
            WebMParts.cluster(start: 0, blocks: 50), WebMParts.cluster(start: 1000, blocks: 50, unknownSize: false),
            WebMParts.cluster(start: 2000, blocks: 50)
        )

        let clip = try AudioCheck.inspect(bytes).get()

        #expect(clip.format == .webm)
        #expect(abs(clip.seconds - 3.0) < 0.001)
    }

    @Test func unknown_size_cluster_ends_where_cues_start() throws {
        let cues = WebMParts.element([0x1C, 0x53, 0xBB, 0x6B], WebMParts.element([0xBB], []))
        let bytes = WebMParts.file(
            WebMParts.info(), WebMParts.tracks(WebMParts.track()), WebMParts.cluster(start: 0, blocks: 25), cues
        )

        #expect(abs(try AudioCheck.inspect(bytes).get().seconds - 0.5) < 0.001)
    }

    @Test func webm_duration_claiming_one_second_does_not_hide_a_long_clip() {
        let clusters = (0..<62).flatMap { WebMParts.cluster(start: $0 * 1000, blocks: 50) }
        let bytes = WebMParts.file(WebMParts.info(durationMilliseconds: 1000), WebMParts.tracks(WebMParts.track()), clusters)

        #expect(AudioCheck.inspect(bytes) == .failure(.tooLong))
    }

    @Test func webm_block_group_with_its_duration_counts() throws {
        let block = WebMParts.element([0xA1], [0x81, 0x03, 0xE8, 0x00] + WebMParts.opusPacket)
        let group = WebMParts.element([0xA0], block + WebMParts.unsigned([0x9B], 500))
        let cluster = [0x1F, 0x43, 0xB6, 0x75] + WebMParts.unknownSize + WebMParts.unsigned([0xE7], 0) + group
        let bytes = WebMParts.file(WebMParts.info(), WebMParts.tracks(WebMParts.track()), cluster)

        #expect(abs(try AudioCheck.inspect(bytes).get().seconds - 1.5) < 0.001)
    }

    @Test func webm_with_another_codec_or_track_is_the_wrong_codec() {
        let cluster = WebMParts.cluster(start: 0, blocks: 10)
        let vorbis = WebMParts.file(WebMParts.info(), WebMParts.tracks(WebMParts.track(codec: "A_VORBIS")), cluster)
        let video = WebMParts.file(WebMParts.info(), WebMParts.tracks(WebMParts.track(type: 1, codec: "V_VP8")), cluster)
        let twoTracks = WebMParts.file(
            WebMParts.info(), WebMParts.tracks(WebMParts.track(), WebMParts.track(number: 2, type: 1, codec: "V_VP8")), cluster
        )

        #expect(AudioCheck.inspect(vorbis) == .failure(.wrongCodec))
        #expect(AudioCheck.inspect(video) == .failure(.wrongCodec))
        #expect(AudioCheck.inspect(twoTracks) == .failure(.wrongCodec))
    }

    @Test func webm_whose_structure_does_not_hold_is_not_audio() {
        let info = WebMParts.info(), tracks = WebMParts.tracks(WebMParts.track())
        let matroska = WebMParts.file(docType: "matroska", info, tracks, WebMParts.cluster(start: 0, blocks: 10))
        let noTimecode = WebMParts.file(info, tracks, WebMParts.cluster(start: 0, blocks: 10, timecode: false))
        let otherTrack = WebMParts.file(
            info, tracks, [0x1F, 0x43, 0xB6, 0x75] + WebMParts.unknownSize + WebMParts.unsigned([0xE7], 0)
                + WebMParts.simpleBlock(track: 2, at: 0)
        )
        let clusterFirst = WebMParts.file(WebMParts.cluster(start: 0, blocks: 10), info, tracks)
        let noBlocks = WebMParts.file(info, tracks)
        let tooBig = WebMParts.header() + WebMParts.element([0x18, 0x53, 0x80, 0x67], info + tracks).dropLast()

        for bytes in [matroska, noTimecode, otherTrack, clusterFirst, noBlocks, Array(tooBig)] {
            #expect(AudioCheck.inspect(bytes) == .failure(.notAudio))
        }
    }

    // MARK: Whatever the bytes, an answer

    @Test(arguments: AudioFixture.acceptedNames)
    func every_prefix_of_a_clip_gets_an_answer(name: String) throws {
        let bytes = try AudioFixture.bytes(name)
        var accepted = 0

        for length in 0...bytes.count {
            if case .success = AudioCheck.inspect(Array(bytes[0..<length])) { accepted += 1 }
        }

        // Only cuts at a frame or page boundary can hold together, and the whole file does.
        #expect(accepted >= 1)
        #expect(accepted < bytes.count / 20)
    }

    @Test(arguments: AudioFixture.acceptedNames)
    func flipped_bytes_get_an_answer(name: String) throws {
        let original = try AudioFixture.bytes(name)
        var random = SeededGenerator(seed: UInt64(name.utf8.count) * 7919)

        for round in 0..<2000 {
            var bytes = original
            // The first rounds flip the headers, where the structure is; later ones anywhere.
            let limit = round < 1000 ? min(bytes.count, 1024) : bytes.count
            for _ in 0...(round % 3) {
                bytes[Int(random.next() % UInt64(limit))] ^= UInt8(truncatingIfNeeded: random.next() | 1)
            }
            switch AudioCheck.inspect(bytes) {
            case let .success(clip): #expect(clip.seconds > 0 && clip.seconds <= AudioCheck.maximumSeconds)
            case .failure: break
            }
        }
    }
}
