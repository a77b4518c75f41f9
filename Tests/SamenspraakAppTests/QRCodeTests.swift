import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing

@Suite struct QRCodeTests {
    /// Draws the matrix as a PGM image (8 pixels a module, quiet zone included) and reads it back with zbarimg.
    func decode(_ matrix: QRMatrix) throws -> String {
        let scale = 8, side = matrix.extent * scale
        var pixels = [UInt8](repeating: 255, count: side * side)
        for row in 0..<matrix.size {
            for column in 0..<matrix.size where matrix.isDark(row: row, column: column) {
                for y in 0..<scale {
                    for x in 0..<scale {
                        pixels[((row + 4) * scale + y) * side + (column + 4) * scale + x] = 0
                    }
                }
            }
        }
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("qr-\(UUID().uuidString).pgm")
        try (Data("P5\n\(side) \(side)\n255\n".utf8) + Data(pixels)).write(to: file)
        defer { try? FileManager.default.removeItem(at: file) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["zbarimg", "--quiet", "--raw", file.path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        process.waitUntilExit()
        return String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test(arguments: ["https://samenspraak.example.be/o/k7m2qx", "http://127.0.0.1:8080/c?code=NTE6-8XNC"])
    func a_scanner_reads_back_the_address(_ url: String) throws {
        let matrix = try #require(QRCode.matrix(url))
        #expect(matrix.size >= 21)
        #expect(try decode(matrix) == url)
    }
}
