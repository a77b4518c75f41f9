import SamenspraakCore
import Vapor

/// Which draft this browser began with a code, or as a staff member on a team wave, so that it can carry on after
/// the tab was closed. A code is used up, and taking part recorded, when the survey is begun (never when it is
/// sent, which would commit them with the answers); without this a parent who closed the page would have lost
/// their code. The device keeps the link between code and draft, the server never does. One draft at a time.
enum ResumeCookie {
    static let name = "sp_resume"

    static func codeKey(hash: String) -> String { "c" + hash }

    static func teamKey(waveID: UUID) -> String { "t" + waveID.uuidString.lowercased() }

    static func set(on response: Response, _ req: Request, key: String, token: String) {
        response.setCookie(name, req.application.cookie(value: key + "~" + token, maxAge: Int(SurveyDraft.lifetime)), app: req.application)
    }

    static func forget(on response: Response, _ req: Request) {
        guard req.cookie(name) != nil else { return }
        response.setCookie(name, req.application.cookie(value: "", maxAge: 0), app: req.application)
    }

    /// The draft token this browser holds for `key`, if any.
    static func token(_ req: Request, key: String) -> String? {
        guard let value = req.cookie(name)?.string, value.count <= 300 else { return nil }
        let parts = value.split(separator: "~", maxSplits: 1)
        guard parts.count == 2, parts[0] == key, !parts[1].isEmpty, parts[1].count <= 128 else { return nil }
        return String(parts[1])
    }
}

/// Which draft this browser sent last, and in which language, so that "back" to one of its pages, or sending it
/// again, says in the parent's language that the answers arrived instead of "this page has expired". Only the
/// device holds it (a short hash of the draft's token, which its history holds anyway); the server keeps nothing.
enum SentCookie {
    static let name = "sp_sent"

    static func mark(_ token: String) -> String { String(AppServices.hash(token: token).prefix(24)) }

    static func set(on response: Response, _ req: Request, token: String, language: LanguageCode) {
        response.setCookie(name, req.application.cookie(value: mark(token) + "~" + language.rawValue, maxAge: Int(SurveyDraft.lifetime)),
                           app: req.application)
    }

    /// The language the draft of `token` was sent in, when this browser sent it.
    static func language(_ req: Request, token: String) -> LanguageCode? {
        guard let value = req.cookie(name)?.string, value.count <= 64 else { return nil }
        let parts = value.split(separator: "~", maxSplits: 1)
        guard parts.count == 2, parts[0] == mark(token) else { return nil }
        return LanguageCode(rawValue: String(parts[1]))
    }
}
