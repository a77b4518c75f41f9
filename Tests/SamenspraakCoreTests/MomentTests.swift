import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct HappinessIndexTests {
    @Test func five_very_happy_ratings_give_100_with_an_honest_interval() throws {
        let score = try #require(HappinessIndex.score(FaceCounts([0, 0, 0, 0, 5])))
        #expect(score.value == 100)
        #expect(score.n == 5)
        // Wilson's interval for 5 out of 5: from 56.6 to 100, not a certain 100.
        #expect(abs(score.low - 56.55) < 0.1)
        #expect(score.high == 100)
    }

    @Test func the_index_is_the_mean_face_on_a_straight_scale() throws {
        #expect(try #require(HappinessIndex.score(FaceCounts([0, 1, 1, 1, 1]))).value == 50)
        #expect(abs(try #require(HappinessIndex.score(FaceCounts([0, 0, 0, 3, 0]))).value - 66.667) < 0.01)
        #expect(try #require(HappinessIndex.score(FaceCounts([0, 4, 0, 0, 0]))).value == 0)
        let mixed = try #require(HappinessIndex.score(FaceCounts([0, 1, 2, 3, 4])))
        // (0·1 + 1/3·2 + 2/3·3 + 1·4) / 10 = 0.6667
        #expect(abs(mixed.value - 66.667) < 0.01)
        #expect(mixed.low < mixed.value && mixed.value < mixed.high)
    }

    @Test func no_ratings_no_index_and_more_ratings_narrow_the_interval() throws {
        #expect(HappinessIndex.score(FaceCounts()) == nil)
        let few = try #require(HappinessIndex.score(FaceCounts([0, 1, 1, 2, 2])))
        let many = try #require(HappinessIndex.score(FaceCounts([0, 50, 50, 100, 100])))
        #expect(abs(few.value - many.value) < 0.01)
        #expect(few.high - few.low > 4 * (many.high - many.low))
    }

    @Test func the_proportion_interval_matches_the_count_interval() {
        let a = Wilson.interval(successes: 8, trials: 10)
        let b = Wilson.interval(proportion: 0.8, trials: 10)
        #expect(abs(a.low - b.low) < 1e-12 && abs(a.high - b.high) < 1e-12)
    }
}

@Suite struct RatingAnswerTests {
    let chips = RatingCatalog.Chips(good: ["welcome", "listened"], better: ["interpreter", "more_time"])

    @Test func a_face_chips_and_a_sentence_are_taken() throws {
        let answer = try RatingAnswer.parse(face: "4", chips: ["interpreter", "welcome", "welcome"], text: "  Fijn!\r\nDank  ",
                                            allowed: chips).get()
        #expect(answer.face == 4)
        #expect(answer.chips == ["welcome", "interpreter"])
        #expect(answer.text == "Fijn!\nDank")
        #expect(answer.storedChips == "welcome,interpreter")
        #expect(RatingAnswer.chips(stored: answer.storedChips) == answer.chips)
    }

    @Test func an_empty_sentence_is_no_sentence() throws {
        #expect(try RatingAnswer.parse(face: "1", chips: [], text: " \n ", allowed: chips).get().text == nil)
    }

    @Test func bad_input_is_refused_with_its_reason() {
        #expect(RatingAnswer.parse(face: nil, chips: [], text: nil, allowed: chips) == .failure(.noFace))
        #expect(RatingAnswer.parse(face: "", chips: ["welcome"], text: "x", allowed: chips) == .failure(.noFace))
        for face in ["0", "5", "-1", "3.5", "vier"] {
            #expect(RatingAnswer.parse(face: face, chips: [], text: nil, allowed: chips) == .failure(.valueOutOfRange), "\(face)")
        }
        #expect(RatingAnswer.parse(face: "3", chips: ["cost"], text: nil, allowed: chips) == .failure(.unknownChip("cost")))
        #expect(RatingAnswer.parse(face: "3", chips: [], text: String(repeating: "a", count: 501), allowed: chips) == .failure(.textTooLong))
        #expect(RatingAnswer.parse(face: "3", chips: [], text: String(repeating: "a", count: 500), allowed: chips).map(\.face) == .success(3))
        #expect(RatingAnswer.parse(face: "3", chips: [], text: "a\u{0}b", allowed: chips) == .failure(.invalidText))
    }
}

