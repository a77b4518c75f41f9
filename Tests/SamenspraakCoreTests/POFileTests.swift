import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct POFileTests {
    let texts = [
        ReviewableText(id: ParentTextID(.survey, "survey.progress"), source: "Vraag {n} van {total}", current: "Question {n} of {total}"),
        ReviewableText(id: ParentTextID(.survey, "survey.title"), source: "Hoe gaat het met \"ons\"?", current: "How are \"we\" doing?"),
        ReviewableText(id: ParentTextID(.rating, "rating.submit"), source: "Versturen", current: nil),
        ReviewableText(id: ParentTextID(.card, "card.title"), source: "Gesprekskaart", current: "Talk card"),
    ]

    func reviewed(_ body: String, language: String = "en") -> String {
        "msgid \"\"\nmsgstr \"\"\n\"Language: \(language)\\n\"\n\"Content-Type: text/plain; charset=UTF-8\\n\"\n\n" + body
    }

    func problems(_ file: String) -> [TranslationProblem] {
        switch TranslationReview.check(file, language: .en, texts: texts) {
        case .success: []
        case let .failure(refusal): refusal.problems
        }
    }

    @Test func the_export_has_a_header_and_one_entry_per_text_with_the_dutch_source() throws {
        let file = TranslationReview.export(language: .en, texts: texts)
        #expect(file.contains("\"Content-Type: text/plain; charset=UTF-8\\n\""))
        #expect(file.contains("\"Language: en\\n\""))
        #expect(file.contains("\"Plural-Forms: nplurals=2; plural=(n != 1);\\n\""))
        #expect(file.contains("\"X-Generator: Samenspraak\\n\""))
        #expect(file.contains("#. Keep the placeholders: {n} {total}\nmsgctxt \"survey:survey.progress\"\nmsgid \"Vraag {n} van {total}\"\nmsgstr \"Question {n} of {total}\"\n"))
        #expect(file.contains("msgid \"Hoe gaat het met \\\"ons\\\"?\"\nmsgstr \"How are \\\"we\\\" doing?\""))
        #expect(file.contains("msgctxt \"rating:rating.submit\"\nmsgid \"Versturen\"\nmsgstr \"\"\n"))
        let entries = try POFile.parse(file)
        #expect(entries.count == 5)
        #expect(entries[0].isHeader)
        #expect(POFile.header("Language", in: entries[0].text) == "en")
        #expect(entries[2].id == "Hoe gaat het met \"ons\"?")
        #expect(entries[2].text == "How are \"we\" doing?")
    }

    @Test func escapes_and_continuation_lines_are_read() throws {
        #expect(POFile.quoted("a\\b\"c\nd\te") == "\"a\\\\b\\\"c\\nd\\te\"")
        let entries = try POFile.parse("msgctxt \"survey:x\"\nmsgid \"\"\n\"Vraag \"\n\"een\"\nmsgstr \"\"\r\n\"Back\\\\slash \"\n\"\\\"quoted\\\" \\t tab\"\n")
        #expect(entries == [POFile.Entry(line: 1, context: "survey:x", id: "Vraag een", text: "Back\\slash \"quoted\" \t tab", textLine: 5)])
    }

    @Test func a_round_trip_with_every_text_filled_is_accepted() throws {
        var complete = texts
        complete[2].current = "Send"
        let file = TranslationReview.export(language: .en, texts: complete)
        let result = TranslationReview.check(file, language: .en, texts: complete)
        let found = try result.get()
        #expect(found[ParentTextID(.rating, "rating.submit")] == "Send")
        #expect(found[ParentTextID(.survey, "survey.title")] == "How are \"we\" doing?")
        #expect(found.count == 4)
    }

    @Test func a_syntax_error_is_refused_with_its_line() {
        let broken = reviewed("msgctxt \"survey:survey.progress\"\nmsgid \"Vraag {n} van {total}\"\nmsgstr \"Question {n} of {total}\n")
        #expect(problems(broken) == [TranslationProblem(line: 8, kind: .syntax)])
        #expect(problems(reviewed("msgctxt \"survey:a\"\nmsgid \"x\"\nmsgstr \"bad \\q escape\"\n")) == [TranslationProblem(line: 8, kind: .syntax)])
        #expect(problems(reviewed("msgid_plural \"x\"\n")) == [TranslationProblem(line: 6, kind: .plural)])
        #expect(problems(reviewed("msgctxt \"survey:a\"\nmsgid \"x\"\n\n")) == [TranslationProblem(line: 6, kind: .incomplete)])
        #expect(problems("Language: en\n") == [TranslationProblem(line: 1, kind: .syntax)])
    }

    @Test func every_content_problem_is_listed_with_its_line() {
        let file = reviewed("""
        msgctxt "survey:survey.progress"
        msgid "Vraag {n} van {total}"
        msgstr "Question {n} of {all}"

        #, fuzzy
        msgctxt "survey:survey.title"
        msgid "Hoe gaat het met \\"ons\\"?"
        msgstr "How are we?"

        msgctxt "rating:rating.submit"
        msgid "Versturen"
        msgstr "<b>Send</b>"

        msgctxt "rating:rating.submit"
        msgid "Versturen"
        msgstr "Send"

        msgctxt "survey:no.such.key"
        msgid "Iets"
        msgstr "Something"

        """)
        #expect(problems(file) == [
            TranslationProblem(line: 8, kind: .placeholders, context: "survey:survey.progress", detail: "{n} {total}"),
            TranslationProblem(line: 10, kind: .fuzzy, context: "survey:survey.title"),
            TranslationProblem(line: 17, kind: .markup, context: "rating:rating.submit"),
            TranslationProblem(line: 19, kind: .duplicate, context: "rating:rating.submit"),
            TranslationProblem(line: 23, kind: .unknownText, context: "survey:no.such.key"),
            TranslationProblem(line: nil, kind: .missing, context: "card:card.title"),
        ])
    }

    @Test func an_empty_translation_or_a_changed_source_is_refused() {
        var file = TranslationReview.export(language: .en, texts: texts)
        #expect(problems(file) == [TranslationProblem(line: 23, kind: .empty, context: "rating:rating.submit")])
        file = file.replacingOccurrences(of: "msgid \"Gesprekskaart\"", with: "msgid \"Oude kaart\"")
            .replacingOccurrences(of: "msgctxt \"rating:rating.submit\"\nmsgid \"Versturen\"\nmsgstr \"\"", with: "msgctxt \"rating:rating.submit\"\nmsgid \"Versturen\"\nmsgstr \"Send\"")
        #expect(problems(file) == [TranslationProblem(line: 25, kind: .sourceChanged, context: "card:card.title")])
    }

    @Test func a_file_for_another_language_or_without_header_is_refused() {
        var complete = texts
        complete[2].current = "Send"
        let file = TranslationReview.export(language: .en, texts: complete)
        #expect(problems(file).isEmpty)
        let french = file.replacingOccurrences(of: "Language: en", with: "Language: fr_BE")
        #expect(problems(french) == [TranslationProblem(line: 5, kind: .wrongLanguage, detail: "fr_BE")])
        #expect(problems(file.replacingOccurrences(of: "Language: en", with: "Language: en_GB")).isEmpty)
        let headless = "msgctxt \"survey:survey.progress\"\nmsgid \"Vraag {n} van {total}\"\nmsgstr \"Question {n} of {total}\"\n"
        #expect(problems(headless) == [TranslationProblem(line: 1, kind: .noHeader)])
    }

    @Test func a_line_break_in_a_text_is_refused() {
        let file = reviewed("msgctxt \"card:card.title\"\nmsgid \"Gesprekskaart\"\nmsgstr \"Talk\\ncard\"\n")
        #expect(problems(file).first == TranslationProblem(line: 8, kind: .lineBreak, context: "card:card.title"))
    }

    @Test func reviewed_texts_replace_shipped_ones_and_a_new_key_keeps_the_shipped_status() {
        let dutch = Questionnaire.Texts(language: .nl, status: .source, entries: ["a": "Een {n}", "b": "Twee", "c": "Drie"])
        let shipped = Questionnaire.Texts(language: .en, status: .draft, entries: ["a": "One {n}", "b": "Two", "c": "Three"])
        let all = TranslationReview.apply(shipped: shipped, dutch: dutch, expected: ["a", "b", "c"],
                                          reviewed: ["a": .init(source: "Een {n}", text: "First {n}"), "b": .init(source: "Twee", text: "Second"),
                                                     "c": .init(source: "Drie", text: "Third")])
        #expect(all.texts.status == .reviewed)
        #expect(all.texts.entries == ["a": "First {n}", "b": "Second", "c": "Third"])
        #expect(all.unreviewed == 0)
        // An upgrade added `c` and changed the Dutch text of `a`: those come from the file, the status stays draft.
        let upgraded = TranslationReview.apply(shipped: shipped, dutch: dutch, expected: ["a", "b", "c"],
                                               reviewed: ["a": .init(source: "Eén {n}", text: "First {n}"), "b": .init(source: "Twee", text: "Second"),
                                                          "gone": .init(source: "Weg", text: "Removed")])
        #expect(upgraded.texts.status == .draft)
        #expect(upgraded.texts.entries == ["a": "One {n}", "b": "Second", "c": "Three"])
        #expect(upgraded.unreviewed == 2)
        #expect(TranslationReview.apply(shipped: shipped, dutch: dutch, expected: ["a"], reviewed: [:]).texts == shipped)
    }

    @Test func the_difference_lists_changed_texts_and_counts_the_rest() {
        let found: [ParentTextID: String] = [ParentTextID(.survey, "survey.progress"): "Question {n} of {total}",
                                             ParentTextID(.survey, "survey.title"): "How are we doing?",
                                             ParentTextID(.rating, "rating.submit"): "Send",
                                             ParentTextID(.card, "card.title"): "Talk card"]
        let difference = TranslationReview.difference(texts, imported: found)
        #expect(difference.unchanged == 2)
        #expect(difference.changes.map(\.id.context) == ["survey:survey.title", "rating:rating.submit"])
        #expect(difference.changes[1].current == "")
    }
}
