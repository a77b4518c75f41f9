import Fluent
import Foundation
import SamenspraakCore

extension ResultsPage {
    /// The page of a wave, online or not.
    static func of(_ wave: Wave, on db: any Database) async throws -> ResultsPage? {
        try await ResultsPage.query(on: db).filter(\.$wave.$id == wave.requireID()).first()
    }

    /// What a wave's parents' page may show, read now: the report (with its open answers, their hidden state
    /// included), the school's current plan keys and actions, and what the report lets through (`ResultsContent`).
    struct Source {
        var report: WaveReport
        var planKeys: [Int]
        /// The current plan's actions by due day.
        var actions: [PlanAction]
        /// The wave's open answers that are shown, in the report's order: the only ones that may be quoted.
        var quotable: [WaveReport.OpenAnswer] { report.openAnswers.filter { !$0.hidden } }
    }

    static func source(for wave: Wave, reports: ReportQuery, on db: any Database) async throws -> Source {
        let report = try await reports.report(for: wave, including: .openAnswers)
        let plan = try await ActionPlan.current(of: wave.school, on: db)
        let actions = try await ActionPlan.actions(of: plan, on: db).sorted { ($0.due, $0.what) < ($1.due, $1.what) }
        return Source(report: report, planKeys: plan?.keys ?? [], actions: actions)
    }
}