@Suite struct MomentResultTests {
    let chips = RatingCatalog.Chips(good: ["welcome", "listened", "clear"], better: ["interpreter"])
    let sentences = [MomentResult.Sentence(id: "a", text: "Fijn", hidden: false, shownPublicly: false)]

    @Test func fewer_than_five_ratings_show_nothing_at_all() {
        let result = MomentResult.build(counts: FaceCounts([0, 0, 1, 1, 2]), chipCounts: ["welcome": 3], chips: chips, sentences: sentences)
        #expect(!result.hasFigures)
        #expect(result.index == nil)
        #expect(result.good.isEmpty && result.better.isEmpty)
        #expect(result.sentences.isEmpty)
    }

    @Test func five_ratings_show_faces_index_chips_and_sentences() {
        let result = MomentResult.build(counts: FaceCounts([0, 0, 1, 2, 2]), chipCounts: ["clear": 3, "listened": 3, "interpreter": 1],
                                        chips: chips, sentences: sentences)
        #expect(result.hasFigures)
        #expect(result.ratings == 5)
        #expect(result.index != nil)
        // Most tapped first; a tie keeps the catalog's order; a chip nobody tapped is counted as 0.
        #expect(result.good.map(\.chip) == ["listened", "clear", "welcome"])
        #expect(result.good.map(\.count) == [3, 3, 0])
        #expect(result.better == [.init(chip: "interpreter", count: 1)])
        #expect(result.sentences == sentences)
    }

    @Test func the_threshold_never_drops_below_three() {
        let result = MomentResult.build(counts: FaceCounts([0, 0, 0, 1, 1]), chipCounts: [:], chips: chips, sentences: [], threshold: 1)
        #expect(!result.hasFigures)
        #expect(result.threshold == 3)
    }
}

@Suite struct RatingTrendTests {
    let today = Day(year: 2026, month: 11, day: 25)

    func moment(_ kind: MomentKind, _ keys: [Int], _ day: Day, _ counts: [Int]) -> RatingTrend.MomentInput {
        .init(kind: kind, keys: keys, day: day, counts: FaceCounts(counts))
    }

    @Test func the_school_year_runs_from_september_to_this_month() {
        #expect(YearMonth.schoolYear(upTo: today).map(\.month) == [9, 10, 11])
        #expect(YearMonth.schoolYear(upTo: Day(year: 2027, month: 2, day: 1)).map(\.month) == [9, 10, 11, 12, 1, 2])
        #expect(YearMonth.schoolYear(upTo: Day(year: 2027, month: 9, day: 1)) == [YearMonth(year: 2027, month: 9)])
    }

    @Test func a_month_adds_up_the_shown_moments_of_a_kind_and_of_a_key() throws {
        let trend = RatingTrend.build([
            moment(.oudercontact, [4, 5], Day(year: 2026, month: 10, day: 1), [0, 0, 0, 0, 6]),
            moment(.oudercontact, [4], Day(year: 2026, month: 10, day: 20), [0, 6, 0, 0, 0]),
            moment(.infoavond, [7], Day(year: 2026, month: 9, day: 8), [0, 0, 2, 3, 0]),
        ], today: today)
        let ouder = try #require(trend.kinds.first { $0.name == "kind.oudercontact" })
        #expect(ouder.cells[0] == nil)
        #expect(try #require(ouder.cells[1]).value == 50)
        #expect(try #require(ouder.cells[1]).n == 12)
        #expect(ouder.cells[2] == nil)
        let key5 = try #require(trend.keys.first { $0.name == "key.5" })
        #expect(try #require(key5.cells[1]).value == 100)
        #expect(trend.kinds.map(\.name) == ["kind.oudercontact", "kind.infoavond"])
        #expect(trend.keys.map(\.name) == ["key.4", "key.5", "key.7"])
    }

