import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// "You told us — we are doing this" for the parents of a wave, at `/r/SLUG` (the wave's own short slug, so the
/// survey's poster and link lead here once the wave is closed). Every written language of the wave that has the
/// page's texts; the school's own sentences as written. Not published yet: 404; taken offline: 410; both said kindly.
struct ParentResultsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.resultsForParents(slug: .any), use: show)
    }

    static func languages(_ req: Request, _ wave: Wave) throws -> [LanguageCode] {
        StaffResultsController.languages(req, wave, try req.application.questionnaire(of: wave))
    }

    static func message(_ req: Request, wave: Wave?, languages: [LanguageCode], offline: Bool) -> Response {
        let t = req.application.profileLocalizer(req.parentLanguage(among: languages))
        let model = ResultsMessagePage.Model(t: t, schoolName: wave?.school.name, offline: offline)
        return .html(ResultsMessagePage.view(model), status: offline ? .gone : .notFound)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let slug = req.parameter(LinkSlug.self), slug.count <= 32,
              let wave = try await Wave.query(on: req.db).filter(\.$slug == slug.lowercased()).with(\.$school).first(),
              try req.application.questionnaire(of: wave).audience != .team else {
            return Self.message(req, wave: nil, languages: req.application.profileLanguages, offline: false)
        }
        let languages = try Self.languages(req, wave)
        guard let page = try await ResultsPage.of(wave, on: req.db) else {
            return Self.message(req, wave: wave, languages: languages, offline: false)
        }
        guard page.published else { return Self.message(req, wave: wave, languages: languages, offline: true) }
        let model = try await Self.model(req, wave: wave, page: page, language: req.parentLanguage(among: languages), languages: languages)
        return .html(ResultsForParentsPage.view(model), status: .ok)
    }

    /// The page in `language`, read now from the report and the plan; `languages` link to it in each.
    static func model(_ req: Request, wave: Wave, page: ResultsPage, language: LanguageCode,
                      languages: [LanguageCode]) async throws -> ResultsForParentsPage.Model {
        let t = req.application.profileLocalizer(language)
        let source = try await ResultsPage.source(for: wave, reports: req.reports, on: req.db)
        let content = ResultsContent.build(report: source.report, planKeys: source.planKeys, quoteIDs: page.quoteIDs)
        let keyTexts = req.application.currentParentQuestionnaire.texts(t.language)
        let chosen = Set(page.actionIDs)
        let actions = source.actions.filter { chosen.contains($0.publicID) && $0.status != ActionStatus.dropped.rawValue }.map {
            ResultsForParentsPage.Action(what: $0.what, due: $0.due, done: $0.status == ActionStatus.done.rawValue)
        }
        let links = languages.map { LanguageLink(language: $0, href: SiteRoute.resultsForParents(slug: LinkSlug(wave.slug)).with(query: "lang", $0.rawValue)) }
        return ResultsForParentsPage.Model(t: t, languages: links, schoolName: wave.school.name, period: Dates.period(wave.opens, wave.closes, t),
                                           responses: content.responses, strengths: content.strengths.map { keyTexts("key.\($0)") },
                                           growth: content.growth.map { keyTexts("key.\($0)") }, actions: actions, quotes: content.quotes,
                                           thanks: page.thanks, thanksLanguage: page.languageCode)
    }
}
