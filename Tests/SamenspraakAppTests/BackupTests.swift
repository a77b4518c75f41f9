import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

@Suite struct BackupTests {
    /// What a school sees that must survive a backup: the report's CSV, the public profile, the stories site.
    static func snapshot(_ app: Application, _ world: DemoWorld) async throws -> [String] {
        let lead = try await world.browser(app, as: world.leadA)
        return [
            // Its rows come shuffled on every download: compared as a set.
            try await lead.get("/staff/waves/\(world.summary.waveID)/report.csv").text.split(separator: "\r\n").sorted().joined(separator: "\r\n"),
            try await Browser(app).get(world.summary.profilePath).text,
            try await Browser(app).get("/stories").text,
            String(try await ConversationCard.query(on: app.db).count()),
            String(try await StoryPhoto.query(on: app.db).count() + (try await MomentRating.query(on: app.db).count())),
        ]
    }

    /// Opens a second application on `database` and returns its snapshot.
    static func snapshot(of database: AppConfiguration.Database, _ world: DemoWorld) async throws -> [String] {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, AppConfiguration(database: database, bcryptCost: 4, scheduledJobs: false))
            let result = try await snapshot(app, world)
            try await app.asyncShutdown()
            return result
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
    }

    @Test func an_sqlite_backup_restores_to_the_same_reports() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samenspraak-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let original = directory.appendingPathComponent("school.sqlite").path
        let backup = directory.appendingPathComponent("school.backup").path
        let restored = directory.appendingPathComponent("restored.sqlite").path
        var world: DemoWorld?
        var before: [String] = []
        try await withTestApp(configure: { $0.database = .sqliteFile(original) }) { app, _ in
            world = try await DemoWorld.seed(app, answers: true)
            before = try await Self.snapshot(app, try #require(world))
            try await Backup.make(app: app, config: AppConfiguration(database: .sqliteFile(original)), to: backup)
            await #expect(throws: Backup.Failure.self) {
                try await Backup.make(app: app, config: AppConfiguration(database: .sqliteFile(original)), to: backup)
            }
        }
        try Backup.restore(config: AppConfiguration(database: .sqliteFile(restored)), from: backup)
        let after = try await Self.snapshot(of: .sqliteFile(restored), try #require(world))
        #expect(before[0].split(separator: "\r\n").count == 37, "the report's CSV: a header and 36 answers")
        #expect(after == before)
        #expect(throws: Backup.Failure.self) { try Backup.restore(config: AppConfiguration(database: .sqliteFile(restored)), from: original + ".none") }
    }

    @Test func a_postgresql_backup_restores_to_the_same_reports() async throws {
        guard let adminURL = ProcessInfo.processInfo.environment["TEST_DATABASE_URL"], !adminURL.isEmpty else { return }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("samenspraak-backup-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let backup = directory.appendingPathComponent("school.dump").path
        var world: DemoWorld?
        var before: [String] = []
        try await withTestApp { app, _ in
            world = try await DemoWorld.seed(app, answers: true)
            before = try await Self.snapshot(app, try #require(world))
            try await Backup.make(app: app, config: app.samenspraakConfig, to: backup)
        }
        let name = "samenspraak_r_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try await PostgresTestDatabase.run("CREATE DATABASE \(name)", adminURL: adminURL)
        let url = PostgresTestDatabase.url(adminURL, database: String(name))
        do {
            try Backup.restore(config: AppConfiguration(database: .postgres(url)), from: backup)
            let after = try await Self.snapshot(of: .postgres(url), try #require(world))
            #expect(after == before)
        } catch {
            await PostgresTestDatabase.drop(String(name), adminURL: adminURL)
            throw error
        }
        await PostgresTestDatabase.drop(String(name), adminURL: adminURL)
    }
}
