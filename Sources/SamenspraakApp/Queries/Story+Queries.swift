import Fluent
import Foundation
import SamenspraakCore

extension Story {
    static func published(on db: any Database) -> QueryBuilder<Story> {
        Story.query(on: db).filter(\.$status == StoryStatus.published.rawValue).with(\.$school).with(\.$keyRows)
    }

    /// Published stories on one key, newest first: a join on the key rows (one per story and key).
    static func published(withKey key: Int, on db: any Database, exceptSchool: UUID? = nil) async throws -> [Story] {
        var query = published(on: db).join(StoryKey.self, on: \Story.$id == \StoryKey.$story.$id).filter(StoryKey.self, \.$key == key)
            .sort(\.$publishedAt, .descending)
        if let exceptSchool { query = query.filter(\.$school.$id != exceptSchool) }
        return try await query.all()
    }
}
