import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// A language the program does not ship is added by adding its files (`SAMENSPRAAK_LANGUAGES_DIR`), without a change
/// to the program; a broken file stops the start and names itself.
@Suite struct AddedLanguageTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SamenspraakApp/Resources")
    static let kabyleTitle = "Amek i tettwaliḍ aɣerbaz-nneɣ?"

    /// A folder holding Kabyle (`kab`): the Dutch texts under a Kabyle name, with a Kabyle survey title.
    static func kabyleFolder(code: String = "kab", header: String = "language.name = Taqbaylit\nlanguage.direction = ltr\n") throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("languages-\(UUID().uuidString)")
        for part in ["questionnaires/parents-v1", "ratings", "cards"] {
            let dutch = try String(contentsOf: resources.appendingPathComponent("\(part)/nl.txt"), encoding: .utf8)
            var text = header + dutch.replacingOccurrences(of: "status = source", with: "status = draft")
            if part.hasPrefix("questionnaires") {
                text = text.replacingOccurrences(of: "survey.title = Hoe gaat het met jou en onze school?", with: "survey.title = \(kabyleTitle)")
            }
            let directory = folder.appendingPathComponent(part, isDirectory: true)
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            try text.write(to: directory.appendingPathComponent("\(code).txt"), atomically: true, encoding: .utf8)
        }
        return folder
    }

    @Test func a_language_added_as_files_is_offered_to_parents() async throws {
        let folder = try Self.kabyleFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestApp(configure: { $0.languagesDirectory = folder.path }) { app, _ in
            let kabyle = try #require(LanguageCode(rawValue: "kab"))
            #expect(app.currentParentQuestionnaire.languages.last == kabyle, "after the built-in languages")
            #expect(app.currentParentQuestionnaire.texts(kabyle).status == .draft)
            #expect(app.ratingCatalog.languages.contains(kabyle) && app.cardLanguages.contains(kabyle))

            let world = try await DemoWorld.seed(app)
            let school = try #require(try await School.find(UUID(uuidString: world.schoolA), on: app.db))
            school.languagesValue = LanguageCode.storedList(school.languages + [kabyle])
            try await school.save(on: app.db)

            let parent = Browser(app)
            let choice = try await parent.get(world.summary.parentSurveyPath)
            #expect(choice.text.contains("lang=\"kab\" hreflang=\"kab\" dir=\"ltr\">Taqbaylit</a>"))
            let intro = try await parent.get(world.summary.parentSurveyPath + "?lang=kab")
            #expect(intro.status == .ok)
            #expect(intro.text.contains("<html lang=\"kab\" dir=\"ltr\""))
            #expect(intro.text.contains(Self.kabyleTitle))
        }
    }

    @Test func an_added_file_that_does_not_name_its_language_stops_the_start() throws {
        // A code no other test registers: languages are known process-wide once registered.
        let folder = try Self.kabyleFolder(code: "tzm", header: "")
        defer { try? FileManager.default.removeItem(at: folder) }
        do {
            _ = try QuestionnaireLoader.load(added: folder)
            Issue.record("a file of an unknown language without its name was accepted")
        } catch {
            let message = String(describing: error)
            #expect(message.contains("tzm.txt") && message.contains("language.name"), "\(message)")
            #expect(LanguageCode(rawValue: "tzm") == nil)
        }
    }

    @Test func a_missing_languages_folder_is_a_configuration_error() {
        #expect(throws: ConfigurationError.self) {
            try AppConfiguration(environment: ["SAMENSPRAAK_LANGUAGES_DIR": "/nonexistent/samenspraak-languages"])
        }
    }

    @Test func a_spoken_only_language_is_declared_by_a_header_file_and_has_no_written_texts() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("languages-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let spoken = folder.appendingPathComponent("spoken", isDirectory: true)
        try FileManager.default.createDirectory(at: spoken, withIntermediateDirectories: true)
        try "language.name = Kurmancî\nlanguage.spoken = only\n".write(to: spoken.appendingPathComponent("kmr.txt"), atomically: true, encoding: .utf8)
        try registerSpokenLanguages(added: folder)
        let kurmanji = try #require(LanguageCode(rawValue: "kmr"))
        #expect(kurmanji.isSpokenOnly && kurmanji.endonym == "Kurmancî" && !kurmanji.isRightToLeft)
        let darija = try #require(LanguageCode(rawValue: "ary"))
        #expect(LanguageCode.spokenOnly.contains(kurmanji) && LanguageCode.spokenOnly.contains(darija) && darija.isRightToLeft)
        let questionnaires = try QuestionnaireLoader.load(added: folder)
        #expect(questionnaires["parents-v1"]?.languages.contains(kurmanji) == false, "a spoken-only language has no written texts")

        // A file that forgets `language.spoken`, or a written language declared spoken, stops the start.
        try "language.name = Zazaki\n".write(to: spoken.appendingPathComponent("zza.txt"), atomically: true, encoding: .utf8)
        #expect(throws: QuestionnaireError.self) { try registerSpokenLanguages(added: folder) }
        try FileManager.default.removeItem(at: spoken.appendingPathComponent("zza.txt"))
        try "language.name = Türkçe\nlanguage.spoken = only\n".write(to: spoken.appendingPathComponent("tr.txt"), atomically: true, encoding: .utf8)
        #expect(throws: QuestionnaireError.self) { try registerSpokenLanguages(added: folder) }
        #expect(LanguageCode.tr.isSpokenOnly == false && LanguageCode(rawValue: "zza") == nil)
    }
}
