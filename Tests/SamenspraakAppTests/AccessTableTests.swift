import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Walks every staff route with every kind of person and checks who gets in.
/// The expectations are written out here, independent of `Access`, so a change there shows up as a failure.
@Suite struct AccessTableTests {
    enum Who: String, CaseIterable {
        case anonymous, coordinator, leadOwn, leadOther, memberOwn
    }

    enum Outcome: Equatable {
        case allowed(Int)
        case forbidden
        case toSignIn
    }

    struct Row {
        let method: HTTPMethod
        let path: String
        let pattern: String
        let form: (Who) -> [(String, String)]
        let outcomes: [Who: Outcome]
    }

    static func rows(_ world: DemoWorld, textID: String = "none", ratingID: String = "none", actionID: String = "none",
                     storyID: String = "none", subjectID: String = "none", coordinatorID: String = "none",
                     invitationID: String = "none", roundID: String = "none") -> [Row] {
        // The demo's December session (few places) and its trajectory: every school of the demo is in it.
        let e = String(world.summary.eventPath.dropFirst("/staff/events/".count))
        let cards = world.summary.conversationCardsPath
        let eventForm: [(String, String)] = [("title", "Terugkomdag"), ("date", "2026-12-03"), ("starts", "13:30"), ("ends", "16:00"),
                                             ("capacity", "40")]
        let t = world.trajectory, a = world.schoolA, w = world.summary.waveIDs[0], m = world.summary.momentID
        let validSchool: [(String, String)] = [("name", "Nieuwe school"), ("levels[]", "lager"), ("languages[]", "nl")]
        func everyStaff(_ status: Int) -> [Who: Outcome] {
            [.anonymous: .toSignIn, .coordinator: .allowed(status), .leadOwn: .allowed(status), .leadOther: .allowed(status),
             .memberOwn: .allowed(status)]
        }
        let coordinatorOnly: (Int) -> [Who: Outcome] = { status in
            [.anonymous: .toSignIn, .coordinator: .allowed(status), .leadOwn: .forbidden, .leadOther: .forbidden, .memberOwn: .forbidden]
        }
        let schoolLeads: (Int) -> [Who: Outcome] = { status in
            [.anonymous: .toSignIn, .coordinator: .allowed(status), .leadOwn: .allowed(status), .leadOther: .forbidden,
             .memberOwn: .forbidden]
        }
        let schoolStaff: (Int) -> [Who: Outcome] = { status in
            [.anonymous: .toSignIn, .coordinator: .allowed(status), .leadOwn: .allowed(status), .leadOther: .forbidden,
             .memberOwn: .allowed(status)]
        }
        let schoolTeam: (Int) -> [Who: Outcome] = { status in
            [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .allowed(status), .leadOther: .forbidden, .memberOwn: .allowed(status)]
        }
        let ownLead: (Int) -> [Who: Outcome] = { status in
            [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .allowed(status), .leadOther: .forbidden, .memberOwn: .forbidden]
        }
        let ownTeacher: (Int) -> [Who: Outcome] = { status in
            [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .forbidden, .leadOther: .forbidden, .memberOwn: .allowed(status)]
        }
        return [
            Row(method: .GET, path: "/staff/schools/\(a)/moments", pattern: "/staff/schools/:schoolID/moments", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/moments/new", pattern: "/staff/schools/:schoolID/moments/new", form: { _ in [] },
                outcomes: schoolTeam(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/moments", pattern: "/staff/schools/:schoolID/moments",
                form: { _ in [("kind", "koffiemoment"), ("title", "Koffie"), ("starts_on", "2026-10-02"), ("keys[]", "1"), ("window_days", "14")] },
                outcomes: schoolTeam(303)),
            Row(method: .GET, path: "/staff/moments/\(m)", pattern: "/staff/moments/:momentID", form: { _ in [] }, outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/moments/\(m)/cards", pattern: "/staff/moments/:momentID/cards", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/moments/\(m)/poster", pattern: "/staff/moments/:momentID/poster", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .POST, path: "/staff/moments/\(m)/reply", pattern: "/staff/moments/:momentID/reply",
                form: { _ in [("reply", "Dank voor jullie komst.")] }, outcomes: schoolTeam(303)),
            Row(method: .POST, path: "/staff/moments/\(m)/texts/\(ratingID)", pattern: "/staff/moments/:momentID/texts/:ratingID",
                form: { _ in [("action", "show")] }, outcomes: schoolTeam(303)),
            Row(method: .POST, path: "/staff/schools/\(a)/profile", pattern: "/staff/schools/:schoolID/profile",
                form: { _ in [("published", "1")] }, outcomes: ownLead(303)),
            Row(method: .GET, path: "/staff/schools/\(a)/plan", pattern: "/staff/schools/:schoolID/plan", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/plan/keys", pattern: "/staff/schools/:schoolID/plan/keys",
                form: { _ in [("keys[]", "9"), ("keys[]", "11")] }, outcomes: ownLead(303)),
            Row(method: .POST, path: "/staff/schools/\(a)/plan/actions", pattern: "/staff/schools/:schoolID/plan/actions",
                form: { _ in [("key", "9"), ("what", "Vaders bellen"), ("who", "Juf An"), ("due_on", "2026-12-01"), ("status", "planned")] },
                outcomes: schoolTeam(303)),
            Row(method: .GET, path: "/staff/schools/\(a)/plan/print", pattern: "/staff/schools/:schoolID/plan/print", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/plan.csv", pattern: "/staff/schools/:schoolID/plan.csv", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/plan-actions/\(actionID)/edit", pattern: "/staff/plan-actions/:actionID/edit", form: { _ in [] },
                outcomes: schoolTeam(200)),
            Row(method: .POST, path: "/staff/plan-actions/\(actionID)", pattern: "/staff/plan-actions/:actionID",
                form: { _ in [("key", "9"), ("what", "Vaders uitnodigen"), ("who", "Juf An"), ("due_on", "2026-12-01"), ("status", "busy")] },
                outcomes: schoolTeam(303)),
            Row(method: .POST, path: "/staff/plan-actions/\(actionID)/comments", pattern: "/staff/plan-actions/:actionID/comments",
                form: { _ in [("text", "Goed bezig.")] }, outcomes: coordinatorOnly(303)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/plans", pattern: "/staff/trajectories/:trajectoryID/plans", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/stories", pattern: "/staff/schools/:schoolID/stories", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/stories/new", pattern: "/staff/schools/:schoolID/stories/new", form: { _ in [] },
                outcomes: schoolTeam(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/stories", pattern: "/staff/schools/:schoolID/stories",
                form: { _ in [("title", "Koffie"), ("summary", "Kort."), ("body", "Lang."), ("keys[]", "5")] }, outcomes: schoolTeam(303)),
            Row(method: .GET, path: "/staff/stories/\(storyID)", pattern: "/staff/stories/:storyID", form: { _ in [] }, outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/stories/\(storyID)/photo", pattern: "/staff/stories/:storyID/photo", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/stories/\(storyID)/edit", pattern: "/staff/stories/:storyID/edit", form: { _ in [] },
                outcomes: schoolTeam(200)),
            Row(method: .POST, path: "/staff/stories/\(storyID)", pattern: "/staff/stories/:storyID",
                form: { _ in [("title", "Koffie op vrijdag"), ("summary", "Kort."), ("body", "Lang."), ("keys[]", "5"), ("photo_alt", "Een klas")] },
                outcomes: schoolTeam(303)),
            // The lead submits first; the member, let in, finds it submitted already (409).
            Row(method: .POST, path: "/staff/stories/\(storyID)/submit", pattern: "/staff/stories/:storyID/submit", form: { _ in [] },
                outcomes: [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .allowed(303), .leadOther: .forbidden,
                           .memberOwn: .allowed(409)]),
            Row(method: .POST, path: "/staff/stories/\(storyID)/review", pattern: "/staff/stories/:storyID/review",
                form: { _ in [("decision", "publish")] }, outcomes: coordinatorOnly(303)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/stories", pattern: "/staff/trajectories/:trajectoryID/stories", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/events", pattern: "/staff/events", form: { _ in [] },
                outcomes: [.anonymous: .toSignIn, .coordinator: .allowed(303), .leadOwn: .allowed(200), .leadOther: .allowed(200),
                           .memberOwn: .allowed(200)]),
            Row(method: .GET, path: "/staff/trajectories/\(t)/events", pattern: "/staff/trajectories/:trajectoryID/events", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/events/new", pattern: "/staff/trajectories/:trajectoryID/events/new",
                form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .POST, path: "/staff/trajectories/\(t)/events", pattern: "/staff/trajectories/:trajectoryID/events",
                form: { _ in eventForm }, outcomes: coordinatorOnly(303)),
            Row(method: .GET, path: "/staff/events/\(e)", pattern: "/staff/events/:eventID", form: { _ in [] }, outcomes: everyStaff(200)),
            Row(method: .GET, path: "/staff/events/\(e)/edit", pattern: "/staff/events/:eventID/edit", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .POST, path: "/staff/events/\(e)", pattern: "/staff/events/:eventID", form: { _ in eventForm },
                outcomes: coordinatorOnly(303)),
            Row(method: .POST, path: "/staff/events/\(e)/registration", pattern: "/staff/events/:eventID/registration",
                form: { _ in [("action", "register"), ("colleagues", "0")] },
                outcomes: [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .allowed(303), .leadOther: .allowed(303),
                           .memberOwn: .allowed(303)]),
            Row(method: .GET, path: "/staff/events/\(e)/event.ics", pattern: "/staff/events/:eventID/event.ics", form: { _ in [] },
                outcomes: everyStaff(200)),
            // Conversation cards belong to the teacher who made the oudercontact (of the third school; CardTests lets
            // that teacher in): nobody here may read or make them, not even a lead or the coordinator.
            Row(method: .GET, path: cards, pattern: "/staff/moments/:momentID/conversation-cards", form: { _ in [] },
                outcomes: [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .forbidden, .leadOther: .forbidden,
                           .memberOwn: .forbidden]),
            Row(method: .POST, path: cards, pattern: "/staff/moments/:momentID/conversation-cards", form: { _ in [("count", "2")] },
                outcomes: [.anonymous: .toSignIn, .coordinator: .forbidden, .leadOwn: .forbidden, .leadOther: .forbidden,
                           .memberOwn: .forbidden]),
            Row(method: .GET, path: "/staff", pattern: "/staff", form: { _ in [] }, outcomes: everyStaff(303)),
            Row(method: .GET, path: "/staff/trajectories", pattern: "/staff/trajectories", form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/trajectories/new", pattern: "/staff/trajectories/new", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .POST, path: "/staff/trajectories", pattern: "/staff/trajectories",
                form: { _ in [("name", "Traject 2027"), ("starts_on", "2027-09-01"), ("ends_on", "2027-12-17")] },
                outcomes: coordinatorOnly(303)),
            Row(method: .GET, path: "/staff/trajectories/\(t)", pattern: "/staff/trajectories/:trajectoryID", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/phases", pattern: "/staff/trajectories/:trajectoryID/phases", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .POST, path: "/staff/trajectories/\(t)/phases", pattern: "/staff/trajectories/:trajectoryID/phases",
                form: { _ in PhaseKind.allCases.flatMap { [("\($0.rawValue)_starts", "2026-09-01"), ("\($0.rawValue)_ends", "2026-12-18")] } },
                outcomes: coordinatorOnly(303)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/schools/new", pattern: "/staff/trajectories/:trajectoryID/schools/new",
                form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .POST, path: "/staff/trajectories/\(t)/schools", pattern: "/staff/trajectories/:trajectoryID/schools",
                form: { _ in validSchool }, outcomes: coordinatorOnly(303)),
            Row(method: .GET, path: "/staff/schools/\(a)", pattern: "/staff/schools/:schoolID", form: { _ in [] },
                outcomes: [.anonymous: .toSignIn, .coordinator: .allowed(200), .leadOwn: .allowed(200), .leadOther: .forbidden,
                           .memberOwn: .allowed(200)]),
            Row(method: .POST, path: "/staff/schools/\(a)", pattern: "/staff/schools/:schoolID",
                form: { _ in [("name", "Basisschool De Regenboog"), ("levels[]", "kleuter"), ("levels[]", "lager"), ("languages[]", "nl")] },
                outcomes: schoolLeads(303)),
            Row(method: .GET, path: "/staff/schools/\(a)/edit", pattern: "/staff/schools/:schoolID/edit", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/staff", pattern: "/staff/schools/:schoolID/staff", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/invitations", pattern: "/staff/schools/:schoolID/invitations",
                form: { who in [("email", "new.\(who.rawValue)@school.be"), ("role", "member"), ("method", "link")] },
                outcomes: schoolLeads(201)),
            Row(method: .GET, path: "/staff/schools/\(a)/waves/new", pattern: "/staff/schools/:schoolID/waves/new", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/waves", pattern: "/staff/schools/:schoolID/waves",
                form: { _ in [("questionnaire", "team-v1"), ("opens_on", "2027-01-10"), ("closes_on", "2027-01-31"), ("families", "")] }, outcomes: schoolLeads(303)),
            Row(method: .GET, path: "/staff/waves/\(w)", pattern: "/staff/waves/:waveID", form: { _ in [] }, outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/waves/\(w)/poster", pattern: "/staff/waves/:waveID/poster", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .POST, path: "/staff/waves/\(w)/codes", pattern: "/staff/waves/:waveID/codes", form: { _ in [("count", "2")] },
                outcomes: schoolLeads(201)),
            Row(method: .GET, path: "/staff/waves/\(w)/paper", pattern: "/staff/waves/:waveID/paper", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .GET, path: "/staff/waves/\(w)/paper-entry", pattern: "/staff/waves/:waveID/paper-entry", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .POST, path: "/staff/waves/\(w)/paper-entry", pattern: "/staff/waves/:waveID/paper-entry",
                form: { _ in [("lang", "nl"), ("face[k1_greet]", "3")] }, outcomes: schoolStaff(303)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/comparison", pattern: "/staff/trajectories/:trajectoryID/comparison",
                form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/comparison", pattern: "/staff/schools/:schoolID/comparison", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/waves/\(w)/report", pattern: "/staff/waves/:waveID/report", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/waves/\(w)/report.csv", pattern: "/staff/waves/:waveID/report.csv", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/waves/\(w)/meeting", pattern: "/staff/waves/:waveID/meeting", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .POST, path: "/staff/waves/\(w)/texts/\(textID)", pattern: "/staff/waves/:waveID/texts/:textID",
                form: { _ in [("hidden", "1")] }, outcomes: schoolLeads(303)),
            // The wave's page for parents: its form shows the report's open answers, so it is the report's readers'.
            Row(method: .GET, path: "/staff/waves/\(w)/results", pattern: "/staff/waves/:waveID/results", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .POST, path: "/staff/waves/\(w)/results", pattern: "/staff/waves/:waveID/results",
                form: { _ in [("intent", "publish"), ("actions[]", actionID), ("thanks", "Dank je wel!"), ("language", "nl")] },
                outcomes: schoolLeads(303)),
            Row(method: .GET, path: "/staff/waves/\(w)/results/poster?lang=ar", pattern: "/staff/waves/:waveID/results/poster", form: { _ in [] },
                outcomes: schoolLeads(200)),
            // Accounts: `subjectID` is a member of the first school made for this table, so no browser here loses its session.
            Row(method: .GET, path: "/staff/accounts/\(subjectID)", pattern: "/staff/accounts/:userID", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/accounts/\(coordinatorID)", pattern: "/staff/accounts/:userID", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            Row(method: .POST, path: "/staff/accounts/\(subjectID)/role", pattern: "/staff/accounts/:userID/role",
                form: { who in [("role", who == .coordinator ? "lead" : "member")] }, outcomes: schoolLeads(303)),
            Row(method: .POST, path: "/staff/accounts/\(subjectID)/sign-out-everywhere", pattern: "/staff/accounts/:userID/sign-out-everywhere",
                form: { _ in [] }, outcomes: schoolLeads(303)),
            Row(method: .POST, path: "/staff/accounts/\(subjectID)/one-time-password", pattern: "/staff/accounts/:userID/one-time-password",
                form: { _ in [] }, outcomes: schoolLeads(200)),
            Row(method: .POST, path: "/staff/accounts/\(subjectID)/deactivate", pattern: "/staff/accounts/:userID/deactivate",
                form: { _ in [("confirm[]", "1")] }, outcomes: schoolLeads(303)),
            Row(method: .POST, path: "/staff/accounts/\(subjectID)/reactivate", pattern: "/staff/accounts/:userID/reactivate",
                form: { _ in [] }, outcomes: schoolLeads(303)),
            Row(method: .POST, path: "/staff/schools/\(a)/invitations/\(invitationID)/revoke",
                pattern: "/staff/schools/:schoolID/invitations/:invitationID/revoke", form: { _ in [] }, outcomes: schoolLeads(303)),
            Row(method: .GET, path: "/staff/coordinators", pattern: "/staff/coordinators", form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/audit", pattern: "/staff/schools/:schoolID/audit", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/audit", pattern: "/staff/audit", form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/languages", pattern: "/staff/languages", form: { _ in [] }, outcomes: coordinatorOnly(200)),
            Row(method: .GET, path: "/staff/languages/ar/po", pattern: "/staff/languages/:code/po", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            // Without a file: refused with its reason, nothing stored.
            Row(method: .POST, path: "/staff/languages/ar/import", pattern: "/staff/languages/:code/import", form: { _ in [] },
                outcomes: coordinatorOnly(422)),
            // A pending import that does not exist: refused, nothing saved.
            Row(method: .POST, path: "/staff/languages/ar/import/save", pattern: "/staff/languages/:code/import/save",
                form: { _ in [("pending", UUID().uuidString), ("digest", "0")] }, outcomes: coordinatorOnly(422)),
            Row(method: .GET, path: "/account/password", pattern: "/account/password", form: { _ in [] }, outcomes: everyStaff(200)),
            Row(method: .POST, path: "/account/password", pattern: "/account/password",
                form: { _ in [("current_password", "not my password"), ("password", "een nieuwe zin"),
                              ("password_confirmation", "een nieuwe zin")] },
                outcomes: everyStaff(422)),
            // A school's recordings: its lead and members record (an empty upload is answered 422), only its lead deletes.
            Row(method: .GET, path: "/staff/schools/\(a)/voice", pattern: "/staff/schools/:schoolID/voice", form: { _ in [] },
                outcomes: schoolTeam(200)),
            Row(method: .GET, path: "/staff/schools/\(a)/voice/nl", pattern: "/staff/schools/:schoolID/voice/:code", form: { _ in [] },
                outcomes: schoolTeam(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/voice/nl/survey/survey.title", pattern: "/staff/schools/:schoolID/voice/:code/:part/:textKey",
                form: { _ in [] }, outcomes: schoolTeam(422)),
            Row(method: .POST, path: "/staff/schools/\(a)/voice/nl/survey/survey.title/delete",
                pattern: "/staff/schools/:schoolID/voice/:code/:part/:textKey/delete", form: { _ in [] }, outcomes: ownLead(303)),
            // The welcome round: `roundID` is the first school's member's own class. Only that teacher opens its seats; the lead
            // and the coordinator see figures, never a seat.
            Row(method: .GET, path: "/staff/schools/\(a)/welcome", pattern: "/staff/schools/:schoolID/welcome", form: { _ in [] },
                outcomes: schoolStaff(200)),
            Row(method: .POST, path: "/staff/schools/\(a)/welcome", pattern: "/staff/schools/:schoolID/welcome",
                form: { _ in [("class_name", "2A"), ("families", "18")] }, outcomes: ownTeacher(303)),
            Row(method: .GET, path: "/staff/schools/\(a)/welcome/figures", pattern: "/staff/schools/:schoolID/welcome/figures", form: { _ in [] },
                outcomes: schoolLeads(200)),
            Row(method: .GET, path: "/staff/welcome/\(roundID)", pattern: "/staff/welcome/:roundID", form: { _ in [] }, outcomes: ownTeacher(200)),
            Row(method: .GET, path: "/staff/welcome/\(roundID)/seats/1", pattern: "/staff/welcome/:roundID/seats/:seat", form: { _ in [] },
                outcomes: ownTeacher(200)),
            Row(method: .POST, path: "/staff/welcome/\(roundID)/seats/1", pattern: "/staff/welcome/:roundID/seats/:seat",
                form: { _ in [("kind", "warm"), ("day", "2026-09-21"), ("how", "phone"), ("language", "tr"), ("interpreter", "no")] },
                outcomes: ownTeacher(303)),
            // Good-news cards of the round: made and read by its teacher only.
            Row(method: .GET, path: "/staff/welcome/\(roundID)/cards", pattern: "/staff/welcome/:roundID/cards", form: { _ in [] },
                outcomes: ownTeacher(200)),
            Row(method: .POST, path: "/staff/welcome/\(roundID)/cards", pattern: "/staff/welcome/:roundID/cards",
                form: { _ in [("seats[]", "1"), ("language[1]", "nl"), ("sentence[1]", "brave"), ("teacher", "juf An"), ("format", "sheet")] },
                outcomes: ownTeacher(201)),
            Row(method: .GET, path: "/staff/trajectories/\(t)/welcome", pattern: "/staff/trajectories/:trajectoryID/welcome", form: { _ in [] },
                outcomes: coordinatorOnly(200)),
            // Last: it turns the browsers it lets in into kiosks, which open no staff page after it (KioskTests).
            Row(method: .POST, path: "/staff/waves/\(w)/assisted", pattern: "/staff/waves/:waveID/assisted", form: { _ in [] },
                outcomes: schoolStaff(303)),
        ]
    }

    @Test func every_staff_route_admits_exactly_the_right_people() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            // An open answer of the wave the rows use: stored without order, the first text of the table may be another wave's.
            let waveID = try #require(UUID(uuidString: world.summary.waveIDs[0]))
            let textID = try #require(try await SurveyText.query(on: app.db).join(SurveyResponse.self, on: \SurveyText.$response.$id == \SurveyResponse.$id)
                .filter(SurveyResponse.self, \.$wave.$id == waveID).first()?.id?.uuidString.lowercased())
            let ratingID = try #require(try await MomentRating.query(on: app.db).filter(\.$moment.$id == UUID(uuidString: world.summary.momentID)!)
                .filter(\.$text != nil).first()?.publicID)
            var browsers: [Who: Browser] = [.anonymous: Browser(app)]
            browsers[.coordinator] = try await world.browser(app, as: world.coordinator)
            browsers[.leadOwn] = try await world.browser(app, as: world.leadA)
            browsers[.leadOther] = try await world.browser(app, as: world.leadB)
            browsers[.memberOwn] = try await world.browser(app, as: world.memberA)

            let actionID = try #require(try await PlanAction.query(on: app.db).first()?.publicID)
            let storyID = try await Self.draftStoryWithPhoto(app, schoolID: world.schoolA)
            let (subjectID, invitationID) = try await Self.accountAndInvitation(app, schoolID: world.schoolA)
            let coordinatorID = try #require(try await User.query(on: app.db).filter(\.$email == world.coordinator.email).first()?.id)
            for row in Self.rows(world, textID: textID, ratingID: ratingID, actionID: actionID, storyID: storyID, subjectID: subjectID,
                                 coordinatorID: coordinatorID.uuidString.lowercased(), invitationID: invitationID,
                                 roundID: try await Self.welcomeRound(app, schoolID: world.schoolA, teacher: world.memberA.email)) {
                for who in Who.allCases {
                    let browser = try #require(browsers[who])
                    // The story forms carry their token in the address too (read before their body is).
                    let upload = row.method == .POST
                        && ["/staff/schools/:schoolID/stories", "/staff/stories/:storyID", "/staff/languages/:code/import",
                            "/staff/schools/:schoolID/voice/:code/:part/:textKey"].contains(row.pattern)
                    let path = upload ? row.path + "?csrf_token=" + (browser.csrfToken ?? "") : row.path
                    let response = row.method == .GET
                        ? try await browser.get(path)
                        : try await browser.post(path, row.form(who))
                    let expected = try #require(row.outcomes[who])
                    let label = "\(row.method) \(row.path) as \(who)"
                    switch expected {
                    case let .allowed(status):
                        #expect(Int(response.status.code) == status, "\(label): \(response.status)")
                    case .forbidden:
                        #expect(response.status == .forbidden, "\(label): \(response.status)")
                        #expect(response.text.contains("Geen toegang"), "\(label) shows the 403 page")
                    case .toSignIn:
                        #expect(response.status == .seeOther, "\(label): \(response.status)")
                        #expect(response.location?.hasPrefix("/login") == true, "\(label) goes to sign-in")
                    }
                }
            }
        }
    }

    /// A member of a school and an open invitation to it, made straight in the database: what the account rows act on.
    static func accountAndInvitation(_ app: Application, schoolID: String) async throws -> (String, String) {
        let school = try #require(UUID(uuidString: schoolID))
        let subject = User(email: "onderwerp@school.be", name: "Juf Onderwerp", passwordHash: try app.password.hash("een lange zin hier"),
                           role: .member, schoolID: school, mustChangePassword: false)
        try await subject.create(on: app.db)
        let invitation = Invitation(tokenHash: "access-table", email: "uitgenodigd@school.be", name: "", role: .member, schoolID: school,
                                    invitedByID: nil, expiresAt: app.services.now().addingTimeInterval(Invitation.lifetime))
        try await invitation.create(on: app.db)
        return (try subject.requireID().uuidString.lowercased(), invitation.publicID)
    }

    /// A welcome round of a school's teacher, opened on the first day of the school year, made straight in the database.
    static func welcomeRound(_ app: Application, schoolID: String, teacher email: String) async throws -> String {
        let teacher = try #require(try await User.query(on: app.db).filter(\.$email == email).first())
        let round = WelcomeRound(schoolID: try #require(UUID(uuidString: schoolID)), creatorID: teacher.id,
                                 valid: .init(className: "1A", families: 20), schoolYear: SchoolYear(startYear: 2026),
                                 startedOn: Day(year: 2026, month: 9, day: 1))
        try await round.create(on: app.db)
        return round.publicID
    }

    /// A draft story of a school, with a photo, made straight in the database.
    static func draftStoryWithPhoto(_ app: Application, schoolID: String) async throws -> String {
        let school = try #require(UUID(uuidString: schoolID))
        let image = try ImageCheck.inspect(ImageCheckTestBytes.png).get()
        let photo = StoryPhoto(schoolID: school, image: image)
        try await photo.create(on: app.db)
        let story = Story(schoolID: school, authorID: nil, slug: "klad-\(UUID().uuidString.prefix(8).lowercased())",
                          valid: .init(title: "Klad", summary: "Kort.", body: "Lang.", keys: [5], anonymous: false, photoAlt: "Een klas"))
        story.photoID = photo.id
        try await story.create(on: app.db)
        try await story.setKeys([5], on: app.db)
        return story.publicID
    }

    @Test func the_table_covers_every_staff_route_the_app_has() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let covered = Set(Self.rows(world).map { "\($0.method.rawValue) \($0.pattern)" })
            let registered = app.routes.all
                .map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" }
                .filter { $0.contains(" /staff") || $0.contains(" /account") }
            #expect(Set(registered) == covered)
        }
    }

    @Test func a_member_with_a_one_time_password_must_choose_one_first() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let user = try #require(try await User.query(on: app.db).filter(\.$email == world.memberA.email).first())
            user.mustChangePassword = true
            try await user.save(on: app.db)
            let browser = Browser(app)
            let signIn = try await browser.signIn(world.memberA.email, world.memberA.password)
            #expect(signIn.location == "/account/password")
            let school = try await browser.get("/staff/schools/\(world.schoolA)")
            #expect(school.status == .seeOther)
            #expect(school.location == "/account/password")
            let page = try await browser.get("/account/password")
            #expect(page.text.contains("Je meldde je aan met een eenmalig wachtwoord."))
            let change = try await browser.post("/account/password", [("current_password", world.memberA.password),
                                                                       ("password", "mijn eigen wachtwoord"),
                                                                       ("password_confirmation", "mijn eigen wachtwoord")])
            #expect(change.status == .seeOther)
            #expect(try await browser.get("/staff/schools/\(world.schoolA)").status == .ok)
        }
    }
}
