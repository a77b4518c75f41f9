import Fluent
import Foundation
import SamenspraakCore
import SQLKit
import Vapor

/// Builds survey reports from the database: counts aggregated with GROUP BY (never every answer in memory),
/// the open answers and their moderation only for a caller that shows them. Controllers call it and render;
/// it knows nothing of requests.
struct ReportQuery {
    /// What a report holds beyond its figures, which every report has.
    struct Parts: OptionSet, Sendable {
        let rawValue: Int
        /// The open answers, each with whether it is hidden.
        static let openAnswers = Parts(rawValue: 1)
        /// With the open answers: who hid a hidden one, and when (the report page's log).
        static let moderation = Parts(rawValue: 2)
    }

    let db: any Database
    let questionnaires: [String: Questionnaire]
    /// The smallest group a figure may describe.
    let threshold: Int
    /// The reader's language, for "(former staff member)" after the name of someone who left; nil: names as stored.
    var t: Localizer? = nil

    enum Failure: Error, Equatable {
        /// A wave names a questionnaire this build does not have.
        case unknownQuestionnaire(String)
        /// The database cannot aggregate in SQL.
        case notSQL
    }

    /// The report of `wave`, whose school must be loaded (its number of families sets the response rate).
    func report(for wave: Wave, including parts: Parts = []) async throws -> WaveReport {
        guard let sql = db as? any SQLDatabase else { throw Failure.notSQL }
        guard let questionnaire = questionnaires[wave.questionnaire] else { throw Failure.unknownQuestionnaire(wave.questionnaire) }
        let waveID = try wave.requireID()
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
        // Per key, the respondents who chose a face on at least one of its statements: the group a key's figure
        // describes (see `WaveReport.isShown`). Counted in SQL, one small query per key.
        var keyRespondents: [Int: Int] = [:]
        for key in Questionnaire.keys {
            let items = questionnaire.items.filter { $0.key == key }.map(\.id)
            guard !items.isEmpty else { continue }
            let row = try await sql.select()
                .column(SQLFunction("COUNT", args: SQLDistinct("response_id")), as: "n")
                .from(SurveyAnswer.schema)
                .where("wave_id", .equal, SQLBind(waveID))
                .where("item", .in, SQLBind.group(items))
                .where("value", .in, SQLBind.group(Array(SurveyAnswers.faceValues.filter { $0 != 0 })))
                .first()
            keyRespondents[key] = try row?.decode(column: "n", as: Int.self) ?? 0
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
        let openAnswers = parts.isEmpty ? [] : try await self.openAnswers(of: waveID, withModeration: parts.contains(.moderation))
        let updated = try await sql.select().column(SQLFunction("MAX", args: SQLColumn("day")), as: "day").from(SurveyResponse.schema)
            .where("wave_id", .equal, SQLBind(waveID)).first().flatMap { try $0.decode(column: "day", as: String?.self) }
        var report = WaveReport.build(questionnaire: questionnaire, itemCounts: itemCounts, keyRespondents: keyRespondents,
                                      responses: responses,
                                families: questionnaire.audience == .team ? wave.families : (wave.families ?? wave.school.families),
                                languages: languages, channels: channels,
                                openAnswers: openAnswers, threshold: threshold)
        report.updatedOn = updated.flatMap(Day.init(iso:))
        return report
    }

    /// A wave's open answers in the order of their text (never of their arrival, which the storage does not keep
    /// either: they join in groups, see `SurveyInbox`).
    private func openAnswers(of waveID: UUID, withModeration: Bool) async throws -> [WaveReport.OpenAnswer] {
        let texts = try await SurveyText.query(on: db).join(SurveyResponse.self, on: \SurveyText.$response.$id == \SurveyResponse.$id)
            .filter(SurveyResponse.self, \.$wave.$id == waveID).sort(\.$text).all()
        // The response's language (stored with it for the breakdown "per language"); the report names it beside
        // the text only when that language's group is shown (see `WaveReport.build`).
        let languages = try texts.map { try $0.joined(SurveyResponse.self).language }
        var lastHiding: [UUID: TextModeration] = [:]
        let hiddenIDs = texts.filter(\.hidden).compactMap(\.id)
        if withModeration, !hiddenIDs.isEmpty {
            for entry in try await TextModeration.query(on: db).filter(\.$text.$id ~~ hiddenIDs).filter(\.$hidden == true)
                .with(\.$user).sort(\.$at, .descending).all() where lastHiding[entry.$text.id] == nil {
                lastHiding[entry.$text.id] = entry
            }
        }
        return zip(texts, languages).map { text, language in
            let hiding = text.id.flatMap { lastHiding[$0] }
            return WaveReport.OpenAnswer(id: text.id?.uuidString.lowercased() ?? "", question: text.question, text: text.text,
                                         hidden: text.hidden, hiddenBy: hiding.map { $0.user?.shownName(t) ?? "–" },
                                         hiddenOn: hiding.map { Day(date: $0.at) }, language: language)
        }
    }

    /// The reports of a school's waves of one questionnaire that have figures to show, in `order`.
    func reportsWithFigures(of school: School, questionnaire: String, order: Wave.Order,
                            including parts: Parts = []) async throws -> [(wave: Wave, report: WaveReport)] {
        var result: [(wave: Wave, report: WaveReport)] = []
        for wave in try await Wave.ofSchool(school, questionnaire: questionnaire, order: order, on: db) {
            let report = try await report(for: wave, including: parts)
            if report.hasFigures { result.append((wave, report)) }
        }
        return result
    }

    /// Every school of a trajectory with the report of its latest wave of `questionnaire` (nil when it has none),
    /// side by side; `viewer` is the school looking, or nil for the coordinator. Schools shown without their name
    /// are put in the order of a keyed hash (`key`, the app's secret) of trajectory and school: stable, and unrelated
    /// to their names.
    func comparison(trajectoryID: UUID, questionnaire: String, viewer: String?, key: SymmetricKey) async throws -> TrajectoryComparison {
        var inputs: [TrajectoryComparison.SchoolInput] = []
        for school in try await School.query(on: db).filter(\.$trajectory.$id == trajectoryID).sort(\.$name).all() {
            var report: WaveReport?
            if let wave = try await Wave.ofSchool(school, questionnaire: questionnaire, order: .newestFirst, on: db).first {
                report = try await self.report(for: wave)
            }
            inputs.append(.init(id: school.publicID, name: school.name, shareName: school.shareName, report: report,
                                hiddenOrder: Self.hiddenOrder(trajectoryID: trajectoryID, schoolID: school.publicID, key: key)))
        }
        return TrajectoryComparison.build(inputs, viewer: viewer)
    }
}

extension ReportQuery {
    /// Where a school without its name goes in a comparison: an HMAC of trajectory and school under the app's key.
    static func hiddenOrder(trajectoryID: UUID, schoolID: String, key: SymmetricKey) -> String {
        let message = Data("comparison order|\(trajectoryID.uuidString.lowercased())|\(schoolID.lowercased())".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: key).hexString
    }
}

extension Request {
    /// Reports as this app builds them (its questionnaires and smallest group).
    var reports: ReportQuery {
        ReportQuery(db: db, questionnaires: application.questionnaires, threshold: application.samenspraakConfig.minimumGroup, t: t)
    }
}
