import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import SQLKit
import Vapor

/// A wave's report for the school lead and the coordinator: figures aggregated in the database, small groups
/// hidden, open answers that staff may hide (logged) and show again, and a CSV of what may be shown.
struct ReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.report(waveID: ""), use: show)
        routes.get(.reportCSV(waveID: ""), use: csv)
        routes.post(.reportText(waveID: "", textID: ""), use: moderate)
        routes.get(.trajectoryComparison(trajectoryID: ""), use: trajectoryComparison)
        routes.get(.schoolComparison(schoolID: ""), use: schoolComparison)
    }

    /// Every school of a trajectory with the report of its latest parent survey (nil when it has none).
    static func comparison(_ req: Request, trajectoryID: UUID, viewer: String?) async throws -> TrajectoryComparison {
        var inputs: [TrajectoryComparison.SchoolInput] = []
        for school in try await School.query(on: req.db).filter(\.$trajectory.$id == trajectoryID).sort(\.$name).all() {
            let wave = try await Wave.query(on: req.db).filter(\.$school.$id == school.requireID())
                .filter(\.$questionnaire == req.application.currentParentQuestionnaire.id).sort(\.$opens, .descending).first()
            wave?.$school.value = school
            var report: WaveReport?
            if let wave { report = try await Self.report(req, wave: wave) }
            inputs.append(.init(id: school.publicID, name: school.name, shareName: school.shareName, report: report))
        }
        return TrajectoryComparison.build(inputs, viewer: viewer)
    }

    static func keyNames(_ req: Request) -> [Int: String] {
        let texts = req.application.currentParentQuestionnaire.texts(req.language)
        return Dictionary(uniqueKeysWithValues: Questionnaire.keys.map { ($0, texts("key.\($0)")) })
    }

    @Sendable func trajectoryComparison(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewTrajectory)
        let trajectory = try await TrajectoryController.find(req)
        let comparison = try await Self.comparison(req, trajectoryID: trajectory.requireID(), viewer: nil)
        let model = ComparisonPage.Model(shell: req.shell(), title: req.t("compare.title"), comparison: comparison, keyNames: Self.keyNames(req))
        return .html(ComparisonPage.view(model), status: .ok)
    }

    @Sendable func schoolComparison(req: Request) async throws -> Response {
        let (_, school) = try await SchoolController.authorize(req, .viewReport)
        let comparison = try await Self.comparison(req, trajectoryID: school.$trajectory.id, viewer: school.publicID)
        let model = ComparisonPage.Model(shell: req.shell(), title: req.t("compare.school_title", ["school": school.name]),
                                         comparison: comparison, keyNames: Self.keyNames(req))
        return .html(ComparisonPage.view(model), status: .ok)
    }

    /// Counts per item and face, per language and per channel: GROUP BY in the database, never all rows in memory.
    static func report(_ req: Request, wave: Wave) async throws -> WaveReport {
        guard let sql = req.db as? any SQLDatabase else { throw Abort(.internalServerError) }
        let waveID = try wave.requireID()
        let questionnaire = try SurveyController.questionnaire(req, wave)
        let faceRows = try await sql.select()
            .column("item").column("value")
            .column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
            .from(SurveyAnswer.schema)
            .where("wave_id", .equal, SQLBind(waveID))
            .groupBy("item").groupBy("value")
            .all()
        var itemCounts: [String: FaceCounts] = [:]
        for row in faceRows {
            let item = try row.decode(column: "item", as: String.self)
            let value = try row.decode(column: "value", as: Int.self)
            guard SurveyAnswers.faceValues.contains(value) else { continue }
            itemCounts[item, default: FaceCounts()].add(face: value, count: try row.decode(column: "n", as: Int.self))
        }
        func breakdown(_ column: String) async throws -> [String: Int] {
            var result: [String: Int] = [:]
            for row in try await sql.select().column(column).column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n")
                .from(SurveyResponse.schema).where("wave_id", .equal, SQLBind(waveID)).groupBy(column).all() {
                result[try row.decode(column: column, as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return result
        }
        let languages = try await breakdown("language")
        let channels = try await breakdown("channel")
        let responses = languages.values.reduce(0, +)
        let texts = try await SurveyText.query(on: req.db).join(SurveyResponse.self, on: \SurveyText.$response.$id == \SurveyResponse.$id)
            .filter(SurveyResponse.self, \.$wave.$id == waveID).sort(\.$text).all()
        let hiddenIDs = texts.filter(\.hidden).compactMap(\.id)
        var lastHiding: [UUID: TextModeration] = [:]
        if !hiddenIDs.isEmpty {
            for entry in try await TextModeration.query(on: req.db).filter(\.$text.$id ~~ hiddenIDs).filter(\.$hidden == true)
                .with(\.$user).sort(\.$at, .descending).all() where lastHiding[entry.$text.id] == nil {
                lastHiding[entry.$text.id] = entry
            }
        }
        let openAnswers = texts.map { text in
            let hiding = text.id.flatMap { lastHiding[$0] }
            return WaveReport.OpenAnswer(id: text.id?.uuidString.lowercased() ?? "", question: text.question, text: text.text,
                                         hidden: text.hidden, hiddenBy: hiding.map { $0.user?.name ?? "–" },
                                         hiddenOn: hiding.map { Day(date: $0.at) })
        }
        return WaveReport.build(questionnaire: questionnaire, itemCounts: itemCounts, responses: responses,
                                families: questionnaire.audience == "team" ? wave.families : (wave.families ?? wave.school.families),
                                languages: languages, channels: channels,
                                openAnswers: openAnswers, threshold: req.application.samenspraakConfig.minimumGroup)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, wave) = try await WaveController.authorize(req, .viewReport)
        let questionnaire = try SurveyController.questionnaire(req, wave)
        var previous: (period: String, report: WaveReport)?
        if let earlier = try await Wave.query(on: req.db).filter(\.$school.$id == wave.$school.id)
            .filter(\.$questionnaire == wave.questionnaire).filter(\.$opens < wave.opens).sort(\.$opens, .descending).first() {
            earlier.$school.value = wave.school
            previous = (Dates.period(earlier.opens, earlier.closes, req.t), try await Self.report(req, wave: earlier))
        }
        var mirror: (period: String, rows: [MirrorRow])?
        let isTeam = questionnaire.audience == "team"
        let parentReport = try await Self.report(req, wave: wave)
        if !isTeam {
            // The newest team wave with enough answers to show; a newer one still filling up does not hide the mirror.
            for teamWave in try await Wave.query(on: req.db).filter(\.$school.$id == wave.$school.id)
                .filter(\.$questionnaire == req.application.currentTeamQuestionnaire.id).sort(\.$opens, .descending).all() {
                teamWave.$school.value = wave.school
                let teamReport = try await Self.report(req, wave: teamWave)
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
        if !isTeam {
            for key in parentReport.growth {
                let stories = try await StoriesController.stories(withKey: key, on: req.db, exceptSchool: wave.$school.id).prefix(3)
                if !stories.isEmpty { model.otherStories[key] = stories.map { StoryController.card($0) } }
            }
        }
        return .html(ReportPage.view(model), status: .ok)
    }

    struct ModerationForm: Content { var hidden: String? }

    @Sendable func moderate(req: Request) async throws -> Response {
        let (user, wave) = try await WaveController.authorize(req, .viewReport)
        let textID = try req.uuid("textID")
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
        return .redirect(to: SiteRoute.report(waveID: wave.publicID).path)
    }

    /// One row per response: language, channel, day, then one column per item (0 = don't know, 1…4 the faces).
    /// Nothing is written for a wave with too few responses; a hidden language or channel group is left blank,
    /// and so is an item answered by too few.
    @Sendable func csv(req: Request) async throws -> Response {
        let (_, wave) = try await WaveController.authorize(req, .viewReport)
        let questionnaire = try SurveyController.questionnaire(req, wave)
        let report = try await Self.report(req, wave: wave)
        let shownLanguages = Set(report.languages.filter { $0.count != nil }.map(\.name))
        let shownChannels = Set(report.channels.filter { $0.count != nil }.map(\.name))
        let shownItems = Set(report.keys.flatMap(\.items).filter { $0.counts != nil }.map(\.id))
        var lines = [(["language", "channel", "day"] + questionnaire.items.map(\.id)).joined(separator: ",")]
        if report.hasFigures {
            let responses = try await SurveyResponse.query(on: req.db).filter(\.$wave.$id == wave.requireID()).with(\.$answers)
                .sort(\.$id).all()
            for response in responses {
                let faces = Dictionary(response.answers.map { ($0.item, $0.value) }, uniquingKeysWith: { a, _ in a })
                var cells = [shownLanguages.contains(response.language) ? response.language : "",
                             shownChannels.contains(response.channel) ? response.channel : "", response.day.description]
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
