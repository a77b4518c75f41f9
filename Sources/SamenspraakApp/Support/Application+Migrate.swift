import Fluent
import Foundation
import FluentPostgresDriver
import SQLKit
import Vapor

extension Application {
    /// The number of the PostgreSQL advisory lock held while the schema is brought up to date (any fixed number
    /// nothing else in the app uses; the survey inbox's locks are per wave and taken per transaction).
    static let migrationLockKey: Int64 = 0x5361_6D65_6E00_0031

    /// Brings the schema up to date, also when several app servers start at once on one PostgreSQL database.
    ///
    /// Fluent's migrator reads which migrations ran and then runs the others: two servers doing that side by side
    /// would both create the same tables, and one would fail. On PostgreSQL each server first takes a session
    /// advisory lock on a connection of its own (outside the pool, whose one connection per event loop the
    /// migrations need) and holds it for the whole run: one migrates, the others wait and then find nothing left to
    /// do. The lock belongs to that connection, so a server killed while migrating frees it. SQLite needs no lock:
    /// a SQLite file serves one app server.
    func migrateDatabase() async throws {
        guard case let .postgres(url) = samenspraakConfig.database else { return try await autoMigrate() }
        let configuration = try SQLPostgresConfiguration(url: url)
        let connection = try await PostgresConnection.connect(on: eventLoopGroup.any(), configuration: configuration.coreConfiguration,
                                                              id: 0, logger: logger)
        do {
            let sql = connection.sql()
            try await sql.perform("SELECT pg_advisory_lock(\(bind: Self.migrationLockKey))")
            try await autoMigrate()
            try await sql.perform("SELECT pg_advisory_unlock(\(bind: Self.migrationLockKey))")
        } catch {
            try? await connection.close()
            throw error
        }
        try await connection.close()
    }
}
