import Fluent
import SQLKit

/// Ratings count only once they are released, together with at least the minimum group of others of the same
/// moment (`released` is the batch number, null while pending), so no figure changes by one parent's rating.
/// `replaces_id` ties a changed rating to the released one it will replace when it is released itself.
/// Ratings made before this were already shown: they form the first batch.
struct AddRatingRelease: AsyncMigration {
    var name: String { "017_add_rating_release" }

    func prepare(on database: any Database) async throws {
        // One column per statement: SQLite adds columns one at a time.
        try await database.schema(MomentRating.schema).field("released", .int).update()
        try await database.schema(MomentRating.schema).field("replaces_id", .uuid).update()
        if let sql = database as? any SQLDatabase {
            try await sql.update(MomentRating.schema).set("released", to: SQLLiteral.numeric("1")).run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema(MomentRating.schema).deleteField("replaces_id").update()
        try await database.schema(MomentRating.schema).deleteField("released").update()
    }
}
