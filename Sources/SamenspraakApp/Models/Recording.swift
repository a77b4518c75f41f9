import Crypto
import Fluent
import Foundation
import SamenspraakCore

/// A spoken version of one parent text in one language, recorded or uploaded by a school's staff, checked by its bytes
/// (`AudioCheck`). It lives in the database like a story photo, so a backup holds it and a school's deletion takes it
/// along. Its id is random and new for every recording: the address it is played from (`/audio/ID`) changes when
/// it is replaced, so browsers may keep a clip for a year.
final class Recording: Model, @unchecked Sendable {
    static let schema = "recordings"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "language") var language: String
    @Field(key: "part") var part: String
    @Field(key: "text_key") var textKey: String
    @Field(key: "format") var format: String
    @Field(key: "seconds") var seconds: Double
    @Field(key: "byte_count") var byteCount: Int
    /// The SHA-256 of the bytes, in hex: the clip's ETag.
    @Field(key: "sha256") var sha256: String
    @Field(key: "data") var data: Data
    /// Made by a speech synthesiser (the demo), not by a person.
    @Field(key: "generated") var generated: Bool

    // relationships
    @Parent(key: "school_id") var school: School
    @OptionalParent(key: "recorded_by") var recordedBy: User?

    init() {}

    init(schoolID: UUID, language: LanguageCode, text: VoiceText, clip: AudioCheck.Clip, bytes: [UInt8], recordedBy: UUID?,
         generated: Bool = false) {
        self.generated = generated
        self.id = UUID()
        self.$school.id = schoolID
        self.language = language.rawValue
        self.part = text.part.rawValue
        self.textKey = text.key
        self.format = clip.format.rawValue
        self.seconds = clip.seconds
        self.byteCount = bytes.count
        self.sha256 = SHA256.hash(data: bytes).hexString
        self.data = Data(bytes)
        self.$recordedBy.id = recordedBy
    }

    var publicID: String { id?.uuidString.lowercased() ?? "" }
    var contentType: String { AudioCheck.Format(rawValue: format)?.contentType ?? "application/octet-stream" }
    var text: VoiceText? { VoicePart(rawValue: part).map { VoiceText(part: $0, key: textKey) } }
}
