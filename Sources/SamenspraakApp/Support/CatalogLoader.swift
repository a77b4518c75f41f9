import Foundation
import SamenspraakCore

/// Loads the interface texts shipped with the program, one file per language.
enum CatalogLoader {
    static func fileName(_ language: LanguageCode) -> String { "Resources/locales/\(language.rawValue).txt" }

    static func load() throws -> Catalogs {
        var catalogs: [Catalog] = []
        for language in LanguageCode.allCases {
            guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "txt", subdirectory: "Resources/locales") else {
                continue
            }
            let source = try String(contentsOf: url, encoding: .utf8)
            catalogs.append(try Catalog(language: language, source: source, fileName: fileName(language)))
        }
        return try Catalogs(catalogs, fileName: fileName)
    }
}
