import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The parent's side of a moment: "how was it?" in their language, one rating per device, changeable while
/// the moment is open. A random cookie is the only thing that recognises a device; its keyed hash, mixed with
/// the moment, is what the database keeps.
struct ParentRatingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.momentRate(slug: .any), use: show)
        routes.post(.momentRate(slug: .any), use: rate)
        routes.get(.momentThanks(slug: .any), use: thanks)
    }

    static let deviceCookie = "samenspraak_device"

    // MARK: helpers

    static func moment(_ req: Request) async throws -> Moment? {
        guard let slug = req.parameter(LinkSlug.self), slug.count <= 32 else { return nil }
        return try await Moment.query(on: req.db).filter(\.$slug == slug.lowercased()).with(\.$school).first()
    }

    static func links(_ moment: Moment, _ languages: [LanguageCode]) -> [LanguageLink] {
        languages.map { LanguageLink(language: $0, href: SiteRoute.momentRate(slug: LinkSlug(moment.slug)).with(query: "lang", $0.rawValue)) }
    }

    static func unknownPage(_ req: Request) -> Response {
        let catalog = req.application.ratingCatalog
        let texts = catalog.texts(req.parentLanguage(among: catalog.languages))
        let model = RatingMessagePage.Model(texts: texts, schoolName: nil, titleKey: "rating.unknown.title", textKey: "rating.unknown.text")
        return .html(RatingMessagePage.view(model), status: .notFound)
    }

    /// The page for a moment that is not open (yet): a kind message, and the school's reply if there is one.
    static func notOpenPage(_ req: Request, _ moment: Moment, texts: Questionnaire.Texts, state: MomentWindow.State,
                            languages: [LanguageCode]) -> Response {
        let closed = state == .closed
        let date = closed ? moment.window.closes : moment.window.starts
        let model = RatingMessagePage.Model(texts: texts, schoolName: moment.school.name,
                                            titleKey: closed ? "rating.closed.title" : "rating.not_yet.title",
                                            textKey: closed ? "rating.closed.text" : "rating.not_yet.text",
                                            values: ["date": MomentHeading.date(date, date)], moment: moment.heading,
                                            languages: links(moment, languages))
        return .html(RatingMessagePage.view(model), status: .forbidden)
    }

    /// After this browser sent its rating (back in its history, or sent again): "your answer has arrived", in the
    /// language it was sent in, the moment and the school's reply, and a way to change it while the moment is open;
    /// never the answer itself.
    static func arrivedPage(_ req: Request, _ moment: Moment, language: LanguageCode, open: Bool) -> Response {
        let link = open ? RatingMessagePage.MessageLink(textKey: "rating.change",
                                                        href: SiteRoute.momentRate(slug: LinkSlug(moment.slug))
                                                            .with(queries: [("lang", language.rawValue), ("change", "1")])) : nil
        let model = RatingMessagePage.Model(texts: req.application.ratingCatalog.texts(language), schoolName: moment.school.name,
                                            titleKey: "rating.thanks.title", textKey: "rating.thanks.text", moment: moment.heading, link: link)
        return .html(RatingMessagePage.view(model), status: .ok)
    }

    /// The device's random id from its cookie, or a new one (set on the response by the caller).
    static func device(_ req: Request) -> (id: String, isNew: Bool) {
        if let value = req.cookie(deviceCookie)?.string, value.count >= 32, value.count <= 64,
           value.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) {
            return (value, false)
        }
        let bytes = req.services.randomBytes(32)
        let id = Data(bytes).base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return (id, true)
    }

    static func setDeviceCookie(_ response: Response, _ id: String, app: Application) {
        // Only the rating pages need it (path /m/), but a Secure cookie carries the `__Host-` prefix, which browsers
        // accept only for path /: then it is sent everywhere, and nothing outside /m/ reads it.
        var cookie = app.cookie(value: id, maxAge: 400 * 24 * 3600)
        if !app.samenspraakConfig.secureCookies { cookie.path = "/m/" }
        response.setCookie(deviceCookie, cookie, app: app)
    }

    /// What the form carries to prove it was shown on this device by this site: a forged form elsewhere cannot know it.
    static func check(device: String, _ req: Request) async throws -> String {
        String(try await req.application.codeHash("rating-check:" + device, on: req.db).prefix(32))
    }

    static func deviceHash(device: String, moment: Moment, _ req: Request) async throws -> String {
        try await req.application.codeHash("moment:\(moment.publicID):" + device, on: req.db)
    }

    static func formPage(_ req: Request, moment: Moment, language: LanguageCode, languages: [LanguageCode], device: (id: String, isNew: Bool),
                         face: Int?, chosen: [String], text: String, already: Bool, error: String?,
                         status: HTTPResponseStatus) async throws -> Response {
        let catalog = req.application.ratingCatalog
        let texts = catalog.texts(language)
        var model = RatingPage.Model(texts: texts, schoolName: moment.school.name, moment: moment.heading,
                                     chips: catalog.chips(moment.momentKind), languages: links(moment, languages),
                                     action: SiteRoute.momentRate(slug: LinkSlug(moment.slug)).path, check: try await check(device: device.id, req),
                                     face: face, chosen: chosen, text: text, already: already, error: error)
        model.voice = try await Recording.voice(schoolID: moment.$school.id, language: language, part: .rating, on: req.db)
        let response = Response.html(RatingPage.view(model), status: status)
        if device.isNew { setDeviceCookie(response, device.id, app: req.application) }
        return response
    }

    // MARK: pages

    @Sendable func show(req: Request) async throws -> Response {
        guard let moment = try await Self.moment(req) else { return Self.unknownPage(req) }
        let catalog = req.application.ratingCatalog
        let languages = moment.school.offeredLanguages(among: catalog.languages)
        let asked = req.query[String.self, at: "lang"]
        let state = moment.window.state(on: Day(date: req.now))
        // Sent from this browser: the form is not shown again as if nothing was sent, unless the parent asks to change it.
        if let sentIn = SentCookie.language(req, .rating, key: moment.slug), state == .open && req.query[String.self, at: "change"] == nil
            || state == .closed {
            return Self.arrivedPage(req, moment, language: req.parentLanguage(asked: asked, remembered: sentIn, among: languages),
                                    open: state == .open)
        }
        guard state == .open else {
            return Self.notOpenPage(req, moment, texts: catalog.texts(req.parentLanguage(asked: asked, among: languages)), state: state,
                                    languages: languages)
        }
        let device = Self.device(req)
        var existing: MomentRating?
        if !device.isNew {
            let hash = try await Self.deviceHash(device: device.id, moment: moment, req)
            existing = try await MomentRating.query(on: req.db).filter(\.$moment.$id == moment.requireID()).filter(\.$deviceHash == hash).first()
        }
        // A phone that rated before opens in the language it rated in, unless it asks for another.
        let remembered = asked == nil ? existing.flatMap { LanguageCode(rawValue: $0.language) }.flatMap { languages.contains($0) ? $0 : nil } : nil
        let language = remembered ?? req.parentLanguage(asked: asked, among: languages)
        return try await Self.formPage(req, moment: moment, language: language, languages: languages, device: device,
                                       face: existing?.face, chosen: existing?.chips ?? [], text: existing?.text ?? "",
                                       already: existing != nil, error: nil, status: .ok)
    }

    struct RatingForm: Content {
        var lang: String?
        var check: String?
        var face: String?
        var chips: [String]?
        var text: String?
    }

    @Sendable func rate(req: Request) async throws -> Response {
        guard let moment = try await Self.moment(req) else { return Self.unknownPage(req) }
        let catalog = req.application.ratingCatalog
        let languages = moment.school.offeredLanguages(among: catalog.languages)
        let form = (try? req.content.decode(RatingForm.self)) ?? RatingForm()
        let language = req.parentLanguage(asked: form.lang, among: languages)
        let today = Day(date: req.now)
        let state = moment.window.state(on: today)
        guard state == .open else {
            return Self.notOpenPage(req, moment, texts: catalog.texts(language), state: state, languages: languages)
        }
        let device = Self.device(req)
        let typedText = String((form.text ?? "").prefix(RatingAnswer.maximumTextLength * 2))
        let chosen = (form.chips ?? []).map { String($0.prefix(40)) }
        let typedFace = form.face.flatMap(Int.init)
        func again(_ error: String, _ status: HTTPResponseStatus) async throws -> Response {
            try await Self.formPage(req, moment: moment, language: language, languages: languages, device: device,
                                    face: typedFace, chosen: chosen, text: typedText, already: false, error: error, status: status)
        }
        // Throttle first: a flood is refused before it costs any work.
        guard req.application.bursts.ratings.admit(req, scope: moment.publicID) else {
            let response = try await again("rating.error.busy", .tooManyRequests)
            response.headers.replaceOrAdd(name: .retryAfter, value: "600")
            return response
        }
        let expectedCheck = try await Self.check(device: device.id, req)
        guard !device.isNew, let sent = form.check, CSRFMiddleware.constantTimeEquals(sent, expectedCheck) else {
            return try await again("rating.error.again", .unprocessableEntity)
        }
        let answer: RatingAnswer
        switch RatingAnswer.parse(face: form.face, chips: chosen, text: form.text, allowed: catalog.chips(moment.momentKind)) {
        case let .success(parsed): answer = parsed
        case .failure(.noFace): return try await again("rating.error.face", .unprocessableEntity)
        case .failure(.textTooLong): return try await again("rating.error.text_too_long", .unprocessableEntity)
        case .failure: return try await again("rating.error.value", .unprocessableEntity)
        }
        let hash = try await Self.deviceHash(device: device.id, moment: moment, req)
        let momentID = try moment.requireID()
        // The same answer sent again (the form back in the history): it arrived the first time; nothing is stored twice.
        if let existing = try await MomentRating.query(on: req.db).filter(\.$moment.$id == momentID).filter(\.$deviceHash == hash).first(),
           existing.face == answer.face, existing.chipsValue == answer.storedChips, existing.text == answer.text,
           existing.language == language.rawValue {
            let response = Self.arrivedPage(req, moment, language: language, open: true)
            SentCookie.set(on: response, req, .rating, key: moment.slug, language: language)
            return response
        }
        let threshold = req.application.figureThreshold
        try await req.application.groupCommit.perform(on: req.db) { db in
            try await MomentRating.store(answer, momentID: momentID, deviceHash: hash, language: language, day: today, threshold: threshold, on: db)
        }
        let response = Response.redirect(to: SiteRoute.momentThanks(slug: LinkSlug(moment.slug)).with(query: "lang", language.rawValue))
        SentCookie.set(on: response, req, .rating, key: moment.slug, language: language)
        return response
    }

    @Sendable func thanks(req: Request) async throws -> Response {
        guard let moment = try await Self.moment(req) else { return Self.unknownPage(req) }
        let catalog = req.application.ratingCatalog
        let languages = moment.school.offeredLanguages(among: catalog.languages)
        let language = req.parentLanguage(among: languages)
        let texts = catalog.texts(language)
        var model = RatingMessagePage.Model(texts: texts, schoolName: moment.school.name, titleKey: "rating.thanks.title",
                                            textKey: "rating.thanks.text", moment: moment.heading)
        model.voice = try await Recording.voice(schoolID: moment.$school.id, language: language, part: .rating, on: req.db)
        return .html(RatingMessagePage.view(model), status: .ok)
    }
}
