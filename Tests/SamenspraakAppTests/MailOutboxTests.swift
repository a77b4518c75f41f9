import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The outbox: invitations by e-mail, their status for the inviter, retries, giving up, and one sender per mail.
@Suite struct MailOutboxTests {
    static func invite(_ browser: Browser, _ world: DemoWorld, email: String, name: String = "Sam Peeters") async throws -> TestingHTTPResponse {
        try await browser.post("/staff/schools/\(world.schoolA)/invitations",
                               [("name", name), ("email", email), ("role", "member"), ("method", "link")])
    }

    @Test func an_invitation_goes_out_by_mail_and_its_status_shows_on_the_staff_page() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let issued = try await Self.invite(lead, world, email: "sam@school.be")
            #expect(issued.status == .created)
            #expect(issued.text.contains("We stuurden een e-mail met deze link naar sam@school.be."))
            #expect(issued.text.contains("id=\"invite-link\""), "the link is still shown once, as a fallback")
            let queued = try #require(try await OutboxMail.query(on: app.db).first())
            #expect(queued.status == .queued)
            #expect(queued.kind == "invitation")
            #expect(queued.recipient == "sam@school.be")
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/staff").text.contains("e-mail wacht om verstuurd te worden"))

            let server = RecordingTransport()
            #expect(try await deliverMail(app, server) == 1)
            let mail = try #require(server.mails.first)
            #expect(mail.recipient == "sam@school.be")
            #expect(mail.recipientName == "Sam Peeters")
            #expect(mail.subject.contains("Uitnodiging voor Samenspraak"))
            #expect(mail.text.contains("Dag Sam Peeters,"))
            #expect(mail.html.contains("<a href=\"http"))
            #expect(!mail.html.contains("<img"), "no pictures, no tracking")
            #expect(mail.messageID.hasSuffix("@samenspraak.test"))
            // The link in the mail is the invitation: it opens the page where the person creates their account.
            let address = try #require(link(in: mail, containing: "/invite/"))
            let url = try #require(URL(string: address))
            let page = try await Browser(app).get(url.path)
            #expect(page.status == .ok)
            #expect(page.text.contains("sam@school.be"))

