import Fluent
import Foundation
import SQLKit
import Vapor

/// Backups that a school board can keep and restore. SQLite: an online copy with `VACUUM INTO` (consistent
/// while the server runs; photos are in the database, so one file holds everything). PostgreSQL: `pg_dump` in
/// its custom format, restored with `pg_restore`.
enum Backup {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Writes a backup of the configured database to `file` (which must not exist yet).
    static func make(app: Application, config: AppConfiguration, to file: String) async throws {
        guard !FileManager.default.fileExists(atPath: file) else { throw Failure(description: "\(file) exists already; choose a new name") }
        switch config.database {
        case .sqliteFile, .sqliteMemory:
            guard let sql = app.db as? any SQLDatabase else { throw Failure(description: "no SQL database") }
            try await sql.execute(sql: "VACUUM INTO \(bind: file)" as SQLQueryString) { _ in }
        case let .postgres(url):
            try run("pg_dump", ["--format=custom", "--no-owner", "--file", file, "--dbname", url])
        }
    }

    /// Restores `file` into the configured database. SQLite: the file replaces the database file (stop the server
    /// first). PostgreSQL: the dump replaces the tables of the database.
    static func restore(config: AppConfiguration, from file: String) throws {
        guard FileManager.default.fileExists(atPath: file) else { throw Failure(description: "\(file) does not exist") }
        switch config.database {
        case let .sqliteFile(path):
            let header = try FileHandle(forReadingFrom: URL(fileURLWithPath: file)).read(upToCount: 16) ?? Data()
            guard header == Data("SQLite format 3\0".utf8) else { throw Failure(description: "\(file) is not an SQLite backup") }
            let manager = FileManager.default
            for suffix in ["-wal", "-shm"] where manager.fileExists(atPath: path + suffix) { try manager.removeItem(atPath: path + suffix) }
            if manager.fileExists(atPath: path) { try manager.removeItem(atPath: path) }
            try manager.copyItem(atPath: file, toPath: path)
        case .sqliteMemory:
            throw Failure(description: "an in-memory database cannot be restored into")
        case let .postgres(url):
            try run("pg_restore", ["--clean", "--if-exists", "--no-owner", "--single-transaction", "--dbname", url, file])
        }
    }

    /// Runs a PostgreSQL client program, found on the PATH or in Debian's versioned directories.
    static func run(_ program: String, _ arguments: [String]) throws {
        let candidates = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map { "\($0)/\(program)" }
            + (["17", "16", "15", "14", "13"].map { "/usr/lib/postgresql/\($0)/bin/\(program)" })
        guard let executable = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw Failure(description: "\(program) not found; install the PostgreSQL client (Debian: postgresql-client)")
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            throw Failure(description: "\(program) failed: \(message.trimmingCharacters(in: .whitespacesAndNewlines))")
        }
    }
}
