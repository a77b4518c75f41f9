import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The teacher's side of conversation cards: make the numbered slips of one's own oudercontact, and read what
/// parents wrote. Only the teacher who made the moment: not the lead, not the coordinator, no report.
struct StaffCardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.conversationCards(momentID: .any), use: teacher)
        routes.post(.conversationCards(momentID: .any), use: make)
    }

    static let maximumSlips = 60

    /// The moment of the URL, for the teacher who made it only: not the lead, not the coordinator.
    static func authorizeTeacher(_ req: Request) async throws -> (User, Moment) {
        let (user, moment) = try await req.authorized(Moment.self, .readCards)
        guard let creator = moment.$creator.id, creator == user.id else { throw Abort(.forbidden) }
        return (user, moment)
    }

    @Sendable func teacher(req: Request) async throws -> Response {
        let (_, moment) = try await Self.authorizeTeacher(req)
        let cards = try await ConversationCard.query(on: req.db).filter(\.$moment.$id == moment.requireID()).sort(\.$slot).all()
        let filled = cards.compactMap { card in card.answers.map { TalkCardsPage.Card(slot: card.slot, language: card.languageCode, answers: $0) } }
        var model = TalkCardsPage.Model(shell: req.shell(), momentID: moment.publicID, momentTitle: moment.title,
                                        when: MomentText.periodText(moment.window, req.t), labels: req.application.cardTexts(req.language),
                                        cards: filled, unfilled: cards.count - filled.count,
                                        deletedOn: moment.ends.adding(days: req.application.samenspraakConfig.cardGraceDays + 1))
        model.window = moment.momentKind == .oudercontact ? moment.window : nil
        model.today = Day(date: req.now)
        return .html(TalkCardsPage.view(model), status: .ok)
    }

    struct MakeForm: Content { var count: String? }

    @Sendable func make(req: Request) async throws -> Response {
        let (user, moment) = try await Self.authorizeTeacher(req)
        guard moment.momentKind == .oudercontact, moment.window.state(on: Day(date: req.now)) == .notYet else { throw Abort(.conflict) }
        guard let count = Int(((try? req.content.decode(MakeForm.self))?.count ?? "").trimmingCharacters(in: .whitespaces)),
              (1...Self.maximumSlips).contains(count) else {
            var model = try await StaffMomentController.showModel(req, user: user, moment: moment, errors: ["count": "error.card_count"])
            model.isCreator = true
            return .html(MomentShowPage.view(model), status: .unprocessableEntity)
        }
        let momentID = try moment.requireID()
        let last = try await ConversationCard.query(on: req.db).filter(\.$moment.$id == momentID).sort(\.$slot, .descending).first()?.slot ?? 0
        let tokens = (1...count).map { (slot: last + $0, token: req.services.token()) }
        try await req.db.transaction { db in
            for entry in tokens {
                try await ConversationCard(momentID: momentID, tokenHash: AppServices.hash(token: entry.token), slot: entry.slot).create(on: db)
            }
        }
        let slips = tokens.map { entry -> CardSlipsPage.Slip in
            let link = req.absoluteURL(SiteRoute.card(token: LinkToken(entry.token)).path)
            return .init(slot: entry.slot, link: link, qr: QRCode.matrix(link))
        }
        let model = CardSlipsPage.Model(schoolName: moment.school.name, moment: moment.heading, slips: slips,
                                        texts: moment.school.offeredLanguages(among: req.application.cardLanguages).filter { !$0.isSpokenOnly }.map(req.application.cardTexts),
                                        staffLanguage: req.language, printHint: req.t("cards.print_hint"))
        req.logger.info("conversation cards made", metadata: ["count": .stringConvertible(count)])
        return .html(CardSlipsPage.view(model), status: .created)
    }
}
