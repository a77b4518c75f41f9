import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A conversation card as the parent fills it in before an oudercontact, in their own language, on any phone and
/// without an account: the card's unguessable link is all it takes. After the talk the same link leads to the
/// rating of the moment; the cards are deleted a few days later.
struct ParentCardController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.card(token: .any), use: show)
        routes.post(.card(token: .any), use: save)
        routes.get(.cardThanks(token: .any), use: thanks)
    }

    static func card(_ req: Request) async throws -> ConversationCard? {
        guard let token = req.parameter(LinkToken.self), !token.isEmpty, token.count <= 128 else { return nil }
        return try await ConversationCard.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: token))
            .with(\.$moment, { $0.with(\.$school) }).first()
    }

    static func expiredPage(_ req: Request) -> Response {
        let languages = req.application.cardLanguages
        // A card this browser sent, deleted since (back in its history): it arrived, in the language it was sent in.
        if let token = req.parameter(LinkToken.self), let language = SentCookie.language(req, .card, key: token), languages.contains(language) {
            return .html(RatingMessagePage.view(.init(texts: req.application.cardTexts(language), schoolName: nil, titleKey: "card.saved.title",
                                                      textKey: "card.arrived.text")), status: .ok)
        }
        let texts = req.application.cardTexts(req.parentLanguage(among: languages))
        return .html(RatingMessagePage.view(.init(texts: texts, schoolName: nil, titleKey: "card.expired.title", textKey: "card.expired.text")),
                     status: .notFound)
    }

    static func state(_ req: Request, _ moment: Moment) -> CardRules.State {
        CardRules.state(today: Day(date: req.now), starts: moment.starts, ends: moment.ends, graceDays: req.application.samenspraakConfig.cardGraceDays)
    }

    /// Once the talk has started, the card's link leads to the rating of the moment, in the card's language.
    static func afterTheTalk(_ req: Request, _ card: ConversationCard, texts: Questionnaire.Texts) -> Response {
        let moment = card.moment
        if moment.window.state(on: Day(date: req.now)) == .open {
            let language = card.languageCode ?? texts.language
            return .redirect(to: SiteRoute.momentRate(slug: LinkSlug(moment.slug)).with(query: "lang", language.rawValue))
        }
        let model = RatingMessagePage.Model(texts: texts, schoolName: moment.school.name, titleKey: "card.closed.title", textKey: "card.closed.text",
                                            moment: moment.heading)
        return .html(RatingMessagePage.view(model), status: .forbidden)
    }

    static func page(_ req: Request, token: String, card: ConversationCard, language: LanguageCode, typed: [String: String] = [:],
                     chips: [String]? = nil, error: String? = nil, status: HTTPResponseStatus = .ok) async throws -> Response {
        let moment = card.moment
        var answers = card.answers ?? CardAnswers()
        if let chips { answers.chips = chips }
        let links = moment.school.offeredLanguages(among: req.application.cardLanguages).map {
            LanguageLink(language: $0, href: SiteRoute.card(token: LinkToken(token)).with(query: "lang", $0.rawValue))
        }
        let texts = req.application.cardTexts(language)
        var model = CardPage.Model(texts: texts, schoolName: moment.school.name,
                                   moment: MomentHeading(title: moment.title, date: MomentHeading.date(moment.starts, moment.ends)),
                                   languages: links, action: SiteRoute.card(token: LinkToken(token)).path, answers: answers, typed: typed,
                                   already: card.answers != nil && error == nil, error: error)
        model.voice = try await Recording.voice(schoolID: moment.$school.id, language: language, part: .card, on: req.db)
        return .html(CardPage.view(model), status: status)
    }

    /// After this browser sent the card (back in its history, or sent again): "your card has arrived", in the language
    /// it was sent in, and a way to change it until the talk; never what the card says.
    static func arrivedPage(_ req: Request, token: String, card: ConversationCard, language: LanguageCode) -> Response {
        let moment = card.moment
        let change = SiteRoute.card(token: LinkToken(token)).with(queries: [("lang", language.rawValue), ("change", "1")])
        let model = RatingMessagePage.Model(texts: req.application.cardTexts(language), schoolName: moment.school.name, titleKey: "card.saved.title",
                                            textKey: "card.arrived.text",
                                            moment: MomentHeading(title: moment.title, date: MomentHeading.date(moment.starts, moment.ends)),
                                            link: .init(textKey: "card.change", href: change))
        return .html(RatingMessagePage.view(model), status: .ok)
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let card = try await Self.card(req), let token = req.parameter(LinkToken.self) else { return Self.expiredPage(req) }
        let languages = card.moment.school.offeredLanguages(among: req.application.cardLanguages)
        let sentIn = card.answers == nil ? nil : SentCookie.language(req, .card, key: token)
        let language = req.parentLanguage(remembered: sentIn ?? card.languageCode, among: languages)
        switch Self.state(req, card.moment) {
        case .open where sentIn != nil && req.query[String.self, at: "change"] == nil:
            // Sent from this browser: the form is not shown again as if nothing was sent, unless the parent asks to change it.
            return Self.arrivedPage(req, token: token, card: card, language: language)
        case .open: return try await Self.page(req, token: token, card: card, language: language)
        case .started: return Self.afterTheTalk(req, card, texts: req.application.cardTexts(language))
        case .expired: return Self.expiredPage(req)
        }
    }

    struct CardForm: Content {
        var lang: String?
        var text: [String: String]?
        var chips: [String]?
    }

    @Sendable func save(req: Request) async throws -> Response {
        guard let card = try await Self.card(req), let token = req.parameter(LinkToken.self) else { return Self.expiredPage(req) }
        let languages = card.moment.school.offeredLanguages(among: req.application.cardLanguages)
        let decoded = try? req.content.decode(CardForm.self)
        let form = decoded ?? CardForm()
        let language = req.parentLanguage(asked: form.lang, remembered: card.languageCode, among: languages)
        switch Self.state(req, card.moment) {
        case .open: break
        case .started:
            // The talk has begun: the card is closed; nothing sent now is kept.
            let model = RatingMessagePage.Model(texts: req.application.cardTexts(language), schoolName: card.moment.school.name,
                                                titleKey: "card.closed.title", textKey: "card.closed.text",
                                                moment: card.moment.heading)
            return .html(RatingMessagePage.view(model), status: .forbidden)
        case .expired: return Self.expiredPage(req)
        }
        guard decoded != nil else {
            // A form that cannot be read is refused, never taken for an empty card: what the card held stays.
            return try await Self.page(req, token: token, card: card, language: language, error: "card.error.value",
                             status: .unprocessableEntity)
        }
        let typed = (form.text ?? [:]).mapValues { String($0.prefix(CardAnswers.maximumTextLength * 2)) }
        switch CardAnswers.parse(texts: form.text ?? [:], chips: form.chips ?? []) {
        case let .failure(problem):
            let message = problem == .textTooLong ? "card.error.text_too_long" : "card.error.value"
            return try await Self.page(req, token: token, card: card, language: language, typed: typed,
                             chips: (form.chips ?? []).filter { CardChip(rawValue: $0) != nil }, error: message, status: .unprocessableEntity)
        case let .success(answers):
            if card.answers == answers && card.language == language.rawValue {
                // The same card sent again (the form back in the history): it arrived the first time.
                let response = Self.arrivedPage(req, token: token, card: card, language: language)
                SentCookie.set(on: response, req, .card, key: token, language: language)
                return response
            }
            card.answers = answers
            card.language = language.rawValue
            try await card.save(on: req.db)
            let response = Response.redirect(to: SiteRoute.cardThanks(token: LinkToken(token)).with(query: "lang", language.rawValue))
            SentCookie.set(on: response, req, .card, key: token, language: language)
            return response
        }
    }

    @Sendable func thanks(req: Request) async throws -> Response {
        guard let card = try await Self.card(req) else { return Self.expiredPage(req) }
        let languages = card.moment.school.offeredLanguages(among: req.application.cardLanguages)
        let language = req.parentLanguage(remembered: card.languageCode, among: languages)
        let texts = req.application.cardTexts(language)
        var model = RatingMessagePage.Model(texts: texts, schoolName: card.moment.school.name, titleKey: "card.saved.title", textKey: "card.saved.text",
                                            moment: MomentHeading(title: card.moment.title, date: MomentHeading.date(card.moment.starts, card.moment.ends)))
        model.voice = try await Recording.voice(schoolID: card.moment.$school.id, language: language, part: .card, on: req.db)
        return .html(RatingMessagePage.view(model), status: .ok)
    }
}
