import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews

final class School: Model, @unchecked Sendable {
    static let schema = "schools"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "name") var name: String
    /// Comma-separated `SchoolLevel` values.
    @Field(key: "levels") var levelsValue: String
    @OptionalField(key: "families") var families: Int?
    /// Comma-separated language codes the school offers parents.
    @Field(key: "languages") var languagesValue: String
    /// The school agrees that the other schools of its trajectory see its name in comparisons and on event pages.
    @Field(key: "share_name") var shareName: Bool
    /// The stable part of the public profile's address, `/school/SLUG`, made on first publication and kept.
    @OptionalField(key: "profile_slug") var profileSlug: String?
    /// The lead chose to publish the profile; unpublishing takes it offline at once.
    @Field(key: "profile_published") var profilePublished: Bool

    // relationships
    @Parent(key: "trajectory_id") var trajectory: Trajectory

    init() {}

    init(id: UUID? = nil, trajectoryID: UUID, valid: SchoolDraft.Valid) {
        self.id = id
        self.$trajectory.id = trajectoryID
        self.profilePublished = false
        self.apply(valid)
    }

    func apply(_ valid: SchoolDraft.Valid) {
        name = valid.name
        levelsValue = SchoolLevel.storedList(valid.levels)
        families = valid.families
        languagesValue = LanguageCode.storedList(valid.languages)
        shareName = valid.shareName
    }

    var levels: [SchoolLevel] { SchoolLevel.parseList(levelsValue) }
    var languages: [LanguageCode] { LanguageCode.parseList(languagesValue) }
    var publicID: String { id?.uuidString.lowercased() ?? "" }

    func summary(staffCount: Int) -> SchoolSummary {
        SchoolSummary(id: publicID, name: name, levels: levels, families: families, languages: languages, staffCount: staffCount)
    }

    var draft: SchoolDraft {
        SchoolDraft(name: name, levels: levels.map(\.rawValue), families: families.map(String.init) ?? "",
                    languages: languages.map(\.rawValue), shareName: shareName)
    }
}
