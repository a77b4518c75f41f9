import Foundation

/// M4A (MP4): boxes that fit the file, `ftyp` first, one `moov` with exactly one track, a sound track whose sample
/// description is `mp4a` with an AAC decoder configuration. The duration is the sample table's (and, in a fragmented
/// file as Safari records them, the fragments') sum of sample durations over the track's time scale: `mdhd` and `mvhd`
/// hold a duration too, but a header can lie.
extension AudioCheck {
    struct MP4Box {
        let type: String
        let body: Range<Int>
    }

    static let topLevelBoxes: Set<String> = [
        "ftyp", "moov", "mdat", "free", "skip", "wide", "uuid", "meta", "udta", "pdin", "moof", "mfra", "styp", "sidx",
    ]

    /// The boxes that fill `range` exactly (size 1: a 64-bit size follows; size 0: to the end of `range`).
    static func mp4Boxes(_ bytes: [UInt8], _ range: Range<Int>) throws(Problem) -> [MP4Box] {
        guard range.upperBound <= bytes.count else { throw .notAudio }
        var boxes: [MP4Box] = []
        var at = range.lowerBound
        while at < range.upperBound {
            let remaining = UInt64(range.upperBound - at)
            guard remaining >= 8 else { throw .notAudio }
            var size = try bigEndian(bytes, at, 4)
            let type = try fourCC(bytes, at + 4)
            var header = 8
            if size == 1 {
                guard remaining >= 16 else { throw .notAudio }
                size = try bigEndian(bytes, at + 8, 8)
                header = 16
            } else if size == 0 {
                size = remaining
            }
            guard size >= UInt64(header), size <= remaining else { throw .notAudio }
            boxes.append(MP4Box(type: type, body: (at + header)..<(at + Int(size))))
            at += Int(size)
        }
        return boxes
    }

    /// A big-endian field at `offset` inside a box's body: a field a box is too short for is a broken file.
    static func mp4Field(_ bytes: [UInt8], _ box: MP4Box, _ offset: Int, _ count: Int) throws(Problem) -> UInt64 {
        guard offset >= 0, offset <= box.body.count - count else { throw .notAudio }
        return try bigEndian(bytes, box.body.lowerBound + offset, count)
    }

    static func mp4Child(_ bytes: [UInt8], _ box: MP4Box, _ type: String, skipping: Int = 0) throws(Problem) -> MP4Box {
        guard skipping <= box.body.count,
              let child = try mp4Boxes(bytes, (box.body.lowerBound + skipping)..<box.body.upperBound).first(where: { $0.type == type })
        else { throw .notAudio }
        return child
    }

    static func m4a(_ bytes: [UInt8]) throws(Problem) -> Clip {
        let boxes = try mp4Boxes(bytes, 0..<bytes.count)
        guard let first = boxes.first, first.type == "ftyp", first.body.count >= 8,
              boxes.dropFirst().allSatisfy({ topLevelBoxes.contains($0.type) && $0.type != "ftyp" }),
              boxes.contains(where: { $0.type == "mdat" })
        else { throw .notAudio }
        let movies = boxes.filter { $0.type == "moov" }
        guard movies.count == 1, let movie = movies.first else { throw .notAudio }

        let children = try mp4Boxes(bytes, movie.body)
        let tracks = children.filter { $0.type == "trak" }
        guard let track = tracks.first else { throw .notAudio }
        // One track, and it is sound: a film's sound track is not a spoken text.
        guard tracks.count == 1 else { throw .wrongCodec }
        let media = try mp4Child(bytes, track, "mdia")
        let handler = try mp4Child(bytes, media, "hdlr")
        guard handler.body.count >= 12 else { throw .notAudio }
        guard try fourCC(bytes, handler.body.lowerBound + 8) == "soun" else { throw .wrongCodec }
        let table = try mp4Child(bytes, try mp4Child(bytes, media, "minf"), "stbl")
        try mp4RequireAAC(bytes, try mp4Child(bytes, table, "stsd"))

        let timescale = try mp4Timescale(bytes, try mp4Child(bytes, media, "mdhd"))
        var ticks = try mp4TableTicks(bytes, table)
        if let extends = children.first(where: { $0.type == "mvex" }) {
            let trackID = try mp4TrackID(bytes, try mp4Child(bytes, track, "tkhd"))
            let defaultDuration = try mp4DefaultDuration(bytes, extends, trackID: trackID)
            for fragment in boxes where fragment.type == "moof" {
                let (sum, overflow) = ticks.addingReportingOverflow(
                    try mp4FragmentTicks(bytes, fragment, trackID: trackID, defaultDuration: defaultDuration))
                guard !overflow else { throw .notAudio }
                ticks = sum
            }
        }
        return Clip(format: .m4a, seconds: Double(ticks) / Double(timescale))
    }

