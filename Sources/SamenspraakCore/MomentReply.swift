/// The school's reply to parents: plain text, a few sentences.
public enum MomentReply {
    public static let maximumLength = 1000

    /// nil when the reply may be stored (an empty reply removes it), else the message key.
    public static func problem(_ text: String) -> String? {
        if text.count > maximumLength { return "error.reply_too_long" }
        let allowed: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
        if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowed.contains($0) }) {
            return "error.invalid_characters"
        }
        return nil
    }
}
