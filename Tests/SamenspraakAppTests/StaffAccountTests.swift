import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// A school runs its own accounts: deactivate, reactivate, change role, a new one-time password, sign out everywhere,
/// revoke an invitation; each written to the audit log, and refused where it would leave a school or the trajectory
/// without anyone to run it.
@Suite struct StaffAccountTests {
    static func user(_ app: Application, _ email: String) async throws -> User {
        try #require(try await User.query(on: app.db).filter(\.$email == email).first())
    }

    static func id(_ app: Application, _ email: String) async throws -> String {
        try await user(app, email).requireID().uuidString.lowercased()
    }

    static func audit(_ app: Application, _ action: AccountAuditAction) async throws -> [AuditEntry] {
        try await AuditEntry.query(on: app.db).filter(\.$actionValue == action.rawValue).all()
    }

    @Test func a_lead_deactivates_a_member_who_is_signed_out_at_once_and_refused_at_sign_in() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let member = try await world.browser(app, as: world.memberA)
            let memberID = try await Self.id(app, world.memberA.email)
            let page = try await lead.get("/staff/accounts/\(memberID)")
            #expect(page.status == .ok)
            #expect(page.text.contains("Ik begrijp dat"))

            let response = try await lead.post("/staff/accounts/\(memberID)/deactivate", [("confirm[]", "1")])
            #expect(response.status == .seeOther)
            #expect(response.location == "/staff/accounts/\(memberID)?saved=deactivated")
            #expect(try await lead.get(response.location!).text.contains("Het account is gedeactiveerd."))
            #expect(try await StaffSession.query(on: app.db).filter(\.$user.$id == UUID(uuidString: memberID)!).count() == 0)

            // The member's open browser is signed out: its next staff page sends it to sign-in.
            let next = try await member.get("/staff/schools/\(world.schoolA)")
            #expect(next.status == .seeOther)
            #expect(next.location?.hasPrefix("/login") == true)
            // The right password hears why; a wrong one stays "wrong" and says nothing about the account.
            let refused = try await Browser(app).signIn(world.memberA.email, world.memberA.password)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Dit account is gedeactiveerd."))
            let wrong = try await Browser(app).signIn(world.memberA.email, "niet mijn wachtwoord")
            #expect(wrong.status == .unauthorized)
            #expect(!wrong.text.contains("gedeactiveerd"))