    @Test func a_moment_too_small_to_show_never_changes_any_figure() {
        // Whatever a hidden moment holds, every cell stays the same: no difference can reveal it.
        let shown = [moment(.koffiemoment, [1, 9], Day(year: 2026, month: 10, day: 2), [0, 1, 2, 3, 4]),
                     moment(.oudercontact, [4], Day(year: 2026, month: 11, day: 2), [0, 0, 1, 2, 3])]
        let base = RatingTrend.build(shown, today: today)
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            var counts = [0, 0, 0, 0, 0]
            for _ in 0..<Int.random(in: 1...4, using: &generator) { counts[Int.random(in: 1...4, using: &generator)] += 1 }
            let hidden = moment(MomentKind.allCases.randomElement(using: &generator)!, [Int.random(in: 1...12, using: &generator)],
                                Day(year: 2026, month: Int.random(in: 9...11, using: &generator), day: 10), counts)
            #expect(RatingTrend.build(shown + [hidden], today: today) == base)
        }
    }

    @Test func moments_outside_this_school_year_do_not_count() {
        let trend = RatingTrend.build([moment(.infoavond, [6], Day(year: 2026, month: 6, day: 1), [0, 0, 0, 0, 9])], today: today)
        #expect(trend.isEmpty)
    }
}

@Suite struct MomentDraftTests {
    @Test func a_valid_moment_is_trimmed_and_its_keys_sorted() throws {
        let valid = try MomentDraft(kind: "infoavond", title: "  Infoavond  ", startsOn: "2026-10-01", endsOn: "", group: " ",
                                    keys: ["8", "6", "6"], windowDays: "14").validate().get()
        #expect(valid.kind == .infoavond)
        #expect(valid.title == "Infoavond")
        #expect(valid.ends == valid.starts)
        #expect(valid.group == nil)
        #expect(valid.keys == [6, 8])
        #expect(valid.windowDays == 14)
    }

    @Test func every_mistake_is_named_at_once() {
        guard case let .failure(box) = MomentDraft(kind: "feest", title: "", startsOn: "2026-13-01", endsOn: "gisteren",
                                                   group: String(repeating: "g", count: 81), keys: ["13"], windowDays: "0").validate() else {
            Issue.record("should fail")
            return
        }
        #expect(box.errors == ["kind": "error.moment_kind", "title": "error.required", "starts_on": "error.date", "ends_on": "error.date",
                               "group": "error.too_long", "keys": "error.moment_keys", "window_days": "error.moment_window"])
    }

    @Test func dates_must_be_in_order_and_keys_chosen() {
        let base = MomentDraft(kind: "oudercontact", title: "Oudercontact", startsOn: "2026-10-10", endsOn: "2026-10-09", keys: [], windowDays: "61")
        guard case let .failure(box) = base.validate() else { Issue.record("should fail"); return }
        #expect(box.errors == ["ends_on": "error.moment_order", "keys": "error.moment_keys", "window_days": "error.moment_window"])
        var long = base
        long.endsOn = "2026-11-20"
        long.keys = ["4"]
        long.windowDays = "60"
        guard case let .failure(longBox) = long.validate() else { Issue.record("should fail"); return }
        #expect(longBox.errors == ["ends_on": "error.moment_too_long"])
    }

    @Test func the_window_closes_days_after_the_last_day() {
        let window = MomentWindow(starts: Day(year: 2026, month: 10, day: 1), ends: Day(year: 2026, month: 10, day: 3), days: 14)
        #expect(window.closes == Day(year: 2026, month: 10, day: 17))
        #expect(window.state(on: Day(year: 2026, month: 9, day: 30)) == .notYet)
        #expect(window.state(on: Day(year: 2026, month: 10, day: 1)) == .open)
        #expect(window.state(on: Day(year: 2026, month: 10, day: 17)) == .open)
        #expect(window.state(on: Day(year: 2026, month: 10, day: 18)) == .closed)
    }
}

@Suite struct SlugAndBurstTests {
    @Test func names_become_readable_addresses() {
        #expect(Slug.make("Basisschool De Regenboog") == "basisschool-de-regenboog")
        #expect(Slug.make("École Sint-Pieter!") == "ecole-sint-pieter")
        #expect(Slug.make("  Kleuterschool   Het Klavertje — Gent ") == "kleuterschool-het-klavertje-gent")
        #expect(Slug.make("<script>alert(1)</script>") == "script-alert-1-script")
        #expect(Slug.make("مدرسة") == "")
        #expect(Slug.make(String(repeating: "ab ", count: 40)).count <= 60)
        #expect(!Slug.make(String(repeating: "ab ", count: 40)).hasSuffix("-"))
    }

