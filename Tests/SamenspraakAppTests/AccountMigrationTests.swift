import Fluent
import FluentKit
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// Schema 018: accounts of an earlier schema stay active and can sign in, open invitations stay open.
@Suite struct AccountMigrationTests {
    @Test func accounts_and_invitations_of_schema_017_stay_active_and_open() async throws {
        try await withTestApp(migrate: false) { app, clock in
            try await MigrationTests.migrate(app, before: "018")
            let sql = try MigrationTests.sql(app)
            let trajectory = UUID(), school = UUID(), user = UUID()
            try await sql.insert(into: "trajectories").columns("id", "name", "starts_on", "ends_on")
                .values(SQLBind(trajectory), SQLBind("Traject 2026"), SQLBind("2026-09-01"), SQLBind("2027-01-31")).run()
            try await sql.insert(into: "schools").columns("id", "trajectory_id", "name", "levels", "languages")
                .values(SQLBind(school), SQLBind(trajectory), SQLBind("De Linde"), SQLBind("lager"), SQLBind("nl")).run()
            try await sql.insert(into: "users").columns("id", "email", "name", "password_hash", "role", "must_change_password", "school_id")
                .values(SQLBind(user), SQLBind("juf@linde.be"), SQLBind("Juf Linde"), SQLBind(try app.password.hash("een lange zin hier")),
                        SQLBind("member"), SQLBind(false), SQLBind(school)).run()
            try await sql.insert(into: "invitations").columns("id", "token_hash", "email", "name", "role", "expires_at", "school_id")
                .values(SQLBind(UUID()), SQLBind("h"), SQLBind("nieuw@linde.be"), SQLBind(""), SQLBind("member"),
                        SQLBind(clock.now.addingTimeInterval(3600)), SQLBind(school)).run()
            try await app.autoMigrate()

            let migrated = try #require(try await User.find(user, on: app.db))
            #expect(migrated.isActive)
            #expect(migrated.lastSignInOn == nil)
            let invitation = try #require(try await Invitation.query(on: app.db).first())
            #expect(invitation.isOpen(at: clock.now))
            #expect(try await AuditEntry.query(on: app.db).count() == 0)
            #expect(try await Browser(app).signIn("juf@linde.be", "een lange zin hier").status == .seeOther)
            #expect(try await User.find(user, on: app.db)?.lastSignInOn == Day(date: clock.now))

            // And back: the migration can be taken back on its own.
            try await app.migrator.revertLastBatch().get()
        }
    }
}
