import Fluent
import Foundation
import SamenspraakCore
import SQLKit

/// Full-text search over published stories, one interface for both databases: SQLite's FTS5 table
/// (`stories_fts`, kept in step here) and PostgreSQL's text search over a GIN index. Every word must match,
/// as the start of a word ("vader" finds "vaders"); the title weighs most, then the summary, then the body.
enum StorySearch {
    /// The document PostgreSQL searches; the GIN index is built over this very expression.
    static let postgresDocument = "to_tsvector('simple', title || ' ' || summary || ' ' || body)"

    static func isSQLite(_ sql: any SQLDatabase) -> Bool { sql.dialect.name == "sqlite" }

    /// Keeps the index in step with a story: only a published story can be found.
    static func update(_ story: Story, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase, isSQLite(sql) else { return }
        let id = try story.requireID().uuidString
        try await sql.execute(sql: "DELETE FROM stories_fts WHERE story_id = \(bind: id)" as SQLQueryString) { _ in }
        if story.storyStatus == .published {
            try await sql.execute(sql: """
                INSERT INTO stories_fts (story_id, title, summary, body) VALUES (\(bind: id), \(bind: story.title), \(bind: story.summary), \(bind: story.body))
                """ as SQLQueryString) { _ in }
        }
    }

    /// The ids of published stories matching every word, best first.
    static func search(_ words: [String], on db: any Database, limit: Int = 50) async throws -> [UUID] {
        guard !words.isEmpty, let sql = db as? any SQLDatabase else { return [] }
        // Words hold letters and digits only (SearchQuery.words), so quoting them is enough; they are bound anyway.
        let ids = IDCollector()
        if isSQLite(sql) {
            let match = words.map { "\"\($0)\"*" }.joined(separator: " ")
            try await sql.execute(sql: """
                SELECT story_id FROM stories_fts WHERE stories_fts MATCH \(bind: match)
                ORDER BY bm25(stories_fts, 0.0, 10.0, 4.0, 1.0) LIMIT \(literal: limit)
                """ as SQLQueryString) { row in ids.add(try? row.decode(column: "story_id", as: String.self)) }
        } else {
            let query = words.map { "\($0):*" }.joined(separator: " & ")
            try await sql.execute(sql: """
                SELECT id::text AS story_id FROM stories
                WHERE status = 'published' AND \(unsafeRaw: postgresDocument) @@ to_tsquery('simple', \(bind: query))
                ORDER BY ts_rank(setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', summary), 'B')
                                 || setweight(to_tsvector('simple', body), 'C'), to_tsquery('simple', \(bind: query))) DESC,
                         published_at DESC
                LIMIT \(literal: limit)
                """ as SQLQueryString) { row in ids.add(try? row.decode(column: "story_id", as: String.self)) }
        }
        return ids.values
    }
}

/// Collects ids from rows in order (the row callback is not async).
final class IDCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var collected: [UUID] = []
    func add(_ text: String?) {
        guard let text, let id = UUID(uuidString: text) else { return }
        lock.lock()
        collected.append(id)
        lock.unlock()
    }
    var values: [UUID] {
        lock.lock()
        defer { lock.unlock() }
        return collected
    }
}
