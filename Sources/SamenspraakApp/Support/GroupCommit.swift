import Fluent
import NIOConcurrencyHelpers
import SQLKit
import Vapor

/// Group commit for the writes parents make (survey responses, ratings) on SQLite.
///
/// SQLite has one writer, and every commit waits until the disk has the write-ahead log (fsync): one commit per
/// response would cap a school board's whole survey week at the disk's sync rate. Here writes that arrive while a
/// commit is on its way wait for it, and then go to disk together in one transaction; a write that fails takes
/// nothing else with it. A caller hears back only after the commit that holds its
/// write: nothing is acknowledged before it is on disk. When the load is light, a batch is one write and nothing
/// waits. PostgreSQL commits concurrent transactions in parallel itself, so there each write is its own transaction.
final class GroupCommit: Sendable {
    private struct Pending: Sendable {
        let work: @Sendable (any Database) async throws -> any Sendable
        let done: @Sendable (Result<any Sendable, any Error>) -> Void
    }

    private struct State {
        var queue: [Pending] = []
        var committing = false
    }

    /// How many writes one commit holds at most; the rest wait for the next.
    static let maximumBatch = 200

    private let state = NIOLockedValueBox(State())
    private let database: @Sendable () -> any Database
    let batched: Bool

    init(batched: Bool, database: @escaping @Sendable () -> any Database) {
        self.batched = batched
        self.database = database
    }

    /// Runs `work` in a transaction and returns once it is committed. `work` may run with other writes in the same
    /// transaction, and may run twice (after a rollback): it must only read and write the database. A failed write
    /// is rolled back on its own and its error thrown here.
    func perform<T: Sendable>(on db: any Database, _ work: @escaping @Sendable (any Database) async throws -> T) async throws -> T {
        guard batched else { return try await db.transaction(work) }
        let result: any Sendable = try await withCheckedThrowingContinuation { continuation in
            let pending = Pending(work: { try await work($0) }, done: { continuation.resume(with: $0) })
            let leads = state.withLockedValue { state -> Bool in
                state.queue.append(pending)
                if state.committing { return false }
                state.committing = true
                return true
            }
            if leads { Task { await self.drain() } }
        }
        guard let value = result as? T else { preconditionFailure("a write's result has the wrong type") }
        return value
    }

    private func drain() async {
        while true {
            let batch = state.withLockedValue { state -> [Pending] in
                let batch = Array(state.queue.prefix(Self.maximumBatch))
                state.queue.removeFirst(batch.count)
                if batch.isEmpty { state.committing = false }
                return batch
            }
            if batch.isEmpty { return }
            await commit(batch)
        }
    }

    /// Makes the transaction a writer from its first statement. SQLite starts a transaction as a reader; one that
    /// reads and then writes fails ("busy in snapshot") when the other connection wrote in between. A write that
    /// changes nothing takes the lock first (what `BEGIN IMMEDIATE` would do, which Fluent does not offer).
    private static func takeWriteLock(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.execute(sql: SQLRaw("UPDATE \(AppSecret.schema) SET name = name WHERE 1 = 0"), { _ in })
    }

    /// Commits a batch in one transaction. When one write of it fails, the whole transaction is rolled back and
    /// each write is then run again in a transaction of its own, so the failure stays with the write that caused
    /// it. (Savepoints would do the same in one go, but SQLite copies every page a savepoint touches.)
    private func commit(_ batch: [Pending]) async {
        let outcomes: [Result<any Sendable, any Error>]
        do {
            outcomes = try await database().transaction { db in
                try await Self.takeWriteLock(db)
                var values: [Result<any Sendable, any Error>] = []
                for pending in batch { values.append(.success(try await pending.work(db))) }
                return values
            }
        } catch {
            for pending in batch {
                do {
                    pending.done(.success(try await database().transaction { db in
                        try await Self.takeWriteLock(db)
                        return try await pending.work(db)
                    }))
                } catch {
                    pending.done(.failure(error))
                }
            }
            return
        }
        for (pending, outcome) in zip(batch, outcomes) { pending.done(outcome) }
    }
}

extension Application {
    private struct GroupCommitKey: StorageKey { typealias Value = GroupCommit }

    /// Set by `configure`: batched on SQLite files, one transaction per write elsewhere.
    var groupCommit: GroupCommit {
        get {
            guard let value = storage[GroupCommitKey.self] else { preconditionFailure("configure(_:_:) sets the group commit") }
            return value
        }
        set { storage[GroupCommitKey.self] = newValue }
    }
}
