import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A wave's report for the school lead and the coordinator: figures aggregated in the database, small groups
/// hidden, open answers that staff may hide (logged) and show again, and a CSV of what may be shown.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.report(waveID: .any), use: show)
        routes.get(.reportCSV(waveID: .any), use: csv)
        routes.get(.reportMeeting(waveID: .any), use: meeting)
        routes.post(.reportText(waveID: .any, textID: .any), use: moderate)
        routes.get(.trajectoryComparison(trajectoryID: .any), use: trajectoryComparison)
        routes.get(.schoolComparison(schoolID: .any), use: schoolComparison)
    }

    @Sendable func trajectoryComparison(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewTrajectory)
        let trajectory = try await req.found(Trajectory.self)
        let comparison = try await req.reports.comparison(trajectoryID: trajectory.requireID(),
                                                          questionnaire: req.application.currentParentQuestionnaire.id, viewer: nil,
                                                          key: try await req.application.codeKey(on: req.db))
        let model = ComparisonPage.Model(shell: req.shell(), title: req.t("compare.title"), comparison: comparison, keyNames: req.keyNames)
        return .html(ComparisonPage.view(model), status: .ok)
    }

    @Sendable func schoolComparison(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .viewReport)
        let comparison = try await req.reports.comparison(trajectoryID: school.$trajectory.id,
                                                          questionnaire: req.application.currentParentQuestionnaire.id, viewer: school.publicID,
                                                          key: try await req.application.codeKey(on: req.db))
        let model = ComparisonPage.Model(shell: req.shell(), title: req.t("compare.school_title", ["school": school.name]),
                                         comparison: comparison, keyNames: req.keyNames)
        return .html(ComparisonPage.view(model), status: .ok)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .viewReport)
        return .html(ReportPage.view(try await Self.model(req, user: user, wave: wave)), status: .ok)
    }

    /// The team-meeting view: the same model as the report, so the same figures, one key per screen.
    @Sendable func meeting(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .viewReport)
        return .html(MeetingPage.view(try await Self.model(req, user: user, wave: wave)), status: .ok)
    }

    /// The report of `wave` as the report page and the meeting view show it.
    static func model(_ req: Request, user: User, wave: Wave) async throws -> ReportPage.Model {
        let questionnaire = try req.application.questionnaire(of: wave)
        var previous: (period: String, report: WaveReport)?
        if let earlier = try await wave.previous(on: req.db) {
            previous = (Dates.period(earlier.opens, earlier.closes, req.t), try await req.reports.report(for: earlier))
        }
        let isTeam = questionnaire.audience == .team
        let parentReport = try await req.reports.report(for: wave, including: [.openAnswers, .moderation])
        var mirror: (period: String, rows: [MirrorRow])?
        if !isTeam {
            // The newest team wave with enough answers to show; a newer one still filling up does not hide the mirror.
            let teamWaves = try await Wave.ofSchool(wave.school, questionnaire: req.application.currentTeamQuestionnaire.id,
                                                    order: .newestFirst, on: req.db)
            for teamWave in teamWaves {
                let teamReport = try await req.reports.report(for: teamWave)
                if teamReport.hasFigures {
                    mirror = (Dates.period(teamWave.opens, teamWave.closes, req.t), MirrorRow.rows(parents: parentReport, team: teamReport))
                    break
                }
            }
        }
        var model = ReportPage.Model(shell: req.shell(), waveID: wave.publicID, schoolName: wave.school.name,
                                     period: Dates.period(wave.opens, wave.closes, req.t), report: parentReport,
                                     texts: questionnaire.texts(req.language),
                                     canModerate: Access.allows(user.actor, .viewReport, schoolID: wave.school.publicID),
                                     previous: previous)
        model.mirror = mirror
        model.isTeam = isTeam
        model.schoolID = wave.school.publicID
        model.intake = try await WaveIntake.load(waveID: wave.requireID(), on: req.db, t: req.t)
        if !isTeam {
            for key in parentReport.growth {
                let stories = try await Story.published(withKey: key, on: req.db, exceptSchool: wave.$school.id).prefix(3)
                if !stories.isEmpty { model.otherStories[key] = stories.map { $0.card() } }
            }
        }
        return model
    }

    struct ModerationForm: Content { var hidden: String? }

    @Sendable func moderate(req: Request) async throws -> Response {
        let (user, wave) = try await req.authorized(Wave.self, .viewReport)
        let textID = try req.uuid(OpenTextID.self)
        guard let text = try await SurveyText.query(on: req.db).filter(\.$id == textID).with(\.$response).first(),
              text.response.$wave.id == wave.id else { throw Abort(.notFound) }
        let form = try req.content.decode(ModerationForm.self)
        guard let value = form.hidden, value == "1" || value == "0" else { throw Abort(.badRequest) }
        let hidden = value == "1"
        let now = req.now
        try await req.db.transaction { db in
            text.hidden = hidden
            try await text.save(on: db)
            try await TextModeration(textID: textID, userID: user.id, hidden: hidden, at: now).create(on: db)
        }
        req.logger.info("open answer moderated", metadata: ["hidden": .stringConvertible(hidden)])
        return .redirect(to: SiteRoute.report(waveID: wave.routeID).path)
    }

    /// One row per response: language, channel, then one column per item (0 = don't know, 1…4 the faces), the rows
    /// shuffled and without a day, so that no row can be told apart by when it came. Nothing is written for a wave
    /// with too few responses; a hidden language or channel group is left blank, and so is a statement the report hides
    /// (fewer respondents chose a face than the smallest group, `WaveReport.isShown`), its "don't know" answers included.
    @Sendable func csv(req: Request) async throws -> Response {
        let (_, wave) = try await req.authorized(Wave.self, .viewReport)
        let questionnaire = try req.application.questionnaire(of: wave)
        let report = try await req.reports.report(for: wave)
        let shownLanguages = Set(report.languages.filter { $0.count != nil }.map(\.name))
        let shownChannels = Set(report.channels.filter { $0.count != nil }.map(\.name))
        let shownItems = Set(report.keys.flatMap(\.items).filter { $0.counts != nil }.map(\.id))
        var lines = [(["language", "channel"] + questionnaire.items.map(\.id)).joined(separator: ",")]
        if report.hasFigures {
            let responses = try await SurveyResponse.query(on: req.db).filter(\.$wave.$id == wave.requireID()).with(\.$answers).all()
            for response in responses.shuffled() {
                let faces = Dictionary(response.answers.map { ($0.item, $0.value) }, uniquingKeysWith: { a, _ in a })
                var cells = [shownLanguages.contains(response.language) ? response.language : "",
                             shownChannels.contains(response.channel) ? response.channel : ""]
                cells += questionnaire.items.map { item in shownItems.contains(item.id) ? (faces[item.id].map(String.init) ?? "") : "" }
                lines.append(cells.joined(separator: ","))
            }
        }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/csv; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"report-\(wave.slug).csv\"")
        return Response(status: .ok, headers: headers, body: .init(string: lines.joined(separator: "\r\n") + "\r\n"))
    }
}
