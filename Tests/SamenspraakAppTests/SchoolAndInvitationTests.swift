import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

@Suite struct SchoolTests {
    @Test func coordinator_adds_a_school_with_levels_families_and_languages() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let form = try await browser.get("/staff/trajectories/\(world.trajectory)/schools/new")
            // Every shipped language can be offered, each saying how far its translation is.
            #expect(form.text.contains("<label for=\"languages-nl\"><span lang=\"nl\">Nederlands</span> <span class=\"muted\">brontekst</span></label>"))
            #expect(form.text.contains("<label for=\"languages-ti\"><span lang=\"ti\">ትግርኛ</span> <span class=\"muted\">ontwerpvertaling, nog niet nagelezen</span></label>"))
            #expect(LanguageCode.builtIn.allSatisfy { form.text.contains("id=\"languages-\($0.rawValue)\"") })
            let response = try await browser.post("/staff/trajectories/\(world.trajectory)/schools", [
                ("name", "Basisschool Het Anker"), ("levels[]", "kleuter"), ("levels[]", "lager"), ("families", "95"),
                ("languages[]", "nl"), ("languages[]", "ar"), ("languages[]", "uk"), ("languages[]", "prs"),
            ])
            #expect(response.status == .seeOther)
            let school = try #require(try await School.query(on: app.db).filter(\.$name == "Basisschool Het Anker").first())
            #expect(school.levels == [.kleuter, .lager])
            #expect(school.families == 95)
            #expect(school.languages == [.nl, .ar, .uk, .prs])
            #expect(response.location == "/staff/schools/\(school.publicID)?saved=1")
            let page = try await browser.get(response.location!)
            #expect(page.text.contains("De school is bewaard."))
            #expect(page.text.contains("<li lang=\"uk\">Українська</li>"))
            let trajectory = try await browser.get("/staff/trajectories/\(world.trajectory)")
            #expect(trajectory.text.contains("Basisschool Het Anker"))
        }
    }

    @Test func a_school_form_with_errors_keeps_input_and_saves_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let before = try await School.query(on: app.db).count()
            let response = try await browser.post("/staff/trajectories/\(world.trajectory)/schools", [
                ("name", ""), ("families", "veel"), ("languages[]", "ar"),
            ])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Vul dit in."))
            #expect(response.text.contains("Kies kleuter, lager of allebei."))
            #expect(response.text.contains("Geef een getal van 1 tot 5000, of laat dit leeg."))
            #expect(response.text.contains("value=\"veel\""))
            #expect(response.text.contains("value=\"ar\" checked"))
            #expect(try await School.query(on: app.db).count() == before)
        }
    }

    @Test func hostile_school_name_is_shown_as_text_everywhere() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let hostile = "<script>alert(1)</script>\" onmouseover=\"x"
            let created = try await browser.post("/staff/trajectories/\(world.trajectory)/schools", [
                ("name", hostile), ("levels[]", "lager"), ("languages[]", "nl"),
            ])
            let schoolPath = try #require(created.location?.components(separatedBy: "?").first)
            for path in [schoolPath, "/staff/trajectories/\(world.trajectory)", "\(schoolPath)/edit", "\(schoolPath)/staff"] {
                let page = try await browser.get(path)
                #expect(page.status == .ok)
                #expect(!page.text.contains("<script>alert(1)</script>"), "raw script on \(path)")
                #expect(page.text.firstMatch(of: #/<[a-z]+[^<>]*\sonmouseover="/#) == nil, "attribute break-out on \(path)")
                #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"), "visible as text on \(path)")
            }
        }
    }

    @Test func a_lead_edits_their_own_school() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.leadA)
            let form = try await browser.get("/staff/schools/\(world.schoolA)/edit")
            #expect(form.text.contains("value=\"Basisschool De Regenboog\""))
            let response = try await browser.post("/staff/schools/\(world.schoolA)", [
                ("name", "Basisschool De Regenboog"), ("levels[]", "kleuter"), ("families", "200"), ("languages[]", "nl"),
                ("languages[]", "tr"),
            ])
            #expect(response.status == .seeOther)
            let school = try #require(try await School.find(UUID(uuidString: world.schoolA), on: app.db))
            #expect(school.families == 200)
            #expect(school.levels == [.kleuter])
            #expect(school.languages == [.nl, .tr])
        }
    }

    @Test func a_member_sees_their_school_without_management_links() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let page = try await (try await world.browser(app, as: world.memberA)).get("/staff/schools/\(world.schoolA)")
            #expect(page.status == .ok)
            #expect(!page.text.contains("/staff/schools/\(world.schoolA)/staff\""), "no team link for a member")
            #expect(!page.text.contains("/edit\""))
            #expect(!page.text.contains("/staff/trajectories/"))
        }
    }

    @Test func unknown_or_malformed_school_ids_are_not_found() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            #expect(try await browser.get("/staff/schools/not-a-uuid").status == .notFound)
            #expect(try await browser.get("/staff/schools/\(UUID().uuidString)").status == .notFound)
            #expect(try await browser.get("/staff/trajectories/\(UUID().uuidString)").status == .notFound)
        }
    }

    @Test func trajectory_is_created_with_its_six_phases() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let browser = try await world.browser(app, as: world.coordinator)
            let bad = try await browser.post("/staff/trajectories", [("name", "Traject"), ("starts_on", "2027-09-01"), ("ends_on", "2027-09-02")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("De einddatum moet minstens 5 dagen na de begindatum liggen."))
            #expect(bad.text.contains("value=\"2027-09-02\""))
            let good = try await browser.post("/staff/trajectories", [("name", "Traject 2027"), ("starts_on", "2027-09-01"), ("ends_on", "2027-12-17")])
            #expect(good.status == .seeOther)
            let page = try await browser.get(good.location!)
            for phase in ["Workshop", "Ouderbevraging", "Teambevraging", "Rapporten", "Actieplannen", "Verhalen"] {
                #expect(page.text.contains("<h3>\(phase)</h3>"))
            }
            #expect(page.text.contains("1 september 2027 tot 17 december 2027"))
            #expect(try await TrajectoryPhase.query(on: app.db).count() == 12)
        }
    }
}

