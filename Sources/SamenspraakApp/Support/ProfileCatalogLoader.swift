import Foundation
import SamenspraakCore
import Vapor

/// Loads the public profile's fixed texts in every language shipped. A broken file stops the start.
enum ProfileCatalogLoader {
    static func load(added: URL? = nil) throws -> [LanguageCode: Questionnaire.Texts] {
        try ProfileCatalog.parse(languages: try languageFiles(in: "Resources/profiles", added: added))
    }
}

extension Application {
    /// The profile's texts as served: the shipped files with the reviewed texts laid over them.
    var profileTexts: [LanguageCode: Questionnaire.Texts] {
        get { parentTextsIfLoaded?.current.profiles ?? [:] }
        set { parentTexts.replaceShipped { $0.profiles = newValue } }
    }

    var profileLanguages: [LanguageCode] { LanguageCode.allCases.filter { profileTexts[$0] != nil } }

    /// The profile's texts in `language` as a localizer, falling back to the Dutch text of a key.
    func profileLocalizer(_ language: LanguageCode) -> Localizer {
        let dutch = profileTexts[.nl]?.entries ?? [:]
        let texts = profileTexts[language]
        return Localizer(catalog: Catalog(language: texts == nil ? .nl : language, entries: texts?.entries ?? dutch),
                         fallback: Catalog(language: .nl, entries: dutch))
    }
}