    /// The one sample description must be `mp4a` whose `esds` names AAC (object type 0x40).
    static func mp4RequireAAC(_ bytes: [UInt8], _ descriptions: MP4Box) throws(Problem) {
        guard try mp4Field(bytes, descriptions, 4, 4) == 1 else { throw .wrongCodec }
        guard let entry = try mp4Boxes(bytes, (descriptions.body.lowerBound + 8)..<descriptions.body.upperBound).first
        else { throw .notAudio }
        guard entry.type == "mp4a" else { throw .wrongCodec }
        // A sound sample entry: 8 bytes of SampleEntry, then 20 (version 0), 36 (QuickTime version 1) or 56 (2).
        let version = try mp4Field(bytes, entry, 8, 2)
        let skip: Int
        switch version {
        case 0: skip = 28
        case 1: skip = 44
        case 2: skip = 64
        default: throw .notAudio
        }
        // QuickTime puts the `esds` inside a `wave` box.
        let esds: MP4Box
        if let found = try? mp4Child(bytes, entry, "esds", skipping: skip) {
            esds = found
        } else {
            esds = try mp4Child(bytes, try mp4Child(bytes, entry, "wave", skipping: skip), "esds")
        }
        guard try mp4ObjectType(bytes, esds.body) == 0x40 else { throw .wrongCodec }
    }

    /// The object type of an ES descriptor's decoder configuration (ISO 14496-1, 7.2.6.5 and 7.2.6.6).
    static func mp4ObjectType(_ bytes: [UInt8], _ range: Range<Int>) throws(Problem) -> UInt8 {
        var at = range.lowerBound + 4
        func descriptor(_ tag: UInt8) throws(Problem) -> Range<Int> {
            guard at < range.upperBound, try byte(bytes, at) == tag else { throw .notAudio }
            at += 1
            var length: UInt64 = 0
            for _ in 0..<4 {
                guard at < range.upperBound else { throw .notAudio }
                let next = try byte(bytes, at)
                at += 1
                length = length << 7 | UInt64(next & 0x7F)
                if next & 0x80 == 0 { return try span(at, length, within: range) }
            }
            throw .notAudio
        }
        let elementary = try descriptor(0x03)
        guard elementary.count >= 3 else { throw .notAudio }
        let flags = try byte(bytes, at + 2)
        at += 3
        if flags & 0x80 != 0 { at += 2 }
        if flags & 0x40 != 0 { at += 1 + Int(try byte(bytes, at)) }
        if flags & 0x20 != 0 { at += 2 }
        guard at < elementary.upperBound else { throw .notAudio }
        let configuration = try descriptor(0x04)
        guard !configuration.isEmpty, configuration.upperBound <= elementary.upperBound else { throw .notAudio }
        return try byte(bytes, configuration.lowerBound)
    }

    static func mp4Timescale(_ bytes: [UInt8], _ header: MP4Box) throws(Problem) -> UInt64 {
        let version = try mp4Field(bytes, header, 0, 1)
        guard version <= 1 else { throw .notAudio }
        let timescale = try mp4Field(bytes, header, version == 1 ? 20 : 12, 4)
        guard timescale > 0 else { throw .notAudio }
        return timescale
    }

