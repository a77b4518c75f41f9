import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Failed sign-ins slow strangers down without locking an account's owner out of their own browser, and one
/// network cannot try a password on account after account.
@Suite struct SignInThrottleTests {
    /// A browser in which `login` signed in once and then signed out again: a known browser of that account.
    func knownBrowser(_ app: Application, _ login: Demo.StaffLogin) async throws -> Browser {
        let browser = Browser(app)
        #expect(try await browser.signIn(login.email, login.password).status == .seeOther)
        #expect(browser.cookies[SignInGuard.deviceCookieName] != nil, "a sign-in makes the browser a known one")
        _ = try await browser.post("/logout", [])
        #expect(browser.cookies[StaffAuthMiddleware.cookieName] == nil)
        return browser
    }

    @Test func a_stranger_keeping_an_account_locked_does_not_lock_out_its_owner() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let owner = try await knownBrowser(app, world.coordinator)
            let stranger = Browser(app)
            for _ in 1...6 { _ = try await stranger.signIn(world.coordinator.email, "raden maar") }
            #expect(try await stranger.signIn(world.coordinator.email, world.coordinator.password).status == .tooManyRequests,
                    "an unknown browser waits, even with the right password")
            // One wrong try an hour keeps unknown browsers waiting…
            clock.advance(seconds: 3600)
            #expect(try await stranger.signIn(world.coordinator.email, "nog eens raden").status == .tooManyRequests)
            // …but the owner's own browser is let in at once, and a typo there is counted there only.
            #expect(try await owner.signIn(world.coordinator.email, "een tikfout").status == .unauthorized)
            #expect(try await owner.signIn(world.coordinator.email, world.coordinator.password).status == .seeOther)
            #expect(try await Browser(app).signIn(world.coordinator.email, world.coordinator.password).status == .tooManyRequests,
                    "the owner's success does not unlock strangers")
        }
    }

    @Test func failures_in_a_known_browser_are_counted_apart() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let owner = try await knownBrowser(app, world.leadA)
            for _ in 1...4 { #expect(try await owner.signIn(world.leadA.email, "fout").status == .unauthorized) }
            let fifth = try await owner.signIn(world.leadA.email, "fout")
            #expect(fifth.status == .tooManyRequests)
            #expect(fifth.text.contains("Te veel mislukte pogingen. Wacht 1 minuten"))
            #expect(try await owner.signIn(world.leadA.email, world.leadA.password).status == .tooManyRequests, "that browser waits")
            #expect(try await SignInAttempt.query(on: app.db).count() == 0, "nothing counted for unknown browsers")
            #expect(try await Browser(app).signIn(world.leadA.email, world.leadA.password).status == .seeOther)
            clock.advance(seconds: 31)
            #expect(try await owner.signIn(world.leadA.email, world.leadA.password).status == .seeOther)
            #expect(try await KnownDevice.query(on: app.db).filter(\.$failures > 0).count() == 0, "success starts the count again")
        }
    }

    @Test func a_known_browser_of_another_account_lifts_no_lock() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await knownBrowser(app, world.leadB)
            for _ in 1...5 { _ = try await Browser(app).signIn(world.leadA.email, "fout") }
            #expect(try await browser.signIn(world.leadA.email, world.leadA.password).status == .tooManyRequests)
        }
    }

    @Test func the_device_cookie_is_stored_only_as_a_hash_and_few_are_kept() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let owner = try await knownBrowser(app, world.memberA)
            let token = try #require(owner.cookies[SignInGuard.deviceCookieName])
            let devices = try await KnownDevice.query(on: app.db).all()
            #expect(devices.count == 1)
            #expect(devices[0].tokenHash == AppServices.hash(token: token) && devices[0].tokenHash != token)
            // Signing in again in the same browser keeps its one row.
            #expect(try await owner.signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            #expect(try await KnownDevice.query(on: app.db).count() == 1)
            for _ in 1...(SignInGuard.addressPolicy.devicesPerAccount + 2) {
                #expect(try await Browser(app).signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            }
            #expect(try await KnownDevice.query(on: app.db).count() == SignInGuard.addressPolicy.devicesPerAccount)
        }
    }

    @Test func one_network_trying_many_accounts_is_refused_for_a_while() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let network = TestNetwork(app)
            let owner = try await knownBrowser(app, world.leadA)
            network.use("203.0.113.9")
            let sprayer = Browser(app)
            let limit = SignInGuard.addressPolicy.failures
            // One password on many accounts, known and unknown: no account reaches its own limit.
            for index in 0..<limit {
                let email = index.isMultiple(of: 2) ? "iemand\(index)@school.be" : [world.leadB.email, world.memberA.email, world.coordinator.email][index % 3]
                let response = try await sprayer.signIn(email, "Welkom2026!")
                #expect(response.status == .unauthorized || response.status == .tooManyRequests)
            }
            let known = try await sprayer.signIn(world.leadB.email, world.leadB.password)
            let unknown = try await sprayer.signIn("niemand@school.be", "Welkom2026!")
            for refused in [known, unknown] {
                #expect(refused.status == .tooManyRequests)
                #expect(refused.text.contains("Te veel mislukte aanmeldingen vanaf dit netwerk. Wacht 15 minuten"))
            }
            #expect(known.text.replacingOccurrences(of: world.leadB.email, with: "niemand@school.be") == unknown.text,
                    "the same answer for an address with an account and one without")
            // Stored per address under a keyed hash, never the address itself.
            let rows = try await SignInAddressFailure.query(on: app.db).all()
            #expect(rows.count == limit)
            #expect(Set(rows.map(\.addressHash)).count == 1)
            #expect(rows.allSatisfy { !$0.addressHash.contains("203.0.113") && $0.addressHash.count == 64 })
            // A known browser on the same network is let in; another network is not affected.
            #expect(try await owner.signIn(world.leadA.email, world.leadA.password).status == .seeOther)
            network.use("198.51.100.7")
            #expect(try await Browser(app).signIn(world.leadB.email, world.leadB.password).status == .seeOther)
            // After the window the network may try again, and the purge forgets the old failures.
            network.use("203.0.113.9")
            clock.advance(seconds: Double(SignInGuard.addressPolicy.windowSeconds) + 1)
            #expect(try await Browser(app).signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            try await SignInGuard.purge(on: app.db, now: clock.now)
            #expect(try await SignInAddressFailure.query(on: app.db).count() == 0)
        }
    }

    @Test func the_purge_forgets_browsers_unused_for_longer_than_their_cookie_lives() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            _ = try await knownBrowser(app, world.leadA)
            try await SignInGuard.purge(on: app.db, now: clock.now)
            #expect(try await KnownDevice.query(on: app.db).count() == 1)
            clock.advance(seconds: Double(SignInGuard.addressPolicy.deviceDays + 2) * 86_400)
            try await SignInGuard.purge(on: app.db, now: clock.now)
            #expect(try await KnownDevice.query(on: app.db).count() == 0)
        }
    }
}
