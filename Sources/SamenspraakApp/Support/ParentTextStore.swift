import Fluent
import Foundation
import NIOConcurrencyHelpers
import SamenspraakCore
import Vapor

/// The parent-facing catalogs: the questionnaires, the rating pages' texts, the conversation card's texts and the
/// public profile's fixed texts.
struct ParentTexts: Sendable {
    var questionnaires: [String: Questionnaire]
    var rating: RatingCatalog
    var cards: [LanguageCode: Questionnaire.Texts]
    var profiles: [LanguageCode: Questionnaire.Texts] = [:]

    /// The parent questionnaire, whose texts a review covers (the team's is read by staff in Dutch or English).
    var survey: Questionnaire? { questionnaires[QuestionnaireLoader.versions[0]] }

    /// Every parent language, in the order parents see them.
    var languages: [LanguageCode] {
        let present = Set((survey?.languages ?? []) + rating.languages + cards.keys + profiles.keys)
        return LanguageCode.allCases.filter(present.contains)
    }

    /// The catalogs `language` has texts in, with their keys, the language's texts and the Dutch ones.
    func catalogs(of language: LanguageCode) -> [(catalog: ParentCatalog, keys: [String], texts: Questionnaire.Texts, dutch: Questionnaire.Texts)] {
        var result: [(catalog: ParentCatalog, keys: [String], texts: Questionnaire.Texts, dutch: Questionnaire.Texts)] = []
        if let survey, let texts = survey.texts[language], let dutch = survey.texts[.nl] {
            result.append((.survey, survey.expectedTextKeys, texts, dutch))
        }
        if let texts = rating.texts[language], let dutch = rating.texts[.nl] {
            result.append((.rating, RatingCatalog.expectedTextKeys(chips: rating.chips), texts, dutch))
        }
        if let texts = cards[language], let dutch = cards[.nl] {
            result.append((.card, CardCatalog.expectedTextKeys, texts, dutch))
        }
        if let texts = profiles[language], let dutch = profiles[.nl] {
            result.append((.profile, ProfileCatalog.expectedTextKeys, texts, dutch))
        }
        return result
    }

    /// Every text `language` must have, in file order, with its Dutch source and its current wording.
    func reviewable(_ language: LanguageCode) -> [ReviewableText] {
        catalogs(of: language).flatMap { entry in
            entry.keys.map { key in
                ReviewableText(id: ParentTextID(entry.catalog, key), source: entry.dutch.entries[key] ?? "", current: entry.texts.entries[key])
            }
        }
    }

    /// The status shown to staff: Dutch is the source; a language is reviewed only where every catalog it has is.
    func status(_ language: LanguageCode) -> Questionnaire.TranslationStatus {
        let statuses = Set(catalogs(of: language).map(\.texts.status))
        if statuses.contains(.source) { return .source }
        return statuses == [.reviewed] ? .reviewed : .draft
    }

    /// These catalogs with reviewed texts laid over them, and per language how many texts still wait for a review.
    func applying(_ reviewed: [LanguageCode: [ParentTextID: ReviewedWording]]) -> (ParentTexts, [LanguageCode: Int]) {
        var result = self
        var unreviewed: [LanguageCode: Int] = [:]
        for (language, texts) in reviewed where language != .nl {
            var byCatalog: [ParentCatalog: [String: ReviewedWording]] = [:]
            for (id, text) in texts { byCatalog[id.catalog, default: [:]][id.key] = text }
            var waiting = 0
            for (catalog, keys, shipped, dutch) in catalogs(of: language) {
                let (applied, missing) = TranslationReview.apply(shipped: shipped, dutch: dutch, expected: keys,
                                                                 reviewed: byCatalog[catalog] ?? [:])
                waiting += byCatalog[catalog] == nil ? keys.count : missing
                switch catalog {
                case .survey:
                    if let survey = result.survey {
                        var all = survey.texts
                        all[language] = applied
                        result.questionnaires[survey.id] = Questionnaire(id: survey.id, audience: survey.audience, items: survey.items,
                                                                        openQuestions: survey.openQuestions, texts: all)
                    }
                case .rating:
                    var all = result.rating.texts
                    all[language] = applied
                    result.rating = RatingCatalog(chips: result.rating.chips, texts: all)
                case .card:
                    result.cards[language] = applied
                case .profile:
                    result.profiles[language] = applied
                }
            }
            unreviewed[language] = waiting
        }
        return (result, unreviewed)
    }
}

