import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The teacher makes good-news cards for families of their own class: each in the family's language, with a fixed
/// warm sentence, signed with the name they choose, and the QR code of the card's answer page. Only the round's
/// teacher makes them and reads the answers (on the seat).
struct StaffGoodNewsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.welcomeCards(roundID: .any), use: form)
        routes.post(.welcomeCards(roundID: .any), use: make)
    }

    /// The written languages the round's school offers: a card is printed, so a spoken-only language has no text for it.
    static func languages(_ req: Request, _ round: WelcomeRound) async throws -> [LanguageCode] {
        let school = try await round.$school.get(on: req.db)
        return school.offeredLanguages(among: req.application.cardLanguages).filter { !$0.isSpokenOnly }
    }

    static func model(_ req: Request, round: WelcomeRound, order: GoodNewsOrder, errors: FieldErrors = [:]) async throws -> GoodNewsOrderPage.Model {
        let contacts = try await WelcomeRound.contacts(of: [round], on: req.db)
        let seats = (1...max(round.families, 1)).map { number in
            GoodNewsOrderPage.Seat(number: number, warm: contacts.contains { $0.seat == number && $0.kind == .warm })
        }
        let staffTexts = req.application.cardTexts(req.language)
        let sentences = Dictionary(uniqueKeysWithValues: GoodNewsSentence.allCases.map { ($0.rawValue, staffTexts($0.catalogKey)) })
        return GoodNewsOrderPage.Model(shell: req.shell(), roundID: round.publicID, className: round.className, seats: seats,
                                       languages: try await Self.languages(req, round), sentences: sentences, order: order, errors: errors)
    }

    @Sendable func form(req: Request) async throws -> Response {
        let (user, round) = try await WelcomeController.authorizeTeacher(req)
        // From a seat's page the seat comes ticked; the teacher's name is their account's until they change it.
        let seat = req.query[String.self, at: "seat"].flatMap { WelcomeSeat.parse($0, families: round.families) }
        let order = GoodNewsOrder(seats: seat.map { [String($0)] } ?? [], teacher: user.name,
                                  format: seat == nil ? GoodNewsFormat.sheet.rawValue : GoodNewsFormat.phone.rawValue)
        return .html(GoodNewsOrderPage.view(try await Self.model(req, round: round, order: order)), status: .ok)
    }

    struct OrderForm: Content {
        var seats: [String]?
        var language: [String: String]?
        var sentence: [String: String]?
        var teacher: String?
        var format: String?
    }

    @Sendable func make(req: Request) async throws -> Response {
        let (_, round) = try await WelcomeController.authorizeTeacher(req)
        let form = (try? req.content.decode(OrderForm.self)) ?? OrderForm()
        let order = GoodNewsOrder(seats: Array((form.seats ?? []).prefix(GoodNewsCardRules.maximumCards + 1)), languages: form.language ?? [:],
                                  sentences: form.sentence ?? [:], teacher: form.teacher ?? "", format: form.format ?? "")
        let valid: GoodNewsOrder.Valid
        switch order.validate(families: round.families, languages: try await Self.languages(req, round)) {
        case let .failure(box):
            return .html(GoodNewsOrderPage.view(try await Self.model(req, round: round, order: order, errors: box.errors)), status: .unprocessableEntity)
        case let .success(checked): valid = checked
        }
        let roundID = try round.requireID()
        let today = Day(date: req.now)
        let made = valid.cards.map { (card: $0, token: req.services.token()) }
        try await req.db.transaction { db in
            for entry in made {
                try await GoodNewsCard(roundID: roundID, card: entry.card, teacher: valid.teacher, tokenHash: AppServices.hash(token: entry.token),
                                       madeOn: today).create(on: db)
            }
        }
        let staffTexts = req.application.cardTexts(req.language)
        let cards = made.map { entry -> GoodNewsPrintPage.Card in
            let link = req.absoluteURL(SiteRoute.goodNews(token: LinkToken(entry.token)).path)
            return GoodNewsPrintPage.Card(seat: entry.card.seat, texts: req.application.cardTexts(entry.card.language), sentence: entry.card.sentence,
                                          staffSentence: staffTexts(entry.card.sentence.catalogKey), link: link, qr: QRCode.matrix(link),
                                          expiresOn: GoodNewsCardRules.expires(madeOn: today))
        }
        let tools = PrintLayout.Tools(back: SiteRoute.welcomeRound(id: round.routeID).path, backLabel: req.t("welcome.back_grid", ["class": round.className]),
                                      printLabel: req.t("print.button"), language: req.language)
        let model = GoodNewsPrintPage.Model(cards: cards, teacher: valid.teacher, format: valid.format, staffLanguage: req.language,
                                            title: req.t("welcome.cards.title") + " · " + round.className,
                                            hint: req.t(valid.format == .sheet ? "welcome.cards.print_hint" : "welcome.cards.phone_hint"),
                                            seatLabels: Dictionary(uniqueKeysWithValues: valid.cards.map { ($0.seat, req.t("welcome.seat_label", ["seat": String($0.seat)])) }),
                                            tools: tools)
        let response = Response.html(GoodNewsPrintPage.view(model), status: .created)
        // The links are on this page only: no cache keeps them.
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}
