import Foundation

/// Real, tiny image files for upload tests (a 2×2 PNG with a text chunk naming its author), as browsers would send them.
enum ImageCheckTestBytes {
    static let png: [UInt8] = Array(Data(base64Encoded:
        "iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAACnRFWHRBdXRob3IASnVmXH1SpgAAABBJREFUeJxjOBGgAUQMEAoAJY4FAakzccgAAAAASUVORK5CYII=")!)
}