            let entries = try await Self.audit(app, .deactivated)
            #expect(entries.count == 1)
            #expect(entries.first?.subjectEmail == world.memberA.email)
            #expect(entries.first?.actorID == (try await Self.user(app, world.leadA.email)).id)
            #expect(entries.first?.schoolID == UUID(uuidString: world.schoolA))
        }
    }

    @Test func deactivating_without_confirmation_changes_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let memberID = try await Self.id(app, world.memberA.email)
            let response = try await lead.post("/staff/accounts/\(memberID)/deactivate", [])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Vink het vakje aan om te bevestigen."))
            #expect(try await Self.user(app, world.memberA.email).isActive)
            #expect(try await Self.audit(app, .deactivated).isEmpty)
        }
    }

    @Test func a_coordinator_deactivates_and_reactivates_and_the_person_signs_in_again() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let leadID = try await Self.id(app, world.leadB.email)
            #expect(try await coordinator.post("/staff/accounts/\(leadID)/deactivate", [("confirm[]", "1")]).status == .seeOther)
            #expect(try await Browser(app).signIn(world.leadB.email, world.leadB.password).status == .forbidden)
            let staffPage = try await coordinator.get("/staff/schools/\(world.schoolB)/staff")
            #expect(staffPage.text.contains("gedeactiveerd sinds"))
            #expect(staffPage.text.contains("/staff/accounts/\(leadID)"))

            let response = try await coordinator.post("/staff/accounts/\(leadID)/reactivate", [])
            #expect(response.status == .seeOther)
            #expect(try await Self.user(app, world.leadB.email).isActive)
            let signIn = try await Browser(app).signIn(world.leadB.email, world.leadB.password)
            #expect(signIn.status == .seeOther)
            #expect(try await Self.audit(app, .reactivated).count == 1)
        }
    }

    @Test func roles_change_between_member_and_lead_but_never_to_coordinator() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let memberID = try await Self.id(app, world.memberA.email)
            #expect(try await lead.post("/staff/accounts/\(memberID)/role", [("role", "lead")]).status == .seeOther)
            #expect(try await Self.user(app, world.memberA.email).role == .lead)
            #expect(try await coordinator.post("/staff/accounts/\(memberID)/role", [("role", "member")]).status == .seeOther)
            #expect(try await Self.user(app, world.memberA.email).role == .member)
            let entries = try await Self.audit(app, .roleChanged)
            #expect(Set(entries.map(\.detail)) == ["member → lead", "lead → member"])

            for browser in [lead, coordinator] {
                let refused = try await browser.post("/staff/accounts/\(memberID)/role", [("role", "coordinator")])
                #expect(refused.status == .unprocessableEntity)
                #expect(refused.text.contains("Een rol wisselt alleen tussen teamlid en schoolleiding."))
            }
            #expect(try await Self.user(app, world.memberA.email).role == .member)
            let coordinatorID = try await Self.id(app, world.coordinator.email)
            #expect(try await coordinator.post("/staff/accounts/\(coordinatorID)/role", [("role", "lead")]).status == .unprocessableEntity)
            #expect(try await Self.user(app, world.coordinator.email).role == .coordinator)
            #expect(try await Self.audit(app, .roleChanged).count == 2)
        }
    }

    @Test func the_last_lead_cannot_deactivate_or_demote_themselves() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let leadID = try await Self.id(app, world.leadA.email)
            let demote = try await lead.post("/staff/accounts/\(leadID)/role", [("role", "member")])
            #expect(demote.status == .conflict)
            #expect(demote.text.contains("Je bent de enige actieve schoolleiding"))
            let deactivate = try await lead.post("/staff/accounts/\(leadID)/deactivate", [("confirm[]", "1")])
            #expect(deactivate.status == .conflict)
            let user = try await Self.user(app, world.leadA.email)
            #expect(user.role == .lead && user.isActive)
            #expect(try await AuditEntry.query(on: app.db).count() == 0)
            // With a second lead, stepping down is allowed.
            let memberID = try await Self.id(app, world.memberA.email)
            #expect(try await lead.post("/staff/accounts/\(memberID)/role", [("role", "lead")]).status == .seeOther)
            #expect(try await lead.post("/staff/accounts/\(leadID)/role", [("role", "member")]).status == .seeOther)
            #expect(try await Self.user(app, world.leadA.email).role == .member)
        }
    }

    @Test func the_last_coordinator_cannot_be_deactivated() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let coordinatorID = try await Self.id(app, world.coordinator.email)
            let list = try await coordinator.get("/staff/coordinators")
            #expect(list.status == .ok)
            #expect(list.text.contains("/staff/accounts/\(coordinatorID)"))
            let refused = try await coordinator.post("/staff/accounts/\(coordinatorID)/deactivate", [("confirm[]", "1")])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Dit is de laatste actieve coördinator"))
            #expect(try await Self.user(app, world.coordinator.email).isActive)
            // A lead may not even open a coordinator's account.
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.get("/staff/accounts/\(coordinatorID)").status == .forbidden)
        }
    }

    @Test func a_new_one_time_password_works_once_forces_a_change_and_ends_sessions() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let member = try await world.browser(app, as: world.memberA)
            let memberID = try await Self.id(app, world.memberA.email)
            let issued = try await lead.post("/staff/accounts/\(memberID)/one-time-password", [])
            #expect(issued.status == .ok)
            let password = try #require(issued.text.firstMatch(of: /id="one-time-password">([^<]+)</)?.1).description
            #expect(try await member.get("/staff/schools/\(world.schoolA)").location?.hasPrefix("/login") == true)
            #expect(try await Browser(app).signIn(world.memberA.email, world.memberA.password).status == .unauthorized)

            let fresh = Browser(app)
            let signIn = try await fresh.signIn(world.memberA.email, password)
            #expect(signIn.location == "/account/password")
            #expect(try await fresh.get("/staff/schools/\(world.schoolA)").location == "/account/password")
            let change = try await fresh.post("/account/password", [("current_password", password), ("password", "mijn eigen zin hier"),
                                                                   ("password_confirmation", "mijn eigen zin hier")])
            #expect(change.status == .seeOther)
            #expect(try await Browser(app).signIn(world.memberA.email, password).status == .unauthorized)
            #expect(try await Browser(app).signIn(world.memberA.email, "mijn eigen zin hier").status == .seeOther)
            #expect(try await Self.audit(app, .oneTimePasswordIssued).count == 1)
        }
    }

    @Test func sign_out_everywhere_ends_every_session_of_the_account() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let phone = try await world.browser(app, as: world.memberA)
            let laptop = try await world.browser(app, as: world.memberA)
            let memberID = try await Self.id(app, world.memberA.email)
            #expect(try await coordinator.get("/staff/accounts/\(memberID)").text.contains("Een toestel, aangemeld sinds"))
            let response = try await coordinator.post("/staff/accounts/\(memberID)/sign-out-everywhere", [])
            #expect(response.status == .seeOther)
            for browser in [phone, laptop] {
                #expect(try await browser.get("/staff/schools/\(world.schoolA)").location?.hasPrefix("/login") == true)
            }
            #expect(try await Self.user(app, world.memberA.email).isActive)
            #expect(try await Self.audit(app, .signedOutEverywhere).count == 1)
        }
    }

    @Test func a_pending_invitation_can_be_revoked_and_its_link_stops_working() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let issued = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                             [("email", "nieuw@school.be"), ("name", "Nieuwe Juf"), ("role", "member"), ("method", "link")])
            #expect(issued.status == .created)
            let link = try #require(issued.text.firstMatch(of: /href="[^"]*(\/invite\/[^"]+)"/)?.1).description
            let invitation = try #require(try await Invitation.query(on: app.db).filter(\.$email == "nieuw@school.be").first())
            let staffPage = try await lead.get("/staff/schools/\(world.schoolA)/staff")
            let revokePath = "/staff/schools/\(world.schoolA)/invitations/\(invitation.publicID)/revoke"
            #expect(staffPage.text.contains(revokePath))

            // Another school's lead cannot reach it, nor can it be revoked through another school's address.
            let other = try await world.browser(app, as: world.leadB)
            #expect(try await other.post(revokePath, []).status == .forbidden)
            #expect(try await other.post("/staff/schools/\(world.schoolB)/invitations/\(invitation.publicID)/revoke", []).status == .notFound)

            let response = try await lead.post(revokePath, [])
            #expect(response.status == .seeOther)
            #expect(try await lead.get(response.location!).text.contains("De uitnodiging is ingetrokken"))
            #expect(try await Browser(app).get(link).status == .notFound)
            let sent = try await Self.audit(app, .invitationSent)
            #expect(sent.count == 1 && sent.first?.subjectEmail == "nieuw@school.be")
            #expect(try await Self.audit(app, .invitationRevoked).count == 1)
        }
    }

    @Test func members_other_schools_and_strangers_are_refused() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let memberID = try await Self.id(app, world.memberA.email)
            let leadID = try await Self.id(app, world.leadA.email)
            let member = try await world.browser(app, as: world.memberA)
            let otherLead = try await world.browser(app, as: world.leadB)
            for action in ["deactivate", "reactivate", "role", "one-time-password", "sign-out-everywhere"] {
                let path = "/staff/accounts/\(leadID)/\(action)"
                #expect(try await member.post(path, [("confirm[]", "1"), ("role", "member")]).status == .forbidden, "\(path)")
                #expect(try await otherLead.post("/staff/accounts/\(memberID)/\(action)", [("confirm[]", "1"), ("role", "lead")]).status == .forbidden)
                let stranger = try await Browser(app).post(path, [("confirm[]", "1")])
                #expect(stranger.status == .seeOther)
                #expect(stranger.location?.hasPrefix("/login") == true)
            }
            #expect(try await member.get("/staff/schools/\(world.schoolA)/audit").status == .forbidden)
            #expect(try await otherLead.get("/staff/schools/\(world.schoolA)/audit").status == .forbidden)
            #expect(try await AuditEntry.query(on: app.db).count() == 0)
            #expect(try await Self.user(app, world.leadA.email).isActive)
            #expect(try await Self.user(app, world.memberA.email).role == .member)
        }
    }

    @Test func audit_pages_say_who_did_what_to_whom() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let memberID = try await Self.id(app, world.memberA.email)
            #expect(try await lead.post("/staff/accounts/\(memberID)/role", [("role", "lead")]).status == .seeOther)
            clock.advance(seconds: 90)
            _ = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                    [("email", "nieuw@school.be"), ("name", "Nieuwe Juf"), ("role", "member"), ("method", "password")])
            let leadName = try await Self.user(app, world.leadA.email).name
            let memberName = try await Self.user(app, world.memberA.email).name

            let page = try await lead.get("/staff/schools/\(world.schoolA)/audit")
            #expect(page.status == .ok)
            #expect(page.text.contains(leadName))
            #expect(page.text.contains("wijzigde de rol (teamlid → schoolleiding)"))
            #expect(page.text.contains(memberName))
            #expect(page.text.contains("maakte een account met eenmalig wachtwoord"))
            #expect(page.text.contains("nieuw@school.be"))
            // Newest first.
            let made = try #require(page.text.range(of: "maakte een account"))
            let changed = try #require(page.text.range(of: "wijzigde de rol"))
            #expect(made.lowerBound < changed.lowerBound)

            let coordinator = try await world.browser(app, as: world.coordinator)
            let all = try await coordinator.get("/staff/audit")
            #expect(all.status == .ok)
            #expect(all.text.contains("wijzigde de rol"))
            #expect(all.text.contains("Basisschool De Regenboog"))
            #expect(try await lead.get("/staff/audit").status == .forbidden)
            // Another school's log does not show it.
            #expect(!(try await coordinator.get("/staff/schools/\(world.schoolB)/audit").text.contains("wijzigde de rol")))
        }
    }

    @Test func sign_in_records_the_day_and_the_team_page_shows_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            _ = try await world.browser(app, as: world.memberA)
            #expect(try await Self.user(app, world.memberA.email).lastSignInOn == Day(date: app.services.now()))
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/schools/\(world.schoolA)/staff")
            #expect(page.text.contains("21 september 2026"))
            #expect(page.text.contains("nog nooit aangemeld") || page.text.contains("gedeactiveerd sinds"))
        }
    }

    @Test func the_demo_has_a_former_teacher_who_cannot_sign_in_and_whose_stories_say_so() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let former = world.summary.formerStaff
            let refused = try await Browser(app).signIn(former.email, former.password)
            #expect(refused.status == .forbidden)
            #expect(refused.text.contains("Dit account is gedeactiveerd."))
            let formerUser = try await Self.user(app, former.email)
            #expect(!formerUser.isActive)
            let story = try #require(try await Story.query(on: app.db).filter(\.$school.$id == UUID(uuidString: world.schoolA)!).first())
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/stories/\(story.publicID)")
            #expect(page.status == .ok)
            #expect(page.text.contains("\(formerUser.name) (oud-teamlid)"))
            let staffPage = try await lead.get("/staff/schools/\(world.schoolA)/staff")
            #expect(staffPage.text.contains(formerUser.name))
            #expect(staffPage.text.contains("gedeactiveerd sinds"))
        }
    }

    @Test func a_deactivated_former_colleague_is_named_in_english_too() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let story = try #require(try await Story.query(on: app.db).filter(\.$school.$id == UUID(uuidString: world.schoolA)!).first())
            let lead = try await world.browser(app, as: world.leadA)
            lead.acceptLanguage = "en"
            let page = try await lead.get("/staff/stories/\(story.publicID)")
            #expect(page.text.contains("Meester Jonas (former staff member)"))
        }
    }
}