            let sent = try #require(try await OutboxMail.query(on: app.db).first())
            #expect(sent.status == .sent)
            #expect(sent.textBody.isEmpty && sent.htmlBody.isEmpty, "the link does not stay in the database after sending")
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/staff").text.contains("e-mail verstuurd"))
            #expect(try await deliverMail(app, server) == 0, "a sent mail is not sent again")
            #expect(server.mails.count == 1)
        }
    }

    @Test func without_mail_settings_nothing_is_queued_and_the_link_is_shown_as_before() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let issued = try await Self.invite(lead, world, email: "sam@school.be")
            #expect(issued.status == .created)
            #expect(!issued.text.contains("We stuurden een e-mail"))
            #expect(issued.text.contains("id=\"invite-link\""))
            #expect(try await OutboxMail.query(on: app.db).count() == 0)
        }
    }

    @Test func a_refused_mail_is_retried_with_backoff_then_given_up_and_the_reason_is_shown() async throws {
        try await withTestApp(configure: withMail) { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await Self.invite(lead, world, email: "sam@school.be")
            let server = RecordingTransport()
            server.refuse(MailDeliveryError(transient: true, reason: "451 mailbox busy"))
            #expect(try await deliverMail(app, server) == 0)
            let waiting = try #require(try await OutboxMail.query(on: app.db).first())
            #expect(waiting.status == .retrying)
            #expect(waiting.attempts == 1)
            #expect(waiting.nextAttemptAt == clock.now.addingTimeInterval(60))
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/staff").text
                .contains("e-mail nog niet verstuurd, we proberen opnieuw (451 mailbox busy)"))
            #expect(try await deliverMail(app, server) == 0, "not before its time")
            #expect(server.mails.isEmpty)

            // Every retry refused: after the last delay the mail fails, and says why.
            let policy = MailRetryPolicy()
            for _ in policy.delays { server.refuse(MailDeliveryError(transient: true, reason: "451 mailbox busy")) }
            for delay in policy.delays {
                clock.advance(seconds: TimeInterval(delay))
                try await deliverMail(app, server)
            }
            let failed = try #require(try await OutboxMail.query(on: app.db).first())
            #expect(failed.status == .failed)
            #expect(failed.attempts == policy.delays.count + 1)
            #expect(failed.textBody.isEmpty)
            // The session ended meanwhile: the lead signs in again, in the same (known) browser.
            try await lead.signIn(world.leadA.email, world.leadA.password)
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/staff").text.contains("e-mail niet verstuurd: 451 mailbox busy"))
            clock.advance(seconds: 86_400)
            #expect(try await deliverMail(app, server) == 0)
            #expect(server.mails.isEmpty)
        }
    }

    @Test func a_permanent_refusal_fails_at_once() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await Self.invite(lead, world, email: "sam@school.be")
            let server = RecordingTransport()
            server.refuse(MailDeliveryError(transient: false, reason: "550 no such user"))
            try await deliverMail(app, server)
            let failed = try #require(try await OutboxMail.query(on: app.db).first())
            #expect(failed.status == .failed)
            #expect(failed.attempts == 1)
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/staff").text.contains("e-mail niet verstuurd: 550 no such user"))
        }
    }

    @Test func two_workers_at_once_send_each_mail_exactly_once() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            for n in 1...12 { _ = try await Self.invite(lead, world, email: "person\(n)@school.be") }
            let server = RecordingTransport()
            async let first = deliverMail(app, server)
            async let second = deliverMail(app, server)
            let total = try await first + second
            #expect(total == 12)
            #expect(server.mails.count == 12)
            #expect(Set(server.mails.map(\.recipient)).count == 12, "no mail went twice")
            #expect(try await OutboxMail.query(on: app.db).filter(\.$statusValue == "sent").count() == 12)
        }
    }

    @Test func a_worker_that_died_while_sending_leaves_the_mail_to_another_after_its_lease() async throws {
        try await withTestApp(configure: withMail) { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await Self.invite(lead, world, email: "sam@school.be")
            let id = try #require(try await OutboxMail.query(on: app.db).first()?.id)
            // One server takes the mail and stops before it can say how it went.
            #expect(try await MailOutbox.claim(id, on: app.db, now: clock.now) != nil)
            #expect(try await MailOutbox.claim(id, on: app.db, now: clock.now) == nil, "taken: nobody else gets it")
            let server = RecordingTransport()
            #expect(try await deliverMail(app, server) == 0, "still held by the first server")
            clock.advance(seconds: TimeInterval(MailRetryPolicy.leaseSeconds + 1))
            #expect(try await deliverMail(app, server) == 1, "after the lease another server sends it")
            #expect(server.mails.map(\.recipient) == ["sam@school.be"])
        }
    }
}

extension MailOutboxTests {
    @Test func sent_mails_and_old_reset_links_are_forgotten_after_their_time() async throws {
        try await withTestApp(configure: withMail) { app, clock in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await Self.invite(lead, world, email: "sam@school.be")
            _ = try await PasswordResetTests.ask(Browser(app), world.memberA.email)
            try await deliverMail(app, RecordingTransport())
            #expect(try await MailOutbox.purge(on: app.db, now: clock.now) == 0, "a fresh mail and link stay")
            clock.advance(seconds: TimeInterval(MailOutbox.keepDays * 86_400 + 60))
            // A mail queued now (still to go) stays, whatever its age later.
            _ = try await PasswordResetTests.ask(Browser(app), world.leadA.email)
            #expect(try await MailOutbox.purge(on: app.db, now: clock.now) == 3)
            #expect(try await OutboxMail.query(on: app.db).all().map(\.recipient) == [world.leadA.email])
            #expect(try await PasswordReset.query(on: app.db).count() == 1)
        }
    }
}

