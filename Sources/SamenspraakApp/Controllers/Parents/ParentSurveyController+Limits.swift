import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The open link's limits: drafts begun and answers sent per address and wave in an hour, and wrong codes per
/// address. A refused parent gets a kind page in their language; a refused send keeps the draft, so nothing is
/// lost. Staff see how many were refused per wave, never who.
extension ParentSurveyController {
    /// What a refused parent is told to wait, at most: the window is an hour from the first attempt.
    static let retryAfterSeconds = "3600"

    /// The kind page when this address began too many drafts on this wave in the last hour; nil otherwise.
    static func refusedBegin(_ req: Request, wave: Wave, texts: Questionnaire.Texts) async throws -> Response? {
        guard !req.application.bursts.surveyBegins.admit(req, scope: wave.publicID) else { return nil }
        try await WaveRefusals.increment(.begins, waveID: wave.requireID(), on: req.db)
        let model = SurveyMessagePage.Model(texts: texts, schoolName: wave.school.name, titleKey: "survey.busy.title",
                                            textKey: "survey.busy.begin")
        let response = Response.html(SurveyMessagePage.view(model), status: .tooManyRequests)
        response.headers.replaceOrAdd(name: .retryAfter, value: retryAfterSeconds)
        return response
    }

    /// The send page again, saying the answers are kept and can be sent later, when this address sent too many
    /// answers to this wave in the last hour; nil otherwise. Only the open link counts: a code limits itself,
    /// and a tablet at school (assisted) is staff helping parents one by one.
    static func refusedSend(_ req: Request, draft: SurveyDraft, questionnaire: Questionnaire) async throws -> Response? {
        guard draft.channel == SurveyChannel.link.rawValue, let token = req.parameter(LinkToken.self) else { return nil }
        guard !req.application.bursts.surveySends.admit(req, scope: draft.wave.publicID) else { return nil }
        try await WaveRefusals.increment(.sends, waveID: draft.$wave.id, on: req.db)
        let response = try await render(req, draft: draft, token: token, page: questionnaire.items.count + 2, questionnaire: questionnaire,
                                        error: "survey.busy.send")
        response.status = .tooManyRequests
        response.headers.replaceOrAdd(name: .retryAfter, value: retryAfterSeconds)
        return response
    }

    /// Codes are not tied to a wave until one is found, so wrong ones are counted per address alone.
    static let codeScope = "codes"

    /// The code page with a kind word when this address typed too many wrong codes in the last hour; nil otherwise.
    static func refusedCode(_ req: Request, code: String, language: LanguageCode?) -> Response? {
        guard !req.application.bursts.codeFailures.allows(req, scope: codeScope) else { return nil }
        let response = codePage(req, code: code, error: "survey.code.busy", language: language)
        response.status = .tooManyRequests
        response.headers.replaceOrAdd(name: .retryAfter, value: retryAfterSeconds)
        return response
    }

    /// A code we do not know: counted against the address, then the usual message.
    static func wrongCode(_ req: Request, code: String, language: LanguageCode?) -> Response {
        req.application.bursts.codeFailures.record(req, scope: codeScope)
        return codePage(req, code: code, error: "survey.code.unknown", language: language)
    }
}
