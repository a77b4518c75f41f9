import Fluent
import Foundation
import SQLKit

/// The keys of stories and moments as rows of their own (`story_keys`, `moment_keys`), instead of a
/// comma-separated column that was matched with LIKE and filtered again in Swift. Every existing row's keys are
/// copied over and the old column is dropped (SQLite has `ALTER TABLE … DROP COLUMN` since 3.35; the column is in
/// no index or constraint). One transaction: a value that is not a list of numbers stops the migration, naming the
/// row, and leaves the database as it was.
struct CreateKeyTables: AsyncMigration {
    var name: String { "013_create_key_tables" }

    struct Owner: Sendable {
        let table: String
        let keyTable: String
        let ownerColumn: String
    }

    static let owners = [
        Owner(table: Story.schema, keyTable: StoryKey.schema, ownerColumn: "story_id"),
        Owner(table: Moment.schema, keyTable: MomentKey.schema, ownerColumn: "moment_id"),
    ]

    struct BadKeys: Error, CustomStringConvertible {
        let description: String
    }

    /// The keys in a stored list such as `4,9`: numbers, each once; an empty list has none.
    static func parse(_ stored: String) -> [Int]? {
        var keys: [Int] = []
        for part in stored.split(separator: ",") {
            let text = part.trimmingCharacters(in: .whitespaces)
            guard let key = Int(text) else { return nil }
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    func prepare(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw BadKeys(description: "keys need an SQL database") }
            for owner in Self.owners {
                try await db.schema(owner.keyTable)
                    .id()
                    .field(.string(owner.ownerColumn), .uuid, .required, .references(owner.table, .id, onDelete: .cascade))
                    .field("key", .int, .required)
                    .unique(on: .string(owner.ownerColumn), "key")
                    .create()
                try await sql.create(index: "\(owner.keyTable)_key_idx").on(owner.keyTable).column("key").column(owner.ownerColumn).run()
                var rows: [(UUID, Int)] = []
                for row in try await sql.select().column("id").column("keys").from(owner.table).all() {
                    let id = try row.decode(column: "id", as: UUID.self)
                    let stored = try row.decode(column: "keys", as: String.self)
                    guard let keys = Self.parse(stored) else {
                        throw BadKeys(description: "\(owner.table) \(id.uuidString.lowercased()): keys \(stored.debugDescription) are not a list of numbers")
                    }
                    rows += keys.map { (id, $0) }
                }
                // A few hundred rows per statement, well under either database's limit on bound values.
                var start = rows.startIndex
                while start < rows.endIndex {
                    let end = min(start + 300, rows.endIndex)
                    var insert = sql.insert(into: owner.keyTable).columns("id", owner.ownerColumn, "key")
                    for (id, key) in rows[start..<end] { insert = insert.values(SQLBind(UUID()), SQLBind(id), SQLBind(key)) }
                    try await insert.run()
                    start = end
                }
                try await db.schema(owner.table).deleteField("keys").update()
            }
        }
    }

    func revert(on database: any Database) async throws {
        try await database.transaction { db in
            guard let sql = db as? any SQLDatabase else { throw BadKeys(description: "keys need an SQL database") }
            for owner in Self.owners.reversed() {
                // A read first: on SQLite another connection may still hold the table's shape from before the
                // column was dropped, and ADD COLUMN is checked against that shape; a read makes it load the new one.
                _ = try await sql.select().column("id").from(owner.table).limit(1).all()
                try await db.schema(owner.table).field("keys", .string, .required, .sql(.default(""))).update()
                var keys: [UUID: [Int]] = [:]
                for row in try await sql.select().column(owner.ownerColumn).column("key").from(owner.keyTable).all() {
                    keys[try row.decode(column: owner.ownerColumn, as: UUID.self), default: []].append(try row.decode(column: "key", as: Int.self))
                }
                for (id, list) in keys {
                    try await sql.update(owner.table).set(SQLIdentifier("keys"), to: SQLBind(list.sorted().map(String.init).joined(separator: ",")))
                        .where(SQLIdentifier("id"), .equal, SQLBind(id)).run()
                }
                try await db.schema(owner.keyTable).delete()
            }
        }
    }
}
