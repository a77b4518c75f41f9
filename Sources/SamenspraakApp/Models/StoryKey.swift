import Fluent
import Foundation

/// One key of a story: the rows the key pages find stories by, over an index on (key, story).
final class StoryKey: Model, @unchecked Sendable {
    static let schema = "story_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: Int
    @Parent(key: "story_id") var story: Story

    init() {}

    init(storyID: UUID, key: Int) {
        self.$story.id = storyID
        self.key = key
    }
}

/// One key of a moment, like `StoryKey`.
final class MomentKey: Model, @unchecked Sendable {
    static let schema = "moment_keys"

    @ID(key: .id) var id: UUID?
    @Field(key: "key") var key: Int
    @Parent(key: "moment_id") var moment: Moment

    init() {}

    init(momentID: UUID, key: Int) {
        self.$moment.id = momentID
        self.key = key
    }
}
