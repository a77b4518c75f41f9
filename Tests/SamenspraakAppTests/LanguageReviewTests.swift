import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The coordinator exports a parent language as PO, a native speaker reviews it, and the reviewed file comes back:
/// checked whole, shown as differences, saved only on "save", then served to parents on every server.
@Suite struct LanguageReviewTests {
    static let arabicTitle = "كيف حالك مع مدرستنا؟"
    static let newTitle = "كيف حالكم مع مدرستنا اليوم؟"

    /// The export with the msgstr of `context` replaced by `text` (already PO-quoted when `quoted`).
    static func edit(_ file: String, _ context: String, msgstr: String) -> String {
        var lines = file.components(separatedBy: "\n")
        guard let at = lines.firstIndex(of: "msgctxt \"\(context)\"") else { return file }
        let textLine = lines[at...].firstIndex { $0.hasPrefix("msgstr ") }!
        lines[textLine] = "msgstr " + msgstr
        return lines.joined(separator: "\n")
    }

    static func hidden(_ name: String, in html: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    func upload(_ browser: Browser, _ language: String, _ file: String) async throws -> TestingHTTPResponse {
        try await browser.postMultipart("/staff/languages/\(language)/import", [],
                                        file: (name: "file", filename: "samenspraak-\(language).po", type: "text/x-gettext-translation",
                                               bytes: Array(file.utf8)))
    }

    func export(_ browser: Browser, _ language: String = "ar") async throws -> String {
        let response = try await browser.get("/staff/languages/\(language)/po")
        #expect(response.status == .ok)
        return response.text
    }

    func storedNothing(_ app: Application) async throws {
        #expect(try await ReviewedText.query(on: app.db).count() == 0)
        #expect(try await LanguageReview.query(on: app.db).count() == 0)
        #expect(try await PendingTextImport.query(on: app.db).count() == 0)
    }

    @Test func the_export_is_an_attachment_with_the_dutch_source_and_the_current_text() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let response = try await coordinator.get("/staff/languages/ar/po")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentDisposition) == "attachment; filename=\"samenspraak-ar.po\"")
            #expect(response.headers.contentType?.serialize().hasPrefix("text/x-gettext-translation") == true)
            let file = response.text
            #expect(file.contains("\"Language: ar\\n\""))
            #expect(file.contains("msgctxt \"survey:survey.title\"\nmsgid \"Hoe gaat het met jou en onze school?\"\nmsgstr \"\(Self.arabicTitle)\""))
            #expect(file.contains("msgctxt \"rating:rating.title\""))
            #expect(file.contains("msgctxt \"card:card.title\""))
            #expect(file.contains("msgctxt \"profile:profile.strengths\""), "the public profile's fixed texts are a fourth catalog")
            #expect(try await coordinator.get("/staff/languages/xx/po").status == .notFound)
        }
    }

    @Test func a_reviewed_file_is_previewed_then_saved_and_parents_see_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let parent = Browser(app)
            let list = try await coordinator.get("/staff/languages")
            #expect(list.status == .ok)
            #expect(list.text.contains("ontwerpvertaling, nog niet nagelezen"))
            #expect(list.text.contains("href=\"/staff/languages/ar/po\""))

            let file = Self.edit(try await export(coordinator), "survey:survey.title", msgstr: "\"\(Self.newTitle)\"")
            let preview = try await upload(coordinator, "ar", file)
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Teksten die veranderen: 1."))
            #expect(preview.text.contains(Self.arabicTitle))
            #expect(preview.text.contains(Self.newTitle))
            #expect(preview.text.contains("Hoe gaat het met jou en onze school?"))

            // Nothing changes before "save".
            #expect(try await ReviewedText.query(on: app.db).count() == 0)
            #expect(try await parent.get(world.summary.parentSurveyPath + "?lang=ar").text.contains(Self.arabicTitle))

            let pending = try #require(Self.hidden("pending", in: preview.text))
            let digest = try #require(Self.hidden("digest", in: preview.text))
            // A tampered digest is refused and saves nothing.
            let tampered = try await coordinator.post("/staff/languages/ar/import/save", [("pending", pending), ("digest", String(digest.reversed()))])
            #expect(tampered.status == .unprocessableEntity)
            #expect(tampered.text.contains("Deze controle is verlopen of hoort niet bij jou"))
            #expect(try await ReviewedText.query(on: app.db).count() == 0)
            // Another language's save does not take this file.
            #expect(try await coordinator.post("/staff/languages/tr/import/save", [("pending", pending), ("digest", digest)]).status
                == .unprocessableEntity)

            let saved = try await coordinator.post("/staff/languages/ar/import/save", [("pending", pending), ("digest", digest)])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/staff/languages?saved=reviewed")
            #expect(try await PendingTextImport.query(on: app.db).count() == 0)
            let page = try await parent.get(world.summary.parentSurveyPath + "?lang=ar")
            #expect(page.text.contains(Self.newTitle))
            #expect(!page.text.contains(Self.arabicTitle))

            let after = try await coordinator.get("/staff/languages?saved=reviewed")
            #expect(after.text.contains("De nagelezen vertaling is opgeslagen."))
            #expect(after.text.contains("nagelezen door een moedertaalspreker"))
            #expect(after.text.contains("Nagelezen bestand ingevoerd door Annemie Coördinator op"))
            let review = try #require(try await LanguageReview.query(on: app.db).first())
            #expect(review.language == "ar")
            #expect(review.reviewerName == "Annemie Coördinator")
            #expect(review.changed == 1)
            #expect(try await ReviewedText.query(on: app.db).filter(\.$language == "ar").count() == review.changed + review.unchanged)
            #expect(app.languageOffers.first { $0.code == .ar }?.status == .reviewed)
            let audit = try #require(try await AuditEntry.query(on: app.db).filter(\.$actionValue == "translations_reviewed").first())
            #expect(audit.detail == "العربية (ar)")
            #expect(try await coordinator.get("/staff/audit").text.contains("voerde een nagelezen vertaling in"))

            // The next export carries the reviewed text; the same pending import cannot be saved twice.
            #expect(try await export(coordinator).contains("msgstr \"\(Self.newTitle)\""))
            #expect(try await coordinator.post("/staff/languages/ar/import/save", [("pending", pending), ("digest", digest)]).status
                == .unprocessableEntity)
        }
    }

    @Test func broken_files_are_refused_with_the_line_and_nothing_is_stored() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let file = try await export(coordinator)
            let progress = try #require(file.components(separatedBy: "\n").firstIndex(of: "msgctxt \"survey:survey.progress\""))
            let cases: [(String, String)] = [
                (Self.edit(file, "survey:survey.title", msgstr: "\"not closed"), "dit is geen geldige PO-regel"),
                (Self.edit(file, "survey:survey.progress", msgstr: "\"سؤال {n}\""), "moet precies deze plaatshouders hebben: {n} {total}"),
                (Self.edit(file, "card:card.title", msgstr: "\"\""), "card:card.title is leeg"),
                (file.replacingOccurrences(of: "msgctxt \"rating:rating.title\"", with: "msgctxt \"rating:rating.titel\""),
                 "rating:rating.title ontbreekt in het bestand"),
                (file.replacingOccurrences(of: "Language: ar", with: "Language: tr"), "het bestand is voor taal tr"),
                (file.replacingOccurrences(of: "msgctxt \"survey:survey.progress\"", with: "#, fuzzy\nmsgctxt \"survey:survey.progress\""),
                 "Regel \(progress): survey:survey.progress is als fuzzy gemarkeerd"),
                (Self.edit(file, "card:card.title", msgstr: "\"<b>بطاقة</b>\""), "bevat &lt; of &gt;"),
            ]
            for (broken, reason) in cases {
                let response = try await upload(coordinator, "ar", broken)
                #expect(response.status == .unprocessableEntity, "\(reason)")
                #expect(response.text.contains(reason), "\(reason)")
                #expect(response.text.contains("Er is niets veranderd."))
                try await storedNothing(app)
            }
            let syntax = try await upload(coordinator, "ar", Self.edit(file, "survey:survey.title", msgstr: "\"not closed"))
            let line = try #require(file.components(separatedBy: "\n").firstIndex(of: "msgctxt \"survey:survey.title\"")) + 3
            #expect(syntax.text.contains("Regel \(line): dit is geen geldige PO-regel"))
            // No file, a file that is not UTF-8, and the source language.
            #expect(try await coordinator.postMultipart("/staff/languages/ar/import", [], file: nil).text.contains("Kies een PO-bestand."))
            let latin1 = try await coordinator.postMultipart("/staff/languages/ar/import", [],
                                                             file: (name: "file", filename: "x.po", type: "text/plain", bytes: [0x6D, 0xE9, 0xFF]))
            #expect(latin1.status == .unprocessableEntity)
            #expect(latin1.text.contains("niet in UTF-8"))
            let dutch = try await upload(coordinator, "nl", try await export(coordinator, "nl"))
            #expect(dutch.status == .unprocessableEntity)
            #expect(dutch.text.contains("Nederlands is de brontaal"))
            try await storedNothing(app)
        }
    }

    @Test func a_text_whose_dutch_source_changed_in_an_upgrade_comes_from_the_shipped_file_again() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let reviewer = try #require(try await User.query(on: app.db).filter(\.$email == world.coordinator.email).first())
            // A full review saved by an earlier version, whose Dutch title was another one.
            let rows = app.parentTexts.current.reviewable(.ar).map { text in
                text.id.key == "survey.title"
                    ? ReviewedText(language: .ar, id: text.id, text: Self.newTitle, source: "Een oude titel")
                    : ReviewedText(language: .ar, id: text.id, text: text.current ?? "", source: text.source)
            }
            try await rows.create(on: app.db)
            try await LanguageReview(language: .ar, reviewer: reviewer, at: app.services.now(), changed: 1, unchanged: rows.count - 1)
                .create(on: app.db)
            try await app.parentTexts.reload(on: app.db, force: true)
            #expect(app.parentTexts.unreviewed(.ar) == 1)
            #expect(app.languageOffers.first { $0.code == .ar }?.status == .draft)
            #expect(try await Browser(app).get(world.summary.parentSurveyPath + "?lang=ar").text.contains(Self.arabicTitle))
            let coordinator = try await world.browser(app, as: world.coordinator)
            let list = try await coordinator.get("/staff/languages")
            #expect(list.text.contains("nog niet nagelezen: 1 teksten."))
            #expect(list.text.contains("Nagelezen bestand ingevoerd door Annemie Coördinator"))
        }
    }

    @Test func a_pending_import_expires() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let preview = try await upload(coordinator, "ar", try await export(coordinator))
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Teksten die veranderen: 0."))
            clock.advance(seconds: PendingTextImport.lifetime + 1)
            let late = try await coordinator.post("/staff/languages/ar/import/save", [("pending", try #require(Self.hidden("pending", in: preview.text))),
                                                                                   ("digest", try #require(Self.hidden("digest", in: preview.text)))])
            #expect(late.status == .unprocessableEntity)
            #expect(try await ReviewedText.query(on: app.db).count() == 0)
        }
    }

    @Test func a_second_server_on_the_same_database_serves_the_import_within_seconds() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("po-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withTestApp(configure: { config in
            if case .sqliteMemory = config.database { config.database = .sqliteFile(folder.appendingPathComponent("db.sqlite").path) }
        }) { app, _ in
            let world = try await DemoWorld.seed(app)
            let otherClock = TestClock()
            let other = try await Application.make(.testing)
            do {
                try await configure(other, app.samenspraakConfig, services: AppServices(now: { otherClock.now }, randomBytes: AppServices.live.randomBytes))
                let parentThere = Browser(other)
                #expect(try await parentThere.get(world.summary.parentSurveyPath + "?lang=ar").text.contains(Self.arabicTitle))

                let coordinator = try await world.browser(app, as: world.coordinator)
                let file = Self.edit(try await export(coordinator), "survey:survey.title", msgstr: "\"\(Self.newTitle)\"")
                let preview = try await upload(coordinator, "ar", file)
                let saved = try await coordinator.post("/staff/languages/ar/import/save",
                                                       [("pending", try #require(Self.hidden("pending", in: preview.text))),
                                                        ("digest", try #require(Self.hidden("digest", in: preview.text)))])
                #expect(saved.status == .seeOther)

                // Within the interval the other server keeps what it has; after it, it checks and reloads.
                #expect(try await parentThere.get(world.summary.parentSurveyPath + "?lang=ar").text.contains(Self.arabicTitle))
                otherClock.advance(seconds: ParentTextStore.checkInterval + 1)
                #expect(try await parentThere.get(world.summary.parentSurveyPath + "?lang=ar").text.contains(Self.newTitle))
                #expect(other.languageOffers.first { $0.code == .ar }?.status == .reviewed)
            } catch {
                try? await other.asyncShutdown()
                throw error
            }
            try await other.asyncShutdown()
        }
    }

    @Test(.enabled(if: ProcessInfo.processInfo.environment["SAMENSPRAAK_TEST_PYTHON"].map { !$0.isEmpty } ?? false,
                   "SAMENSPRAAK_TEST_PYTHON is not set"))
    func polib_reads_the_export_and_a_file_it_saves_is_accepted() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("polib-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: folder) }
            let exported = folder.appendingPathComponent("in.po"), saved = folder.appendingPathComponent("out.po")
            try Data(try await export(coordinator).utf8).write(to: exported)
            let script = """
            import sys, polib
            po = polib.pofile(sys.argv[1])
            assert po.metadata["Language"] == "ar", po.metadata
            assert po.metadata["Content-Type"] == "text/plain; charset=UTF-8"
            entry = po.find("survey:survey.title", by="msgctxt")
            assert entry is not None and entry.msgid == "Hoe gaat het met jou en onze school?"
            entry.msgstr = sys.argv[3]
            po.save(sys.argv[2])
            print(len(po))
            """
            let process = Process()
            process.executableURL = URL(fileURLWithPath: ProcessInfo.processInfo.environment["SAMENSPRAAK_TEST_PYTHON"]!)
            process.arguments = ["-c", script, exported.path, saved.path, Self.newTitle]
            let output = Pipe()
            process.standardOutput = output
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0)
            let count = Int(String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            #expect(count == app.parentTexts.current.reviewable(.ar).count)
            let preview = try await upload(coordinator, "ar", try String(contentsOf: saved, encoding: .utf8))
            #expect(preview.status == .ok)
            #expect(preview.text.contains("Teksten die veranderen: 1."))
            #expect(preview.text.contains(Self.newTitle))
        }
    }
}
