import Fluent
import Foundation
import SamenspraakCore

/// A story of good practice, written by a school's staff, reviewed and published by the coordinator.
final class Story: Model, @unchecked Sendable {
    static let schema = "stories"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Timestamp(key: "updated_at", on: .update) var updatedAt: Date?

    // data
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    /// Markdown; rendered and sanitized when shown.
    @Field(key: "body") var body: String
    /// Shown as "a school" instead of the school's name.
    @Field(key: "anonymous") var anonymous: Bool
    @Field(key: "status") var status: String
    /// The public address, `/stories/SLUG`, made from the title when the story is created and kept.
    @Field(key: "slug") var slug: String
    @OptionalField(key: "review_comment") var reviewComment: String?
    @OptionalField(key: "published_at") var publishedAt: Date?
    @OptionalField(key: "photo_id") var photoID: UUID?
    @OptionalField(key: "photo_alt") var photoAlt: String?

    // relationships
    @Parent(key: "school_id") var school: School
    @OptionalParent(key: "author_id") var author: User?
    /// The keys, rows of their own (`setKeys`); load them with `.with(\.$keyRows)` before reading `keys`.
    @Children(for: \.$story) var keyRows: [StoryKey]

    init() {}

    /// `valid`'s keys are rows of their own: write them with `setKeys` once the story is created.
    init(schoolID: UUID, authorID: UUID?, slug: String, valid: StoryDraft.Valid) {
        self.$school.id = schoolID
        self.$author.id = authorID
        self.slug = slug
        self.status = StoryStatus.draft.rawValue
        self.apply(valid)
    }

    func apply(_ valid: StoryDraft.Valid) {
        title = valid.title
        summary = valid.summary
        body = valid.body
        anonymous = valid.anonymous
        photoAlt = valid.photoAlt
    }

    var keys: [Int] { keyRows.map(\.key).sorted() }

    /// Makes `keys` the story's keys, in the caller's transaction (with the write they belong to).
    func setKeys(_ keys: [Int], on db: any Database) async throws {
        let id = try requireID()
        try await StoryKey.query(on: db).filter(\.$story.$id == id).delete()
        let rows = Array(Set(keys)).sorted().map { StoryKey(storyID: id, key: $0) }
        if !rows.isEmpty { try await rows.create(on: db) }
        $keyRows.value = rows
    }
    var storyStatus: StoryStatus { StoryStatus(rawValue: status) ?? .draft }
    var publicID: String { id?.uuidString.lowercased() ?? "" }
    var draft: StoryDraft {
        StoryDraft(title: title, summary: summary, body: body, keys: keys.map(String.init), anonymous: anonymous, photoAlt: photoAlt ?? "")
    }
}

/// A story as it was after one change: every change keeps a copy, so nothing written is ever lost.
final class StoryVersion: Model, @unchecked Sendable {
    static let schema = "story_versions"

    @ID(key: .id) var id: UUID?
    @Field(key: "number") var number: Int
    @Field(key: "title") var title: String
    @Field(key: "summary") var summary: String
    @Field(key: "body") var body: String
    /// The keys then, comma-separated: a copy of history, never searched.
    @Field(key: "keys") var keysValue: String
    @Field(key: "anonymous") var anonymous: Bool
    @Field(key: "status") var status: String
    @OptionalField(key: "photo_id") var photoID: UUID?
    @OptionalField(key: "photo_alt") var photoAlt: String?
    /// What happened: created, edited, submitted, published, returned, withdrawn.
    @Field(key: "event") var event: String
    @OptionalField(key: "comment") var comment: String?
    @Field(key: "at") var at: Date
    @Parent(key: "story_id") var story: Story
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(story: Story, number: Int, event: String, comment: String?, userID: UUID?, at: Date) throws {
        self.$story.id = try story.requireID()
        self.number = number
        self.title = story.title
        self.summary = story.summary
        self.body = story.body
        self.keysValue = story.keys.map(String.init).joined(separator: ",")
        self.anonymous = story.anonymous
        self.status = story.status
        self.photoID = story.photoID
        self.photoAlt = story.photoAlt
        self.event = event
        self.comment = comment
        self.$user.id = userID
        self.at = at
    }
}

/// A story's photo, in the database (so a backup holds everything), checked by its bytes, without metadata.
final class StoryPhoto: Model, @unchecked Sendable {
    static let schema = "story_photos"

    @ID(key: .id) var id: UUID?
    @Field(key: "content_type") var contentType: String
    @Field(key: "width") var width: Int
    @Field(key: "height") var height: Int
    @Field(key: "data") var data: Data
    @Parent(key: "school_id") var school: School

    init() {}

    init(schoolID: UUID, image: ImageCheck.Image) {
        self.$school.id = schoolID
        self.contentType = image.kind.contentType
        self.width = image.width
        self.height = image.height
        self.data = Data(image.bytes)
    }
}
