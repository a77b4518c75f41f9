import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SamenspraakCore
import Vapor

/// Loads the questionnaires shipped with the program. A broken file stops the start, naming file and line.
enum QuestionnaireLoader {
    static let versions = ["parents-v1", "team-v1"]

    static func load() throws -> [String: Questionnaire] {
        var result: [String: Questionnaire] = [:]
        for version in versions {
            let directory = "Resources/questionnaires/\(version)"
            guard let structureURL = Bundle.module.url(forResource: "structure", withExtension: "txt", subdirectory: directory) else {
                throw QuestionnaireError.missingHeader(file: "\(directory)/structure.txt", name: "file")
            }
            let languages = try languageFiles(in: directory)
            let questionnaire = try QuestionnaireParser.parse(structure: try String(contentsOf: structureURL, encoding: .utf8),
                                                              structureFile: "\(directory)/structure.txt", languages: languages)
            result[questionnaire.id] = questionnaire
        }
        if let team = result["team-v1"], let parents = result["parents-v1"] {
            try team.checkMirrors(of: parents, file: "Resources/questionnaires/team-v1/structure.txt")
        }
        return result
    }
}

/// The `LANG.txt` files shipped in a resource directory: (language, text, file name for error messages).
func languageFiles(in directory: String) throws -> [(LanguageCode, String, String)] {
    try LanguageCode.allCases.compactMap { language in
        guard let url = Bundle.module.url(forResource: language.rawValue, withExtension: "txt", subdirectory: directory) else { return nil }
        return (language, try String(contentsOf: url, encoding: .utf8), "\(directory)/\(language.rawValue).txt")
    }
}

extension Application {
    private struct QuestionnairesKey: StorageKey { typealias Value = [String: Questionnaire] }
    private struct CodeKeyKey: StorageKey { typealias Value = NIOLockedValueBox<SymmetricKey?> }

    var questionnaires: [String: Questionnaire] {
        get { storage[QuestionnairesKey.self] ?? [:] }
        set { storage[QuestionnairesKey.self] = newValue }
    }

    /// The questionnaire new team waves use.
    var currentTeamQuestionnaire: Questionnaire {
        guard let questionnaire = questionnaires["team-v1"] else { preconditionFailure("configure(_:_:) loads the questionnaires") }
        return questionnaire
    }

    /// The questionnaire new waves use.
    var currentParentQuestionnaire: Questionnaire {
        guard let questionnaire = questionnaires[QuestionnaireLoader.versions[0]] else {
            preconditionFailure("configure(_:_:) loads the questionnaires")
        }
        return questionnaire
    }

    private var codeKeyBox: NIOLockedValueBox<SymmetricKey?> {
        if let box = storage[CodeKeyKey.self] { return box }
        let box = NIOLockedValueBox<SymmetricKey?>(nil)
        storage[CodeKeyKey.self] = box
        return box
    }

    /// The key of the one-time code hashes: made once, kept in the database, so every app server agrees.
    func codeKey(on db: any Database) async throws -> SymmetricKey {
        if let key = codeKeyBox.withLockedValue({ $0 }) { return key }
        let name = "code_hmac_key"
        var secret = try await AppSecret.query(on: db).filter(\.$name == name).first()
        if secret == nil {
            let fresh = AppSecret(name: name, value: Data(services.randomBytes(32)).base64EncodedString())
            do {
                try await fresh.create(on: db)
                secret = fresh
            } catch {
                // Another server made it at the same moment: use theirs.
                secret = try await AppSecret.query(on: db).filter(\.$name == name).first()
            }
        }
        guard let value = secret?.value, let data = Data(base64Encoded: value) else { throw Abort(.internalServerError) }
        let key = SymmetricKey(data: data)
        codeKeyBox.withLockedValue { $0 = key }
        return key
    }

    /// The keyed hash of a normalized code: what the database keeps instead of the code.
    func codeHash(_ code: String, on db: any Database) async throws -> String {
        let key = try await codeKey(on: db)
        return HMAC<SHA256>.authenticationCode(for: Data(code.utf8), using: key).map { String(format: "%02x", $0) }.joined()
    }
}
