import Foundation
import SamenspraakCore
import Vapor

/// Loads the chips and texts of moment ratings shipped with the program. A broken file stops the start.
enum RatingCatalogLoader {
    static func load(added: URL? = nil) throws -> RatingCatalog {
        let directory = "Resources/ratings"
        guard let structureURL = Bundle.module.url(forResource: "structure", withExtension: "txt", subdirectory: directory) else {
            throw QuestionnaireError.missingHeader(file: "\(directory)/structure.txt", name: "file")
        }
        return try RatingCatalogParser.parse(structure: try String(contentsOf: structureURL, encoding: .utf8),
                                             structureFile: "\(directory)/structure.txt", languages: try languageFiles(in: directory, added: added))
    }
}

extension Application {
    /// The rating pages' texts as served: the shipped files with the reviewed texts laid over them.
    var ratingCatalog: RatingCatalog {
        get {
            guard let store = parentTextsIfLoaded else { preconditionFailure("configure(_:_:) loads the rating catalog") }
            return store.current.rating
        }
        set { parentTexts.replaceShipped { $0.rating = newValue } }
    }
}