extension MailOutboxTests {
    @Test func a_person_is_told_by_mail_when_their_account_is_deactivated_reactivated_or_their_role_changes() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            // The member last signed in in English: the mails about their account are in English.
            let member = Browser(app)
            member.acceptLanguage = "en"
            #expect(try await member.signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            let lead = try await world.browser(app, as: world.leadA)
            let memberID = try await StaffAccountTests.id(app, world.memberA.email)
            #expect(try await lead.post("/staff/accounts/\(memberID)/role", [("role", "lead")]).status == .seeOther)
            #expect(try await lead.post("/staff/accounts/\(memberID)/deactivate", [("confirm[]", "1")]).status == .seeOther)
            #expect(try await lead.post("/staff/accounts/\(memberID)/reactivate", []).status == .seeOther)
            // A refused action queues nothing: the last lead may not step down.
            let leadID = try await StaffAccountTests.id(app, world.leadA.email)
            let queued = try await OutboxMail.query(on: app.db).count()
            _ = try await lead.post("/staff/accounts/\(memberID)/role", [("role", "member")])
            _ = try await lead.post("/staff/accounts/\(leadID)/role", [("role", "member")])
            #expect(try await lead.post("/staff/accounts/\(leadID)/role", [("role", "member")]).status == .conflict)
            #expect(try await OutboxMail.query(on: app.db).count() == queued + 1, "only the member's step back was told")

            let server = RecordingTransport()
            try await deliverMail(app, server)
            let toMember = server.mails.filter { $0.recipient == world.memberA.email }
            #expect(Set(toMember.map(\.subject)) == ["Your role in Samenspraak has changed", "Your Samenspraak account has been deactivated",
                                                     "Your Samenspraak account is active again"])
            let role = try #require(toMember.first { $0.subject.contains("role") && $0.text.contains("from team member to school lead") })
            #expect(role.language == "en")
            #expect(toMember.first { $0.subject.contains("deactivated") }?.text.contains("You can no longer sign in.") == true)
            #expect(toMember.first { $0.subject.contains("active again") }?.text.contains("/login") == true)
        }
    }
}

extension MailOutboxTests {
    @Test func a_sign_in_from_a_browser_that_never_signed_in_as_the_person_tells_them_by_mail() async throws {
        try await withTestApp(configure: withMail) { app, _ in
            let world = try await DemoWorld.seed(app)
            func newSignInMails() async throws -> Int {
                try await OutboxMail.query(on: app.db).filter(\.$kind == OutboxMail.Kind.newSignIn.rawValue).count()
            }
            let own = Browser(app)
            #expect(try await own.signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            #expect(try await newSignInMails() == 0, "the first browser ever tells nothing")
            _ = try await own.post("/logout", [])
            #expect(try await own.signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            #expect(try await newSignInMails() == 0, "a known browser tells nothing")

            let other = Browser(app)
            other.acceptLanguage = "en"
            #expect(try await other.signIn(world.memberA.email, world.memberA.password).status == .seeOther)
            #expect(try await newSignInMails() == 1)
            // A wrong password from yet another browser tells nothing either.
            _ = try await Browser(app).signIn(world.memberA.email, "niet mijn wachtwoord")
            #expect(try await newSignInMails() == 1)

            let server = RecordingTransport()
            try await deliverMail(app, server)
            let mail = try #require(server.mails.first { $0.subject == "New sign-in to your Samenspraak account" })
            #expect(mail.recipient == world.memberA.email)
            #expect(mail.text.contains("On 21 September 2026 at"), "the day and time in Brussels")
            #expect(link(in: mail, containing: "/password/forgot") != nil, "the way to a new password")
        }
    }
}

extension MailOutboxTests {
    @Test func names_and_links_in_a_mail_are_text_in_its_html() async throws {
        try await withTestApp { app, _ in
            let t = app.catalogs.localizer(.nl)
            let mail = StaffMails.invitation(t, name: "<script>alert(1)</script>", school: "De \"Regenboog\" & co", inviter: "Juf <b>",
                                             role: .member, link: "https://samenspraak.test/invite/a\"b", until: Day(year: 2026, month: 12, day: 9))
            #expect(!mail.html.contains("<script>") && !mail.html.contains("<b>"))
            #expect(mail.html.contains("Dag &lt;script&gt;alert(1)&lt;/script&gt;,"))
            #expect(mail.html.contains("href=\"https://samenspraak.test/invite/a&quot;b\""))
            #expect(mail.text.contains("Dag <script>alert(1)</script>,"), "the plain text is as typed")
            #expect(mail.subject == "Uitnodiging voor Samenspraak van De \"Regenboog\" & co")
        }
    }
}
