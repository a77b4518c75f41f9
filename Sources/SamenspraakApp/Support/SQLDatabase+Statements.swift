import NIOConcurrencyHelpers
import SQLKit

extension SQLDatabase {
    /// Runs one statement written as SQL, for what the builders cannot say (PRAGMA, VACUUM, advisory locks,
    /// `WITHOUT ROWID` tables). Values go in as binds, names as identifiers.
    func perform(_ query: SQLQueryString) async throws {
        try await execute(sql: query) { _ in }
    }

    /// The rows of one query written as SQL.
    func rows(of query: SQLQueryString) async throws -> [any SQLRow] {
        let rows = NIOLockedValueBox<[any SQLRow]>([])
        try await execute(sql: query) { row in rows.withLockedValue { $0.append(row) } }
        return rows.withLockedValue { $0 }
    }
}
