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
///
/// Every statement is a trip to SQLite's thread and back, so the writes parents make most are not run one by one
/// but joined: all saved drafts of a batch are one statement (`SurveyDraft.saveAll`), and all sent surveys a
/// handful (`SurveyInbox.sendAll`: one claim of all their drafts, then per wave one read, one delete and one
/// write). On a SQLite file the batches go through a connection of their own (`WriterDatabase`).
final class GroupCommit: Sendable {
    /// One write waiting for the next commit.
    enum Write: Sendable {
        /// Any work on the database, run as it is.
        case work(@Sendable (any Database) async throws -> any Sendable)
        /// A survey sent: joined with the batch's other sends.
        case surveySend(SurveyInbox.Send)
        /// A draft page saved: joined with the batch's other saves.
        case draftSave(SurveyDraft.Save)
    }

    private struct Pending: Sendable {
        let write: Write
        let done: @Sendable (Result<any Sendable, any Error>) -> Void
    }

    private struct State {
        var queue: [Pending] = []
        var committing = false
    }

    /// How many writes one commit holds at most; the rest wait for the next.
    static let maximumBatch = 200

    private let state = NIOLockedValueBox(State())
    private let tuned = NIOLockedValueBox(false)
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
        let result = try await submit(.work { try await work($0) })
        guard let value = result as? T else { preconditionFailure("a write's result has the wrong type") }
        return value
    }

    /// Sends a survey (see `SurveyInbox.sendAll`); throws `DraftAlreadySent` when its draft was sent before.
    func send(_ send: SurveyInbox.Send, on db: any Database) async throws {
        guard batched else {
            return try await db.transaction { db in try await SurveyInbox.sendAll([send], on: db)[0].get() } as Void
        }
        _ = try await submit(.surveySend(send))
    }

    /// Saves a draft's answers, language and expiry.
    func save(_ save: SurveyDraft.Save, on db: any Database) async throws {
        guard batched else { return try await SurveyDraft.saveAll([save], on: db) }
        _ = try await submit(.draftSave(save))
    }

    /// How many writes wait for the next commit (for tests).
    var waiting: Int { state.withLockedValue { $0.queue.count } }

    private func submit(_ write: Write) async throws -> any Sendable {
        try await withCheckedThrowingContinuation { continuation in
            let pending = Pending(write: write, done: { continuation.resume(with: $0) })
            let leads = state.withLockedValue { state -> Bool in
                state.queue.append(pending)
                if state.committing { return false }
                state.committing = true
                return true
            }
            if leads { Task(priority: .high) { await self.drain() } }
        }
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
    /// changes nothing takes the lock first (what `BEGIN IMMEDIATE` would do, which Fluent does not offer). Deleted
    /// rows are overwritten, not left readable in free pages (a sent draft, an earlier state of one).
    private static func takeWriteLock(_ db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.execute(sql: SQLRaw("UPDATE \(AppSecret.schema) SET name = name WHERE 1 = 0"), { _ in })
        try await sql.execute(sql: SQLRaw("PRAGMA secure_delete = ON"), { _ in })
    }

    /// Sets the writer's connection up for batches, once, outside a transaction (SQLite refuses some settings in
    /// one). They only make it faster, so a connection made again later without them is merely slower:
    /// - a page cache of 16 MB and statement journals in memory: a release writes each answer at a random place in
    ///   the answers' table and indexes (the ids are random), and with SQLite's 2 MB a batch spilled pages to the
    ///   log and read them back before its commit;
    /// - a checkpoint every 8,000 log pages rather than 1,000: the checkpoint runs in a commit, and a page written
    ///   by many batches in between is copied once.
    private func tune() async {
        guard !tuned.withLockedValue({ $0 }), let sql = database() as? any SQLDatabase, sql.dialect.name == "sqlite" else { return }
        for setting in ["cache_size = -16384", "temp_store = MEMORY", "wal_autocheckpoint = 8000"] {
            try? await sql.execute(sql: SQLRaw("PRAGMA \(setting)"), { _ in })
        }
        tuned.withLockedValue { $0 = true }
    }

    /// Commits a batch in one transaction. When one write of it fails, the whole transaction is rolled back and
    /// each write is then run again in a transaction of its own, so the failure stays with the write that caused
    /// it. (Savepoints would do the same in one go, but SQLite copies every page a savepoint touches.)
    private func commit(_ batch: [Pending]) async {
        await tune()
        let outcomes: [Result<any Sendable, any Error>]
        do {
            outcomes = try await database().transaction { db in
                try await Self.takeWriteLock(db)
                return try await Self.run(batch.map(\.write), on: db)
            }
        } catch {
            for pending in batch {
                do {
                    pending.done(try await database().transaction { db in
                        try await Self.takeWriteLock(db)
                        return try await Self.run([pending.write], on: db)[0]
                    })
                } catch {
                    pending.done(.failure(error))
                }
            }
            return
        }
        for (pending, outcome) in zip(batch, outcomes) { pending.done(outcome) }
    }

    /// Runs a batch's writes in the open transaction: the saved drafts first (a parent's save is acknowledged
    /// before the same parent can send), then the sends, then the other work in the order it came. A send whose
    /// draft was sent already fails on its own; any thrown error fails the whole batch.
    private static func run(_ writes: [Write], on db: any Database) async throws -> [Result<any Sendable, any Error>] {
        var outcomes = [Result<any Sendable, any Error>](repeating: .success(()), count: writes.count)
        let saves = writes.compactMap { write -> SurveyDraft.Save? in if case let .draftSave(save) = write { save } else { nil } }
        if !saves.isEmpty { try await SurveyDraft.saveAll(saves, on: db) }
        let sends = writes.enumerated().compactMap { index, write -> (Int, SurveyInbox.Send)? in
            if case let .surveySend(send) = write { (index, send) } else { nil }
        }
        if !sends.isEmpty {
            for ((index, _), outcome) in zip(sends, try await SurveyInbox.sendAll(sends.map(\.1), on: db)) {
                outcomes[index] = outcome.map { $0 as any Sendable }
            }
        }
        for (index, write) in writes.enumerated() {
            if case let .work(work) = write { outcomes[index] = .success(try await work(db)) }
        }
        return outcomes
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
