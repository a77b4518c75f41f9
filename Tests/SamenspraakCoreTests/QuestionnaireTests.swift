import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct QuestionnaireTests {
    static let structure = """
    # test
    id = test-v1
    audience = parents
    item a key=1
    item b key=12
    open well
    """

    static func texts(_ extra: String = "", dropping: String? = nil, status: String = "draft") -> String {
        let skeleton = Questionnaire(id: "x", audience: .parents, items: [.init(id: "a", key: 1), .init(id: "b", key: 12)],
                                     openQuestions: ["well"], texts: [:])
        var lines = ["status = \(status)"]
        for key in skeleton.expectedTextKeys where key != dropping { lines.append("\(key) = text of \(key)") }
        return (lines + [extra]).joined(separator: "\n")
    }

    func parse(structure: String = structure, nl: String = texts(), others: [(LanguageCode, String)] = []) throws(QuestionnaireError) -> Questionnaire {
        try QuestionnaireParser.parse(structure: structure, structureFile: "s.txt",
                                      languages: [(.nl, nl, "nl.txt")] + others.map { ($0.0, $0.1, "\($0.0.rawValue).txt") })
    }

    @Test func a_complete_questionnaire_loads() throws {
        let questionnaire = try parse(others: [(.ar, Self.texts(status: "draft"))])
        #expect(questionnaire.id == "test-v1")
        #expect(questionnaire.items.map(\.key) == [1, 12])
        #expect(questionnaire.openQuestions == ["well"])
        #expect(questionnaire.languages == [.nl, .ar])
        #expect(questionnaire.texts(.ar).status == .draft)
        #expect(questionnaire.texts(.tr).language == .nl, "a missing language falls back to Dutch")
    }

    @Test func the_audience_is_read_as_parents_or_team() throws {
        #expect(try parse().audience == .parents)
        #expect(try parse(structure: Self.structure.replacingOccurrences(of: "audience = parents", with: "audience = team")).audience == .team)
    }

    @Test func an_unknown_audience_stops_the_load_naming_the_file_and_value() {
        #expect(throws: QuestionnaireError.unknownAudience(file: "s.txt", value: "Team")) {
            try parse(structure: Self.structure.replacingOccurrences(of: "audience = parents", with: "audience = Team"))
        }
        #expect(QuestionnaireError.unknownAudience(file: "s.txt", value: "ouders").description
            == "s.txt: `audience = ouders` is not one of parents, team")
    }

    @Test func an_item_without_a_key_is_refused_with_its_line() {
        #expect(throws: QuestionnaireError.itemWithoutKey(file: "s.txt", line: 5, id: "b")) {
            try parse(structure: Self.structure.replacingOccurrences(of: "item b key=12", with: "item b"))
        }
    }

    @Test func a_key_outside_the_twelve_is_refused() {
        #expect(throws: QuestionnaireError.keyOutOfRange(file: "s.txt", line: 5, id: "b")) {
            try parse(structure: Self.structure.replacingOccurrences(of: "key=12", with: "key=13"))
        }
    }

    @Test func a_duplicate_id_is_refused() {
        #expect(throws: QuestionnaireError.duplicateID(file: "s.txt", line: 5, id: "a")) {
            try parse(structure: Self.structure.replacingOccurrences(of: "item b key=12", with: "item a key=2"))
        }
    }

    @Test func a_missing_translation_names_the_file_and_text() {
        #expect(throws: QuestionnaireError.missingTranslation(file: "fr.txt", keys: ["item.b"])) {
            try parse(others: [(.fr, Self.texts(dropping: "item.b"))])
        }
    }

    @Test func a_text_for_an_unknown_item_is_refused_with_its_line() {
        let source = Self.texts("item.zz = extra")
        let line = source.split(separator: "\n", omittingEmptySubsequences: false).count
        #expect(throws: QuestionnaireError.unknownText(file: "nl.txt", line: line, key: "item.zz")) { try parse(nl: source) }
    }

    @Test func status_must_be_honest_and_present() {
        #expect(throws: QuestionnaireError.badStatus(file: "nl.txt", line: 1)) { try parse(nl: Self.texts(status: "perfect")) }
        let withoutStatus = Self.texts().split(separator: "\n").dropFirst().joined(separator: "\n")
        #expect(throws: QuestionnaireError.missingHeader(file: "nl.txt", name: "status")) { try parse(nl: withoutStatus) }
    }

    @Test func dutch_is_required() {
        #expect(throws: QuestionnaireError.noDutch(directory: "s.txt")) {
            try QuestionnaireParser.parse(structure: Self.structure, structureFile: "s.txt", languages: [(.fr, Self.texts(), "fr.txt")])
        }
    }

    @Test func texts_fill_placeholders() throws {
        let questionnaire = try parse(nl: Self.texts().replacingOccurrences(of: "survey.progress = text of survey.progress",
                                                                            with: "survey.progress = Vraag {n} van {total}"))
        #expect(questionnaire.texts(.nl)("survey.progress", ["n": "3", "total": "23"]) == "Vraag 3 van 23")
    }

    /// The shipped parent questionnaire: 12 keys covered, 1–3 items each, every language complete.
    @Test func the_shipped_parent_questionnaire_is_complete() throws {
        let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Sources/SamenspraakApp/Resources/questionnaires/parents-v1")
        let structure = try String(contentsOf: directory.appendingPathComponent("structure.txt"), encoding: .utf8)
        let languages = try LanguageCode.builtIn.map { language in
            (language, try String(contentsOf: directory.appendingPathComponent("\(language.rawValue).txt"), encoding: .utf8),
             "\(language.rawValue).txt")
        }
        let questionnaire = try QuestionnaireParser.parse(structure: structure, structureFile: "structure.txt", languages: languages)
        #expect(questionnaire.languages == LanguageCode.builtIn)
        for key in Questionnaire.keys {
            let count = questionnaire.items.filter { $0.key == key }.count
            #expect((1...3).contains(count), "key \(key) has \(count) items")
        }
        #expect(questionnaire.openQuestions == ["well", "help"], "strengths first, then growth")
        #expect(questionnaire.texts(.nl).status != .draft)
        for language in LanguageCode.builtIn where language != .nl {
            #expect(questionnaire.texts(language).status == .draft, "\(language) is not reviewed by a native speaker yet")
        }
    }
}

