import Foundation
import Plot
import SamenspraakCore
import Testing
@testable import SamenspraakViews

@Suite struct EscapingTests {
    static let payload = "'><script>x</script>&"

    @Test func attribute_escaping_covers_all_five_characters() {
        #expect("a&b\"c'd<e>f".attributeEscaped == "a&amp;b&quot;c&#39;d&lt;e&gt;f")
    }

    @Test func escaped_attribute_cannot_break_out() {
        let html = Node<HTML.BodyContext>.div(.attr("title", "x\" onfocus=\"alert(1)")).render()
        #expect(html == "<div title=\"x&quot; onfocus=&quot;alert(1)\"></div>")
    }

    @Test(arguments: PageMocks.all(text: payload).map(\.name))
    func hostile_text_appears_only_escaped(_ page: String) throws {
        let html = try #require(PageMocks.all(text: Self.payload).first { $0.name == page }).html.render()
        #expect(!html.contains("<script>"), "raw <script> on page \(page)")
        #expect(!html.contains("'>"), "attribute break-out on page \(page)")
        let escaped = html.contains("&lt;script&gt;x&lt;/script&gt;") || html.contains(Self.payload.attributeEscaped)
        // The home page shows no model text (its strings only reach percent-encoded links).
        #expect(escaped || page == "home", "the payload should still be on page \(page), escaped")
    }

    @Test(arguments: PageMocks.all(text: "Basisschool De Regenboog").map(\.name))
    func every_page_is_a_complete_document_with_one_h1_and_a_main(_ page: String) throws {
        let html = try #require(PageMocks.all(text: "Basisschool De Regenboog").first { $0.name == page }).html.render()
        #expect(html.hasPrefix("<!DOCTYPE html><html lang=\"nl\" dir=\"ltr\">"), "\(page)")
        let h1s = html.components(separatedBy: "<h1").count - 1
        #expect(h1s == 1 || (page == "slips" && h1s == 0), "exactly one h1 on \(page)")
        #expect(html.contains("<main id=\"main\""))
        #expect(html.contains("<title>"))
    }

    @Test(arguments: PageMocks.all(text: "Basisschool De Regenboog").map(\.name))
    func every_page_stays_small(_ page: String) throws {
        let html = try #require(PageMocks.all(text: "Basisschool De Regenboog").first { $0.name == page }).html.render()
        // The team-meeting view holds the report's twelve keys, each on its own slide.
        let budget = page == "meeting" ? 40_000 : 15_000
        #expect(html.utf8.count < budget, "\(page) is \(html.utf8.count) bytes")
    }

    @Test(arguments: PageMocks.all(text: "Basisschool De Regenboog").map(\.name))
    func ids_are_unique_on_every_page(_ page: String) throws {
        let html = try #require(PageMocks.all(text: "Basisschool De Regenboog").first { $0.name == page }).html.render()
        let ids = html.matches(of: /\sid="([^"]+)"/).map { String($0.1) }
        let repeated = Dictionary(grouping: ids, by: { $0 }).filter { $0.value.count > 1 }.keys.sorted()
        #expect(repeated.isEmpty, "\(page) repeats \(repeated)")
    }

    @Test func every_staff_form_carries_the_csrf_token() {
        // Parents' survey forms carry none on purpose: their addresses hold the draft's secret token, and a rating
        // form carries its own check of the device, a card's address its token (see CSRFMiddleware.isParentPath). The stories site's search is a GET form.
        let parentPages: Set = ["survey-languages", "survey-intro", "survey-question", "survey-open", "survey-review",
                                 "survey-review-refused", "code-entry", "rating", "stories-home", "story-list", "card",
                                 "survey-question-voice", "survey-intro-voice", "rating-voice", "card-voice", "goodnews",
                                 "goodnews-voice"]
        for (name, html) in PageMocks.all(text: "token-value") where !parentPages.contains(name) {
            let rendered = html.render()
            let forms = rendered.components(separatedBy: "<form").count - 1
            let tokens = rendered.components(separatedBy: "name=\"csrf_token\" value=\"token-value\"").count - 1
            #expect(forms == tokens, "\(name): \(forms) forms but \(tokens) tokens")
        }
    }
}
