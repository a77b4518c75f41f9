import Foundation
import Testing
@testable import SamenspraakViews

@Suite struct MarkdownTests {
    /// Well-known ways to run script through Markdown and HTML.
    static let payloads = [
        "<script>alert(1)</script>",
        "<SCRIPT SRC=//evil.example/x.js></SCRIPT>",
        "<img src=x onerror=alert(1)>",
        "<svg/onload=alert(1)>",
        "<iframe src=\"javascript:alert(1)\"></iframe>",
        "[klik](javascript:alert(1))",
        "[klik](JaVaScRiPt:alert(1))",
        "[klik](java&#x09;script:alert(1))",
        "[klik](&#106;avascript:alert(1))",
        "[klik](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        "[klik](vbscript:msgbox(1))",
        "<a href=\"javascript:alert(1)\">klik</a>",
        "<a href='  javascript:alert(1)'>klik</a>",
        "<p onclick=\"alert(1)\">tekst</p>",
        "<div style=\"background:url(javascript:alert(1))\">x</div>",
        "![x](x\" onerror=\"alert(1))",
        "<math><mi xlink:href=\"javascript:alert(1)\">x</mi></math>",
        "<details open ontoggle=alert(1)>",
        "<body onload=alert(1)>",
        "<object data=\"javascript:alert(1)\"></object>",
        "<<script>script>alert(1)<</script>/script>",
        "<!--<script>-->alert(1)<!---->",
        "<style>@import 'javascript:alert(1)';</style>",
        "[a](https://ok.example/\"onmouseover=\"alert(1))",
        "<scr<script>ipt>alert(1)</scr</script>ipt>",
        "<a href=\"//evil.example\">protocol-relative</a>",
        "<form action=\"https://evil.example\"><button>x</button></form>",
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        "<base href=\"https://evil.example/\">",
    ]

    @Test(arguments: payloads)
    func a_payload_stays_inert(_ payload: String) {
        let html = Markdown.render("Een verhaal.\n\n" + payload + "\n\nEinde.").html.lowercased()
        for forbidden in ["<script", "<img", "<svg", "<iframe", "<object", "<math", "<details", "<body", "<style", "<form", "<meta", "<base",
                          "<div", "javascript:", "vbscript:", "data:", "onerror", "onload", "onclick", "ontoggle", "onmouseover=\"", "style=",
                          "href=\"//"] {
            #expect(!html.contains(forbidden), "\(payload) → \(html)")
        }
        #expect(html.contains("een verhaal."))
    }

    @Test func ordinary_markdown_keeps_its_shape() {
        let html = Markdown.render("""
        # Vaders aan de poort

        We begonnen **klein**: elke *maandag* koffie.

        - papa's persoonlijk uitnodigen
        - een tolk

        Meer op [de site van de stad](https://stad.gent/onderwijs) of [ons verhaal](/stories).
        """).html
        #expect(html.contains("<h2>Vaders aan de poort</h2>"))
        #expect(html.contains("<strong>klein</strong>"))
        #expect(html.contains("<em>maandag</em>"))
        #expect(html.contains("<li>papa's persoonlijk uitnodigen</li>") || html.contains("<li>papa&#39;s persoonlijk uitnodigen</li>")
                || html.contains("<li>papa’s persoonlijk uitnodigen</li>"))
        #expect(html.contains("<a href=\"https://stad.gent/onderwijs\" rel=\"nofollow noopener\">de site van de stad</a>"))
        #expect(html.contains("<a href=\"/stories\" rel=\"nofollow noopener\">ons verhaal</a>"))
    }

    @Test func unclosed_elements_are_closed_and_stray_closers_dropped() {
        #expect(HTMLSanitizer.clean("<p><strong>a</p></em>b") == "<p><strong>a</strong></p>b")
        #expect(HTMLSanitizer.clean("<ul><li>x") == "<ul><li>x</li></ul>")
        #expect(HTMLSanitizer.clean("a < b > c") == "a &lt; b &gt; c")
    }

    @Test func plain_text_has_no_tags() {
        #expect(Markdown.plainText("# Titel\n\nEen **vet** woord & <script>x</script>meer.") == "Titel Een vet woord & meer.")
    }
}