@Suite struct InvitationTests {
    func issuedLink(_ page: String) throws -> String {
        let marker = "id=\"invite-link\" href=\""
        let start = try #require(page.range(of: marker)).upperBound
        let end = try #require(page[start...].firstIndex(of: "\""))
        return String(page[start..<end])
    }

    @Test func invited_lead_sets_a_password_and_is_signed_in_to_their_school() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let issued = try await coordinator.post("/staff/schools/\(world.schoolB)/invitations",
                                                    [("name", ""), ("email", "Nieuwe.Directie@School.be"), ("role", "lead"), ("method", "link")])
            #expect(issued.status == .created)
            let link = try issuedLink(issued.text)
            #expect(link.hasPrefix("http://"))
            let path = try #require(URLComponents(string: link)?.path)
            let token = String(path.dropFirst("/invite/".count))
            #expect(try await Invitation.query(on: app.db).filter(\.$tokenHash == token).count() == 0, "the token is not stored")
            let staffPage = try await coordinator.get("/staff/schools/\(world.schoolB)/staff")
            #expect(staffPage.text.contains("nieuwe.directie@school.be als schoolleiding"))

            let invitee = Browser(app)
            let form = try await invitee.get(path)
            #expect(form.status == .ok)
            #expect(form.text.contains("Kleuterschool Het Klavertje"))
            let mismatch = try await invitee.post(path, [("name", "Sara"), ("password", "een lange zin"), ("password_confirmation", "iets anders")])
            #expect(mismatch.status == .unprocessableEntity)
            #expect(mismatch.text.contains("De twee wachtwoorden zijn niet gelijk."))
            #expect(mismatch.text.contains("value=\"Sara\""))
            let accepted = try await invitee.post(path, [("name", "Sara Directie"), ("password", "een lange zin"),
                                                         ("password_confirmation", "een lange zin")])
            #expect(accepted.status == .seeOther)
            let home = try await invitee.get("/staff")
            #expect(home.location == "/staff/schools/\(world.schoolB)")
            let user = try #require(try await User.query(on: app.db).filter(\.$email == "nieuwe.directie@school.be").first())
            #expect(user.role == .lead)
            #expect(user.$school.id?.uuidString.lowercased() == world.schoolB)
            #expect(try await Browser(app).signIn("nieuwe.directie@school.be", "een lange zin").status == .seeOther)

