import Crypto
import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A school's public profile: open to anyone once its lead publishes it, gone the moment they take it down.
/// The page is the same for every visitor of a language, so it carries an ETag and answers 304 when unchanged.
/// Its fixed texts speak the school's parent languages (`?lang=`, else the browser's); the page cache keeps one
/// page per address and Accept-Language (`PublicPageCache.key`).
struct PublicProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.schoolProfile(slug: .any), use: show)
    }

    /// How far back the profile looks for rated moments, and how many it shows.
    static let recentDays = 365
    static let maximumMoments = 12

    @Sendable func show(req: Request) async throws -> Response {
        guard let slug = req.parameter(LinkSlug.self), slug.count <= 80,
              let school = try await School.query(on: req.db).filter(\.$profileSlug == slug).filter(\.$profilePublished == true).first() else {
            throw Abort(.notFound)
        }
        let model = try await Self.model(req, school: school)
        return .cacheable(SchoolProfilePage.view(model).render(), for: req)
    }

    static func model(_ req: Request, school: School) async throws -> SchoolProfilePage.Model {
        let threshold = req.application.figureThreshold
        let schoolID = try school.requireID()
        let slug = LinkSlug(school.profileSlug ?? "")
        let available = req.application.profileLanguages
        let offered = school.offeredLanguages(among: available).filter(available.contains)
        let languages = offered.isEmpty ? [LanguageCode.nl] : offered
        let language = req.parentLanguage(among: languages)
        let t = req.application.profileLocalizer(language)
        let questionnaire = req.application.currentParentQuestionnaire
        // Strengths: from the newest parent survey that has enough answers to show figures.
        var period: String?
        var responses = 0
        var strengths: [SchoolProfilePage.Strength] = []
        // The keys' names are the parent questionnaire's, in the page's language.
        let keyTexts = questionnaire.texts(t.language)
        for wave in try await Wave.ofSchool(school, questionnaire: questionnaire.id, order: .newestFirst,
                                            on: req.db) {
            let report = try await req.reports.report(for: wave)
            guard report.hasFigures, !report.strengths.isEmpty else { continue }
            period = Dates.period(wave.opens, wave.closes, t)
            responses = report.responses
            strengths = report.strengths.compactMap { key in
                report.key(key)?.score.map { SchoolProfilePage.Strength(key: key, name: keyTexts("key.\(key)"), score: $0) }
            }
            break
        }
        // Moments of the last year with enough ratings, newest first, with the sentences the school chose.
        let since = Day(date: req.now).adding(days: -Self.recentDays)
        let moments = try await Moment.query(on: req.db).filter(\.$school.$id == schoolID).filter(\.$starts >= since)
            .sort(\.$starts, .descending).all()
        let counts = try await MomentRating.faceCounts(ofMoments: moments.compactMap(\.id), on: req.db)
        let shown = moments.filter { (counts[$0.id!]?.total ?? 0) >= threshold }.prefix(Self.maximumMoments)
        var sentences: [UUID: [String]] = [:]
        let shownIDs = shown.compactMap(\.id)
        if !shownIDs.isEmpty {
            for rating in try await MomentRating.released(on: req.db).filter(\.$moment.$id ~~ shownIDs).filter(\.$textPublic == true)
                .filter(\.$textHidden == false).sort(\.$text).all() {
                if let text = rating.text { sentences[rating.$moment.id, default: []].append(text) }
            }
        }
        let rated = shown.compactMap { moment -> SchoolProfilePage.RatedMoment? in
            guard let id = moment.id, let index = HappinessIndex.score(counts[id] ?? FaceCounts()) else { return nil }
            return .init(kind: moment.momentKind, title: moment.title, window: moment.window, index: index, reply: moment.reply,
                         sentences: sentences[id] ?? [])
        }
        let links = languages.map { LanguageLink(language: $0, href: SiteRoute.schoolProfile(slug: slug).with(query: "lang", $0.rawValue)) }
        // The newest survey whose page for parents is online ("you told us — we are doing this").
        var resultsLink: String?
        for wave in try await Wave.ofSchool(school, questionnaire: questionnaire.id, order: .newestFirst, on: req.db) {
            if let page = try await ResultsPage.of(wave, on: req.db), page.published {
                resultsLink = SiteRoute.resultsForParents(slug: LinkSlug(wave.slug)).with(query: "lang", t.language.rawValue)
                break
            }
        }
        return SchoolProfilePage.Model(t: t, languages: links, schoolName: school.name, levels: school.levels, surveyPeriod: period,
                                       surveyResponses: responses, strengths: strengths, moments: rated, threshold: threshold,
                                       resultsLink: resultsLink)
    }
}
