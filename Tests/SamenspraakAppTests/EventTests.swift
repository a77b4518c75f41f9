import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SamenspraakViews
import Testing
import VaporTesting

@Suite struct EventTests {
    func eventID(_ path: String) -> String { String(path.dropFirst("/staff/events/".count)) }

    @Test func the_coordinator_plans_an_event_and_mistakes_keep_what_was_typed() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let path = "/staff/trajectories/\(world.trajectory)/events"
            let before = try await TrajectoryEvent.query(on: app.db).count()
            let wrong = try await coordinator.post(path, [("title", "Workshop <taal>"), ("date", "2026-10-14"), ("starts", "20:00"), ("ends", "19:00"),
                                                          ("meeting_url", "javascript:alert(1)"), ("speaker_role_1", "Lector")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Het einde moet na het begin liggen."))
            #expect(wrong.text.contains("Geef een webadres dat begint met https://."))
            #expect(wrong.text.contains("Geef de naam van de gastspreker."))
            #expect(wrong.text.contains("value=\"Workshop &lt;taal&gt;\""))
            #expect(try await TrajectoryEvent.query(on: app.db).count() == before)
            let made = try await coordinator.post(path, [("title", "Workshop taal"), ("date", "2026-10-14"), ("starts", "19:00"), ("ends", "21:00"),
                                                         ("meeting_url", "https://meet.example.org/taal"), ("programme", "Welkom\nTaal"),
                                                         ("speaker_name_1", "Fatma Yilmaz"), ("speaker_role_1", "Tolk")])
            #expect(made.status == .seeOther)
            let page = try await coordinator.get(try #require(made.location))
            #expect(page.text.contains("14 oktober 2026, 19:00–21:00 (Brusselse tijd, CEST)"))
            #expect(page.text.contains("Fatma Yilmaz"))
            let trajectoryPage = try await coordinator.get("/staff/trajectories/\(world.trajectory)")
            #expect(trajectoryPage.text.contains("Workshop taal"), "the event is on the trajectory's timeline")
        }
    }

    @Test func another_school_is_named_on_an_event_only_when_it_agreed() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.eventPath
            let leadA = try await world.browser(app, as: world.leadA)
            #expect(try await leadA.post("\(path)/registration", [("action", "register"), ("colleagues", "1")]).status == .seeOther)
            let event = try #require(try await TrajectoryEvent.query(on: app.db).all().first { path.hasSuffix($0.publicID) })
            func seenBy(_ login: Demo.StaffLogin) async throws -> [EventShowPage.SchoolCount] {
                let user = try #require(try await User.query(on: app.db).filter(\.$email == login.email).first())
                let req = Request(application: app, on: app.eventLoopGroup.any())
                return try await EventController.showModel(req, user: user, event: event).perSchool
            }
            // Its own school and the coordinator see the name and the people.
            #expect(try await seenBy(world.memberA).map(\.school) == ["Basisschool De Regenboog"])
            #expect(try await seenBy(world.coordinator).map(\.school) == ["Basisschool De Regenboog"])
            // Another school sees the places taken, but neither the school's name nor its people's.
            let hidden = try await seenBy(world.leadB)
            #expect(hidden.map(\.school) == ["Andere scholen"])
            #expect(hidden.first?.people == ["Hun namen worden niet gedeeld"] && hidden.first?.seats == 2)
            let leadB = try await world.browser(app, as: world.leadB)
            #expect(!(try await leadB.get(path)).text.contains("Regenboog"))
            // Once the school agrees to be named to the other schools (the comparison's setting), it is named there too.
            let school = try #require(try await School.find(UUID(uuidString: world.schoolA), on: app.db))
            school.shareName = true
            try await school.save(on: app.db)
            #expect(try await seenBy(world.leadB).map(\.school) == ["Basisschool De Regenboog"])
        }
    }

    @Test func registering_fills_places_then_the_waiting_list_moves_up() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.eventPath
            let lead = try await world.browser(app, as: world.leadA)
            let member = try await world.browser(app, as: world.memberA)
            let before = try await member.get(path)
            #expect(!before.text.contains("meet.example.org/samenspraak-terugkomdag"), "the meeting link is for those registered")
            #expect(before.text.contains("Nog 4 van de 4 plaatsen vrij."))
            let tooMany = try await lead.post("\(path)/registration", [("action", "register"), ("colleagues", "21")])
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.text.contains("Geef een aantal collega's van 0 tot 20."))
            #expect(try await lead.post("\(path)/registration", [("action", "register"), ("colleagues", "2")]).status == .seeOther)
            let full = try await member.post("\(path)/registration", [("action", "register"), ("colleagues", "1")])
            #expect(full.status == .conflict)
            #expect(full.text.contains("Het is volzet: er is niet genoeg plaats."))
            #expect(try await EventRegistration.query(on: app.db).count() == 1)
            #expect(try await member.post("\(path)/registration", [("action", "waitlist"), ("colleagues", "1")]).status == .seeOther)
            let waiting = try await member.get(path)
            #expect(waiting.text.contains("Je staat op de wachtlijst, met 1 collega's."))
            #expect(!waiting.text.contains("meet.example.org/samenspraak-terugkomdag"))
            let registered = try await lead.get(path)
            #expect(registered.text.contains("meet.example.org/samenspraak-terugkomdag"))
            #expect(try await lead.post("\(path)/registration", [("action", "cancel")]).status == .seeOther)
            let moved = try await member.get(path)
            #expect(moved.text.contains("Je bent ingeschreven, met 1 collega's."), "the waiting list moved up")
            #expect(moved.text.contains("meet.example.org/samenspraak-terugkomdag"))
            let coordinator = try await world.browser(app, as: world.coordinator)
            let overview = try await coordinator.get(path)
            #expect(overview.text.contains("<th scope=\"row\">Basisschool De Regenboog</th><td>Leerkracht Basisschool De Regenboog (+1)</td><td>2</td>"))
            // After the day, registering is closed.
            clock.advance(seconds: 80 * 86_400)
            let late = try await world.browser(app, as: world.leadB)
            let refused = try await late.post("\(path)/registration", [("action", "register"), ("colleagues", "0")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Deze bijeenkomst is voorbij; inschrijven kan niet meer."))
        }
    }

    @Test func the_calendar_file_carries_the_link_only_for_those_registered() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = world.summary.eventPath
            let lead = try await world.browser(app, as: world.leadA)
            let unregistered = try await lead.get("\(path)/event.ics")
            #expect(unregistered.headers.first(name: .contentType) == "text/calendar; charset=utf-8")
            #expect(unregistered.text.contains("DTSTART:20261203T123000Z"))
            #expect(unregistered.text.contains("DTEND:20261203T150000Z"))
            #expect(!unregistered.text.contains("meet.example.org"))
            _ = try await lead.post("\(path)/registration", [("action", "register"), ("colleagues", "0")])
            let registered = try await lead.get("\(path)/event.ics")
            #expect(registered.text.replacingOccurrences(of: "\r\n ", with: "").contains("URL:https://meet.example.org/samenspraak-terugkomdag"))
            #expect(registered.text.components(separatedBy: "\r\n").allSatisfy { $0.utf8.count <= 75 })
        }
    }

    @Test func notes_afterwards_reach_all_staff_of_the_trajectory_and_nobody_else() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let workshop = try await member.get(world.summary.workshopPath)
            #expect(workshop.text.contains("Achteraf: notities en links"))
            #expect(workshop.text.contains("Dank aan alle scholen."))
            #expect(workshop.text.contains("https://example.org/samenspraak/kickoff-slides.pdf"))
            #expect(workshop.text.contains("Deze bijeenkomst is voorbij."))
            #expect(!workshop.text.contains("meet.example.org/samenspraak-kickoff"))
            let list = try await member.get("/staff/events")
            #expect(list.text.contains("Kick-off: warme partnerschappen met ouders"))
            // A lead of another trajectory's school sees none of it.
            let other = Trajectory(name: "Ander traject", starts: Day(year: 2026, month: 9, day: 1), ends: Day(year: 2026, month: 12, day: 18))
            try await other.create(on: app.db)
            let school = School(trajectoryID: try other.requireID(),
                                valid: .init(name: "Andere school", levels: [.lager], families: nil, languages: [.nl]))
            try await school.create(on: app.db)
            try await User(email: "lead@andere.be", name: "Andere lead", passwordHash: try app.password.hash("een lang wachtwoord"), role: .lead,
                           schoolID: school.id, mustChangePassword: false).create(on: app.db)
            let outsider = Browser(app)
            _ = try await outsider.signIn("lead@andere.be", "een lang wachtwoord")
            #expect(try await outsider.get(world.summary.workshopPath).status == .forbidden)
            #expect(try await outsider.get("\(world.summary.workshopPath)/event.ics").status == .forbidden)
            #expect(try await outsider.post("\(world.summary.eventPath)/registration", [("action", "register")]).status == .forbidden)
            #expect(!(try await outsider.get("/staff/events")).text.contains("Kick-off"))
        }
    }
}
