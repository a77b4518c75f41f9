import Plot
import SamenspraakCore
import Testing
@testable import SamenspraakViews

/// Small things a first real use showed: pages that are clear without guessing.
@Suite struct FirstRunFixesTests {
    func texts(_ language: LanguageCode = .nl) -> Questionnaire.Texts {
        Questionnaire.Texts(language: language, status: .source, entries: [
            "survey.progress": "Vraag {n} van {total}", "survey.review": "Klaar? Verstuur je antwoorden.",
            "survey.choose_language": "Kies je taal", "survey.code.title": "Vul je code in", "survey.code.submit": "Verder",
        ])
    }

    @Test func the_other_languages_on_the_language_screen_are_separate_items() {
        let model = SurveyStartPage.Model(texts: texts(), schoolName: "De Linde", languages: [(.nl, "/o/x?lang=nl"), (.ar, "/o/x?lang=ar")],
                                          chosen: false, action: "/o/x/start",
                                          alsoChoose: [(.ar, "اختيار اللغة"), (.tr, "Dilinizi seçin")])
        let html = SurveyStartPage.view(model).render()
        #expect(!html.contains("اختيار اللغة</span><span"), "no two languages run together")
        #expect(html.contains("<ul class=\"also\"><li lang=\"ar\" dir=\"rtl\">اختيار اللغة</li><li lang=\"tr\" dir=\"ltr\">Dilinizi seçin</li></ul>"))
    }

    @Test func the_send_page_is_the_last_step_not_a_question_number() {
        let model = SurveyReviewPage.Model(texts: texts(), schoolName: "De Linde", number: 23, total: 23, unanswered: 0,
                                           action: "/s/x/submit", backAction: "/s/x/23")
        let html = SurveyReviewPage.view(model).render()
        #expect(!html.contains("Vraag 23 van 23"))
        #expect(html.contains("<progress value=\"23\" max=\"23\" aria-labelledby=\"review-title\"></progress>"))
        #expect(html.contains("<h1 id=\"review-title\">Klaar? Verstuur je antwoorden.</h1>"))
    }

    @Test func the_code_page_keeps_the_language_buttons_apart_from_the_button() {
        let html = CodeEntryPage.view(.init(texts: texts(), languages: [(.nl, "/c?lang=nl")], code: "", error: nil)).render()
        #expect(html.contains("<nav class=\"code-languages\""))
        #expect(Stylesheet.full.contains(".code-languages{margin-block-start:"))
    }

    @Test func the_school_page_says_what_comes_only_while_it_has_no_survey() {
        var model = SchoolShowPage.Model.mock(text: "De Linde")
        #expect(!SchoolShowPage.view(model).render().contains("school.next_steps"))
        model.waves = []
        #expect(SchoolShowPage.view(model).render().contains("school.next_steps"))
    }

    @Test func print_pages_have_a_way_back_a_print_button_and_slips_a_heading() {
        let tools = PrintLayout.Tools(back: "/staff/waves/w1", backLabel: "Terug naar de bevraging", printLabel: "Afdrukken")
        var slips = CodeSlipsPage.Model(schoolName: "De Linde", entryLink: "https://x/c", slips: [.init(code: "ABCDEFGH", qr: nil)],
                                        texts: [texts()], staffLanguage: .nl, printHint: "Druk af")
        slips.tools = tools
        slips.heading = "Briefjes met een code"
        var poster = WavePosterPage.Model(schoolName: "De Linde", link: "https://x/o/a", qr: nil, texts: [texts()], staffLanguage: .nl,
                                          printHint: "Druk af")
        poster.tools = tools
        var paper = PaperFormPage.Model(texts: texts(), schoolName: "De Linde", items: [], openQuestions: [])
        paper.tools = tools
        let slipsHTML = CodeSlipsPage.view(slips).render()
        #expect(slipsHTML.contains("<h1 class=\"screen-only\">Briefjes met een code · De Linde</h1>"))
        for html in [slipsHTML, WavePosterPage.view(poster).render(), PaperFormPage.view(paper).render()] {
            #expect(html.contains("<div class=\"print-tools screen-only\" lang=\"nl\" dir=\"ltr\"><a class=\"print-back\" href=\"/staff/waves/w1\">Terug naar de bevraging</a>"))
            #expect(html.contains("<button type=\"button\" data-print=\"true\" hidden>Afdrukken</button>"))
            #expect(html.contains("<script src=\"/static/read-aloud.js\" defer></script>"), "the button needs the script")
        }
        #expect(ReadAloud.script.contains("button[data-print]"))
        #expect(Stylesheet.full.contains("@media print{.screen-only{display:none}"))
    }

    @Test func the_wave_page_says_how_many_slips_were_made_and_when() {
        var model = WaveShowPage.Model.mock(text: "x")
        model.slipsMade = 0
        #expect(!WaveShowPage.view(model).render().contains("wave.codes.made"))
        model.slipsMade = 120
        model.slipsMadeOn = Day(year: 2026, month: 12, day: 3)
        #expect(WaveShowPage.view(model).render().contains("wave.codes.made"))
    }
}
