import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The lead's side of "you told us — we are doing this": choose actions of the plan and shown open answers, write a
/// sentence of thanks, publish, update, take offline. The form shows the report's open answers, so it is for those who
/// read the report (the school's lead and the coordinator), as the report is.
struct StaffResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.results(waveID: .any), use: show)
        routes.post(.results(waveID: .any), use: save)
        routes.get(.resultsPoster(waveID: .any), use: poster)
    }

    /// A parent wave of the school (a team wave has no parents to tell).
    static func wave(_ req: Request) async throws -> (User, Wave, Questionnaire) {
        let (user, wave) = try await req.authorized(Wave.self, .viewReport)
        let questionnaire = try req.application.questionnaire(of: wave)
        guard questionnaire.audience != .team else { throw Abort(.notFound) }
        return (user, wave, questionnaire)
    }

    static func languages(_ req: Request, _ wave: Wave, _ questionnaire: Questionnaire) -> [LanguageCode] {
        let available = req.application.profileLanguages
        let written = wave.writtenLanguages(for: questionnaire).filter(available.contains)
        return written.isEmpty ? [.nl] : written
    }

    static func model(_ req: Request, wave: Wave, questionnaire: Questionnaire, source: ResultsPage.Source, page: ResultsPage?,
                      draft: ResultsDraft? = nil, errors: FieldErrors = [:]) -> ResultsEditPage.Model {
        let languages = Self.languages(req, wave, questionnaire)
        let actions = source.actions.map { action in
            ResultsEditPage.Option(id: action.publicID, label: "\(action.what) — \(Dates.long(action.due, req.t))"
                                   + (action.status == ActionStatus.done.rawValue ? " ✓" : ""))
        }
        let quotes = source.quotable.map { ResultsEditPage.Option(id: $0.id, label: $0.text) }
        let fallback = ResultsDraft(language: languages.contains(req.language) ? req.language.rawValue : languages[0].rawValue)
        let posters = languages.map { LanguageLink(language: $0, href: SiteRoute.resultsPoster(waveID: wave.routeID).with(query: "lang", $0.rawValue)) }
        return ResultsEditPage.Model(shell: req.shell(), waveID: wave.publicID, schoolName: wave.school.name,
                                     period: Dates.period(wave.opens, wave.closes, req.t), hasFigures: source.report.hasFigures,
                                     actions: actions, quotes: quotes, languages: languages, draft: draft ?? page?.draft ?? fallback,
                                     errors: errors, published: page?.published,
                                     publicPath: SiteRoute.resultsForParents(slug: LinkSlug(wave.slug)).path,
                                     notice: req.notice(ResultsNotice.self)?.catalogKey).with(posters: posters)
    }

    /// The online page on A4 in one language (`?lang=`), with the QR code of the survey's short link.
    @Sendable func poster(req: Request) async throws -> Response {
        let (_, wave, questionnaire) = try await Self.wave(req)
        guard let page = try await ResultsPage.of(wave, on: req.db), page.published else {
            return .redirect(to: SiteRoute.results(waveID: wave.routeID).path)
        }
        let languages = Self.languages(req, wave, questionnaire)
        let asked = req.query[String.self, at: "lang"].flatMap(LanguageCode.init(rawValue:))
        let language = asked.flatMap { languages.contains($0) ? $0 : nil } ?? languages[0]
        var content = try await ParentResultsController.model(req, wave: wave, page: page, language: language, languages: languages)
        content.languages = []
        let link = StaffWaveController.openLink(req, wave)
        let tools = PrintLayout.Tools(back: SiteRoute.results(waveID: wave.routeID).path, backLabel: req.t("print.back"),
                                      printLabel: req.t("print.button"), language: req.language)
        let model = ResultsPosterPage.Model(page: content, link: link, qr: QRCode.matrix(link), printHint: req.t("print.hint"), tools: tools)
        return .html(ResultsPosterPage.view(model), status: .ok)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (_, wave, questionnaire) = try await Self.wave(req)
        let source = try await ResultsPage.source(for: wave, reports: req.reports, on: req.db)
        let page = try await ResultsPage.of(wave, on: req.db)
        return .html(ResultsEditPage.view(Self.model(req, wave: wave, questionnaire: questionnaire, source: source, page: page)), status: .ok)
    }

    struct ResultsForm: Content {
        var intent: String?
        var thanks: String?
        var language: String?
        var actions: [String]?
        var quotes: [String]?

        var draft: ResultsDraft {
            ResultsDraft(thanks: String((thanks ?? "").prefix(ResultsDraft.maximumThanks * 4)), language: language ?? "",
                         actionIDs: actions ?? [], quoteIDs: quotes ?? [])
        }
    }

    @Sendable func save(req: Request) async throws -> Response {
        let (user, wave, questionnaire) = try await Self.wave(req)
        let form = (try? req.content.decode(ResultsForm.self)) ?? ResultsForm()
        let page = try await ResultsPage.of(wave, on: req.db)
        let back = SiteRoute.results(waveID: wave.routeID)
        let detail = "\(wave.school.name) · \(Dates.period(wave.opens, wave.closes, req.t))"
        if form.intent == "offline" {
            guard let page, page.published else { return .redirect(to: back.path) }
            page.published = false
            page.updatedOn = Day(date: req.now)
            let now = req.now
            try await req.db.transaction { db in
                try await page.save(on: db)
                try await AuditEntry(at: now, actor: user, action: .resultsTakenOffline, subjectID: nil, subjectName: "", subjectEmail: "",
                                     schoolID: wave.$school.id, detail: detail).create(on: db)
            }
            return .redirect(to: back.with(notice: ResultsNotice.offline))
        }
        let source = try await ResultsPage.source(for: wave, reports: req.reports, on: req.db)
        let draft = form.draft
        guard source.report.hasFigures else {
            let model = Self.model(req, wave: wave, questionnaire: questionnaire, source: source, page: page, draft: draft)
            return .html(ResultsEditPage.view(model), status: .unprocessableEntity)
        }
        switch draft.validate(actions: Set(source.actions.map(\.publicID)), quotes: Set(source.quotable.map(\.id)),
                              languages: Self.languages(req, wave, questionnaire)) {
        case let .failure(box):
            if box.errors["quotes"] == "error.results_unknown_quote" { req.logger.info("results page: a quote that is not shown was refused") }
            var model = Self.model(req, wave: wave, questionnaire: questionnaire, source: source, page: page, draft: draft, errors: box.errors)
            model.notice = nil
            return .html(ResultsEditPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let today = Day(date: req.now)
            let now = req.now
            let waveID = try wave.requireID()
            try await req.db.transaction { db in
                if let page {
                    page.apply(valid, on: today)
                    page.published = true
                    try await page.save(on: db)
                } else {
                    try await ResultsPage(waveID: waveID, valid: valid, on: today).create(on: db)
                }
                try await AuditEntry(at: now, actor: user, action: .resultsPublished, subjectID: nil, subjectName: "", subjectEmail: "",
                                     schoolID: wave.$school.id, detail: detail).create(on: db)
            }
            return .redirect(to: back.with(notice: ResultsNotice.published))
        }
    }
}
