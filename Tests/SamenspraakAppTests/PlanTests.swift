import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

@Suite struct PlanTests {
    /// The demo with its survey answers (so the report has figures) but without its action plan.
    func world(_ app: Application) async throws -> DemoWorld {
        let world = try await DemoWorld.seed(app, answers: true)
        try await PlanComment.query(on: app.db).delete()
        try await PlanAction.query(on: app.db).delete()
        try await ActionPlan.query(on: app.db).delete()
        return world
    }

    @Test func a_lead_chooses_growth_keys_and_the_team_writes_actions() async throws {
        try await withTestApp { app, _ in
            let world = try await world(app)
            let lead = try await world.browser(app, as: world.leadA)
            let planPath = "/staff/schools/\(world.schoolA)/plan"
            let empty = try await lead.get(planPath)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Kies één tot drie sleutels uit het rapport"))
            #expect(empty.text.contains("groeikans in het rapport"))
            #expect(empty.text.contains("Onze sterktes (die houden we vast)"))
            let tooMany = try await lead.post("\(planPath)/keys", [("keys[]", "7"), ("keys[]", "9"), ("keys[]", "11"), ("keys[]", "12")])
            #expect(tooMany.status == .unprocessableEntity)
            #expect(tooMany.text.contains("Kies hoogstens drie sleutels."))
            #expect(tooMany.text.contains("value=\"12\" checked"))
            #expect(try await ActionPlan.query(on: app.db).count() == 0)
            #expect(try await lead.post("\(planPath)/keys", [("keys[]", "9"), ("keys[]", "11")]).status == .seeOther)
            let chosen = try await lead.get(planPath)
            #expect(chosen.text.contains("Sleutel 9: Aandacht voor vaders"))
            #expect(chosen.text.contains("Wat het rapport zegt"), "the lead sees the evidence from the report")
            #expect(chosen.text.contains("Van "), "two surveys: the change on the key since the first")

            let member = try await world.browser(app, as: world.memberA)
            let memberPage = try await member.get(planPath)
            #expect(!memberPage.text.contains("Wat het rapport zegt"), "a team member may not read the report")
            #expect(!memberPage.text.contains("Sleutels bewaren"), "only a lead chooses the keys")
            let wrong = try await member.post("\(planPath)/actions", [("key", "7"), ("what", "Vaders <b>bellen</b>"), ("who", ""),
                                                                      ("due_on", "morgen"), ("status", "planned")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("Kies een van de sleutels van het plan."))
            #expect(wrong.text.contains("value=\"Vaders &lt;b&gt;bellen&lt;/b&gt;\""))
            #expect(try await PlanAction.query(on: app.db).count() == 0)
            let added = try await member.post("\(planPath)/actions", [("key", "9"), ("what", "Vaders persoonlijk uitnodigen"), ("who", "Juf Sarah"),
                                                                      ("due_on", "2026-10-15"), ("status", "planned"), ("note", "Aan de poort.")])
            #expect(added.status == .seeOther)
            let action = try #require(try await PlanAction.query(on: app.db).first())
            #expect(action.key == 9 && action.who == "Juf Sarah" && action.note == "Aan de poort.")
            let edit = try await member.get("/staff/plan-actions/\(action.publicID)/edit")
            #expect(edit.text.contains("value=\"Vaders persoonlijk uitnodigen\""))
            let done = try await member.post("/staff/plan-actions/\(action.publicID)", [("key", "9"), ("what", "Vaders persoonlijk uitnodigen"),
                                                                                        ("who", "Juf Sarah"), ("due_on", "2026-10-15"),
                                                                                        ("status", "done")])
            #expect(done.status == .seeOther)
            #expect(try await PlanAction.find(action.id, on: app.db)?.status == "done")
            let badEdit = try await member.post("/staff/plan-actions/\(action.publicID)", [("key", "9"), ("what", "x"), ("who", "y"),
                                                                                           ("due_on", "2026-10-15"), ("status", "forgotten")])
            #expect(badEdit.status == .unprocessableEntity)
            #expect(try await PlanAction.find(action.id, on: app.db)?.status == "done")
            // Key 9 has an action now: it stays in the plan.
            let removeKey = try await lead.post("\(planPath)/keys", [("keys[]", "11")])
            #expect(removeKey.status == .unprocessableEntity)
            #expect(removeKey.text.contains("Een sleutel met acties kan je niet weghalen."))
            #expect(try await ActionPlan.query(on: app.db).first()?.keys == [9, 11])
        }
    }

    @Test func the_coordinator_sees_every_plan_and_comments_on_an_action() async throws {
        try await withTestApp { app, _ in
            let world = try await world(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await lead.post("/staff/schools/\(world.schoolA)/plan/keys", [("keys[]", "9")])
            _ = try await lead.post("/staff/schools/\(world.schoolA)/plan/actions", [("key", "9"), ("what", "Een vadercafé"), ("who", "Ouderwerking"),
                                                                                     ("due_on", "2026-11-20"), ("status", "busy")])
            let action = try #require(try await PlanAction.query(on: app.db).first())
            let coordinator = try await world.browser(app, as: world.coordinator)
            let overview = try await coordinator.get("/staff/trajectories/\(world.trajectory)/plans")
            #expect(overview.text.contains("Een vadercafé"))
            #expect(overview.text.components(separatedBy: "Deze school koos nog geen sleutels.").count - 1 == 3)
            let empty = try await coordinator.post("/staff/plan-actions/\(action.publicID)/comments", [("text", "  ")])
            #expect(empty.status == .unprocessableEntity)
            #expect(try await PlanComment.query(on: app.db).count() == 0)
            let comment = try await coordinator.post("/staff/plan-actions/\(action.publicID)/comments", [("text", "Vraag de vaders <zelf>.")])
            #expect(comment.status == .seeOther)
            #expect(comment.location == "/staff/schools/\(world.schoolA)/plan?saved=comment")
            let fromOverview = try await coordinator.post("/staff/plan-actions/\(action.publicID)/comments", [("text", "Nog één."), ("back", "plans")])
            #expect(fromOverview.location == "/staff/trajectories/\(world.trajectory)/plans?saved=comment#plan-\(world.schoolA)")
            let page = try await lead.get("/staff/schools/\(world.schoolA)/plan")
            #expect(page.text.contains("Annemie Coördinator ("))
            #expect(page.text.contains("Vraag de vaders &lt;zelf&gt;."))
            #expect(!page.text.contains("Opmerking plaatsen"), "only the coordinator comments")
        }
    }

    @Test func the_plan_prints_and_exports_without_formulas() async throws {
        try await withTestApp { app, _ in
            let world = try await world(app)
            let lead = try await world.browser(app, as: world.leadA)
            _ = try await lead.post("/staff/schools/\(world.schoolA)/plan/keys", [("keys[]", "11")])
            _ = try await lead.post("/staff/schools/\(world.schoolA)/plan/actions", [("key", "11"), ("what", "=HYPERLINK(\"http://x\")"),
                                                                                     ("who", "Directie, zorg"), ("due_on", "2026-12-01"),
                                                                                     ("status", "planned"), ("note", "Lijn 1\nLijn 2")])
            let csv = try await lead.get("/staff/schools/\(world.schoolA)/plan.csv")
            #expect(csv.headers.first(name: .contentType) == "text/csv; charset=utf-8")
            #expect(csv.text == "key,what,who,due_on,status,note\r\n11,\"'=HYPERLINK(\"\"http://x\"\")\",\"Directie, zorg\",2026-12-01,planned,\"Lijn 1\nLijn 2\"\r\n")
            let print = try await lead.get("/staff/schools/\(world.schoolA)/plan/print")
            #expect(print.text.contains("=HYPERLINK(&quot;http://x&quot;)") || print.text.contains("=HYPERLINK(\"http://x\")"))
            #expect(!print.text.contains("<form"))
            let report = try await lead.get("/staff/waves/\(world.summary.waveID)/report")
            #expect(report.text.contains("href=\"/staff/schools/\(world.schoolA)/plan\""))
        }
    }

    @Test func the_demo_has_a_plan_with_a_comment() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let page = try await lead.get("/staff/schools/\(world.schoolA)/plan")
            #expect(page.text.contains("Een ontbijt voor vaders op zaterdag"))
            #expect(page.text.contains("Mooi begin."))
            _ = try await Demo.seed(app, answers: true)
            #expect(try await PlanAction.query(on: app.db).count() == 4)
        }
    }
}