    @Test func a_burst_is_cut_off_and_the_next_window_starts_fresh() {
        let limit = BurstLimit(limit: 3, seconds: 600)
        var state: BurstLimit.State?
        var allowed: [Bool] = []
        for second in 0..<5 {
            let (ok, next) = limit.record(at: Double(second), state)
            allowed.append(ok)
            state = next
        }
        #expect(allowed == [true, true, true, false, false])
        #expect(limit.record(at: 600, state).allowed)
    }
}

@Suite struct RatingCatalogTests {
    let structure = """
    kind oudercontact good=welcome,listened better=interpreter
    kind infoavond good=welcome better=childcare
    kind schoolfeest good=welcome better=childcare
    kind huisbezoek good=welcome better=interpreter
    kind koffiemoment good=welcome better=interpreter
    kind other good=welcome better=interpreter
    """

    func texts(dropping: String? = nil, extra: String = "") -> String {
        let keys = RatingCatalog.requiredTexts + MomentKind.allCases.map { "kind.\($0.rawValue)" }
            + ["chip.welcome", "chip.listened", "chip.interpreter", "chip.childcare"]
        return "status = draft\n" + keys.filter { $0 != dropping }.map { "\($0) = x" }.joined(separator: "\n") + "\n" + extra
    }

    @Test func a_complete_catalog_loads_with_its_chips() throws {
        let catalog = try RatingCatalogParser.parse(structure: structure, structureFile: "structure.txt",
                                                    languages: [(.nl, texts(), "nl.txt"), (.tr, texts(), "tr.txt")])
        #expect(catalog.chips(.oudercontact) == .init(good: ["welcome", "listened"], better: ["interpreter"]))
        #expect(catalog.languages == [.nl, .tr])
        #expect(catalog.texts(.ar).language == .nl)
    }

    @Test func broken_files_stop_the_start_naming_the_problem() {
        #expect(throws: QuestionnaireError.missingTranslation(file: "tr.txt", keys: ["chip.childcare"])) {
            try RatingCatalogParser.parse(structure: structure, structureFile: "structure.txt",
                                          languages: [(.nl, texts(), "nl.txt"), (.tr, texts(dropping: "chip.childcare"), "tr.txt")])
        }
        #expect(throws: QuestionnaireError.self) {
            try RatingCatalogParser.parse(structure: structure, structureFile: "structure.txt",
                                          languages: [(.nl, texts(extra: "chip.unknown = x"), "nl.txt")])
        }
        #expect(throws: QuestionnaireError.missingHeader(file: "structure.txt", name: "kind other")) {
            try RatingCatalogParser.parse(structure: structure.replacingOccurrences(of: "kind other good=welcome better=interpreter", with: ""),
                                          structureFile: "structure.txt", languages: [(.nl, texts(), "nl.txt")])
        }
        #expect(throws: QuestionnaireError.malformedLine(file: "structure.txt", line: 1)) {
            try RatingCatalogParser.parse(structure: "kind oudercontact good=welcome better=welcome\n", structureFile: "structure.txt",
                                          languages: [(.nl, texts(), "nl.txt")])
        }
    }
}

