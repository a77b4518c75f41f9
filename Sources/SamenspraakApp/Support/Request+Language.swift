import SamenspraakCore
import Vapor

extension Request {
    private struct LanguageKey: StorageKey { typealias Value = LanguageCode }

    static let languageCookie = "samenspraak_lang"

    /// The language of this request: the person's choice (cookie), else `Accept-Language`, else Dutch.
    var language: LanguageCode {
        if let chosen = storage[LanguageKey.self] { return chosen }
        let supported = LanguageCode.staffLanguages
        let language = cookie(Self.languageCookie).flatMap { LanguageCode(rawValue: $0.string) }.flatMap { supported.contains($0) ? $0 : nil }
            ?? AcceptLanguage.best(header: headers.first(name: .acceptLanguage), supported: supported)
            ?? .default
        storage[LanguageKey.self] = language
        return language
    }

    var t: Localizer { application.catalogs.localizer(language) }
}

extension Request {
    /// The names of the 12 keys in this request's language, as the parent questionnaire words them.
    var keyNames: [Int: String] {
        let texts = application.currentParentQuestionnaire.texts(language)
        return Dictionary(uniqueKeysWithValues: Questionnaire.keys.map { ($0, texts("key.\($0)")) })
    }
}
