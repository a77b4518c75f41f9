import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The one scope check (`req.authorized`): who is sent to sign in, refused or told "not found", and in which order.
@Suite struct ScopeTests {
    @Test func someone_elses_row_is_refused_an_unknown_one_is_not_found() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let waveA = world.summary.waveIDs[0]
            let leadA = try await world.browser(app, as: world.leadA)
            let leadB = try await world.browser(app, as: world.leadB)
            #expect(try await leadA.get("/staff/waves/\(waveA)").status == .ok)
            #expect(try await leadB.get("/staff/waves/\(waveA)").status == .forbidden)
            #expect(try await leadA.get("/staff/waves/\(UUID())").status == .notFound)
            #expect(try await leadA.get("/staff/waves/not-an-id").status == .notFound)
            let anonymous = try await Browser(app).get("/staff/waves/\(waveA)")
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location?.hasPrefix("/login") == true)
        }
    }

    @Test func a_school_is_its_own_scope_so_another_schools_id_is_refused_before_it_is_looked_up() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let leadA = try await world.browser(app, as: world.leadA)
            // A lead learns nothing about which school ids exist: any other id is refused alike.
            #expect(try await leadA.get("/staff/schools/\(world.schoolB)").status == .forbidden)
            #expect(try await leadA.get("/staff/schools/\(UUID())").status == .forbidden)
            let coordinator = try await world.browser(app, as: world.coordinator)
            #expect(try await coordinator.get("/staff/schools/\(UUID())").status == .notFound)
        }
    }

    @Test func a_role_that_may_never_do_it_is_refused_before_anything_is_loaded() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            // Members never read reports: refused alike for their own wave and for an id that does not exist.
            #expect(try await member.get("/staff/waves/\(world.summary.waveIDs[0])/report").status == .forbidden)
            #expect(try await member.get("/staff/waves/\(UUID())/report").status == .forbidden)
        }
    }
}
