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

/// What this browser sent lately (a survey's draft, a moment's rating, a conversation card), and in which language,
/// so that "back" to one of its pages, or sending it again, says in the parent's language that the answers arrived
/// instead of "this page has expired" or the form as if nothing was sent. Only the device holds it: per thing sent a
/// short hash of its kind and of the token or link its history holds anyway, and the language; the server keeps
/// nothing. The last few sends are kept, newest first, so a rating does not make the survey sent before forget.
enum SentCookie {
    static let name = "sp_sent"
    /// How many sends the cookie remembers, and for how long after the last one.
    static let capacity = 4
    static let lifetime = 30 * 24 * 3600

    enum Kind: String {
        /// The draft of a survey, by its token.
        case survey = ""
        /// A moment's rating, by the moment's link slug.
        case rating = "m:"
        /// A conversation card, by its token.
        case card = "c:"
    }

    static func mark(_ kind: Kind, _ key: String) -> String { String(AppServices.hash(token: kind.rawValue + key).prefix(24)) }

    static func set(on response: Response, _ req: Request, _ kind: Kind, key: String, language: LanguageCode) {
        let mark = mark(kind, key)
        let kept = entries(req).filter { $0.mark != mark }.prefix(capacity - 1).map { "\($0.mark)~\($0.language.rawValue)" }
        let value = ([mark + "~" + language.rawValue] + kept).joined(separator: ".")
        response.setCookie(name, req.application.cookie(value: value, maxAge: lifetime), app: req.application)
    }

    /// The language the thing of `kind` and `key` was sent in, when this browser sent it.
    static func language(_ req: Request, _ kind: Kind, key: String) -> LanguageCode? {
        let mark = mark(kind, key)
        return entries(req).first { $0.mark == mark }?.language
    }

    private static func entries(_ req: Request) -> [(mark: String, language: LanguageCode)] {
        guard let value = req.cookie(name)?.string, value.count <= 200 else { return [] }
        return value.split(separator: ".").prefix(capacity).compactMap { entry in
            let parts = entry.split(separator: "~", maxSplits: 1)
            guard parts.count == 2, parts[0].count == 24, let language = LanguageCode(rawValue: String(parts[1])) else { return nil }
            return (String(parts[0]), language)
        }
    }
}
