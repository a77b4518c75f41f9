import Foundation
import Testing
@testable import SamenspraakCore

@Suite struct BrusselsTimeTests {
    func utc(_ y: Int, _ m: Int, _ d: Int, _ h: Int, _ min: Int) -> String {
        ICalendar.utcStamp(Brussels.utc(Day(year: y, month: m, day: d), TimeOfDay(hour: h, minute: min)))
    }

    @Test func summer_time_follows_the_eu_rule() {
        #expect(Brussels.lastSunday(month: 3, year: 2026) == Day(year: 2026, month: 3, day: 29))
        #expect(Brussels.lastSunday(month: 10, year: 2026) == Day(year: 2026, month: 10, day: 25))
        #expect(Brussels.lastSunday(month: 3, year: 2027) == Day(year: 2027, month: 3, day: 28))
        #expect(utc(2026, 1, 15, 19, 0) == "20260115T180000Z")
        #expect(utc(2026, 9, 9, 19, 0) == "20260909T170000Z")
        #expect(utc(2026, 12, 3, 13, 30) == "20261203T123000Z")
        // The night the clocks go forward: 01:30 is still winter time, 03:30 summer time.
        #expect(utc(2026, 3, 29, 1, 30) == "20260329T003000Z")
        #expect(utc(2026, 3, 29, 3, 30) == "20260329T013000Z")
        // The night they go back: 02:30 happens twice; we take the first (summer time).
        #expect(utc(2026, 10, 25, 2, 30) == "20261025T003000Z")
        #expect(utc(2026, 10, 25, 3, 30) == "20261025T023000Z")
        #expect(Brussels.offsetLabel(Day(year: 2026, month: 9, day: 9), TimeOfDay(hour: 19, minute: 0)) == "CEST")
        #expect(Brussels.offsetLabel(Day(year: 2026, month: 12, day: 3), TimeOfDay(hour: 13, minute: 30)) == "CET")
    }

    @Test func times_are_read_strictly() {
        #expect(TimeOfDay("19:30") == TimeOfDay(hour: 19, minute: 30))
        #expect(TimeOfDay("19:30:00") == TimeOfDay(hour: 19, minute: 30))
        for bad in ["", "7:30", "24:00", "19:60", "19u30", "19:3"] { #expect(TimeOfDay(bad) == nil, "\(bad)") }
    }
}

@Suite struct EventDraftTests {
    @Test func an_event_that_ends_before_it_starts_is_refused_with_every_other_mistake() {
        let draft = EventDraft(title: "", date: "2026-09-31", starts: "20:00", ends: "19:00", meetingURL: "javascript:alert(1)",
                               speakers: [.init(name: "", role: "Lector", bio: "")], capacity: "0", slidesURL: "ftp://x")
        guard case let .failure(box) = draft.validate() else { Issue.record("should fail"); return }
        #expect(box.errors == ["title": "error.required", "date": "error.date", "ends": "error.event_order", "meeting_url": "error.web_address",
                               "speaker_name_1": "error.speaker_name", "capacity": "error.capacity", "slides_url": "error.web_address"])
    }

    @Test func a_valid_event_keeps_its_programme_lines_and_named_speakers() throws {
        let valid = try EventDraft(title: " Kick-off ", date: "2026-09-09", starts: "19:00", ends: "21:30", meetingURL: "https://meet.example.org/x",
                                   programme: "Welkom\r\n\r\n De sleutels \n", speakers: [.init(name: "An", role: "Lector", bio: ""), .init()],
                                   capacity: "60").validate().get()
        #expect(valid.title == "Kick-off" && valid.programme == ["Welkom", "De sleutels"] && valid.speakers.count == 1 && valid.capacity == 60)
        #expect(EventSeats.fits(3, taken: 57, capacity: 60) && !EventSeats.fits(4, taken: 57, capacity: 60) && EventSeats.fits(99, taken: 0, capacity: nil))
    }
}

@Suite struct ICalendarTests {
    /// Unfolds and splits an iCalendar file into its properties, as a calendar program reads it.
    static func parse(_ file: String) -> [(name: String, value: String)] {
        file.replacingOccurrences(of: "\r\n ", with: "").components(separatedBy: "\r\n").filter { !$0.isEmpty }.map { line in
            let colon = line.firstIndex(of: ":")!
            return (String(line[..<colon]), String(line[line.index(after: colon)...]))
        }
    }

