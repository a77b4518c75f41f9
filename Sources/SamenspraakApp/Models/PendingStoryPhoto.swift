import Fluent
import Foundation
import SamenspraakCore

/// A photo that passed its checks on a story form that came back with an error (a missing title, say), kept so the
/// corrected form saves it without the file being chosen again. The form carries only its id, a random UUID; it
/// counts only for the person who sent it, at the school it was sent for, and only for a day (the hourly purge and
/// `samenspraak purge` delete it after that).
final class PendingStoryPhoto: Model, @unchecked Sendable {
    static let schema = "pending_story_photos"
    /// How long a kept photo waits for its form to be sent again.
    static let lifetime: TimeInterval = 86_400
    static let maximumNameLength = 120

    // managed
    @ID(key: .id) var id: UUID?

    // data
    /// The file's name as the browser sent it, shortened: shown so the person knows which photo is kept.
    @Field(key: "file_name") var fileName: String
    @Field(key: "content_type") var contentType: String
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "data") var data: Data
    @Field(key: "expires_at") var expiresAt: Date

    // relationships
    @Parent(key: "school_id") var school: School
    @Parent(key: "user_id") var user: User

    init() {}

    init(schoolID: UUID, userID: UUID, fileName: String, image: ImageCheck.Image, now: Date) {
        self.id = UUID()
        self.$school.id = schoolID
        self.$user.id = userID
        self.fileName = Self.shownName(fileName)
        self.contentType = image.kind.contentType
        self.width = image.width
        self.height = image.height
        self.data = Data(image.bytes)
        self.expiresAt = now.addingTimeInterval(Self.lifetime)
    }

    /// A file name fit to show: its last path part, without control characters, not too long.
    static func shownName(_ name: String) -> String {
        let last = name.split(whereSeparator: { $0 == "/" || $0 == "\\" }).last.map(String.init) ?? ""
        let clean = String(last.unicodeScalars.filter { $0.properties.generalCategory != .control }.map(Character.init))
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return String(clean.prefix(maximumNameLength))
    }

    /// The kept photo the form names, if it is this person's, for this school, and not expired; nil for anything
    /// else (someone else's, another school's, unknown, expired or not an id at all), so a form cannot borrow a
    /// photo it did not send.
    static func owned(_ typed: String, schoolID: UUID, userID: UUID, now: Date, on db: any Database) async throws -> PendingStoryPhoto? {
        guard let id = UUID(uuidString: typed.trimmingCharacters(in: .whitespaces)) else { return nil }
        return try await PendingStoryPhoto.query(on: db).filter(\.$id == id).filter(\.$school.$id == schoolID)
            .filter(\.$user.$id == userID).filter(\.$expiresAt > now).first()
    }

    /// The story photo this becomes when the form is saved.
    var storyPhoto: StoryPhoto {
        let photo = StoryPhoto()
        photo.$school.id = $school.id
        photo.contentType = contentType
        photo.width = width
        photo.height = height
        photo.data = data
        return photo
    }

    /// Deletes kept photos whose day is over; returns how many went. Run with the hourly jobs.
    @discardableResult
    static func purge(on db: any Database, now: Date) async throws -> Int {
        let count = try await PendingStoryPhoto.query(on: db).filter(\.$expiresAt <= now).count()
        if count > 0 { try await PendingStoryPhoto.query(on: db).filter(\.$expiresAt <= now).delete() }
        return count
    }
}
