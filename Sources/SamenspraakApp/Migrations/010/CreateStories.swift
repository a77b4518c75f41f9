import Fluent
import SQLKit

/// Stories, their versions and photos, and full-text search: an FTS5 table on SQLite, a GIN index over the
/// same text on PostgreSQL.
struct CreateStories: AsyncMigration {
    var name: String { "010_create_stories" }

    func prepare(on database: any Database) async throws {
        try await database.schema(StoryPhoto.schema)
            .id()
            .field("content_type", .string, .required)
            .field("width", .int, .required)
            .field("height", .int, .required)
            .field("data", .data, .required)
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .create()
        try await database.schema(Story.schema)
            .id()
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("keys", .string, .required)
            .field("anonymous", .bool, .required)
            .field("status", .string, .required)
            .field("slug", .string, .required)
            .field("review_comment", .string)
            .field("published_at", .datetime)
            .field("photo_id", .uuid, .references(StoryPhoto.schema, .id, onDelete: .setNull))
            .field("photo_alt", .string)
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("author_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .unique(on: "slug")
            .create()
        try await database.schema(StoryVersion.schema)
            .id()
            .field("number", .int, .required)
            .field("title", .string, .required)
            .field("summary", .string, .required)
            .field("body", .string, .required)
            .field("keys", .string, .required)
            .field("anonymous", .bool, .required)
            .field("status", .string, .required)
            .field("photo_id", .uuid)
            .field("photo_alt", .string)
            .field("event", .string, .required)
            .field("comment", .string)
            .field("at", .datetime, .required)
            .field("story_id", .uuid, .required, .references(Story.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .unique(on: "story_id", "number")
            .create()
        guard let sql = database as? any SQLDatabase else { return }
        try await sql.create(index: "stories_status_published").on(Story.schema).column("status").column("published_at").run()
        if sql.dialect.name == "sqlite" {
            try await sql.execute(sql: SQLRaw("""
                CREATE VIRTUAL TABLE stories_fts USING fts5(story_id UNINDEXED, title, summary, body, tokenize = 'unicode61 remove_diacritics 2')
                """), { _ in })
        } else {
            try await sql.execute(sql: SQLRaw("""
                CREATE INDEX stories_search ON stories USING GIN (\(StorySearch.postgresDocument))
                """), { _ in })
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" {
            try await sql.execute(sql: SQLRaw("DROP TABLE IF EXISTS stories_fts"), { _ in })
        }
        try await database.schema(StoryVersion.schema).delete()
        try await database.schema(Story.schema).delete()
        try await database.schema(StoryPhoto.schema).delete()
    }
}
