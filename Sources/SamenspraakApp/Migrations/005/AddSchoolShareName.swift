import Fluent
import SQLKit

/// Whether a school agrees to be named to the other schools of its trajectory in comparisons.
struct AddSchoolShareName: AsyncMigration {
    var name: String { "005_add_school_share_name" }

    func prepare(on database: any Database) async throws {
        try await database.schema(School.schema).field("share_name", .bool, .required, .sql(.default(false))).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema(School.schema).deleteField("share_name").update()
    }
}