@Suite struct AccountRulesTests {
    @Test func a_lead_may_leave_only_when_another_lead_remains() {
        #expect(AccountRules.checkDeactivation(actorIsSubject: true, subjectRole: .lead, activeLeads: 1, activeCoordinators: 1) == .lastLead)
        #expect(AccountRules.checkDeactivation(actorIsSubject: true, subjectRole: .lead, activeLeads: 2, activeCoordinators: 1) == nil)
        #expect(AccountRules.checkDeactivation(actorIsSubject: false, subjectRole: .lead, activeLeads: 1, activeCoordinators: 1) == nil)
        #expect(AccountRules.checkRoleChange(actorIsSubject: true, subjectRole: .lead, newRole: .member, activeLeads: 1) == .lastLead)
        #expect(AccountRules.checkRoleChange(actorIsSubject: false, subjectRole: .member, newRole: .lead, activeLeads: 1) == nil)
    }

    @Test func the_coordinator_role_is_never_given_or_taken_and_the_last_coordinator_stays() {
        #expect(AccountRules.checkRoleChange(actorIsSubject: false, subjectRole: .member, newRole: .coordinator, activeLeads: 3) == .roleNotAllowed)
        #expect(AccountRules.checkRoleChange(actorIsSubject: false, subjectRole: .coordinator, newRole: .lead, activeLeads: 0) == .roleNotAllowed)
        #expect(AccountRules.checkDeactivation(actorIsSubject: false, subjectRole: .coordinator, activeLeads: 0, activeCoordinators: 1) == .lastCoordinator)
        #expect(AccountRules.checkDeactivation(actorIsSubject: true, subjectRole: .coordinator, activeLeads: 0, activeCoordinators: 2) == nil)
    }
}