    static func mp4TrackID(_ bytes: [UInt8], _ header: MP4Box) throws(Problem) -> UInt64 {
        let version = try mp4Field(bytes, header, 0, 1)
        guard version <= 1 else { throw .notAudio }
        return try mp4Field(bytes, header, version == 1 ? 20 : 12, 4)
    }

    /// The sum of the time-to-sample table, which must count as many samples as the sample size table.
    static func mp4TableTicks(_ bytes: [UInt8], _ table: MP4Box) throws(Problem) -> UInt64 {
        let stts = try mp4Child(bytes, table, "stts")
        let entries = try mp4Field(bytes, stts, 4, 4)
        guard entries <= UInt64(stts.body.count - 8) / 8 else { throw .notAudio }
        var ticks: UInt64 = 0
        var samples: UInt64 = 0
        for entry in 0..<Int(entries) {
            let count = try mp4Field(bytes, stts, 8 + entry * 8, 4)
            let delta = try mp4Field(bytes, stts, 12 + entry * 8, 4)
            // Both factors fit in 32 bits, so their product fits in 64; only the running sums can overflow.
            let (sum, overflow) = ticks.addingReportingOverflow(count * delta)
            guard !overflow else { throw .notAudio }
            ticks = sum
            samples += count
        }
        let sizes: MP4Box
        if let found = try? mp4Child(bytes, table, "stsz") { sizes = found } else { sizes = try mp4Child(bytes, table, "stz2") }
        guard try mp4Field(bytes, sizes, 8, 4) == samples else { throw .notAudio }
        return ticks
    }

    /// The track's default sample duration from `mvex`/`trex`, if it gives one.
    static func mp4DefaultDuration(_ bytes: [UInt8], _ extends: MP4Box, trackID: UInt64) throws(Problem) -> UInt64? {
        for box in try mp4Boxes(bytes, extends.body) where box.type == "trex" {
            if try mp4Field(bytes, box, 4, 4) == trackID { return try mp4Field(bytes, box, 12, 4) }
        }
        return nil
    }

    /// The sum of the sample durations of a movie fragment's runs (ISO 14496-12, 8.8.7 and 8.8.8).
    static func mp4FragmentTicks(
        _ bytes: [UInt8], _ fragment: MP4Box, trackID: UInt64, defaultDuration: UInt64?
    ) throws(Problem) -> UInt64 {
        var ticks: UInt64 = 0
        for trackFragment in try mp4Boxes(bytes, fragment.body) where trackFragment.type == "traf" {
            let children = try mp4Boxes(bytes, trackFragment.body)
            guard let header = children.first(where: { $0.type == "tfhd" }) else { throw .notAudio }
            let headerFlags = try mp4Field(bytes, header, 0, 4) & 0xFF_FFFF
            guard try mp4Field(bytes, header, 4, 4) == trackID else { throw .notAudio }
            var duration = defaultDuration
            if headerFlags & 0x08 != 0 {
                var offset = 8
                if headerFlags & 0x01 != 0 { offset += 8 }
                if headerFlags & 0x02 != 0 { offset += 4 }
                duration = try mp4Field(bytes, header, offset, 4)
            }
            for run in children where run.type == "trun" {
                let flags = try mp4Field(bytes, run, 0, 4) & 0xFF_FFFF
                let count = try mp4Field(bytes, run, 4, 4)
                var at = run.body.lowerBound + 8
                if flags & 0x01 != 0 { at += 4 }
                if flags & 0x04 != 0 { at += 4 }
                let fields = [0x100, 0x200, 0x400, 0x800].filter { flags & UInt64($0) != 0 }.count
                guard at <= run.body.upperBound, count * UInt64(fields * 4) <= UInt64(run.body.upperBound - at)
                else { throw .notAudio }
                var sum: UInt64 = 0
                if flags & 0x100 != 0 {
                    for sample in 0..<Int(count) { sum += try bigEndian(bytes, at + sample * fields * 4, 4) }
                } else {
                    guard let duration else { throw .notAudio }
                    sum = count * duration
                }
                let (total, overflow) = ticks.addingReportingOverflow(sum)
                guard !overflow else { throw .notAudio }
                ticks = total
            }
        }
        return ticks
    }
}
