import Foundation
import Testing
@testable import SamenspraakViews

/// A parent who enlarges the text to 200% on a 320 px phone must get bigger text and no sideways scroll. The
/// browser tests (browser-tests/test_languages.py) measure that in every language; these keep the stylesheet's
/// side of it from slipping: text sized relative to the parent's own setting, and nothing that cannot wrap.
@Suite struct StylesheetTextSizeTests {
    /// Every `font-size` of an HTML element follows the browser's text size (rem, em, %); only text inside the
    /// staff's SVG charts (sized with the chart) and print (pt) may be absolute.
    @Test func text_sizes_follow_the_readers_setting() {
        let absolute = Stylesheet.full.matches(of: /([^{}]*)\{[^{}]*font-size:\s*[0-9.]+(px|pt)/)
            .map { $0.1.trimmingCharacters(in: .whitespacesAndNewlines) }
        let allowed: Set<String> = [".seg-label", ".spark text", "body"]  // body: only in @media print (11pt)
        let unexpected = absolute.filter { !allowed.contains($0) }
        #expect(unexpected.isEmpty, "absolute font sizes: \(unexpected)")
    }

    @Test func parent_pages_wrap_long_words_and_buttons_and_fieldsets_shrink() {
        let css = Stylesheet.full
        #expect(css.contains("body.parent{overflow-wrap:anywhere}"))
        #expect(css.contains("fieldset{min-width:0}"), "a fieldset is as wide as its widest word unless told otherwise")
        #expect(css.contains("max-width:100%;white-space:normal;overflow-wrap:anywhere}"), "buttons wrap within the screen")
        #expect(css.contains("minmax(min(9rem,100%),1fr)"), "the language choice's column is never wider than the screen")
        #expect(css.contains("@media (max-width:17.5em){"), "large text on a small screen gets the compact layout")
    }
}
