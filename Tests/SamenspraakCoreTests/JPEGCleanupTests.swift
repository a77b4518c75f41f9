import Foundation
import SamenspraakCore
import Testing

/// JPEG files built by hand, segment by segment, so each test says exactly what the file holds.
enum JPEGParts {
    static let start: [UInt8] = [0xFF, 0xD8]
    static let end: [UInt8] = [0xFF, 0xD9]

    static func segment(_ marker: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count + 2
        return [0xFF, marker, UInt8(length >> 8), UInt8(length & 0xFF)] + payload
    }

    static let jfif = segment(0xE0, Array("JFIF".utf8) + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0])

    /// A baseline frame of one component.
    static func frame(width: Int, height: Int) -> [UInt8] {
        segment(0xC0, [8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 1, 1, 0x11, 0])
    }

    static let scanHeader = segment(0xDA, [1, 1, 0, 0, 63, 0])

    /// Compressed data with a stuffed 0xFF (FF 00), a restart marker and a fill byte before the end, as encoders write them.
    static let entropy: [UInt8] = [0x12, 0x34, 0xFF, 0x00, 0x56, 0xFF, 0xD0, 0x78, 0x9A, 0xFF, 0x00, 0xBC]

    /// An EXIF block whose first directory points at a GPS directory (tag 0x8825) with a latitude.
    static let exifWithGPS: [UInt8] = {
        var tiff: [UInt8] = Array("MM".utf8) + [0x00, 0x2A, 0, 0, 0, 8]
        tiff += [0, 1, 0x88, 0x25, 0, 4, 0, 0, 0, 1, 0, 0, 0, 26, 0, 0, 0, 0]
        tiff += [0, 1, 0, 2, 0, 5, 0, 0, 0, 3, 0, 0, 0, 44, 0, 0, 0, 0]
        tiff += [0, 0, 0, 51, 0, 0, 0, 1, 0, 0, 0, 3, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 1]
        return segment(0xE1, Array("Exif".utf8) + [0, 0] + tiff)
    }()

    static func picture(width: Int, height: Int, metadata: [UInt8] = []) -> [UInt8] {
        start + jfif + metadata + frame(width: width, height: height) + scanHeader + entropy + end
    }
}

@Suite struct JPEGCleanupTests {
    func count(_ needle: [UInt8], in bytes: [UInt8]) -> Int {
        guard bytes.count >= needle.count else { return 0 }
        return (0...(bytes.count - needle.count)).filter { Array(bytes[$0..<($0 + needle.count)]) == needle }.count
    }

    @Test func a_plain_jpeg_keeps_its_scan_with_stuffing_and_restart_markers() throws {
        let file = JPEGParts.picture(width: 4, height: 3)
        let image = try ImageCheck.inspect(file).get()
        #expect(image.kind == .jpeg && image.width == 4 && image.height == 3)
        #expect(image.bytes == file, "nothing to remove: the file is kept byte for byte")
    }

    @Test func the_exif_of_the_first_picture_is_removed() throws {
        let file = JPEGParts.picture(width: 4, height: 3, metadata: JPEGParts.exifWithGPS)
        let image = try ImageCheck.inspect(file).get()
        #expect(count(Array("Exif".utf8), in: image.bytes) == 0)
        #expect(image.bytes == JPEGParts.picture(width: 4, height: 3))
    }

    @Test func a_second_picture_with_its_own_exif_and_gps_is_cut_off() throws {
        // A multi-picture file as phones write them: the main picture, then a second one (a depth map, a preview)
        // with an EXIF block of its own that holds the place the photo was taken.
        let first = JPEGParts.picture(width: 4, height: 3)
        let second = JPEGParts.picture(width: 2, height: 2, metadata: JPEGParts.exifWithGPS)
        let file = first + second
        #expect(count(Array("Exif".utf8), in: file) == 1)
        let image = try ImageCheck.inspect(file).get()
        #expect(image.bytes == first, "the file ends at the end marker of the first picture")
        #expect(count(Array("Exif".utf8), in: image.bytes) == 0)
        #expect(count([0xFF, 0xD8], in: image.bytes) == 1, "no second picture")
        #expect(count([0xFF, 0xD9], in: image.bytes) == 1)
        #expect(image.width == 4 && image.height == 3)
    }

    @Test func bytes_after_the_end_marker_are_dropped() throws {
        let first = JPEGParts.picture(width: 4, height: 3)
        let image = try ImageCheck.inspect(first + Array("trailing GPS 51.05N".utf8)).get()
        #expect(image.bytes == first)
    }

    @Test func a_picture_without_its_end_or_scan_is_not_an_image() {
        let file = JPEGParts.picture(width: 4, height: 3)
        #expect(ImageCheck.inspect(Array(file.dropLast(2))) == .failure(.notAnImage))
        let noScan = JPEGParts.start + JPEGParts.jfif + JPEGParts.frame(width: 4, height: 3) + JPEGParts.end
        #expect(ImageCheck.inspect(noScan) == .failure(.notAnImage))
    }
}
