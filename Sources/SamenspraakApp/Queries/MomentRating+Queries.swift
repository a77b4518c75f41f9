import Fluent
import Foundation
import SamenspraakCore
import SQLKit

extension MomentRating {
    /// Faces of the released ratings counted per moment, in the database (a pending rating is in no figure).
    static func faceCounts(ofMoments momentIDs: [UUID], on db: any Database) async throws -> [UUID: FaceCounts] {
        guard !momentIDs.isEmpty, let sql = db as? any SQLDatabase else { return [:] }
        var result: [UUID: FaceCounts] = [:]
        for row in try await sql.select().column("moment_id").column("face").column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(MomentRating.schema).where(SQLColumn("moment_id"), .in, SQLGroupExpression(momentIDs.map { SQLBind($0) as any SQLExpression }))
            .where(SQLColumn("released"), .isNot, SQLLiteral.null)
            .groupBy("moment_id").groupBy("face").all() {
            let id = try row.decode(column: "moment_id", as: UUID.self)
            let face = try row.decode(column: "face", as: Int.self)
            guard RatingAnswer.faces.contains(face) else { continue }
            result[id, default: FaceCounts()].add(face: face, count: try row.decode(column: "n", as: Int.self))
        }
        return result
    }
}
