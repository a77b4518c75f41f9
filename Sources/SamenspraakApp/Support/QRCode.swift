import CQREncode
import SamenspraakCore

/// QR codes for posters and slips, made by libqrencode.
enum QRCode {
    /// The QR code of `text` at error-correction level M (readable when a slip is a little crumpled).
    /// Nil only when the text is too long for any QR version.
    static func matrix(_ text: String) -> QRMatrix? {
        guard let code = QRcode_encodeString(text, 0, QR_ECLEVEL_M, QR_MODE_8, 1) else { return nil }
        defer { QRcode_free(code) }
        let size = Int(code.pointee.width)
        let data = code.pointee.data!
        let modules = (0..<(size * size)).map { data[$0] & 1 == 1 }
        return QRMatrix(size: size, modules: modules)
    }
}
