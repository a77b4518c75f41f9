import Fluent
import SQLKit

/// Rating moments, their ratings and the moderation log, and a school's opt-in public profile.
struct CreateMoments: AsyncMigration {
    var name: String { "008_create_moments" }

    func prepare(on database: any Database) async throws {
        try await database.schema(Moment.schema)
            .id()
            .field("created_at", .datetime)
            .field("school_id", .uuid, .required, .references(School.schema, .id, onDelete: .cascade))
            .field("created_by", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("kind", .string, .required)
            .field("title", .string, .required)
            .field("starts_on", .string, .required)
            .field("ends_on", .string, .required)
            .field("group_name", .string)
            .field("keys", .string, .required)
            .field("window_days", .int, .required)
            .field("slug", .string, .required)
            .field("reply", .string)
            .field("reply_on", .string)
            .unique(on: "slug")
            .create()
        try await database.schema(MomentRating.schema)
            .id()
            .field("moment_id", .uuid, .required, .references(Moment.schema, .id, onDelete: .cascade))
            .field("device_hash", .string, .required)
            .field("face", .int, .required)
            .field("chips", .string, .required)
            .field("text", .string)
            .field("text_hidden", .bool, .required, .sql(.default(false)))
            .field("text_public", .bool, .required, .sql(.default(false)))
            .field("language", .string, .required)
            .field("day", .string, .required)
            // One rating per device per moment; also the index the counts read.
            .unique(on: "moment_id", "device_hash")
            .create()
        try await database.schema(RatingModeration.schema)
            .id()
            .field("rating_id", .uuid, .required, .references(MomentRating.schema, .id, onDelete: .cascade))
            .field("user_id", .uuid, .references(User.schema, .id, onDelete: .setNull))
            .field("action", .string, .required)
            .field("at", .datetime, .required)
            .create()
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(School.schema).field("profile_slug", .string).update()
        try await database.schema(School.schema).field("profile_published", .bool, .required, .sql(.default(false))).update()
        if let sql = database as? any SQLDatabase {
            try await sql.create(index: "moments_school_idx").on(Moment.schema).column("school_id").run()
            try await sql.create(index: "schools_profile_slug_idx").on(School.schema).column("profile_slug").unique().run()
        }
    }

    func revert(on database: any Database) async throws {
        if let sql = database as? any SQLDatabase {
            try await sql.drop(index: "schools_profile_slug_idx").run()
        }
        try await database.schema(School.schema).deleteField("profile_published").update()
        try await database.schema(School.schema).deleteField("profile_slug").update()
        try await database.schema(RatingModeration.schema).delete()
        try await database.schema(MomentRating.schema).delete()
        try await database.schema(Moment.schema).delete()
    }
}
