/// The modules of a QR code, row by row (true is dark), without the quiet zone.
public struct QRMatrix: Equatable, Sendable {
    public let size: Int
    public let modules: [Bool]

    public init(size: Int, modules: [Bool]) {
        precondition(modules.count == size * size, "a QR matrix is square")
        self.size = size
        self.modules = modules
    }

    public func isDark(row: Int, column: Int) -> Bool { modules[row * size + column] }

    /// An SVG path (one `M x y h1 v1 h-1 z` square per dark module, merged per horizontal run), in module units,
    /// offset by the 4-module quiet zone a scanner needs.
    public var svgPath: String {
        var path = ""
        for row in 0..<size {
            var column = 0
            while column < size {
                guard isDark(row: row, column: column) else { column += 1; continue }
                var run = 1
                while column + run < size && isDark(row: row, column: column + run) { run += 1 }
                path += "M\(column + 4) \(row + 4)h\(run)v1h-\(run)z"
                column += run
            }
        }
        return path
    }

    /// Width and height of the whole image in modules, quiet zone included.
    public var extent: Int { size + 8 }
}
