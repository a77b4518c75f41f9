import Foundation
import Plot
import SamenspraakCore
import Testing
@testable import SamenspraakViews

/// The report at a glance and the team-meeting view (issue 21, part A): the chart shows exactly the report's figures,
/// hides what the report hides and says everything in words too.
@Suite struct ReportChartTests {
    static func model(_ language: LanguageCode = .nl) throws -> ReportPage.Model {
        var model = PageMocks.report(text: "Basisschool De Regenboog", hiddenText: "Een verborgen antwoord")
        model.shell.t = try ReportWordsTests.localizer(language)
        return model
    }

    /// The part of `html` from `start` up to the next `end` after it.
    static func part(_ html: String, from start: String, to end: String) throws -> String {
        let from = try #require(html.range(of: start))
        let rest = html[from.upperBound...]
        return String(rest[..<(rest.range(of: end)?.lowerBound ?? rest.endIndex)])
    }

    @Test func the_chart_comes_first_with_twelve_keys_and_only_the_figures_the_report_shows() throws {
        let model = try Self.model()
        let html = ReportPage.view(model).render()
        let glance = try Self.part(html, from: "id=\"glance-chart\"", to: "</section>")
        #expect(html.range(of: "id=\"glance-title\"")!.lowerBound < html.range(of: "id=\"method\"")!.lowerBound, "the chart comes before the method")
        #expect(glance.components(separatedBy: "<li class=\"chart-row\"").count - 1 == 12)
        #expect(glance.components(separatedBy: "role=\"img\"").count - 1 == 12, "every key is an image with a text alternative")
        // Key 1 has figures: its mark, its range with both ends, the team's square beside it and the earlier survey's ring.
        let key1 = try Self.part(glance, from: "data-key=\"1\"", to: "</li>")
        let score = try #require(model.report.key(1)?.score)
        #expect(key1.contains("class=\"mark mark-now\""))
        #expect(key1.contains("class=\"range range-now\""))
        #expect(key1.components(separatedBy: "class=\"range-end range-now\"").count - 1 == 2)
        #expect(key1.contains("cx=\"\(KeyChart.x(score.value))\""), "the mark sits at the report's figure")
        #expect(key1.contains("x1=\"\(KeyChart.x(score.low))\" x2=\"\(KeyChart.x(score.high))\""), "the range is the report's range")
        #expect(key1.contains("class=\"mark mark-team\""))
        #expect(key1.contains("class=\"mark mark-before\""))
        #expect(key1.contains("aria-label=\"Sleutel 1: Basisschool De Regenboog. Ouders: \(ReportPage.shortShare(score, model.shell.t))."),
                "the text alternative says the figure in the report's words")
        #expect(key1.contains("Team (Basisschool De Regenboog): "))
        #expect(key1.contains("sterk punt"), "the strength is named")
        // Key 2 is hidden (no statements with answers): no mark, and the text alternative says why.
        let key2 = try Self.part(glance, from: "data-key=\"2\"", to: "</li>")
        #expect(!key2.contains("class=\"mark"))
        #expect(!key2.contains("class=\"range"))
        #expect(key2.contains("Ouders: niet getoond (minder dan 5)"))
        #expect(key2.contains("niet getoond: te weinig antwoorden"))
    }

    @Test func the_mirror_and_the_changes_have_the_same_chart() throws {
        let html = ReportPage.view(try Self.model(.en)).render()
        let mirror = try Self.part(html, from: "id=\"mirror-chart\"", to: "</ol>")
        #expect(mirror.components(separatedBy: "<li class=\"chart-row\"").count - 1 == 12)
        #expect(mirror.contains("class=\"mark mark-team\"") && mirror.contains("class=\"mark mark-now\""))
        let changes = try Self.part(html, from: "id=\"changes-chart\"", to: "</ol>")
        #expect(changes.components(separatedBy: "<li class=\"chart-row\"").count - 1 == 12)
        #expect(changes.contains("class=\"mark mark-before\"") && changes.contains("Survey of Basisschool De Regenboog: "))
        #expect(html.contains("<table"), "the tables stay beside the charts")
    }

    @Test func a_report_without_figures_has_no_chart() throws {
        var model = try Self.model()
        model.report = WaveReport.build(questionnaire: Questionnaire(id: "q", audience: .parents, items: [.init(id: "k1_greet", key: 1)],
                                                                     openQuestions: [], texts: [:]),
                                        itemCounts: [:], responses: 3, families: 40, languages: ["nl": 3], channels: [:], openAnswers: [], threshold: 5)
        #expect(!ReportPage.view(model).render().contains("glance-chart"))
        let meeting = MeetingPage.view(model).render()
        #expect(!meeting.contains("id=\"key-1\""), "no slides without figures")
        #expect(meeting.contains("Vanaf 5 ouders tonen we cijfers"))
    }

    @Test func the_meeting_view_has_one_slide_per_key_linked_in_order() throws {
        let model = try Self.model()
        let html = MeetingPage.view(model).render()
        #expect(html.components(separatedBy: "<section class=\"slide slide-key\"").count - 1 == 12)
        #expect(html.contains("<script src=\"/static/meeting.js\" defer"))
        #expect(html.contains("href=\"#key-1\" class=\"slide-next\" rel=\"next\""), "the overview leads to key 1")
        let slide1 = try Self.part(html, from: "id=\"key-1\"", to: "</section>")
        #expect(slide1.contains("Sleutel 1 van 12"))
        #expect(slide1.contains("href=\"#overview\""))
        #expect(slide1.contains("href=\"#key-2\" class=\"slide-next\" rel=\"next\""))
        #expect(slide1.contains("Wat doen we hiermee?"))
        #expect(slide1.contains("Wat goed gaat, in de woorden van ouders"), "a strength shows what goes well")
        #expect(slide1.contains("Basisschool De Regenboog</p>"))
        #expect(!slide1.contains("Een verborgen antwoord"), "hidden answers stay out of the meeting")
        #expect(!slide1.contains("<form"), "nothing to moderate on the projector")
        let slide12 = try Self.part(html, from: "id=\"key-12\"", to: "</section>")
        #expect(slide12.contains("href=\"#key-11\""))
        #expect(slide12.contains("href=\"/staff/waves/Basisschool De Regenboog/report\"") || slide12.contains("Terug naar het rapport"))
    }

    @Test func the_meeting_script_moves_with_the_arrow_keys_only() {
        #expect(MeetingPage.script.contains("ArrowRight") && MeetingPage.script.contains("ArrowLeft"))
        #expect(MeetingPage.script.contains("TEXTAREA"), "typing in a field does not move the slides")
    }

    @Test func slides_print_on_a4_landscape_pages_of_their_own() {
        let css = Stylesheet.full
        #expect(css.contains("@page slides{size:A4 landscape"))
        #expect(css.contains(".meeting,.slide{page:slides}"), "only the meeting view prints in landscape")
        #expect(css.contains(".slide{break-after:page"))
    }
}
