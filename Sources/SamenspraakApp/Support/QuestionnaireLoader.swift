import Crypto
import Fluent
import Foundation
import NIOConcurrencyHelpers
import SamenspraakCore
import SamenspraakViews
import SQLKit
import Vapor

/// Loads the questionnaires shipped with the program. A broken file stops the start, naming file and line.
enum QuestionnaireLoader {
    static let versions = ["parents-v1", "team-v1"]

    static func load(added: URL? = nil) throws -> [String: Questionnaire] {
        var result: [String: Questionnaire] = [:]
        for version in versions {
            let directory = "Resources/questionnaires/\(version)"
            guard let structureURL = Bundle.module.url(forResource: "structure", withExtension: "txt", subdirectory: directory) else {
                throw QuestionnaireError.missingHeader(file: "\(directory)/structure.txt", name: "file")
            }
            let languages = try languageFiles(in: directory, added: added)
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

/// The `LANG.txt` files of a resource directory: those shipped, and those in the folder of added languages
/// (`SAMENSPRAAK_LANGUAGES_DIR`, same layout without `Resources/`), which add a language or replace a shipped one.
/// A file whose language is not built in must name it in its header (`language.name = …`, and
/// `language.direction = rtl` for a right-to-left script); it is registered before its texts are read.
/// Returns (language, text, file name for error messages), in the languages' order.
func languageFiles(in directory: String, added: URL? = nil) throws -> [(LanguageCode, String, String)] {
    var found: [String: (URL, String)] = [:]
    do {
        let shipped = Bundle.module.bundleURL.appendingPathComponent(directory, isDirectory: true)
        for url in try textFiles(in: shipped) { found[url.deletingPathExtension().lastPathComponent] = (url, "\(directory)/\(url.lastPathComponent)") }
    }
    if let added {
        let folder = added.appendingPathComponent(String(directory.dropFirst("Resources/".count)), isDirectory: true)
        for url in try textFiles(in: folder) { found[url.deletingPathExtension().lastPathComponent] = (url, url.path) }
    }
    var files: [(LanguageCode, String, String)] = []
    for (code, (url, name)) in found where code != "structure" {
        let source = try String(contentsOf: url, encoding: .utf8)
        let language: LanguageCode
        if let known = LanguageCode(rawValue: code) {
            language = known
        } else {
            do {
                language = try LanguageCode.register(try LanguageHeader.info(code: code, source: source, file: name))
            } catch let error as LanguageCode.RegistrationError {
                throw QuestionnaireError.badLanguage(file: name, problem: error.description)
            }
        }
        files.append((language, source, name))
    }
    return files.sorted { $0.0 < $1.0 }
}

/// Registers the spoken-only languages of the folder of added languages: `spoken/CODE.txt`, each with only the header
/// (`language.name = …`, `language.spoken = only`, and `language.direction = rtl` if its name is written right to left).
/// A school offers such a language once it has recorded every text; it has no written texts.
func registerSpokenLanguages(added: URL?) throws {
    guard let added else { return }
    for url in try textFiles(in: added.appendingPathComponent("spoken", isDirectory: true)) {
        let code = url.deletingPathExtension().lastPathComponent
        let source = try String(contentsOf: url, encoding: .utf8)
        let info = try LanguageHeader.info(code: code, source: source, file: url.path)
        guard info.spokenOnly else {
            throw QuestionnaireError.badLanguage(file: url.path, problem: "a file in `spoken/` declares a spoken-only language: add `language.spoken = only`")
        }
        if let known = LanguageCode(rawValue: code), !known.isSpokenOnly {
            throw QuestionnaireError.badLanguage(file: url.path, problem: "`\(code)` has written texts: it cannot be spoken only")
        }
        do { try LanguageCode.register(info) } catch { throw QuestionnaireError.badLanguage(file: url.path, problem: error.description) }
    }
}

/// The `.txt` files directly in `folder` (none if it does not exist).
private func textFiles(in folder: URL) throws -> [URL] {
    guard FileManager.default.fileExists(atPath: folder.path) else { return [] }
    return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
        .filter { $0.pathExtension == "txt" }
}

extension Application {
    private struct CodeKeyKey: StorageKey { typealias Value = NIOLockedValueBox<SymmetricKey?> }

    /// The questionnaires as served: the shipped files with the reviewed texts laid over them (`ParentTextStore`).
    var questionnaires: [String: Questionnaire] {
        get { parentTextsIfLoaded?.current.questionnaires ?? [:] }
        set { parentTexts.replaceShipped { $0.questionnaires = newValue } }
    }

    /// The questionnaire new team waves use.
    var currentTeamQuestionnaire: Questionnaire {
        guard let questionnaire = questionnaires["team-v1"] else { preconditionFailure("configure(_:_:) loads the questionnaires") }
        return questionnaire
    }

    /// The languages a school can offer parents: those of the parent questionnaire, with their translation's status
    /// over all the parent-facing texts (reviewed once a native speaker's review covers every one).
    var languageOffers: [LanguageOffer] {
        let texts = parentTexts.current
        return currentParentQuestionnaire.languages.map { LanguageOffer(code: $0, status: texts.status($0)) }
            + LanguageCode.spokenOnly.map { LanguageOffer(code: $0, status: nil, spokenOnly: true) }
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
        if secret == nil, let sql = db as? any SQLDatabase {
            // Several servers may start on an empty database at once: the name is unique, an insert that finds the
            // name taken does nothing (and does not break a transaction it runs in), and everyone reads back the
            // one key that was stored first.
            try await sql.insert(into: AppSecret.schema).columns("id", "name", "value")
                .values(SQLBind(UUID()), SQLBind(name), SQLBind(Data(services.randomBytes(32)).base64EncodedString()))
                .ignoringConflicts(with: "name")
                .run()
            secret = try await AppSecret.query(on: db).filter(\.$name == name).first()
        }
        guard let value = secret?.value, let data = Data(base64Encoded: value) else { throw Abort(.internalServerError) }
        let key = SymmetricKey(data: data)
        codeKeyBox.withLockedValue { $0 = key }
        return key
    }

    /// The keyed hash of a normalized code: what the database keeps instead of the code.
    func codeHash(_ code: String, on db: any Database) async throws -> String {
        let key = try await codeKey(on: db)
        return HMAC<SHA256>.authenticationCode(for: Data(code.utf8), using: key).hexString
    }
}