@Suite struct ImageCheckTests {
    static let pngSignature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]

    static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        let length = UInt32(data.count)
        return [UInt8(length >> 24), UInt8(length >> 16 & 0xFF), UInt8(length >> 8 & 0xFF), UInt8(length & 0xFF)] + Array(type.utf8) + data
            + [0, 0, 0, 0]
    }

    static func png(width: UInt32, height: UInt32, extra: [UInt8] = []) -> [UInt8] {
        func be(_ v: UInt32) -> [UInt8] { [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
        return pngSignature + chunk("IHDR", be(width) + be(height) + [8, 2, 0, 0, 0]) + extra + chunk("IDAT", [1, 2, 3]) + chunk("IEND", [])
    }

    static func jpeg(width: Int, height: Int, exif: Bool) -> [UInt8] {
        var bytes: [UInt8] = [0xFF, 0xD8]
        bytes += [0xFF, 0xE0, 0x00, 0x07] + Array("JFIF\0".utf8)
        if exif { bytes += [0xFF, 0xE1, 0x00, 0x0C] + Array("Exif\0\0GPS!".utf8) }
        bytes += [0xFF, 0xFE, 0x00, 0x06] + Array("hey!".utf8)
        bytes += [0xFF, 0xC0, 0x00, 0x0B, 8, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 1, 1, 0x11, 0]
        bytes += [0xFF, 0xDA, 0x00, 0x08, 1, 1, 0, 0, 0x3F, 0] + [0x12, 0x34, 0x56] + [0xFF, 0xD9]
        return bytes
    }

    @Test func a_png_is_measured_and_its_text_chunks_removed() throws {
        let bytes = Self.png(width: 640, height: 480, extra: Self.chunk("tEXt", Array("Author\0Juf".utf8)))
        let image = try ImageCheck.inspect(bytes).get()
        #expect(image.kind == .png && image.width == 640 && image.height == 480)
        #expect(!String(decoding: image.bytes, as: UTF8.self).contains("tEXt"))
        #expect(image.bytes.count == Self.png(width: 640, height: 480).count)
    }

    @Test func a_jpeg_is_measured_and_loses_its_exif_and_comments() throws {
        let image = try ImageCheck.inspect(Self.jpeg(width: 1024, height: 768, exif: true)).get()
        #expect(image.kind == .jpeg && image.width == 1024 && image.height == 768)
        #expect(image.bytes == Self.jpeg(width: 1024, height: 768, exif: false).removingComment())
        #expect(!String(decoding: image.bytes, as: UTF8.self).contains("GPS"))
        #expect(image.bytes.starts(with: [0xFF, 0xD8]) && image.bytes.suffix(2) == [0xFF, 0xD9])
    }

    @Test func what_is_not_a_photo_is_refused() {
        #expect(ImageCheck.inspect([]) == .failure(.empty))
        #expect(ImageCheck.inspect(Array("<svg onload=alert(1)>".utf8)) == .failure(.notAnImage))
        #expect(ImageCheck.inspect(Array("GIF89a......".utf8)) == .failure(.notAnImage))
        #expect(ImageCheck.inspect(Array(Self.jpeg(width: 10, height: 10, exif: false).prefix(30))) == .failure(.notAnImage))
        #expect(ImageCheck.inspect(Self.pngSignature + [0, 0, 0, 1]) == .failure(.notAnImage))
        #expect(ImageCheck.inspect(Self.png(width: 0, height: 10)) == .failure(.notAnImage))
        #expect(ImageCheck.inspect(Self.png(width: 20_000, height: 10)) == .failure(.tooManyPixels))
        #expect(ImageCheck.inspect(Self.png(width: 10, height: 10) + [UInt8](repeating: 0, count: ImageCheck.maximumBytes)) == .failure(.tooLarge))
    }
}

private extension Array where Element == UInt8 {
    /// The test JPEG without its COM segment (what the check removes besides EXIF).
    func removingComment() -> [UInt8] {
        guard let start = indices.first(where: { self[$0] == 0xFF && $0 + 1 < count && self[$0 + 1] == 0xFE }) else { return self }
        let length = Int(self[start + 2]) << 8 | Int(self[start + 3])
        return Array(self[..<start] + self[(start + 2 + length)...])
    }
}

@Suite struct StoryDraftTests {
    @Test func a_story_needs_title_summary_body_keys_and_alt_text_with_a_photo() throws {
        guard case let .failure(box) = StoryDraft(title: " ", summary: "", body: "", keys: [], photoAlt: "").validate(hasPhoto: true) else {
            Issue.record("should fail")
            return
        }
        #expect(box.errors == ["title": "error.required", "summary": "error.required", "body": "error.required", "keys": "error.story_keys",
                               "photo_alt": "error.photo_alt"])
        let valid = try StoryDraft(title: " Vaders ", summary: "Kort.", body: "Lang\r\nverhaal", keys: ["9", "4", "9"], anonymous: true,
                                   photoAlt: "Foto").validate(hasPhoto: false).get()
        #expect(valid.title == "Vaders" && valid.body == "Lang\nverhaal" && valid.keys == [4, 9] && valid.anonymous && valid.photoAlt == nil)
    }

    @Test func search_words_are_letters_and_digits_only() {
        #expect(SearchQuery.words("Vaders\" OR 1=1; --  koffie* NEAR(a b)") == ["vaders", "or", "koffie", "near"])
        #expect(SearchQuery.words("é") == [])
        #expect(SearchQuery.words("école Gent 2026") == ["école", "gent", "2026"])
        #expect(SearchQuery.words(String(repeating: "ab ", count: 30)).count == 1)
    }
}
