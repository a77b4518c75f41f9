import Fluent
import Foundation
import SQLKit
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The parent's side of a survey: open link, code, draft pages, sending. Parents never sign in; nothing that
/// could identify them (address, browser, time, code) is stored with their answers.
struct ParentSurveyController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.surveyStart(slug: .any), use: start)
        routes.post(.surveyBegin(slug: .any), use: begin)
        routes.get(.surveyThanks(slug: .any), use: thanks)
        routes.get(.codeEntry, use: codeForm)
        routes.post(.codeEntry, use: code)
        routes.get(.draftStart(token: .any), use: draftStart)
        routes.post(.draftStart(token: .any), use: draftChooseLanguage)
        routes.post(.draftSubmit(token: .any), use: submit)
        routes.get(.draftPage(token: .any, page: .any), use: page)
        routes.post(.draftPage(token: .any, page: .any), use: savePage)
    }

    // MARK: helpers

    static func alsoChoose(_ questionnaire: Questionnaire, _ languages: [LanguageCode], except shown: LanguageCode) -> [(LanguageCode, String)] {
        languages.filter { $0 != shown && !$0.isSpokenOnly }.map { ($0, questionnaire.texts($0)("survey.choose_language")) }
    }

    static func wave(slug: String?, _ req: Request) async throws -> Wave {
        guard let slug, slug.count <= 32,
              let wave = try await Wave.query(on: req.db).filter(\.$slug == slug.lowercased()).with(\.$school).first() else {
            throw Abort(.notFound)
        }
        return wave
    }

    static func closedPage(_ req: Request, wave: Wave, texts: Questionnaire.Texts) -> Response {
        let catalog = req.application.catalogs.localizer(texts.language)
        let model = SurveyMessagePage.Model(texts: texts, schoolName: wave.school.name, titleKey: "survey.closed.title",
                                            textKey: "survey.closed.text",
                                            values: ["from": Dates.long(wave.opens, catalog), "to": Dates.long(wave.closes, catalog)])
        return .html(SurveyMessagePage.view(model), status: .forbidden)
    }

    static func expiredPage(_ req: Request) -> Response {
        if req.kiosk != nil { return ParentKioskController.nextParent() }
        let questionnaire = req.application.currentParentQuestionnaire
        // A page of the draft this browser sent (back in its history, or sent again): the answers arrived.
        if let token = req.parameter(LinkToken.self), let language = SentCookie.language(req, .survey, key: token),
           questionnaire.languages.contains(language) {
            let model = SurveyMessagePage.Model(texts: questionnaire.texts(language), schoolName: nil, titleKey: "survey.thanks.title",
                                                textKey: "survey.thanks.text")
            return .html(SurveyMessagePage.view(model), status: .ok)
        }
        let texts = questionnaire.texts(req.parentLanguage(among: questionnaire.languages))
        let model = SurveyMessagePage.Model(texts: texts, schoolName: nil, titleKey: "survey.expired.title", textKey: "survey.expired.text")
        return .html(SurveyMessagePage.view(model), status: .notFound)
    }

    /// A staff member who began a team wave before (on another device, or whose draft expired).
    static func alreadyAnswered(_ req: Request) -> Response {
        .html(ErrorPage.view(.init(shell: req.shell(), status: 409, reason: "team.already")), status: .conflict)
    }

    /// A new draft for a wave; returns the token for the page addresses. A draft knows no code and no account.
    static func createDraft(_ req: Request, wave: Wave, language: LanguageCode?, channel: SurveyChannel) async throws -> String {
        let token = req.services.token()
        let (tokenHash, waveID, now) = (AppServices.hash(token: token), try wave.requireID(), req.now)
        try await req.application.groupCommit.perform(on: req.db) { db in
            // Expired drafts are forgotten here rather than by a timer: one cheap delete per new draft.
            try await SurveyDraft.query(on: db).filter(\.$expiresAt < now).delete()
            // Made here: a batch that is rolled back runs this again, and a model once created cannot be again.
            try await SurveyDraft(tokenHash: tokenHash, waveID: waveID, language: language, channel: channel,
                                  expiresAt: now.addingTimeInterval(SurveyDraft.lifetime)).create(on: db)
        }
        return token
    }

    /// The address of a draft this browser began for `key` and can carry on with, if it still exists.
    static func resumable(_ req: Request, key: String) async throws -> Response? {
        guard let token = ResumeCookie.token(req, key: key),
              try await SurveyDraft.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: token))
                .filter(\.$expiresAt > req.now).count() > 0 else { return nil }
        return .redirect(to: SiteRoute.draftStart(token: LinkToken(token)).path)
    }

    /// The draft of a page address, if it exists and has not expired.
    static func draft(_ req: Request) async throws -> (SurveyDraft, String)? {
        guard let token = req.parameter(LinkToken.self), !token.isEmpty, token.count <= 128 else { return nil }
        guard let draft = try await SurveyDraft.current(tokenHash: AppServices.hash(token: token), now: req.now, on: req.db) else { return nil }
        return (draft, token)
    }

    // MARK: open link

    @Sendable func start(req: Request) async throws -> Response {
        let wave = try await Self.wave(slug: req.parameter(LinkSlug.self), req)
        let questionnaire = try req.application.questionnaire(of: wave)
        let languages = wave.languages(for: questionnaire)
        let chosen = req.query[String.self, at: "lang"].flatMap(LanguageCode.init(rawValue:)).flatMap { languages.contains($0) ? $0 : nil }
        let language = chosen ?? req.parentLanguage(among: languages)
        let texts = questionnaire.texts(language)
        guard wave.isOpen(on: Day(date: req.now)) else {
            // After the wave: the same poster and link lead to what came of it, once the school has published that.
            if wave.closes < Day(date: req.now), let results = try await ResultsPage.of(wave, on: req.db), results.published {
                let page = SiteRoute.resultsForParents(slug: LinkSlug(wave.slug))
                return .redirect(to: chosen.map { page.with(query: "lang", $0.rawValue) } ?? page.path)
            }
            return Self.closedPage(req, wave: wave, texts: texts)
        }
        let links = languages.map { ($0, SiteRoute.surveyStart(slug: LinkSlug(wave.slug)).with(query: "lang", $0.rawValue)) }
        var model = SurveyStartPage.Model(texts: texts, schoolName: wave.school.name, languages: links, chosen: chosen != nil,
                                          action: SiteRoute.surveyBegin(slug: LinkSlug(wave.slug)).path,
                                          alsoChoose: Self.alsoChoose(questionnaire, languages, except: texts.language))
        if model.chosen { model.voice = try await Self.voice(req, wave: wave, questionnaire: questionnaire, language: language) }
        model.spokenNames = try await req.application.spokenNames(languages, schoolID: wave.school.requireID(), on: req.db)
        return .html(SurveyStartPage.view(model), status: .ok)
    }

    struct LanguageForm: Content { var lang: String? }

    @Sendable func begin(req: Request) async throws -> Response {
        let wave = try await Self.wave(slug: req.parameter(LinkSlug.self), req)
        let questionnaire = try req.application.questionnaire(of: wave)
        let languages = wave.languages(for: questionnaire)
        let asked = (try? req.content.decode(LanguageForm.self))?.lang.flatMap(LanguageCode.init(rawValue:))
        let language = asked.flatMap { languages.contains($0) ? $0 : nil } ?? languages[0]
        guard wave.isOpen(on: Day(date: req.now)) else { return Self.closedPage(req, wave: wave, texts: questionnaire.texts(language)) }
        if let refused = try await Self.refusedBegin(req, wave: wave, texts: questionnaire.texts(language)) { return refused }
        var resumeKey: String?
        if questionnaire.audience == .team, let user = req.signedIn?.user {
            // Taking part is recorded now, on its own: the answers sent later never commit with it.
            let key = ResumeCookie.teamKey(waveID: try wave.requireID())
            do {
                try await TeamParticipation(waveID: try wave.requireID(), userID: try user.requireID()).create(on: req.db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                return try await Self.resumable(req, key: key) ?? Self.alreadyAnswered(req)
            }
            resumeKey = key
        }
        let token = try await Self.createDraft(req, wave: wave, language: language, channel: .link)
        let response = Response.redirect(to: SiteRoute.draftPage(token: LinkToken(token), page: PageNumber(1)).path)
        if let resumeKey { ResumeCookie.set(on: response, req, key: resumeKey, token: token) }
        return response
    }

    @Sendable func thanks(req: Request) async throws -> Response {
        let wave = try await Self.wave(slug: req.parameter(LinkSlug.self), req)
        let questionnaire = try req.application.questionnaire(of: wave)
        let language = req.parentLanguage(among: wave.languages(for: questionnaire))
        let texts = questionnaire.texts(language)
        var model = SurveyMessagePage.Model(texts: texts, schoolName: wave.school.name, titleKey: "survey.thanks.title",
                                            textKey: "survey.thanks.text")
        model.voice = try await Self.voice(req, wave: wave, questionnaire: questionnaire, language: language)
        return .html(SurveyMessagePage.view(model), status: .ok)
    }

    // MARK: one-time codes

    static func codePage(_ req: Request, code: String, error: String?, language: LanguageCode?) -> Response {
        let questionnaire = req.application.currentParentQuestionnaire
        let texts = questionnaire.texts(language ?? req.parentLanguage(among: questionnaire.languages))
        // Switching language keeps the code a slip's QR code (or the parent) filled in.
        let kept = code.trimmingCharacters(in: .whitespaces)
        let links = questionnaire.languages.map { language in
            (language, SiteRoute.codeEntry.with(queries: [("lang", language.rawValue)] + (kept.isEmpty ? [] : [("code", kept)])))
        }
        return .html(CodeEntryPage.view(.init(texts: texts, languages: links, code: code, error: error)),
                     status: error == nil ? .ok : .unprocessableEntity)
    }

    @Sendable func codeForm(req: Request) async throws -> Response {
        Self.codePage(req, code: String((req.query[String.self, at: "code"] ?? "").prefix(20)), error: nil, language: nil)
    }

    struct CodeForm: Content {
        var code: String?
        var lang: String?
    }

    @Sendable func code(req: Request) async throws -> Response {
        let form = try req.content.decode(CodeForm.self)
        let typed = String((form.code ?? "").prefix(40))
        let language = form.lang.flatMap(LanguageCode.init(rawValue:))
        if let refused = Self.refusedCode(req, code: typed, language: language) { return refused }
        guard let normalized = OneTimeCode.normalize(typed) else {
            return Self.wrongCode(req, code: typed, language: language)
        }
        let hash = try await req.application.codeHash(normalized, on: req.db)
        guard let code = try await WaveCode.query(on: req.db).filter(\.$codeHash == hash)
            .with(\.$wave, { $0.with(\.$school) }).first() else {
            return Self.wrongCode(req, code: typed, language: language)
        }
        let key = ResumeCookie.codeKey(hash: hash)
        guard code.wave.isOpen(on: Day(date: req.now)) else {
            return Self.codePage(req, code: typed, error: "survey.code.closed", language: language)
        }
        // The code is used up now, on its own: the answers sent later never commit with it. The browser that
        // used it may carry on with its draft; any other is told the code was used.
        guard !code.used, try await WaveCode.consume(hash: hash, on: req.db) else {
            return try await Self.resumable(req, key: key) ?? Self.codePage(req, code: typed, error: "survey.code.used", language: language)
        }
        let languages = code.wave.languages(for: try req.application.questionnaire(of: code.wave))
        let token = try await Self.createDraft(req, wave: code.wave, language: nil, channel: .code)
        let chosen = language.flatMap { languages.contains($0) ? $0 : nil }
        let response = Response.redirect(to: chosen.map { SiteRoute.draftStart(token: LinkToken(token)).with(query: "lang", $0.rawValue) }
                                         ?? SiteRoute.draftStart(token: LinkToken(token)).path)
        ResumeCookie.set(on: response, req, key: key, token: token)
        return response
    }

    // MARK: drafts

    /// A draft's first screen: choose a language, then read who sees the answers, then begin.
    @Sendable func draftStart(req: Request) async throws -> Response {
        guard let (draft, token) = try await Self.draft(req) else { return Self.expiredPage(req) }
        let questionnaire = try req.application.questionnaire(of: draft.wave)
        let languages = draft.wave.languages(for: questionnaire)
        let asked = req.query[String.self, at: "lang"].flatMap(LanguageCode.init(rawValue:)).flatMap { languages.contains($0) ? $0 : nil }
        let language = asked ?? draft.languageCode.flatMap { languages.contains($0) ? $0 : nil } ?? req.parentLanguage(among: languages)
        let texts = questionnaire.texts(language)
        guard draft.wave.isOpen(on: Day(date: req.now)) else { return Self.closedPage(req, wave: draft.wave, texts: texts) }
        let links = languages.map { ($0, SiteRoute.draftStart(token: LinkToken(token)).with(query: "lang", $0.rawValue)) }
        var model = SurveyStartPage.Model(texts: texts, schoolName: draft.wave.school.name, languages: links,
                                          chosen: asked != nil || draft.languageCode != nil,
                                          action: SiteRoute.draftStart(token: LinkToken(token)).path,
                                          alsoChoose: Self.alsoChoose(questionnaire, languages, except: texts.language))
        if model.chosen { model.voice = try await Self.voice(req, wave: draft.wave, questionnaire: questionnaire, language: language) }
        model.spokenNames = try await req.application.spokenNames(languages, schoolID: draft.wave.school.requireID(), on: req.db)
        return .html(SurveyStartPage.view(model), status: .ok)
    }

    @Sendable func draftChooseLanguage(req: Request) async throws -> Response {
        guard let (draft, token) = try await Self.draft(req) else { return Self.expiredPage(req) }
        let languages = draft.wave.languages(for: try req.application.questionnaire(of: draft.wave))
        let asked = (try? req.content.decode(LanguageForm.self))?.lang.flatMap(LanguageCode.init(rawValue:))
        draft.language = (asked.flatMap { languages.contains($0) ? $0 : nil } ?? languages[0]).rawValue
        try await req.application.groupCommit.save(try draft.saving(), on: req.db)
        return .redirect(to: SiteRoute.draftPage(token: LinkToken(token), page: PageNumber(1)).path)
    }

    /// What a parent page of `wave` can play in `language`: the school's recordings of the survey's texts (none for
    /// a team survey, whose statements are not the parents').
    static func voice(_ req: Request, wave: Wave, questionnaire: Questionnaire, language: LanguageCode) async throws -> Voice {
        guard questionnaire.audience == .parents else { return .none }
        return try await Recording.voice(schoolID: wave.school.requireID(), language: language, part: .survey, on: req.db)
    }

    /// Pages 1…N are the statements, N+1 the open questions, N+2 the send page.
    static func render(_ req: Request, draft: SurveyDraft, token: String, page: Int, questionnaire: Questionnaire,
                       error: String? = nil) async throws -> Response {
        let texts = questionnaire.texts(draft.languageCode ?? .nl)
        let voice = try await Self.voice(req, wave: draft.wave, questionnaire: questionnaire, language: draft.languageCode ?? .nl)
        let items = questionnaire.items
        let total = items.count + 2
        let action = SiteRoute.draftPage(token: LinkToken(token), page: PageNumber(page)).path
        let answers = draft.answers
        let status: HTTPResponseStatus = error == nil ? .ok : .unprocessableEntity
        if page <= items.count {
            let item = items[page - 1]
            var model = SurveyQuestionPage.Model(texts: texts, schoolName: draft.wave.school.name, number: page, total: total,
                                                 itemID: item.id, selected: answers.faces[item.id], action: action, error: error)
            model.voice = voice
            return .html(SurveyQuestionPage.view(model), status: status)
        }
        if page == items.count + 1 {
            var model = SurveyOpenPage.Model(texts: texts, schoolName: draft.wave.school.name, number: page, total: total,
                                             questions: questionnaire.openQuestions, values: answers.texts, action: action, error: error)
            model.voice = voice
            return .html(SurveyOpenPage.view(model), status: status)
        }
        var model = SurveyReviewPage.Model(texts: texts, schoolName: draft.wave.school.name, number: page, total: total,
                                           unanswered: answers.unanswered(in: questionnaire),
                                           action: SiteRoute.draftSubmit(token: LinkToken(token)).path, backAction: action)
        model.error = error
        model.voice = voice
        return .html(SurveyReviewPage.view(model), status: status)
    }

    static func pageNumber(_ req: Request, questionnaire: Questionnaire) throws -> Int {
        guard let page = req.parameter(PageNumber.self).flatMap(Int.init), (1...questionnaire.items.count + 2).contains(page) else {
            throw Abort(.notFound)
        }
        return page
    }

    @Sendable func page(req: Request) async throws -> Response {
        guard let (draft, token) = try await Self.draft(req) else { return Self.expiredPage(req) }
        let questionnaire = try req.application.questionnaire(of: draft.wave)
        let page = try Self.pageNumber(req, questionnaire: questionnaire)
        guard draft.languageCode != nil else { return .redirect(to: SiteRoute.draftStart(token: LinkToken(token)).path) }
        return try await Self.render(req, draft: draft, token: token, page: page, questionnaire: questionnaire)
    }

    struct PageForm: Content {
        var face: [String: String]?
        var text: [String: String]?
        var go: String?
    }

    @Sendable func savePage(req: Request) async throws -> Response {
        guard let (draft, token) = try await Self.draft(req) else { return Self.expiredPage(req) }
        let questionnaire = try req.application.questionnaire(of: draft.wave)
        let page = try Self.pageNumber(req, questionnaire: questionnaire)
        guard let form = try? req.content.decode(PageForm.self) else {
            return try await Self.render(req, draft: draft, token: token, page: page, questionnaire: questionnaire, error: "survey.error.value")
        }
        switch draft.answers.applying(faces: form.face ?? [:], texts: form.text ?? [:], questionnaire: questionnaire) {
        case let .failure(problem):
            let message = if case .textTooLong = problem { "survey.error.text_too_long" } else { "survey.error.value" }
            return try await Self.render(req, draft: draft, token: token, page: page, questionnaire: questionnaire, error: message)
        case let .success(answers):
            draft.answers = answers
            draft.expiresAt = req.now.addingTimeInterval(SurveyDraft.lifetime)
            try await req.application.groupCommit.save(try draft.saving(), on: req.db)
        }
        if form.go == "back" {
            return .redirect(to: page == 1 ? SiteRoute.draftStart(token: LinkToken(token)).path : SiteRoute.draftPage(token: LinkToken(token), page: PageNumber(page - 1)).path)
        }
        return .redirect(to: SiteRoute.draftPage(token: LinkToken(token), page: PageNumber(min(page + 1, questionnaire.items.count + 2))).path)
    }

    /// Puts the answers in the wave's inbox and forgets the draft, in one transaction: once the thank-you shows,
    /// the answers are on disk. Sending the same draft twice finds no draft the second time and stores nothing.
    @Sendable func submit(req: Request) async throws -> Response {
        guard let (draft, token) = try await Self.draft(req), let language = draft.languageCode else { return Self.expiredPage(req) }
        let wave = draft.wave
        let questionnaire = try req.application.questionnaire(of: wave)
        guard wave.isOpen(on: Day(date: req.now)) else { return Self.closedPage(req, wave: wave, texts: questionnaire.texts(language)) }
        if let refused = try await Self.refusedSend(req, draft: draft, questionnaire: questionnaire) { return refused }
        let channel = SurveyChannel(rawValue: draft.channel) ?? .link
        do {
            let (draftID, answers, day) = (try draft.requireID(), draft.answers, Day(date: req.now))
            let threshold = req.application.samenspraakConfig.minimumGroup
            try await req.application.groupCommit.send(.init(wave: wave, questionnaire: questionnaire, language: language, channel: channel,
                                                             answers: answers, day: day, draftID: draftID, threshold: threshold), on: req.db)
        } catch is DraftAlreadySent {
            return Self.expiredPage(req)
        }
        let response = Response.redirect(to: SiteRoute.surveyThanks(slug: LinkSlug(wave.slug)).with(query: "lang", language.rawValue))
        ResumeCookie.forget(on: response, req)
        SentCookie.set(on: response, req, .survey, key: token, language: language)
        return response
    }
}
