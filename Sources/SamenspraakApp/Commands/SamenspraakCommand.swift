import ArgumentParser
import Fluent
import Foundation
import Logging
import SamenspraakCore
import Vapor

/// `samenspraak` and its subcommands. The executable only calls `SamenspraakCommand.main()`.
public struct SamenspraakCommand: AsyncParsableCommand {
    public static let configuration = CommandConfiguration(
        commandName: "samenspraak",
        abstract: "Warm school–parent partnerships: surveys, reports, ratings, stories.",
        subcommands: [Serve.self, Migrate.self, DemoCommand.self, UserCommand.self, TokenCommand.self, Purge.self, BackupCommand.self,
                      RestoreCommand.self]
    )

    public init() {}

    /// Parses the command line and runs the chosen subcommand, awaiting the asynchronous ones.
    public static func runFromCommandLine() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            exit(withError: error)
        }
    }
}

/// Options every command shares: which database.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(help: "SQLite file path or postgres:// URL (default: DATABASE_URL, else samenspraak.sqlite).")
    var database: String?

    func configuration() throws -> AppConfiguration {
        var config: AppConfiguration
        do {
            config = try AppConfiguration(environment: ProcessInfo.processInfo.environment)
        } catch {
            throw ValidationError(error.description)
        }
        if let database { config.database = .parse(database) }
        return config
    }
}

/// Starts an application for a command, runs `body`, and always shuts it down.
func withApplication<T>(_ config: AppConfiguration, serving: Bool = false,
                        _ body: (Application) async throws -> T) async throws -> T {
    bootstrapLogging(level: config.logLevel)
    let environment = Environment(name: "production",
                                  arguments: serving ? ["samenspraak", "serve"] : ["samenspraak"])
    let app = try await Application.make(environment)
    do {
        try await configure(app, config, services: config.clockStart.map { AppServices.live.clock(startingAt: $0) } ?? .live)
        let result = try await body(app)
        try await app.asyncShutdown()
        return result
    } catch {
        try? await app.asyncShutdown()
        throw error
    }
}

private let loggingBootstrapped = LockedFlag()

func bootstrapLogging(level: String) {
    guard loggingBootstrapped.setOnce() else { return }
    let logLevel = Logger.Level(rawValue: level) ?? .info
    LoggingSystem.bootstrap { label in JSONLogHandler(label: label, level: logLevel) }
}

final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var isSet = false
    func setOnce() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if isSet { return false }
        isSet = true
        return true
    }
}

struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve Samenspraak over HTTP (runs migrations first).")

    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Option(help: "Address to listen on.") var hostname: String?
    @ArgumentParser.Option(help: "Port to listen on.") var port: Int?
    @ArgumentParser.Flag(help: "Seed the demo trajectory, schools and staff, and print the demo sign-ins.") var demo = false

    func run() async throws {
        var config = try db.configuration()
        if let hostname { config.hostname = hostname }
        if let port { config.port = port }
        if let problem = config.servingProblem { throw ValidationError(problem) }
        try await withApplication(config, serving: true) { app in
            try await app.migrateDatabase()
            if demo {
                let summary = try await Demo.seed(app, voice: true)
                print("Demo sign-ins (password changes each start):")
                for login in summary.staff {
                    print("  \(login.role.padding(toLength: 12, withPad: " ", startingAt: 0)) \(login.email)  \(login.password)")
                }
            } else if let line = try await SetupCode.firstRunLine(app) {
                // On the console only, never in the log: whoever reads it may create the first coordinator.
                print(line)
            }
            print("Samenspraak serves at http://\(config.hostname):\(config.port)  (database: \(config.database.kind))")
            // A console that is a pipe or a file (systemd, a container) would otherwise hold these lines, the setup
            // code among them, in a buffer until much later.
            fflush(nil)
            try await app.execute()
        }
    }
}

struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Bring the database schema up to date.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions

    func run() async throws {
        try await withApplication(try db.configuration()) { app in
            try await app.migrateDatabase()
            print("Database is up to date.")
        }
    }
}

struct Purge: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Delete the conversation cards of talks that ended more than SAMENSPRAAK_CARD_GRACE_DAYS ago, mails sent more than 30 days ago, old reset links, story photos kept over a day for a form, and the welcome rounds of school years that ended (the server also does this every hour).")
    @ArgumentParser.OptionGroup var db: DatabaseOptions

    func run() async throws {
        let config = try db.configuration()
        let deleted = try await withApplication(config) { app in
            try await app.migrateDatabase()
            try await MailOutbox.purge(on: app.db, now: app.services.now())
            try await PendingStoryPhoto.purge(on: app.db, now: app.services.now())
            let rounds = try await WelcomePurge.run(on: app.db, today: Day(date: app.services.now()), end: config.schoolYearEnd)
            if rounds > 0 { print("Deleted \(rounds) welcome rounds of school years that ended.") }
            return try await CardPurge.run(on: app.db, today: Day(date: app.services.now()), graceDays: config.cardGraceDays)
        }
        print("Deleted \(deleted) conversation cards.")
    }
}

struct BackupCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup", abstract: "Write a backup of the database to a new file (SQLite: an online copy; PostgreSQL: pg_dump).")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Argument(help: "The backup file to write.") var file: String

    func run() async throws {
        let config = try db.configuration()
        do {
            try await withApplication(config) { app in try await Backup.make(app: app, config: config, to: file) }
        } catch let failure as Backup.Failure {
            throw ValidationError(failure.description)
        }
        print("Backup written to \(file).")
    }
}

struct RestoreCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "restore", abstract: "Restore a backup into the database (stop the server first; the current data is replaced).")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Argument(help: "The backup file to read.") var file: String

    func run() async throws {
        let config = try db.configuration()
        do {
            try Backup.restore(config: config, from: file)
        } catch let failure as Backup.Failure {
            throw ValidationError(failure.description)
        }
        print("Restored \(file).")
    }
}

struct DemoCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "demo", abstract: "Seed demo data and print what was made.")
    @ArgumentParser.OptionGroup var db: DatabaseOptions
    @ArgumentParser.Flag(help: "Print one JSON object on standard output.") var json = false

    func run() async throws {
        let summary = try await withApplication(try db.configuration()) { app in
            try await app.migrateDatabase()
            return try await Demo.seed(app, voice: true)
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            print(String(decoding: try encoder.encode(summary), as: UTF8.self))
        } else {
            for login in summary.staff { print("\(login.role)\t\(login.email)\t\(login.password)") }
        }
    }
}

struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "user", abstract: "Create staff accounts and reset passwords.",
                                                    subcommands: [Create.self, ResetPassword.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a staff account with a one-time password.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "coordinator, lead or member.") var role: String
        @ArgumentParser.Option(help: "E-mail address (the sign-in name).") var email: String
        @ArgumentParser.Option(help: "Full name.") var name: String
        @ArgumentParser.Option(help: "School id, for a lead or member.") var school: String?

        func run() async throws {
            guard let role = Role(rawValue: role) else { throw ValidationError("--role must be coordinator, lead or member") }
            guard Validate.isEmail(email) else { throw ValidationError("--email is not an e-mail address") }
            var problems: FieldErrors = [:]
            Validate.requiredText(name, field: "name", maxLength: 120, into: &problems)
            guard problems.isEmpty else { throw ValidationError("--name must be 1 to 120 characters") }
            let password = try await withApplication(try db.configuration()) { app -> String in
                try await app.migrateDatabase()
                var schoolID: UUID?
                if role.isSchoolBound {
                    guard let given = school, let id = UUID(uuidString: given),
                          try await School.find(id, on: app.db) != nil else {
                        throw CommandFailure("--school must be the id of an existing school for a \(role.rawValue)")
                    }
                    schoolID = id
                }
                let address = Validate.normalizedEmail(email)
                guard try await User.query(on: app.db).filter(\.$email == address).first() == nil else {
                    throw CommandFailure("an account with this e-mail already exists")
                }
                let password = app.services.oneTimePassword()
                try await User(email: address, name: name, passwordHash: try app.password.hash(password), role: role,
                               schoolID: schoolID, mustChangePassword: true).create(on: app.db)
                return password
            }
            print("Created \(role.rawValue) \(Validate.normalizedEmail(email)). One-time password (to be changed at first sign-in):")
            print(password)
        }
    }

    struct ResetPassword: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "reset-password",
                                                        abstract: "Give an account a new one-time password and sign it out everywhere.")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "E-mail address of the account.") var email: String

        func run() async throws {
            let password = try await withApplication(try db.configuration()) { app -> String in
                try await app.migrateDatabase()
                guard let user = try await User.query(on: app.db).filter(\.$email == Validate.normalizedEmail(email)).first() else {
                    throw CommandFailure("no account with this e-mail")
                }
                let password = app.services.oneTimePassword()
                user.passwordHash = try app.password.hash(password)
                user.mustChangePassword = true
                try await user.save(on: app.db)
                try await StaffSession.query(on: app.db).filter(\.$user.$id == user.requireID()).delete()
                try await SignInAttempt.query(on: app.db).filter(\.$email == user.email).delete()
                return password
            }
            print("New one-time password (to be changed at first sign-in):")
            print(password)
        }
    }
}

/// A command that could not do its work for a reason the operator can fix; printed as "Error: …", no usage.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "Bearer tokens for the read-only JSON API.",
                                                    subcommands: [Create.self, List.self, Revoke.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Make a token; prints it alone on the last line (it is shown only once).")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Option(help: "coordinator or lead.") var role: String
        @ArgumentParser.Option(help: "School id, for a lead.") var school: String?

        func run() async throws {
            guard let role = Role(rawValue: role), role != .member else { throw ValidationError("--role must be coordinator or lead") }
            let token = try await withApplication(try db.configuration()) { app -> String in
                try await app.migrateDatabase()
                var schoolID: UUID?
                if role.isSchoolBound {
                    guard let given = school, let id = UUID(uuidString: given), try await School.find(id, on: app.db) != nil else {
                        throw CommandFailure("--school must be the id of an existing school for a lead")
                    }
                    schoolID = id
                }
                let token = app.services.token()
                try await ApiToken(tokenHash: AppServices.hash(token: token), role: role, schoolID: schoolID).create(on: app.db)
                return token
            }
            print("API token for a \(role.rawValue) (send as `Authorization: Bearer …`; revoke with `samenspraak token revoke`):")
            print(token)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List tokens (never their value).")
        @ArgumentParser.OptionGroup var db: DatabaseOptions

        func run() async throws {
            let lines = try await withApplication(try db.configuration()) { app -> [String] in
                try await app.migrateDatabase()
                return try await ApiToken.query(on: app.db).sort(\.$createdAt).all().map { token in
                    "\(token.id?.uuidString.lowercased() ?? "")\t\(token.roleValue)\t\(token.$school.id?.uuidString.lowercased() ?? "-")\t"
                        + (token.revokedAt == nil ? "active" : "revoked")
                }
            }
            lines.forEach { print($0) }
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Revoke a token by its id (see `token list`).")
        @ArgumentParser.OptionGroup var db: DatabaseOptions
        @ArgumentParser.Argument(help: "The token's id.") var id: String

        func run() async throws {
            try await withApplication(try db.configuration()) { app in
                try await app.migrateDatabase()
                guard let uuid = UUID(uuidString: id), let token = try await ApiToken.find(uuid, on: app.db) else {
                    throw CommandFailure("no token with this id")
                }
                token.revokedAt = app.services.now()
                try await token.save(on: app.db)
            }
            print("Revoked.")
        }
    }
}
