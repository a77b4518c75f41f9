import Fluent
import Foundation
import SamenspraakCore

/// A contact moment parents can rate (an oudercontact, an infoavond …), with its short link `/m/SLUG`.
final class Moment: Model, @unchecked Sendable {
    static let schema = "moments"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "kind") var kind: String
    @Field(key: "title") var title: String
    @Field(key: "starts_on") var starts: Day
    @Field(key: "ends_on") var ends: Day
    @OptionalField(key: "group_name") var group: String?
    @Field(key: "window_days") var windowDays: Int
    @Field(key: "slug") var slug: String
    /// The school's answer to parents ("what we will change"), shown on the rating page and the profile.
    @OptionalField(key: "reply") var reply: String?
    @OptionalField(key: "reply_on") var replyOn: Day?

    // relationships
    @Parent(key: "school_id") var school: School
    /// Who made the moment (the teacher of the oudercontact).
    @OptionalParent(key: "created_by") var creator: User?
    /// The keys, 1…12, rows of their own (`setKeys`); load them with `.with(\.$keyRows)` before reading `keys`.
    @Children(for: \.$moment) var keyRows: [MomentKey]

    init() {}

    /// `valid`'s keys are rows of their own: write them with `setKeys` once the moment is created.
    init(schoolID: UUID, creatorID: UUID?, valid: MomentDraft.Valid, slug: String) {
        self.$school.id = schoolID
        self.$creator.id = creatorID
        self.kind = valid.kind.rawValue
        self.title = valid.title
        self.starts = valid.starts
        self.ends = valid.ends
        self.group = valid.group
        self.windowDays = valid.windowDays
        self.slug = slug
    }

    /// A short link part no other moment has.
    static func freeSlug(on db: any Database, randomBytes: @Sendable (Int) -> [UInt8]) async throws -> String {
        var slug = ShortSlug.generate(randomBytes: randomBytes)
        while try await Moment.query(on: db).filter(\.$slug == slug).count() > 0 { slug = ShortSlug.generate(randomBytes: randomBytes) }
        return slug
    }

    var momentKind: MomentKind { MomentKind(rawValue: kind) ?? .other }
    var keys: [Int] { keyRows.map(\.key).sorted() }

    /// Makes `keys` the moment's keys, in the caller's transaction (with the write they belong to).
    func setKeys(_ keys: [Int], on db: any Database) async throws {
        let id = try requireID()
        try await MomentKey.query(on: db).filter(\.$moment.$id == id).delete()
        let rows = Array(Set(keys)).sorted().map { MomentKey(momentID: id, key: $0) }
        if !rows.isEmpty { try await rows.create(on: db) }
        $keyRows.value = rows
    }
    var window: MomentWindow { MomentWindow(starts: starts, ends: ends, days: windowDays) }
    var publicID: String { id?.uuidString.lowercased() ?? "" }
}

/// One device's rating of one moment. The device is known only by a keyed hash of a random cookie, mixed with
/// the moment, so two ratings of one phone on two moments cannot be linked. The day, never the time. A rating
/// counts only once it is released together with enough others (`released`).
final class MomentRating: Model, @unchecked Sendable {
    static let schema = "moment_ratings"

    @ID(key: .id) var id: UUID?
    @Field(key: "device_hash") var deviceHash: String
    @Field(key: "face") var face: Int
    /// Comma-separated chip names.
    @Field(key: "chips") var chipsValue: String
    @OptionalField(key: "text") var text: String?
    /// Hidden by staff (kept, and can be shown again).
    @Field(key: "text_hidden") var textHidden: Bool
    /// Chosen by the school for its public profile.
    @Field(key: "text_public") var textPublic: Bool
    @Field(key: "language") var language: String
    @Field(key: "day") var day: Day
    /// The batch it was released in; nil while it waits for enough others (`MomentRating.releaseIfDue`).
    /// Nothing shown anywhere reads a rating that is not released.
    @OptionalField(key: "released") var released: Int?
    /// The same device's released rating that this changed one takes the place of once it is released itself.
    @OptionalField(key: "replaces_id") var replaces: UUID?
    @Parent(key: "moment_id") var moment: Moment

    init() {}

    init(momentID: UUID, deviceHash: String, answer: RatingAnswer, language: LanguageCode, day: Day) {
        self.$moment.id = momentID
        self.deviceHash = deviceHash
        self.textHidden = false
        self.textPublic = false
        self.apply(answer, language: language, day: day)
    }

    func apply(_ answer: RatingAnswer, language: LanguageCode, day: Day) {
        if answer.text != text {
            // The school chose the old sentence for its profile, not this one.
            textPublic = false
        }
        face = answer.face
        chipsValue = answer.storedChips
        text = answer.text
        self.language = language.rawValue
        self.day = day
    }

    var chips: [String] { RatingAnswer.chips(stored: chipsValue) }
}

/// Who hid, showed or published a rating's sentence, and when.
final class RatingModeration: Model, @unchecked Sendable {
    static let schema = "rating_moderations"

    enum Action: String { case hide, show, publish, unpublish }

    @ID(key: .id) var id: UUID?
    @Field(key: "action") var action: String
    @Field(key: "at") var at: Date
    @Parent(key: "rating_id") var rating: MomentRating
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(ratingID: UUID, userID: UUID?, action: Action, at: Date) {
        self.$rating.id = ratingID
        self.$user.id = userID
        self.action = action.rawValue
        self.at = at
    }
}
