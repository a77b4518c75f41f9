import Fluent
import Foundation
@testable import SamenspraakApp
import SQLKit
import Testing
import VaporTesting

/// Several app servers on one database (see README, "Running several app servers"): started at the same moment
/// on an empty database, they migrate once and end with one key made on first use. On PostgreSQL the servers
/// migrate and make the key side by side (the advisory lock, the insert that ignores a taken name); a SQLite file
/// serves one server and takes one writer at a time, so there the second one does both after the first.
/// reliability/test_two_servers.py does this with real processes.
@Suite struct SeveralServersTests {
    /// A second application on the same database as `app`, with nothing in memory, for `body`.
    static func withSecondServer(of app: Application, _ body: (Application) async throws -> Void) async throws {
        let other = try await Application.make(.testing)
        do {
            try await configure(other, app.samenspraakConfig)
            try await body(other)
        } catch {
            try? await other.asyncShutdown()
            throw error
        }
        try await other.asyncShutdown()
    }

    @Test func two_servers_starting_at_once_migrate_once_and_make_one_key() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samenspraak-servers-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("shared.sqlite").path
        try await withTestApp(configure: { config in
            if config.database == .sqliteMemory { config.database = .sqliteFile(file) }
        }, migrate: false) { app, _ in
            try await Self.withSecondServer(of: app) { other in
                let onPostgres = (app.db as? any SQLDatabase)?.dialect.name == "postgresql"
                if onPostgres {
                    async let first: Void = app.migrateDatabase()
                    async let second: Void = other.migrateDatabase()
                    _ = try await (first, second)
                } else {
                    try await app.migrateDatabase()
                    try await other.migrateDatabase()
                }
                let sql = try #require(app.db as? any SQLDatabase)
                let names = try await sql.select().column("name").from("_fluent_migrations").all()
                    .map { try $0.decode(column: "name", as: String.self) }
                #expect(names.count == Migrations.all.count)
                #expect(Set(names).count == names.count, "a migration ran twice")

                // Both make the key on first use at the same moment, one of them inside a transaction (on SQLite,
                // whose file takes one writer at a time, one after the other).
                let a: String, b: String
                if onPostgres {
                    async let firstKey = app.setupCode(on: app.db)
                    async let secondKey = other.db.transaction { db in try await other.setupCode(on: db) }
                    (a, b) = try await (firstKey, secondKey)
                } else {
                    a = try await app.setupCode(on: app.db)
                    b = try await other.db.transaction { db in try await other.setupCode(on: db) }
                }
                #expect(a == b, "the servers use different keys")
                #expect(try await AppSecret.query(on: app.db).filter(\.$name == "code_hmac_key").count() == 1)
            }
        }
    }
}