    @Test func the_file_parses_back_with_utc_times_and_escaped_text() throws {
        let description = "Programma: welkom; de 12 sleutels, pauze\nEn een heel lange regel met Arabisch مرحبا بكم في المدرسة en Pools zażółć gęślą jaźń om te vouwen."
        let file = ICalendar.file(.init(uid: "abc@samenspraak", title: "Kick-off, deel 1", description: description, day: Day(year: 2026, month: 9, day: 9),
                                        starts: TimeOfDay(hour: 19, minute: 0), ends: TimeOfDay(hour: 21, minute: 30),
                                        url: "https://meet.example.org/x", stamp: 1_790_000_000))
        #expect(file.hasSuffix("\r\n"))
        for line in file.components(separatedBy: "\r\n") { #expect(line.utf8.count <= 75, "\(line)") }
        #expect(!file.replacingOccurrences(of: "\r\n", with: "").contains("\n"), "only CRLF line ends")
        let properties = Self.parse(file)
        let value = { (name: String) in properties.first { $0.name == name }?.value }
        #expect(properties.first?.name == "BEGIN" && properties.first?.value == "VCALENDAR")
        #expect(value("VERSION") == "2.0")
        #expect(value("DTSTART") == "20260909T170000Z")
        #expect(value("DTEND") == "20260909T193000Z")
        #expect(value("SUMMARY") == "Kick-off\\, deel 1")
        #expect(value("DESCRIPTION")?.replacingOccurrences(of: "\\n", with: "\n").replacingOccurrences(of: "\\;", with: ";")
            .replacingOccurrences(of: "\\,", with: ",") == description)
        #expect(value("URL") == "https://meet.example.org/x")
        #expect(value("DTSTAMP") == "20260921T141320Z")
        #expect(properties.filter { $0.name == "BEGIN" }.map(\.value) == ["VCALENDAR", "VEVENT"])
        #expect(properties.last?.value == "VCALENDAR")
    }
}

@Suite struct CardRulesTests {
    let starts = Day(year: 2026, month: 10, day: 12), ends = Day(year: 2026, month: 10, day: 13)

    @Test func a_card_is_open_before_the_talk_then_closed_then_deleted_after_the_grace() {
        #expect(CardRules.state(today: Day(year: 2026, month: 10, day: 11), starts: starts, ends: ends, graceDays: 7) == .open)
        #expect(CardRules.state(today: starts, starts: starts, ends: ends, graceDays: 7) == .started)
        #expect(CardRules.state(today: Day(year: 2026, month: 10, day: 20), starts: starts, ends: ends, graceDays: 7) == .started)
        #expect(CardRules.state(today: Day(year: 2026, month: 10, day: 21), starts: starts, ends: ends, graceDays: 7) == .expired)
        #expect(CardRules.deleteTalksEndingBefore(today: Day(year: 2026, month: 10, day: 21), graceDays: 7) == Day(year: 2026, month: 10, day: 14))
    }

    @Test func answers_are_checked_and_kept_in_order() throws {
        let answers = try CardAnswers.parse(texts: ["loves": " Voetbal ", "home": " ", "ask": "Wanneer?\r\nNu"],
                                            chips: ["interpreter", "sleep"]).get()
        #expect(answers.texts == ["loves": "Voetbal", "ask": "Wanneer?\nNu"])
        #expect(answers.chips == ["sleep", "interpreter"])
        #expect(answers.wantsInterpreter)
        #expect(CardAnswers.parse(texts: ["name": "x"], chips: []) == .failure(.unknownField))
        #expect(CardAnswers.parse(texts: [:], chips: ["money"]) == .failure(.unknownField))
        #expect(CardAnswers.parse(texts: ["ask": String(repeating: "a", count: 1001)], chips: []) == .failure(.textTooLong))
        #expect(CardAnswers.parse(texts: ["ask": "a\u{0}"], chips: []) == .failure(.invalidText))
    }

    @Test func the_card_texts_must_be_complete_in_every_language() {
        let complete = "status = draft\n" + CardCatalog.expectedTextKeys.map { "\($0) = x" }.joined(separator: "\n")
        #expect(throws: QuestionnaireError.missingTranslation(file: "pl.txt", keys: ["card.chip.interpreter"])) {
            try CardCatalog.parse(languages: [(.nl, complete, "nl.txt"),
                                              (.pl, complete.replacingOccurrences(of: "card.chip.interpreter = x", with: ""), "pl.txt")])
        }
        #expect(throws: QuestionnaireError.noDutch(directory: "cards")) { try CardCatalog.parse(languages: [(.pl, complete, "pl.txt")]) }
    }
}

@Suite struct TimeOfDayStorageTests {
    @Test func a_time_is_stored_as_its_text_and_anything_else_fails_loudly() throws {
        let encoded = try JSONEncoder().encode([TimeOfDay(hour: 9, minute: 5)])
        #expect(String(decoding: encoded, as: UTF8.self) == "[\"09:05\"]")
        #expect(try JSONDecoder().decode([TimeOfDay].self, from: encoded) == [TimeOfDay(hour: 9, minute: 5)])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TimeOfDay].self, from: Data("[\"25:00\"]".utf8)) }
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([TimeOfDay].self, from: Data("[\"\"]".utf8)) }
    }
}
