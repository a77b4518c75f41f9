import Foundation
import SamenspraakCore
import Testing
@testable import SamenspraakViews

/// The report's figures in the words a school team reads (issue 18, point 7), with the real staff catalogs.
@Suite struct ReportWordsTests {
    static func localizer(_ language: LanguageCode) throws -> Localizer {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SamenspraakApp/Resources/locales/\(language.rawValue).txt")
        let catalog = try Catalog(language: language, source: String(contentsOf: file, encoding: .utf8), fileName: file.lastPathComponent)
        return Localizer(catalog: catalog, fallback: catalog)
    }

    @Test func a_share_is_said_in_tenths_and_only_all_is_all() throws {
        #expect(ReportPage.tenths(100) == 10)
        #expect(ReportPage.tenths(95) == 9, "19 of 20 is not 'all'")
        #expect(ReportPage.tenths(54) == 5)
        #expect(ReportPage.tenths(2) == 1, "1 of 50 is not 'none'")
        #expect(ReportPage.tenths(0) == 0)
        // Wilson's upper end for "all happy" is 1 up to rounding: it stays "all", as the share itself.
        let (low, high) = Wilson.interval(successes: 36, trials: 36)
        #expect(ReportPage.tenths(100 * high) == 10)
        #expect(ReportPage.shortShare(Score(value: 100, low: 100 * low, high: 100 * high, n: 36), try ReportWordsTests.localizer(.nl))
                == "allemaal (ergens tussen 9 op 10 en allemaal)")
    }

    @Test func a_statement_says_how_many_in_ten_are_happy_and_how_far_it_could_be_off() throws {
        let nl = try Self.localizer(.nl), en = try Self.localizer(.en)
        let score = Score(value: 90, low: 59.6, high: 98.2, n: 10)
        #expect(ReportPage.scoreText(score, threshold: 5, nl)
                == "9 op de 10 ouders die antwoordden, zijn hier tevreden over. 10 ouders antwoordden hierop; met dit aantal kan het ergens tussen 6 op 10 en 9 op 10 liggen.")
        #expect(ReportPage.scoreText(score, threshold: 5, en)
                == "9 in 10 parents who answered are happy with this. 10 parents answered this; with this many it could be anywhere from 6 in 10 to 9 in 10.")
        let all = Score(value: 100, low: 61, high: 100, n: 6)
        #expect(ReportPage.scoreText(all, isTeam: true, threshold: 5, nl)
                == "Alle teamleden die antwoordden, zijn hier tevreden over. 6 teamleden antwoordden hierop; met dit aantal kan het ergens tussen 6 op 10 en allemaal liggen.")
        #expect(ReportPage.shortShare(all, nl) == "allemaal (ergens tussen 6 op 10 en allemaal)")
    }

    @Test func a_hidden_figure_says_why_in_parents_not_answers() throws {
        let nl = try Self.localizer(.nl)
        let text = ReportPage.scoreText(nil, threshold: 5, nl)
        #expect(text.hasPrefix("Niet getoond: minder dan 5 ouders kozen hier een gezichtje (‘Weet ik niet’ telt niet mee)"))
        #expect(ReportPage.scoreText(Score(value: 75, low: 60, high: 86, n: 6), isKey: true, threshold: 5, nl)
                .contains("6 ouders antwoordden op minstens één van deze vragen"))
    }
}
