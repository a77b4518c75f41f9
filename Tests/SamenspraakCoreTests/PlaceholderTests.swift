import Testing
@testable import SamenspraakCore

@Suite struct PlaceholderTests {
    @Test func typed_text_holding_a_placeholder_is_shown_as_typed_whatever_the_order() {
        let template = "{count} verhalen voor \"{query}\"."
        // Every order of the values gives the same: the typed "{count}" is never filled in.
        for _ in 0..<50 {
            #expect(Placeholders.fill(template, ["count": "0", "query": "{count} {query}"]) == "0 verhalen voor \"{count} {query}\".")
        }
        #expect(Placeholders.fill("{name} en {name}", ["name": "Ilse"]) == "Ilse en Ilse")
        #expect(Placeholders.fill("{unknown} {name", ["name": "x"]) == "{unknown} {name")
        #expect(Placeholders.fill("geen {", ["a": "b"]) == "geen {")
        #expect(Placeholders.fill("{}{a}}", ["a": "b"]) == "{}b}")
        #expect(Placeholders.fill("zonder", [:]) == "zonder")
    }

    @Test func catalogs_and_questionnaire_texts_fill_in_one_pass() throws {
        let catalog = try Catalog(language: .nl, source: "stories.found = {count} voor {query}", fileName: "nl.txt")
        #expect(catalog.text("stories.found", ["count": "2", "query": "{count}"]) == "2 voor {count}")
        let texts = Questionnaire.Texts(language: .nl, status: .source, entries: ["t": "{a} {b}"])
        #expect(texts("t", ["a": "{b}", "b": "{a}"]) == "{b} {a}")
    }
}