@Suite struct OneTimeCodeTests {
    func bytes(seed: UInt64) -> (Int) -> [UInt8] {
        var state = seed
        return { count in
            (0..<count).map { _ in
                state = state &* 6364136223846793005 &+ 1442695040888963407
                return UInt8(truncatingIfNeeded: state >> 33)
            }
        }
    }

    @Test func codes_use_only_unambiguous_characters() {
        let codes = OneTimeCode.generate(count: 500, randomBytes: bytes(seed: 1))
        #expect(codes.count == 500)
        #expect(Set(codes).count == 500)
        for code in codes {
            #expect(code.count == 8)
            #expect(!code.contains { "01OILUVoil".contains($0) })
        }
    }

    @Test func typed_codes_are_normalized() {
        #expect(OneTimeCode.normalize(" abcd-efgh ") == "ABCDEFGH")
        #expect(OneTimeCode.normalize("nte6 8xnc") == "NTE68XNC")
        #expect(OneTimeCode.normalize("NTE6-8XNC") == "NTE68XNC")
        #expect(OneTimeCode.normalize("NTE6-8XN") == nil)
        #expect(OneTimeCode.normalize("NTE0-8XNC") == nil, "0 is never in a code")
        #expect(OneTimeCode.formatted("NTE68XNC") == "NTE6-8XNC")
    }
}

@Suite struct SurveyAnswersTests {
    let questionnaire = Questionnaire(id: "q", audience: .parents, items: [.init(id: "a", key: 1), .init(id: "b", key: 2)],
                                      openQuestions: ["well", "help"], texts: [:])

    @Test func valid_answers_are_kept_and_can_be_changed() throws {
        var answers = try SurveyAnswers().applying(faces: ["a": "4"], texts: [:], questionnaire: questionnaire).get()
        answers = try answers.applying(faces: ["a": "0", "b": "2"], texts: ["well": "De juf lacht.\r\nAltijd."], questionnaire: questionnaire).get()
        #expect(answers.faces == ["a": 0, "b": 2])
        #expect(answers.texts == ["well": "De juf lacht.\nAltijd."])
        #expect(answers.unanswered(in: questionnaire) == 0)
    }

    @Test func tampering_is_refused_whole() {
        let start = SurveyAnswers(faces: ["a": 3])
        #expect(start.applying(faces: ["b": "5"], texts: [:], questionnaire: questionnaire) == .failure(.valueOutOfRange("b")))
        #expect(start.applying(faces: ["b": "-1"], texts: [:], questionnaire: questionnaire) == .failure(.valueOutOfRange("b")))
        #expect(start.applying(faces: ["z": "1"], texts: [:], questionnaire: questionnaire) == .failure(.unknownItem("z")))
        #expect(start.applying(faces: [:], texts: ["other": "x"], questionnaire: questionnaire) == .failure(.unknownItem("other")))
        #expect(start.applying(faces: [:], texts: ["well": String(repeating: "x", count: 2001)], questionnaire: questionnaire)
                == .failure(.textTooLong("well")))
        #expect(start.applying(faces: [:], texts: ["well": "a\u{0000}b"], questionnaire: questionnaire) == .failure(.invalidText("well")))
    }

    @Test func an_emptied_text_is_forgotten() throws {
        let answers = try SurveyAnswers(texts: ["help": "iets"]).applying(faces: [:], texts: ["help": "   "], questionnaire: questionnaire).get()
        #expect(answers.texts.isEmpty)
    }
}

@Suite struct QRMatrixTests {
    @Test func the_svg_path_draws_runs_inside_the_quiet_zone() {
        let matrix = QRMatrix(size: 2, modules: [true, true, false, true])
        #expect(matrix.svgPath == "M4 4h2v1h-2zM5 5h1v1h-1z")
        #expect(matrix.extent == 10)
    }
}

@Suite struct MirrorTests {
    let parents = Questionnaire(id: "p", audience: .parents, items: [.init(id: "k1_greet", key: 1), .init(id: "k9_father", key: 9)],
                                openQuestions: [], texts: [:])

    @Test func every_team_item_mirrors_a_parent_item_on_the_same_key() throws {
        let team = Questionnaire(id: "t", audience: .team, items: [.init(id: "t1", key: 1, mirrors: "k1_greet")], openQuestions: [], texts: [:])
        try team.checkMirrors(of: parents, file: "team.txt")
        let missing = Questionnaire(id: "t", audience: .team, items: [.init(id: "t1", key: 1)], openQuestions: [], texts: [:])
        #expect(throws: QuestionnaireError.mirrorMissing(file: "team.txt", id: "t1")) { try missing.checkMirrors(of: parents, file: "team.txt") }
        let wrongKey = Questionnaire(id: "t", audience: .team, items: [.init(id: "t1", key: 2, mirrors: "k1_greet")], openQuestions: [], texts: [:])
        #expect(throws: QuestionnaireError.mirrorUnknown(file: "team.txt", id: "t1", mirrors: "k1_greet")) {
            try wrongKey.checkMirrors(of: parents, file: "team.txt")
        }
    }
}
