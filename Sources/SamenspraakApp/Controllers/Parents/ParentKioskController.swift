import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The parent's side of a kiosk (a tablet in assisted mode): a start screen that knows nothing of the parent
/// before, a fresh draft for each parent, and a thank-you that leads to the next parent. The survey pages
/// themselves are the ordinary draft pages of `ParentSurveyController`.
struct ParentKioskController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.kiosk, use: welcome)
        routes.post(.kiosk, use: start)
        routes.get(.kioskThanks, use: thanks)
    }

    enum Found {
        case wave(Wave)
        /// A browser that is no kiosk (or whose wave is gone) is sent on.
        case elsewhere(Response)
    }

    /// The kiosk's wave with its school.
    static func wave(_ req: Request) async throws -> Found {
        guard let kiosk = req.kiosk else { return .elsewhere(.redirect(to: SiteRoute.staffHome.path)) }
        guard let wave = try await Wave.query(on: req.db).filter(\.$id == kiosk.waveID).with(\.$school).first() else {
            return .elsewhere(.redirect(to: SiteRoute.kioskUnlock.path))
        }
        return .wave(wave)
    }

    static func page(_ req: Request, wave: Wave, content: KioskPage.Content) throws -> Response {
        let questionnaire = try req.application.questionnaire(of: wave)
        let languages = wave.languages(for: questionnaire)
        let texts = questionnaire.texts(req.parentLanguage(among: languages))
        guard wave.isOpen(on: Day(date: req.now)) else { return ParentSurveyController.closedPage(req, wave: wave, texts: texts) }
        let model = KioskPage.Model(texts: texts, schoolName: wave.school.name, content: content, languages: languages,
                                    alsoChoose: ParentSurveyController.alsoChoose(questionnaire, languages, except: texts.language),
                                    csrfToken: req.csrfToken, leaveLabel: req.t("kiosk.leave"), staffLanguage: req.language)
        return .html(KioskPage.view(model), status: .ok)
    }

    @Sendable func welcome(req: Request) async throws -> Response {
        switch try await Self.wave(req) {
        case let .elsewhere(response): return response
        case let .wave(wave): return try Self.page(req, wave: wave, content: .welcome)
        }
    }

    /// Changed after each parent. Chromium may keep even `no-store` pages for Back unless a cookie changed since;
    /// a new value makes it fetch the survey pages again, which then lead to the start for the next parent.
    static let roundCookie = "samenspraak_kiosk"

    @Sendable func thanks(req: Request) async throws -> Response {
        switch try await Self.wave(req) {
        case let .elsewhere(response): return response
        case let .wave(wave):
            let response = try Self.page(req, wave: wave, content: .thanks)
            response.setCookie(Self.roundCookie, req.application.cookie(value: req.services.token(), maxAge: nil), app: req.application)
            return response
        }
    }

    /// In a kiosk, a survey address that leads nowhere any more (sent, or expired) shows the start for the next
    /// parent: nothing of the one before.
    static func nextParent() -> Response {
        .redirect(to: SiteRoute.kiosk.path)
    }

    struct StartForm: Content { var lang: String? }

    /// A fresh draft for the next parent, in the language they tapped.
    @Sendable func start(req: Request) async throws -> Response {
        let wave: Wave
        switch try await Self.wave(req) {
        case let .elsewhere(response): return response
        case let .wave(found): wave = found
        }
        let questionnaire = try req.application.questionnaire(of: wave)
        let languages = wave.languages(for: questionnaire)
        let asked = (try? req.content.decode(StartForm.self))?.lang.flatMap(LanguageCode.init(rawValue:)).flatMap { languages.contains($0) ? $0 : nil }
        guard wave.isOpen(on: Day(date: req.now)) else {
            return ParentSurveyController.closedPage(req, wave: wave, texts: questionnaire.texts(asked ?? req.parentLanguage(among: languages)))
        }
        let token = try await ParentSurveyController.createDraft(req, wave: wave, language: nil, channel: .assisted)
        let first = SiteRoute.draftStart(token: LinkToken(token))
        return .redirect(to: asked.map { first.with(query: "lang", $0.rawValue) } ?? first.path)
    }
}
