import Fluent
import Foundation
import SamenspraakCore
import Vapor

/// Loads the texts of the conversation card in every language shipped. A broken file stops the start.
enum CardCatalogLoader {
    static func load(added: URL? = nil) throws -> [LanguageCode: Questionnaire.Texts] {
        try CardCatalog.parse(languages: try languageFiles(in: "Resources/cards", added: added))
    }
}

extension Application {
    /// The card's texts as served: the shipped files with the reviewed texts laid over them.
    var cardTexts: [LanguageCode: Questionnaire.Texts] {
        get { parentTextsIfLoaded?.current.cards ?? [:] }
        set { parentTexts.replaceShipped { $0.cards = newValue } }
    }

    /// The card's texts in `language`, together with the rating pages' texts of that language: the card's
    /// message pages share the rating's heading and reply.
    func cardTexts(_ language: LanguageCode) -> Questionnaire.Texts {
        let card = cardTexts[language] ?? cardTexts[.nl] ?? Questionnaire.Texts(language: .nl, status: .draft, entries: [:])
        let rating = ratingCatalog.texts(card.language)
        return Questionnaire.Texts(language: card.language, status: card.status, entries: rating.entries.merging(card.entries) { $1 })
    }

    var cardLanguages: [LanguageCode] { LanguageCode.allCases.filter { cardTexts[$0] != nil } }
}

/// Deletes the cards of talks that ended more than the grace period ago: by the server every hour, and by
/// `samenspraak purge`.
enum CardPurge {
    @discardableResult
    static func run(on db: any Database, today: Day, graceDays: Int) async throws -> Int {
        let cutoff = CardRules.deleteTalksEndingBefore(today: today, graceDays: graceDays)
        let moments = try await Moment.query(on: db).filter(\.$ends < cutoff).all().compactMap(\.id)
        guard !moments.isEmpty else { return 0 }
        let count = try await ConversationCard.query(on: db).filter(\.$moment.$id ~~ moments).count()
        try await ConversationCard.query(on: db).filter(\.$moment.$id ~~ moments).delete()
        return count
    }
}

/// Runs the purge once an hour while the server runs.
struct CardPurgeSchedule: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()

    func didBootAsync(_ application: Application) async throws {
        box.task = Task {
            while !Task.isCancelled {
                do {
                    let deleted = try await CardPurge.run(on: application.db, today: Day(date: application.services.now()),
                                                          graceDays: application.samenspraakConfig.cardGraceDays)
                    if deleted > 0 { application.logger.info("conversation cards deleted", metadata: ["count": .stringConvertible(deleted)]) }
                    try await MailOutbox.purge(on: application.db, now: application.services.now())
                    try await SurveyInbox.vacuum(on: application.db)
                    try await SignInGuard.purge(on: application.db, now: application.services.now())
                    try await PendingStoryPhoto.purge(on: application.db, now: application.services.now())
                    let rounds = try await WelcomePurge.run(on: application.db, today: Day(date: application.services.now()),
                                                            end: application.samenspraakConfig.schoolYearEnd)
                    if rounds > 0 { application.logger.info("welcome rounds deleted", metadata: ["count": .stringConvertible(rounds)]) }
                } catch {
                    application.logger.warning("conversation card purge failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: .seconds(3600))
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
    }
}
