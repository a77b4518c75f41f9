import Fluent
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// The minimum-group rule as a reader meets it on the page, in the CSV and in the API: a statement's bar and its
/// score come together or not at all, "don't know" does not count towards the group, a key counts parents, and
/// every figure is said in plain words.
@Suite struct ReportRuleTests {
    /// Ten parents (five in Dutch, five in Turkish) in the first school's open wave: each answers both statements of
    /// key 1 (twenty answers, ten parents); on key 2, six choose a face on `k2_same` and only three on `k2_know`
    /// (the others say "don't know"). One Turkish and one Dutch open answer.
    static func seed(_ app: Application) async throws -> (world: DemoWorld, wave: String) {
        let world = try await DemoWorld.seed(app)
        let wave = try #require(try await Wave.find(UUID(uuidString: world.summary.waveID), on: app.db))
        let waveID = try wave.requireID()
        for index in 0..<10 {
            let id = UUID()
            let response = SurveyResponse(id: id, waveID: waveID, questionnaire: "parents-v1", language: index < 5 ? .nl : .tr,
                                          channel: .link, day: Day(year: 2026, month: 9, day: 21))
            try await response.create(on: app.db)
            let answers = [("k1_greet", index == 0 ? 2 : 4), ("k1_respect", 3),
                           ("k2_same", index < 6 ? 4 : 0), ("k2_know", index < 3 ? 1 : 0)]
            for (item, value) in answers {
                try await SurveyAnswer(responseID: id, waveID: waveID, item: item, value: value).create(on: app.db)
            }
            if index == 0 { try await SurveyText(responseID: id, question: "well", text: "De juf zegt goeiemorgen.").create(on: app.db) }
            if index == 9 { try await SurveyText(responseID: id, question: "well", text: "Öğretmen her sabah selam veriyor.").create(on: app.db) }
        }
        return (world, world.summary.waveID)
    }

    @Test func the_page_shows_bar_and_score_together_counts_parents_and_says_it_plainly() async throws {
        try await withTestApp { app, _ in
            let (world, wave) = try await Self.seed(app)
            let page = try await (try await world.browser(app, as: world.leadA)).get("/staff/waves/\(wave)/report")
            #expect(page.status == .ok)
            let text = page.text
            #expect(text.contains("10 ouders antwoordden."))
            // Key 1: twenty answers from ten parents.
            #expect(text.contains("Over de vragen van deze sleutel samen: 9 op de 10 antwoorden zijn tevreden."))
            #expect(text.contains("10 ouders antwoordden op minstens één van deze vragen"))
            #expect(!text.contains("20 ouders") && !text.contains("20 antwoorden"))
            #expect(text.contains("9 op de 10 ouders die antwoordden, zijn hier tevreden over. 10 ouders antwoordden hierop; met dit aantal kan het ergens tussen"))
            // Key 2: six chose a face on k2_same (bar and score), three on k2_know (neither), so key 2 is hidden.
            #expect(text.contains("id=\"bar-k2_same\""))
            #expect(!text.contains("id=\"bar-k2_know\""), "no bar without its score")
            #expect(text.contains("Alle ouders die antwoordden, zijn hier tevreden over. 6 ouders antwoordden hierop"))
            #expect(text.contains("Niet getoond: minder dan 5 ouders kozen hier een gezichtje"))
            #expect(text.contains("Niet getoond: te weinig ouders antwoordden op deze vragen, of een van de vragen is verborgen"))
            // Plain words, the method one click away, the questionnaire by its name.
            #expect(!text.contains("Score ") && !text.contains("parents-v1"))
            #expect(text.contains("<details id=\"method\" class=\"method\"><summary>Hoe rekenen we?</summary>"))
            #expect(text.contains("Wilson"), "the method names the interval for whoever wants it")
            #expect(text.contains("Vragenlijst: ‘Hoe gaat het met jou en onze school?’."))
            // The Turkish answer carries its language; the Dutch one, in the reader's language, does not.
            #expect(text.contains("Öğretmen her sabah selam veriyor.</p><p class=\"muted small\">(in het Turks)</p>"))
            #expect(text.contains("De juf zegt goeiemorgen.</p><form") || !text.contains("De juf zegt goeiemorgen.</p><p class=\"muted small\">"))
        }
    }

    @Test func the_csv_and_the_api_follow_the_same_rule() async throws {
        try await withTestApp { app, _ in
            let (world, wave) = try await Self.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let lines = try await lead.get("/staff/waves/\(wave)/report.csv").text.split(separator: "\r\n").map(String.init)
            let header = lines[0].split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            let rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.count == 10)
            let same = try #require(header.firstIndex(of: "k2_same")), know = try #require(header.firstIndex(of: "k2_know"))
            #expect(rows.allSatisfy { !$0[same].isEmpty }, "a shown statement's column is filled")
            #expect(rows.allSatisfy { $0[know].isEmpty }, "a hidden statement's column is blank, don't-know included")

            let value = app.services.token()
            try await ApiToken(tokenHash: AppServices.hash(token: value), role: .lead, schoolID: UUID(uuidString: world.schoolA)).create(on: app.db)
            var headers = HTTPHeaders()
            headers.bearerAuthorization = .init(token: value)
            let report = try (try await app.testing().sendRequest(.GET, "/api/v1/waves/\(wave)/report", headers: headers))
                .content.decode(ApiController.ReportJSON.self)
            let key1 = try #require(report.keys.first { $0.key == 1 }), key2 = try #require(report.keys.first { $0.key == 2 })
            #expect(key1.n == 10, "parents, not the 20 answers")
            #expect(key2.n == nil && key2.score == nil)
            let sameItem = try #require(key2.items.first { $0.id == "k2_same" }), knowItem = try #require(key2.items.first { $0.id == "k2_know" })
            #expect(sameItem.n == 6 && sameItem.counts == [4, 0, 0, 0, 6] && sameItem.score == 100)
            #expect(knowItem.n == nil && knowItem.counts == nil && knowItem.score == nil, "neither bar nor score")
            for item in report.keys.flatMap(\.items) { #expect((item.counts == nil) == (item.score == nil)) }
        }
    }
}
