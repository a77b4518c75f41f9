import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews

extension Story {
    /// The story as a list shows it (school and keys loaded). The public never learns an anonymous story's school; staff (`forStaff`) do.
    func card(showSchool: Bool = true, forStaff: Bool = false) -> StoryCard {
        let named = showSchool && (forStaff || !anonymous)
        return StoryCard(slug: slug, id: publicID, title: title, summary: summary,
                         schoolName: named ? school.name : nil, schoolSlug: named ? school.profileSlug : nil, keys: keys,
                         status: storyStatus, published: publishedAt.map { Day(date: $0) })
    }
}

extension StoryVersion {
    /// Keeps a full copy of the story as it is now, numbered after the last one, with what happened and who did it.
    static func keep(_ story: Story, event: String, comment: String? = nil, user: User?, on db: any Database, at: Date) async throws {
        let last = try await StoryVersion.query(on: db).filter(\.$story.$id == story.requireID()).sort(\.$number, .descending).first()?.number ?? 0
        try await StoryVersion(story: story, number: last + 1, event: event, comment: comment, userID: user?.id, at: at).create(on: db)
    }
}