            let reused = try await Browser(app).get(path)
            #expect(reused.status == .notFound)
            #expect(reused.text.contains("Deze uitnodiging werkt niet meer"))
        }
    }

    @Test func a_closed_link_says_why_without_revealing_more() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            func issue(_ email: String) async throws -> String {
                let issued = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                                 [("email", email), ("role", "member"), ("method", "link")])
                return try #require(URLComponents(string: try issuedLink(issued.text))?.path)
            }
            let used = try await issue("juf.gebruikt@school.be")
            let withdrawn = try await issue("juf.ingetrokken@school.be")
            let late = try await issue("juf.laat@school.be")

            let accepted = try await Browser(app).post(used, [("name", "Juf Els"), ("password", "een lange zin"),
                                                              ("password_confirmation", "een lange zin")])
            #expect(accepted.status == .seeOther)
            let invitation = try #require(try await Invitation.query(on: app.db).filter(\.$email == "juf.ingetrokken@school.be").first())
            let revoked = try await lead.post("/staff/schools/\(world.schoolA)/invitations/\(invitation.publicID)/revoke", [])
            #expect(revoked.status == .seeOther)

            let again = try await Browser(app).get(used)
            #expect(again.status == .notFound)
            #expect(again.text.contains("je account bestaat"))
            #expect(again.text.contains("<p><a href=\"/login\">Aanmelden</a></p></div></main>"), "a sign-in link in the page itself")
            #expect(!again.text.contains("Juf Els") && !again.text.contains("juf.gebruikt"))
            #expect(!again.text.contains("nieuwe link"))
            let postedAgain = try await Browser(app).post(used, [("name", "X"), ("password", "een lange zin"),
                                                                 ("password_confirmation", "een lange zin")])
            #expect(postedAgain.status == .notFound)
            #expect(postedAgain.text.contains("je account bestaat"))

            let gone = try await Browser(app).get(withdrawn)
            #expect(gone.status == .notFound)
            #expect(gone.text.contains("ingetrokken"))
            #expect(!gone.text.contains("<p><a href=\"/login\">Aanmelden</a></p></div></main>"))

            let unknown = try await Browser(app).get("/invite/geen-echte-link")
            #expect(unknown.status == .notFound)
            #expect(unknown.text.contains("onvolledig of onbekend"))

            clock.advance(seconds: 8 * 24 * 3600)
            let expired = try await Browser(app).get(late)
            #expect(expired.status == .notFound)
            #expect(expired.text.contains("verlopen"))
            #expect(expired.text.contains("nieuwe link"))
        }
    }

    @Test func a_school_without_an_active_lead_asks_first_for_its_lead() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let led = try await coordinator.get("/staff/schools/\(world.schoolB)")
            #expect(!led.text.contains("Eerste stap: nodig de schoolleiding uit"))
            #expect(try await coordinator.get("/staff/schools/\(world.schoolB)/staff").text.contains("value=\"member\" checked"))

            let lead = try #require(try await User.query(on: app.db).filter(\.$email == world.leadB.email).first())
            lead.deactivatedAt = Date()
            try await lead.save(on: app.db)
            let school = try await coordinator.get("/staff/schools/\(world.schoolB)")
            #expect(school.text.contains("Eerste stap: nodig de schoolleiding uit"))
            #expect(school.text.contains("class=\"button\" href=\"/staff/schools/\(world.schoolB)/staff\""))
            #expect(!school.text.contains("class=\"button\" href=\"/staff/schools/\(world.schoolB)/waves/new\""))
            let staff = try await coordinator.get("/staff/schools/\(world.schoolB)/staff")
            #expect(staff.text.contains("value=\"lead\" checked"))
            #expect(!staff.text.contains("value=\"member\" checked"))
        }
    }

    @Test func the_issued_link_has_a_copy_button_and_no_language_switch_that_would_lose_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let issued = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                             [("email", "juf.kopie@school.be"), ("role", "member"), ("method", "link")])
            #expect(issued.status == .created)
            #expect(issued.text.contains("data-copy=\"invite-link\""))
            #expect(issued.text.contains("<script src=\"/static/copy-link.js\" defer"))
            #expect(!issued.text.contains("/language/"), "no language link reloads the page without the link")
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/staff").text.contains("/language/"), "other pages keep it")
            let script = try await Browser(app).get("/static/copy-link.js")
            #expect(script.status == .ok)
            #expect(script.headers.first(name: .contentType)?.hasPrefix("text/javascript") == true)
            #expect(script.text.contains("clipboard"))
        }
    }

    @Test func an_invitation_expires_after_seven_days() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let issued = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                             [("email", "juf.nieuw@school.be"), ("role", "member"), ("method", "link")])
            let path = try #require(URLComponents(string: try issuedLink(issued.text))?.path)
            clock.advance(seconds: 6 * 24 * 3600)
            #expect(try await Browser(app).get(path).status == .ok)
            clock.advance(seconds: 2 * 24 * 3600)
            let late = Browser(app)
            #expect(try await late.get(path).status == .notFound)
            let post = try await late.post(path, [("name", "Juf"), ("password", "een lange zin"), ("password_confirmation", "een lange zin")])
            #expect(post.status == .notFound)
            #expect(try await User.query(on: app.db).filter(\.$email == "juf.nieuw@school.be").count() == 0)
        }
    }

    @Test func one_time_password_account_must_choose_its_own_password() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let issued = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                             [("name", "Meester Tom"), ("email", "tom@school.be"), ("role", "member"), ("method", "password")])
            #expect(issued.status == .created)
            let marker = "id=\"one-time-password\">"
            let start = try #require(issued.text.range(of: marker)).upperBound
            let password = String(issued.text[start...].prefix(14))
            #expect(password.count == 14)
            let tom = Browser(app)
            let signIn = try await tom.signIn("tom@school.be", password)
            #expect(signIn.location == "/account/password")
            let weak = try await tom.post("/account/password", [("current_password", password), ("password", "kort"),
                                                                ("password_confirmation", "kort")])
            #expect(weak.status == .unprocessableEntity)
            let done = try await tom.post("/account/password", [("current_password", password), ("password", "tom zijn eigen zin"),
                                                                ("password_confirmation", "tom zijn eigen zin")])
            #expect(done.status == .seeOther)
            #expect(try await Browser(app).signIn("tom@school.be", password).status == .unauthorized, "the one-time password is gone")
            #expect(try await Browser(app).signIn("tom@school.be", "tom zijn eigen zin").status == .seeOther)
        }
    }

    @Test func invite_form_refuses_bad_input_and_roles_beyond_ones_own() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let before = try await Invitation.query(on: app.db).count()
            let response = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                               [("name", "X"), ("email", "geen-adres"), ("role", "coordinator"), ("method", "fax")])
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Dit is geen geldig e-mailadres"))
            #expect(response.text.contains("Kies een rol."))
            #expect(response.text.contains("Kies hoe de persoon toegang krijgt."))
            #expect(response.text.contains("value=\"geen-adres\""))
            let taken = try await lead.post("/staff/schools/\(world.schoolA)/invitations",
                                            [("email", world.memberA.email), ("role", "member"), ("method", "link")])
            #expect(taken.text.contains("Er bestaat al een account met dit e-mailadres."))
            #expect(try await Invitation.query(on: app.db).count() == before)
        }
    }
}
