import SamenspraakCore
import Vapor

extension Request {
    /// The language of a parent's page: the one asked for (the page's `?lang=`, or a form's `lang`), else the one
    /// this parent chose before (`remembered`), else the browser's, else the first the school offers.
    func parentLanguage(asked: String?, remembered: LanguageCode? = nil, among languages: [LanguageCode]) -> LanguageCode {
        if let asked = asked.flatMap(LanguageCode.init(rawValue:)), languages.contains(asked) { return asked }
        if let remembered, languages.contains(remembered) { return remembered }
        return AcceptLanguage.best(header: headers.first(name: .acceptLanguage), supported: languages) ?? languages.first ?? .nl
    }

    /// The language of a parent's page from its address (`?lang=`), as `parentLanguage(asked:remembered:among:)`.
    func parentLanguage(remembered: LanguageCode? = nil, among languages: [LanguageCode]) -> LanguageCode {
        parentLanguage(asked: query[String.self, at: "lang"], remembered: remembered, among: languages)
    }
}
