import Foundation
import Testing
@testable import SamenspraakCore

/// Property tests over every decoder of what a parent or staff member types: thousands of hostile inputs (control
/// characters, bidi overrides, zero-width and combining marks, emoji sequences, huge and odd numbers, very long
/// texts). No decoder may crash, and whatever one accepts must keep the rules the database relies on: values in
/// range, texts within their limits and free of control characters, only known keys. Seeded, so a failure can be
/// replayed: the seed is in the failure message.
@Suite struct FormFuzzTests {
    static let runs = 3000

    typealias Generator = SeededGenerator

    static let pieces: [String] = [
        "a", "Z", "é", "ß", "ı", "İ", "٣", "४", "3", "0", "-1", "+4", "4.0", " 4 ", "0x2", "1e3", "99999999999999999999",
        "\u{0}", "\u{7}", "\u{1B}[31m", "\u{7F}", "\u{85}", "\r\n", "\n", "\t", "\r", "\u{2028}", "\u{202E}", "\u{200B}",
        "\u{FEFF}", "\u{301}", "👩‍👩‍👧", "🇧🇪", "<script>", "\"", "'", "&amp;", "{{7*7}}", "../", "%00", "%C0%AF",
        "وعليكم", "Ўзбек", "ქართ", "שלום", "  ", ",", "k1_greet", "well", "help", "loves", "sleep", "interpreter",
    ]

    static func hostile(_ rng: inout Generator) -> String {
        switch Int.random(in: 0..<10, using: &rng) {
        case 0: return ""
        case 1: return String(repeating: pieces.randomElement(using: &rng)!, count: Int.random(in: 100...2600, using: &rng))
        case 2:
            // Any scalar at all, controls and private use included.
            return String(String.UnicodeScalarView((0..<Int.random(in: 1...40, using: &rng)).compactMap { _ in
                Unicode.Scalar(UInt32.random(in: 0...0x10FFFF, using: &rng))
            }))
        default:
            return (0..<Int.random(in: 1...12, using: &rng)).map { _ in pieces.randomElement(using: &rng)! }.joined()
        }
    }

    static func hasForbiddenControl(_ text: String) -> Bool {
        text.unicodeScalars.contains { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }
    }

    static let questionnaire = Questionnaire(id: "parents-test", audience: .parents,
                                             items: [.init(id: "k1_greet", key: 1), .init(id: "k12_time", key: 12)],
                                             openQuestions: ["well", "help"], texts: [:])

