import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A good-news card's answer page, opened from its QR code: the good news in the family's language and three buttons
/// to answer with one tap (thank you, I would like to talk, please call me), with a sentence if the parent wants.
/// The answer is for the round's teacher only, and counts as a warm contact of the seat. The link works 30 days.
struct ParentGoodNewsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.goodNews(token: .any), use: show)
        routes.post(.goodNews(token: .any), use: answer)
        routes.get(.goodNewsThanks(token: .any), use: thanks)
    }

    static func card(_ req: Request) async throws -> GoodNewsCard? {
        guard let token = req.parameter(LinkToken.self), !token.isEmpty, token.count <= 128 else { return nil }
        return try await GoodNewsCard.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: token))
            .with(\.$round, { $0.with(\.$school) }).first()
    }

    static func languages(_ req: Request, _ card: GoodNewsCard) -> [LanguageCode] {
        card.round.school.offeredLanguages(among: req.application.cardLanguages)
    }

    static func links(_ req: Request, token: String, languages: [LanguageCode]) -> [LanguageLink] {
        languages.map { LanguageLink(language: $0, href: SiteRoute.goodNews(token: LinkToken(token)).with(query: "lang", $0.rawValue)) }
    }

    /// A link that matches no card: said in the language asked for, or the browser's.
    static func unknownPage(_ req: Request) -> Response {
        let texts = req.application.cardTexts(req.parentLanguage(among: req.application.cardLanguages))
        let model = GoodNewsMessagePage.Model(texts: texts, schoolName: nil, titleKey: "goodnews.unknown.title", textKeys: ["goodnews.unknown.text"])
        return .html(GoodNewsMessagePage.view(model), status: .notFound)
    }

    /// A card whose 30 days are over: said in the card's language; nothing sent to it is kept.
    static func expiredPage(_ req: Request, _ card: GoodNewsCard, language: LanguageCode) -> Response {
        let model = GoodNewsMessagePage.Model(texts: req.application.cardTexts(language), schoolName: card.round.school.name,
                                              titleKey: "goodnews.expired.title", textKeys: ["goodnews.expired.text"])
        return .html(GoodNewsMessagePage.view(model), status: .gone)
    }

    static func page(_ req: Request, token: String, card: GoodNewsCard, language: LanguageCode, typed: String = "", error: String? = nil,
                     status: HTTPResponseStatus = .ok) async throws -> Response {
        var model = GoodNewsPage.Model(texts: req.application.cardTexts(language), schoolName: card.round.school.name, teacher: card.teacherName,
                                       sentence: card.sentenceKind, languages: Self.links(req, token: token, languages: Self.languages(req, card)),
                                       action: SiteRoute.goodNews(token: LinkToken(token)).path, expiresOn: card.expiresOn,
                                       answered: card.answer?.reply, typed: typed, error: error)
        model.voice = try await Recording.voice(schoolID: card.round.$school.id, language: language, part: .card, on: req.db)
        return .html(GoodNewsPage.view(model), status: status)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let card = try await Self.card(req), let token = req.parameter(LinkToken.self) else { return Self.unknownPage(req) }
        let language = req.parentLanguage(remembered: card.languageCode, among: Self.languages(req, card))
        guard GoodNewsCardRules.isOpen(expiresOn: card.expiresOn, today: Day(date: req.now)) else { return Self.expiredPage(req, card, language: language) }
        return try await Self.page(req, token: token, card: card, language: language)
    }

    struct AnswerForm: Content {
        var lang: String?
        var reply: String?
        var text: String?
    }

    @Sendable func answer(req: Request) async throws -> Response {
        guard let card = try await Self.card(req), let token = req.parameter(LinkToken.self) else { return Self.unknownPage(req) }
        let decoded = try? req.content.decode(AnswerForm.self)
        let form = decoded ?? AnswerForm()
        let language = req.parentLanguage(asked: form.lang, remembered: card.languageCode, among: Self.languages(req, card))
        let today = Day(date: req.now)
        guard GoodNewsCardRules.isOpen(expiresOn: card.expiresOn, today: today) else { return Self.expiredPage(req, card, language: language) }
        let typed = String((form.text ?? "").prefix(GoodNewsCardRules.maximumReplyText * 2))
        guard decoded != nil else {
            return try await Self.page(req, token: token, card: card, language: language, typed: typed, error: "goodnews.error.value",
                                       status: .unprocessableEntity)
        }
        let parsed: GoodNewsAnswer
        switch GoodNewsAnswer.parse(reply: form.reply, text: form.text) {
        case let .failure(problem):
            return try await Self.page(req, token: token, card: card, language: language, typed: typed, error: GoodNewsAnswer.messageKey(problem),
                                       status: .unprocessableEntity)
        case let .success(answer): parsed = answer
        }
        let thanks = SiteRoute.goodNewsThanks(token: LinkToken(token)).with(query: "lang", language.rawValue)
        // The same answer again (a double tap, or the form back in the history): it arrived the first time.
        if card.answer == parsed { return .redirect(to: thanks) }
        card.reply = parsed.reply.rawValue
        card.replyText = parsed.text
        card.repliedOn = today
        try await card.save(on: req.db)
        do {
            try await Self.countAsWarm(card, language: language, today: today, on: req.db)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two answers to the card at once: the other one counted the day's warm contact.
        }
        return .redirect(to: thanks)
    }

    /// An answered card is a warm contact of its seat, on the day of the answer, by good-news card, in the language
    /// answered in; once a day. When the seat's first concern fell on the same day, the concern counts as first.
    static func countAsWarm(_ card: GoodNewsCard, language: LanguageCode, today: Day, on db: any Database) async throws {
        let roundID = card.$round.id
        let sameDay = try await WelcomeContactRow.query(on: db).filter(\.$round.$id == roundID).filter(\.$seat == card.seat)
            .filter(\.$day == today).all()
        if sameDay.contains(where: { $0.kind == WelcomeContactKind.warm.rawValue && $0.how == WelcomeContactHow.goodNewsCard.rawValue }) { return }
        let concernToday = sameDay.contains { $0.kind == WelcomeContactKind.concern.rawValue }
        let written = WelcomeLanguage.isValid(language.rawValue) ? language.rawValue : WelcomeLanguage.other
        let contact = WelcomeContact(seat: card.seat, kind: .warm, day: today, how: .goodNewsCard, language: written, withInterpreter: false,
                                     firstOnDay: concernToday ? .concern : nil)
        try await WelcomeContactRow(roundID: roundID, contact: contact).create(on: db)
    }

    @Sendable func thanks(req: Request) async throws -> Response {
        guard let card = try await Self.card(req), let token = req.parameter(LinkToken.self) else { return Self.unknownPage(req) }
        let language = req.parentLanguage(remembered: card.languageCode, among: Self.languages(req, card))
        // Nothing was answered yet: there is nothing to thank for, the card itself is the way on.
        guard card.answer != nil else { return .redirect(to: SiteRoute.goodNews(token: LinkToken(token)).with(query: "lang", language.rawValue)) }
        let keys = ["goodnews.saved.text"] + (card.answer?.reply.asksForContact == true ? ["goodnews.saved.contact"] : [])
        var model = GoodNewsMessagePage.Model(texts: req.application.cardTexts(language), schoolName: card.round.school.name,
                                              titleKey: "goodnews.saved.title", textKeys: keys)
        model.voice = try await Recording.voice(schoolID: card.round.$school.id, language: language, part: .card, on: req.db)
        return .html(GoodNewsMessagePage.view(model), status: .ok)
    }
}