/// The parent-facing catalogs as served: the shipped files, with the reviewed texts stored in the database laid over
/// them. Requests read a snapshot under a lock; a reload builds a new one and swaps it in whole, so a page never
/// mixes texts of two revisions.
///
/// Several servers share one database: each checks the revision (the number of imports) at most every
/// `checkInterval` seconds before it serves a request, and reloads the reviewed texts when it changed, so an
/// import on one server reaches the others within a few seconds, without a restart.
final class ParentTextStore: Sendable {
    static let checkInterval: TimeInterval = 3

    private struct State {
        var shipped: ParentTexts
        var current: ParentTexts
        var reviewed: [LanguageCode: [ParentTextID: ReviewedWording]] = [:]
        var unreviewed: [LanguageCode: Int] = [:]
        var revision: Int?
        var lastCheck: Date?
        var checking = false
    }

    private let state: NIOLockedValueBox<State>

    init(shipped: ParentTexts) {
        state = NIOLockedValueBox(State(shipped: shipped, current: shipped))
    }

    var current: ParentTexts { state.withLockedValue { $0.current } }
    var shipped: ParentTexts { state.withLockedValue { $0.shipped } }

    /// How many texts of `language` have no reviewed text since its last review (an upgrade added or changed them).
    func unreviewed(_ language: LanguageCode) -> Int? { state.withLockedValue { $0.unreviewed[language] } }

    /// Replaces the shipped catalogs (at start), keeping the reviewed texts laid over them.
    func replaceShipped(_ change: (inout ParentTexts) -> Void) {
        state.withLockedValue { state in
            change(&state.shipped)
            (state.current, state.unreviewed) = state.shipped.applying(state.reviewed)
        }
    }

    /// Checks the revision if the last check is older than the interval and no other request is checking; reloads
    /// the reviewed texts when it changed. A failure is logged and tried again at the next check.
    func refreshIfDue(now: Date, on db: any Database, logger: Logger) async {
        let due = state.withLockedValue { state -> Bool in
            if state.checking { return false }
            if let last = state.lastCheck, now.timeIntervalSince(last) < Self.checkInterval, now >= last { return false }
            state.checking = true
            state.lastCheck = now
            return true
        }
        guard due else { return }
        do {
            try await reload(on: db, force: false)
        } catch {
            logger.warning("reviewed texts not reloaded", metadata: ["error": .string(String(describing: error))])
        }
        state.withLockedValue { $0.checking = false }
    }

    /// Reads the revision and, when it changed (or `force`), every reviewed text, and swaps in the new catalogs.
    func reload(on db: any Database, force: Bool) async throws {
        // The revision is read before the texts: a later import raises it again, and the next check loads that one.
        let revision = try await LanguageReview.query(on: db).count()
        if !force, state.withLockedValue({ $0.revision }) == revision { return }
        var reviewed: [LanguageCode: [ParentTextID: ReviewedWording]] = [:]
        for row in try await ReviewedText.query(on: db).all() {
            guard let language = LanguageCode(rawValue: row.language), let catalog = ParentCatalog(rawValue: row.catalog) else { continue }
            reviewed[language, default: [:]][ParentTextID(catalog, row.key)] = ReviewedWording(source: row.source, text: row.text)
        }
        state.withLockedValue { state in
            // The revision only grows: a check that read an older one while an import was saved here keeps the newer.
            if let newer = state.revision, newer > revision { return }
            state.reviewed = reviewed
            (state.current, state.unreviewed) = state.shipped.applying(reviewed)
            state.revision = revision
        }
    }
}

extension Application {
    private struct ParentTextStoreKey: StorageKey { typealias Value = ParentTextStore }

    /// Made by `configure(_:_:)` from the shipped files.
    var parentTexts: ParentTextStore {
        get {
            guard let store = storage[ParentTextStoreKey.self] else { preconditionFailure("configure(_:_:) loads the parent texts") }
            return store
        }
        set { storage[ParentTextStoreKey.self] = newValue }
    }

    var parentTextsIfLoaded: ParentTextStore? { storage[ParentTextStoreKey.self] }
}

/// Lets each request see reviewed texts imported on another server (see `ParentTextStore`).
struct ParentTextRefreshMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if !request.url.path.hasPrefix("/static/") {
            await request.application.parentTexts.refreshIfDue(now: request.now, on: request.db, logger: request.logger)
        }
        return try await next.respond(to: request)
    }
}