    @Test(arguments: [1, 2, 3])
    func survey_answers_accept_only_known_items_faces_in_range_and_clean_texts(seed: UInt64) {
        var rng = Generator(seed: seed)
        for run in 0..<Self.runs {
            var faces: [String: String] = [:]
            var texts: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...3, using: &rng) {
                let key = Bool.random(using: &rng) ? ["k1_greet", "k12_time"].randomElement(using: &rng)! : Self.hostile(&rng)
                faces[key] = Bool.random(using: &rng) ? String(Int.random(in: -2...6, using: &rng)) : Self.hostile(&rng)
            }
            for _ in 0..<Int.random(in: 0...2, using: &rng) {
                let key = Bool.random(using: &rng) ? ["well", "help"].randomElement(using: &rng)! : Self.hostile(&rng)
                texts[key] = Self.hostile(&rng)
            }
            switch SurveyAnswers().applying(faces: faces, texts: texts, questionnaire: Self.questionnaire) {
            case let .success(answers):
                for (item, value) in answers.faces {
                    #expect(Self.questionnaire.item(item) != nil && SurveyAnswers.faceValues.contains(value), "seed \(seed) run \(run)")
                }
                for (question, text) in answers.texts {
                    #expect(Self.questionnaire.openQuestions.contains(question), "seed \(seed) run \(run)")
                    #expect(text.count <= SurveyAnswers.maximumTextLength && !Self.hasForbiddenControl(text), "seed \(seed) run \(run)")
                    #expect(!text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, "seed \(seed) run \(run)")
                }
                #expect(faces.keys.allSatisfy { Self.questionnaire.item($0) != nil }, "an unknown item was accepted (seed \(seed) run \(run))")
            case .failure:
                break
            }
        }
        // And no false refusal: what the page itself sends is always accepted.
        for value in 0...4 {
            let ok = SurveyAnswers().applying(faces: ["k1_greet": String(value)], texts: ["well": "De juf groet ons.\r\nElke dag."],
                                              questionnaire: Self.questionnaire)
            #expect((try? ok.get())?.faces["k1_greet"] == value)
        }
    }

    @Test(arguments: [4, 5])
    func ratings_accept_one_face_known_chips_and_a_clean_text(seed: UInt64) {
        var rng = Generator(seed: seed)
        let allowed = RatingCatalog.Chips(good: ["warm", "clear"], better: ["time", "language"])
        for run in 0..<Self.runs {
            let face: String? = Bool.random(using: &rng) ? String(Int.random(in: -1...6, using: &rng)) : Self.hostile(&rng)
            let chips = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                Bool.random(using: &rng) ? allowed.all.randomElement(using: &rng)! : Self.hostile(&rng)
            }
            let text: String? = Bool.random(using: &rng) ? Self.hostile(&rng) : nil
            if case let .success(answer) = RatingAnswer.parse(face: face, chips: chips, text: text, allowed: allowed) {
                #expect(RatingAnswer.faces.contains(answer.face), "seed \(seed) run \(run)")
                #expect(answer.chips.allSatisfy(allowed.all.contains) && Set(answer.chips).count == answer.chips.count, "seed \(seed) run \(run)")
                #expect(chips.allSatisfy(allowed.all.contains), "an unknown chip was accepted (seed \(seed) run \(run))")
                if let text = answer.text {
                    #expect(text.count <= RatingAnswer.maximumTextLength && !Self.hasForbiddenControl(text), "seed \(seed) run \(run)")
                    #expect(!text.isEmpty && !text.contains("\r\n"), "seed \(seed) run \(run)")
                }
            }
        }
    }

    @Test(arguments: [6, 7])
    func conversation_cards_accept_known_prompts_and_chips_and_clean_texts(seed: UInt64) {
        var rng = Generator(seed: seed)
        for run in 0..<Self.runs {
            var texts: [String: String] = [:]
            for _ in 0..<Int.random(in: 0...4, using: &rng) {
                let key = Bool.random(using: &rng) ? CardPrompt.allCases.randomElement(using: &rng)!.rawValue : Self.hostile(&rng)
                texts[key] = Self.hostile(&rng)
            }
            let chips = (0..<Int.random(in: 0...3, using: &rng)).map { _ in
                Bool.random(using: &rng) ? CardChip.allCases.randomElement(using: &rng)!.rawValue : Self.hostile(&rng)
            }
            if case let .success(card) = CardAnswers.parse(texts: texts, chips: chips) {
                for (key, text) in card.texts {
                    #expect(CardPrompt(rawValue: key) != nil, "seed \(seed) run \(run)")
                    #expect(text.count <= CardAnswers.maximumTextLength && !Self.hasForbiddenControl(text) && !text.isEmpty, "seed \(seed) run \(run)")
                }
                #expect(card.chips.allSatisfy { CardChip(rawValue: $0) != nil }, "seed \(seed) run \(run)")
            }
        }
    }

    @Test func codes_slugs_times_keys_and_search_words_come_out_clean_or_not_at_all() {
        var rng = Generator(seed: 8)
        let slugCharacters = Set("abcdefghijklmnopqrstuvwxyz0123456789-")
        for run in 0..<Self.runs {
            let typed = Self.hostile(&rng)
            if let code = OneTimeCode.normalize(typed) {
                #expect(code.count == OneTimeCode.length && code.allSatisfy(OneTimeCode.alphabet.contains), "run \(run)")
                #expect(OneTimeCode.normalize(OneTimeCode.formatted(code)) == code, "run \(run)")
            }
            let slug = Slug.make(typed)
            #expect(slug.count <= 60 && slug.allSatisfy(slugCharacters.contains), "run \(run): \(slug)")
            #expect(!slug.hasPrefix("-") && !slug.hasSuffix("-") && !slug.contains("--"), "run \(run): \(slug)")
            if let time = TimeOfDay(typed) {
                #expect((0..<24).contains(time.hour) && (0..<60).contains(time.minute), "run \(run)")
            }
            if case let .success(keys) = PlanKeys.validate([typed, Self.hostile(&rng)]) {
                #expect(keys.allSatisfy(Questionnaire.keys.contains) && keys.count <= PlanKeys.maximum, "run \(run)")
            }
            let words = SearchQuery.words(typed)
            #expect(words.count <= SearchQuery.maximumWords, "run \(run)")
            #expect(words.allSatisfy { word in word.count >= 2 && word.count <= 40 && word.allSatisfy { $0.isLetter || $0.isNumber } }, "run \(run)")
        }
    }

    @Test func staff_forms_never_crash_and_accept_only_sensible_values() {
        var rng = Generator(seed: 9)
        for run in 0..<Self.runs / 3 {
            let moment = MomentDraft(kind: Bool.random(using: &rng) ? "oudercontact" : Self.hostile(&rng), title: Self.hostile(&rng),
                                     startsOn: Bool.random(using: &rng) ? "2026-11-2\(Int.random(in: 0...9, using: &rng))" : Self.hostile(&rng),
                                     endsOn: Self.hostile(&rng))
            if case let .success(valid) = moment.validate() {
                #expect(!valid.title.trimmingCharacters(in: .whitespaces).isEmpty && !Self.hasForbiddenControl(valid.title), "run \(run)")
                #expect(valid.starts <= valid.ends, "run \(run)")
            }
            let story = StoryDraft(title: Self.hostile(&rng), summary: Self.hostile(&rng), body: Self.hostile(&rng),
                                   keys: [String(Int.random(in: -1...14, using: &rng)), Self.hostile(&rng)], photoAlt: Self.hostile(&rng))
            if case let .success(valid) = story.validate(hasPhoto: Bool.random(using: &rng)) {
                #expect(!valid.title.isEmpty && valid.keys.allSatisfy(Questionnaire.keys.contains), "run \(run)")
                #expect(!Self.hasForbiddenControl(valid.title) && !Self.hasForbiddenControl(valid.summary), "run \(run)")
            }
            let event = EventDraft(title: Self.hostile(&rng), date: Bool.random(using: &rng) ? "2027-02-1\(Int.random(in: 0...9, using: &rng))" : Self.hostile(&rng),
                                   starts: Bool.random(using: &rng) ? "19:30" : Self.hostile(&rng), ends: Self.hostile(&rng),
                                   meetingURL: Bool.random(using: &rng) ? "javascript:alert(1)" : Self.hostile(&rng),
                                   description: Self.hostile(&rng), programme: Self.hostile(&rng), notes: Self.hostile(&rng))
            if case let .success(valid) = event.validate() {
                #expect(valid.starts < valid.ends && !valid.title.isEmpty, "run \(run)")
                #expect(!Self.hasForbiddenControl(valid.description) && !Self.hasForbiddenControl(valid.notes ?? ""), "run \(run)")
                #expect(valid.programme.allSatisfy { !Self.hasForbiddenControl($0) }, "run \(run)")
                if let url = valid.meetingURL { #expect(url.hasPrefix("https://"), "run \(run): \(url)") }
            }
        }
    }
}
