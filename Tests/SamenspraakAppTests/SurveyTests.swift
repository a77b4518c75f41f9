import Fluent
import NIOConcurrencyHelpers
import Foundation
@testable import SamenspraakApp
import SamenspraakCore
import SQLKit
import Testing
import VaporTesting

/// A parent's browser: no account, just the pages.
extension Browser {
    /// Starts the open-link survey in `language`; returns the draft's first page path.
    func startSurvey(_ surveyPath: String, language: String) async throws -> String {
        let response = try await post("\(surveyPath)/start", [("lang", language)], csrf: false)
        #expect(response.status == .seeOther)
        return try #require(response.location)
    }

    /// Answers every statement with `value` (nil skips) and both open questions, then sends.
    func answerAll(_ firstPage: String, value: String?, well: String = "", help: String = "",
                   questionnaire: String = "parents-v1") async throws -> TestingHTTPResponse {
        let base = String(firstPage.dropLast(2))
        let items = try QuestionnaireLoader.load()[questionnaire]?.items ?? []
        for (index, item) in items.enumerated() {
            var fields = [("go", "next")]
            if let value { fields.append(("face[\(item.id)]", value)) }
            let response = try await post("\(base)/\(index + 1)", fields, csrf: false)
            #expect(response.status == .seeOther, "page \(index + 1)")
        }
        let open = try await post("\(base)/\(items.count + 1)", [("text[well]", well), ("text[help]", help), ("go", "next")], csrf: false)
        #expect(open.status == .seeOther)
        return try await post("\(base)/submit", [], csrf: false)
    }
}

@Suite struct SurveyTests {
    func rows(_ app: Application, _ table: String) async throws -> [[String: String]] {
        let sql = try #require(app.db as? any SQLDatabase)
        let result = NIOLockedValueBox<[[String: String]]>([])
        try await sql.execute(sql: SQLRaw("SELECT * FROM \(table)")) { row in
            var values: [String: String] = [:]
            for column in row.allColumns {
                if let text = try? row.decode(column: column, as: String.self) { values[column] = text }
                else if let number = try? row.decode(column: column, as: Int.self) { values[column] = String(number) }
                else if let id = try? row.decode(column: column, as: UUID.self) { values[column] = id.uuidString }
                else if let flag = try? row.decode(column: column, as: Bool.self) { values[column] = flag ? "true" : "false" }
                else { values[column] = "?" }
            }
            result.withLockedValue { $0.append(values) }
        }
        return result.withLockedValue { $0 }
    }

    @Test func a_parent_answers_by_open_link_and_only_the_allowed_facts_are_stored() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let first = try await parent.get(world.summary.parentSurveyPath)
            #expect(first.status == .ok)
            #expect(first.text.contains("lang=\"ar\" hreflang=\"ar\" dir=\"rtl\">العربية</a>"))
            let intro = try await parent.get(world.summary.parentSurveyPath + "?lang=nl")
            #expect(intro.text.contains("Je antwoorden zijn anoniem"))
            let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
            let question = try await parent.get(page1)
            #expect(question.text.contains("Als ik naar school kom, zegt iemand goeiedag tegen mij."))
            #expect(question.text.contains("Vraag 1 van 23"))
            let sent = try await parent.answerAll(page1, value: "3", well: "<b>De juf</b> lacht altijd", help: "Meer uitleg in het Arabisch")
            #expect(sent.status == .seeOther)
            #expect(sent.location?.hasSuffix("/thanks?lang=nl") == true)
            #expect(try await parent.get(sent.location!).text.contains("Dank je wel!"))

            // The answers wait in the inbox, without a day or time, until enough others join them.
            #expect(try await rows(app, "survey_responses").isEmpty)
            let waiting = try await rows(app, "survey_inbox")
            #expect(waiting.count == 1)
            #expect(Set(waiting[0].keys) == ["id", "wave_id", "entry"])
            let entry = try JSONSerialization.jsonObject(with: Data((waiting[0]["entry"] ?? "").utf8)) as? [String: Any]
            #expect(Set(entry?.keys.map { $0 } ?? []) == ["questionnaire", "language", "channel", "faces", "texts"])
            try await releaseWaiting(app)

            let responses = try await rows(app, "survey_responses")
            #expect(responses.count == 1)
            #expect(Set(responses[0].keys) == ["id", "wave_id", "questionnaire", "language", "channel", "day"])
            #expect(responses[0]["channel"] == "link")
            #expect(responses[0]["language"] == "nl")
            #expect(responses[0]["questionnaire"] == "parents-v1")
            #expect(responses[0]["day"] == "2026-09-21")
            #expect(try await rows(app, "survey_answers").count == 21)
            let texts = try await rows(app, "survey_texts")
            #expect(Set(texts.map { $0["text"] ?? "" }) == ["<b>De juf</b> lacht altijd", "Meer uitleg in het Arabisch"])
            #expect(try await SurveyDraft.query(on: app.db).count() == 0, "the draft is gone once sent")
        }
    }

    @Test func nothing_about_the_device_is_stored() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let page1 = try await Browser(app).startSurvey(world.summary.parentSurveyPath, language: "fr")
            let base = String(page1.dropLast(2))
            for path in ["\(base)/1", "\(base)/submit"] {
                let response = try await app.testing().sendRequest(.POST, path, headers: [
                    "User-Agent": "UniqueAgent/7.7", "X-Forwarded-For": "203.0.113.77", "Content-Type": "application/x-www-form-urlencoded",
                ], body: ByteBuffer(string: "face%5Bk1_greet%5D=4&go=next"))
                #expect(response.status == .seeOther)
            }
            for table in ["survey_inbox", "survey_responses", "survey_answers", "survey_texts", "wave_codes", "survey_drafts"] {
                for row in try await rows(app, table) {
                    for value in row.values {
                        #expect(!value.contains("UniqueAgent") && !value.contains("203.0.113.77"), "\(table) holds device data")
                    }
                }
            }
            #expect(try await sentCount(app) == 1)
        }
    }

    @Test func a_code_works_once_and_is_never_stored_with_the_answers() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let code = world.summary.oneTimeCodes[0]
            let parent = Browser(app)
            let entered = try await parent.post("/c", [("code", code.lowercased().replacingOccurrences(of: "-", with: " ")), ("lang", "ar")],
                                                csrf: false)
            #expect(entered.status == .seeOther)
            let start = try #require(entered.location)
            let languagePage = try await parent.get(start)
            #expect(languagePage.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            let draftPath = String(start.split(separator: "?")[0])
            let chosen = try await parent.post(draftPath, [("lang", "ar")], csrf: false)
            #expect(chosen.location == "\(draftPath)/1")
            let sent = try await parent.answerAll("\(draftPath)/1", value: "4")
            #expect(sent.location?.hasSuffix("/thanks?lang=ar") == true)
            try await releaseWaiting(app)

            let codes = try await rows(app, "wave_codes")
            #expect(codes.count == 10)
            #expect(try await WaveCode.query(on: app.db).filter(\.$used == true).count() == 1)
            let normalized = try #require(OneTimeCode.normalize(code))
            for table in ["survey_responses", "survey_answers", "survey_texts", "wave_codes"] {
                for row in try await rows(app, table) {
                    #expect(!row.values.contains { $0.contains(normalized) || $0.contains(code) }, "\(table) holds the code")
                }
            }
            #expect(Set(codes[0].keys) == ["id", "wave_id", "code_hash", "used"], "no time, no order, no link to a response")
            let response = try #require(try await rows(app, "survey_responses").first)
            #expect(response["channel"] == "code")

            let again = try await Browser(app).post("/c", [("code", code), ("lang", "nl")], csrf: false)
            #expect(again.status == .unprocessableEntity)
            #expect(again.text.contains("Deze code is al gebruikt."))
            let unknown = try await Browser(app).post("/c", [("code", "ZZZZ-ZZZZ"), ("lang", "en")], csrf: false)
            #expect(unknown.status == .unprocessableEntity)
            #expect(unknown.text.contains("value=\"ZZZZ-ZZZZ\""), "what was typed is kept")
            let garbage = try await Browser(app).post("/c", [("code", "0000-OOOO"), ("lang", "tr")], csrf: false)
            #expect(garbage.status == .unprocessableEntity)
            #expect(try await sentCount(app) == 1)
        }
    }

    /// A code is used up when the survey begins (never together with the answers), so the phone that began may
    /// carry on with it after closing the page; any other device is told the code was used.
    @Test func a_code_begun_on_one_phone_carries_on_there_and_nowhere_else() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let code = world.summary.oneTimeCodes[1]
            let phone = Browser(app)
            let entered = try await phone.post("/c", [("code", code), ("lang", "tr")], csrf: false)
            let draftPath = String(try #require(entered.location).split(separator: "?")[0])
            _ = try await phone.post(draftPath, [("lang", "tr")], csrf: false)
            _ = try await phone.post("\(draftPath)/1", [("face[k1_greet]", "2"), ("go", "next")], csrf: false)
            #expect(try await WaveCode.query(on: app.db).filter(\.$used == true).count() == 1, "used up when begun")

            let other = try await Browser(app).post("/c", [("code", code), ("lang", "tr")], csrf: false)
            #expect(other.status == .unprocessableEntity)
            let again = try await phone.post("/c", [("code", code), ("lang", "tr")], csrf: false)
            #expect(again.location == draftPath, "the same phone carries on")
            #expect(try await phone.get("\(draftPath)/1").text.contains("value=\"2\" checked"))

            let sent = try await phone.answerAll("\(draftPath)/1", value: "3")
            #expect(sent.location?.contains("/thanks") == true)
            let afterSending = try await phone.post("/c", [("code", code), ("lang", "tr")], csrf: false)
            #expect(afterSending.status == .unprocessableEntity, "once sent, the code is done on this phone too")
            #expect(try await sentCount(app) == 1)
        }
    }

    @Test func a_code_of_a_closed_wave_is_refused_kindly() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            clock.advance(seconds: 40 * 24 * 3600)
            let response = try await Browser(app).post("/c", [("code", world.summary.oneTimeCodes[1]), ("lang", "nl")], csrf: false)
            #expect(response.status == .unprocessableEntity)
            #expect(response.text.contains("Deze code hoort bij een bevraging die nu niet open is."))
            let link = try await Browser(app).get(world.summary.parentSurveyPath + "?lang=nl")
            #expect(link.status == .forbidden)
            #expect(link.text.contains("Deze bevraging is nu niet open"))
            #expect(link.text.contains("14 september 2026"), "the dates are given")
        }
    }

    @Test func tampered_pages_are_refused_and_store_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
            let base = String(page1.dropLast(2))
            for fields in [[("face[k1_greet]", "7")], [("face[k1_greet]", "drie")], [("face[t_k1_greet]", "2")],
                           [("text[well]", String(repeating: "a", count: 2001))], [("text[secret]", "x")]] {
                let response = try await parent.post("\(base)/1", fields + [("go", "next")], csrf: false)
                #expect(response.status == .unprocessableEntity, "\(fields)")
            }
            let invalidUTF8 = try await app.testing().sendRequest(.POST, "\(base)/22", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                                  body: ByteBuffer(bytes: Array("text%5Bwell%5D=".utf8) + [0xFF, 0xFE] + Array("&go=next".utf8)))
            #expect(invalidUTF8.status == .badRequest)
            let encodedInvalid = try await app.testing().sendRequest(.POST, "\(base)/22", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                                     body: ByteBuffer(string: "text%5Bwell%5D=%FF%FE&go=next"))
            #expect(encodedInvalid.status == .badRequest)
            let draft = try #require(try await SurveyDraft.query(on: app.db).first())
            #expect(draft.answers == SurveyAnswers(), "nothing of the tampered pages was kept")
            #expect(try await parent.get("\(base)/99").status == .notFound)
            #expect(try await parent.get("/d/not-a-real-token/1").text.contains("Deze pagina is verlopen"))
        }
    }

    @Test func sending_twice_stores_one_response() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
            let first = try await parent.answerAll(page1, value: "2")
            #expect(first.status == .seeOther)
            let replay = try await parent.post(String(page1.dropLast(2)) + "/submit", [], csrf: false)
            // The browser that sent it hears that the answers arrived; nothing is stored twice.
            #expect(replay.status == .ok)
            #expect(replay.text.contains("Je antwoorden zijn goed aangekomen."))
            #expect(try await sentCount(app) == 1)
        }
    }

    @Test func going_back_keeps_the_answers() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
            let base = String(page1.dropLast(2))
            _ = try await parent.post("\(base)/1", [("face[k1_greet]", "1"), ("go", "next")], csrf: false)
            let back = try await parent.post("\(base)/2", [("go", "back")], csrf: false)
            #expect(back.location == "\(base)/1")
            let page = try await parent.get("\(base)/1")
            #expect(page.text.contains("value=\"1\" checked"))
        }
    }

    @Test func drafts_expire_after_a_day() async throws {
        try await withTestApp { app, clock in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "nl")
            clock.advance(seconds: 25 * 3600)
            let late = try await parent.get(page1)
            #expect(late.status == .notFound)
            #expect(late.text.contains("Deze pagina is verlopen"))
        }
    }

    @Test func staff_type_in_paper_answers_marked_as_paper() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let wave = world.summary.waveIDs[0]
            let form = try await member.get("/staff/waves/\(wave)/paper-entry")
            #expect(form.text.contains("Als ik naar school kom"))
            let empty = try await member.post("/staff/waves/\(wave)/paper-entry", [("lang", "nl")])
            #expect(empty.status == .unprocessableEntity)
            let wrong = try await member.post("/staff/waves/\(wave)/paper-entry", [("lang", "nl"), ("face[k1_greet]", "9"), ("face[k2_same]", "2")])
            #expect(wrong.status == .unprocessableEntity)
            #expect(wrong.text.contains("value=\"2\" checked"), "what was typed is kept")
            let saved = try await member.post("/staff/waves/\(wave)/paper-entry", [("lang", "tr"), ("face[k1_greet]", "4"), ("face[k9_other_parent]", "0"),
                                                                                   ("text[well]", "Öğretmen çok iyi")])
            #expect(saved.status == .seeOther)
            #expect(try await member.get(saved.location!).text
                .contains("Bewaard. Zoals elk antwoord verschijnt het in het rapport zodra er samen 5 nieuwe antwoorden zijn."))
            try await releaseWaiting(app)
            let response = try #require(try await SurveyResponse.query(on: app.db).first())
            #expect(response.channel == "paper")
            #expect(response.language == "tr")
            #expect(try await SurveyAnswer.query(on: app.db).count() == 2)
            let printed = try await member.get("/staff/waves/\(wave)/paper?lang=ar")
            #expect(printed.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(printed.text.contains("<div class=\"print-tools screen-only\" lang=\"nl\" dir=\"ltr\">"),
                    "the way back and the print button are in the staff member's language, and say so")
        }
    }

    @Test func assisted_answers_are_marked_assisted_without_the_staff_account() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let opened = try await member.post("/staff/waves/\(world.summary.waveIDs[0])/assisted", [])
            #expect(opened.location == "/kiosk")
            let begun = try await member.post("/kiosk", [("lang", "bg")])
            let start = try #require(begun.location?.split(separator: "?").first.map(String.init))
            _ = try await member.post(start, [("lang", "bg")], csrf: false)
            let sent = try await member.answerAll(start + "/1", value: "3")
            #expect(sent.location?.hasSuffix("thanks?lang=bg") == true)
            for row in try await rows(app, "survey_inbox") {
                #expect(!row.values.contains { $0.lowercased().contains(world.memberA.email.lowercased()) })
            }
            try await releaseWaiting(app)
            let response = try #require(try await rows(app, "survey_responses").first)
            #expect(response["channel"] == "assisted")
            let memberID = try #require(try await User.query(on: app.db).filter(\.$email == world.memberA.email).first()?.id)
            for table in ["survey_responses", "survey_answers", "survey_texts"] {
                for row in try await rows(app, table) {
                    #expect(!row.values.contains(memberID.uuidString), "\(table) holds the staff account")
                }
            }
        }
    }

    @Test func a_lead_opens_a_wave_and_makes_printable_code_slips() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let bad = try await lead.post("/staff/schools/\(world.schoolA)/waves", [("questionnaire", "parents-v1"), ("opens_on", "2026-10-10"), ("closes_on", "2026-10-01")])
            #expect(bad.status == .unprocessableEntity)
            #expect(bad.text.contains("De laatste dag moet na de eerste dag komen."))
            let created = try await lead.post("/staff/schools/\(world.schoolA)/waves", [("questionnaire", "parents-v1"), ("opens_on", "2026-10-01"),
                                                                                        ("closes_on", "2026-10-20"), ("families", "150")])
            #expect(created.status == .seeOther)
            let page = try await lead.get(created.location!)
            #expect(page.text.contains("1 oktober 2026 tot 20 oktober 2026"))
            #expect(page.text.contains("<svg class=\"qr\""))
            let waveID = try #require(created.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            let tooMany = try await lead.post("/staff/waves/\(waveID)/codes", [("count", "5000")])
            #expect(tooMany.status == .unprocessableEntity)
            let slips = try await lead.post("/staff/waves/\(waveID)/codes", [("count", "16")])
            #expect(slips.status == .created)
            let printed = slips.text.matches(of: #/class="slip-code">([2-9A-Z]{4}-[2-9A-Z]{4})</#).map { String($0.1) }
            #expect(printed.count == 16)
            #expect(Set(printed).count == 16)
            let wave = try #require(try await Wave.find(UUID(uuidString: waveID), on: app.db))
            #expect(try await WaveCode.query(on: app.db).filter(\.$wave.$id == wave.requireID()).count() == 16)
            #expect(slips.text.contains("<li lang=\"ar\" dir=\"rtl\">امسح رمز QR بهاتفك، أو اكتب الرمز على الموقع المذكور أعلاه.</li>"),
                    "a line in each offered language saying what to do, Arabic right to left")
            #expect(slips.text.contains("<li lang=\"nl\" dir=\"ltr\">Scan de QR-code met je gsm, of tik de code in op de website hierboven.</li>"))
            let poster = try await lead.get("/staff/waves/\(waveID)/poster")
            #expect(poster.text.contains("<svg class=\"qr\""))
            #expect(poster.text.contains("lang=\"ar\" dir=\"rtl\""))
        }
    }

    @Test func slips_and_print_pages_lead_back_and_the_wave_page_counts_the_slips_made() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let created = try await lead.post("/staff/schools/\(world.schoolA)/waves", [("questionnaire", "parents-v1"), ("opens_on", "2026-10-01"),
                                                                                        ("closes_on", "2026-10-20"), ("families", "150")])
            let waveID = try #require(created.location?.split(separator: "/").last?.split(separator: "?").first.map(String.init))
            let wavePath = "/staff/waves/\(waveID)"
            #expect(!(try await lead.get(wavePath)).text.contains("briefjes met een code gemaakt"), "none made yet")

            let refused = try await lead.post("\(wavePath)/codes", [("count", "0")])
            #expect(refused.status == .unprocessableEntity)
            #expect(!refused.text.contains("briefjes met een code gemaakt"), "a refused batch makes nothing")

            let slips = try await lead.post("\(wavePath)/codes", [("count", "16")])
            #expect(slips.status == .created)
            #expect(slips.text.contains("<h1 class=\"screen-only\">Briefjes met een code · "))
            for page in [slips, try await lead.get("\(wavePath)/poster"), try await lead.get("\(wavePath)/paper?lang=nl")] {
                #expect(page.text.contains("<a class=\"print-back\" href=\"\(wavePath)\">Terug naar de bevraging</a>"))
                #expect(page.text.contains("<button type=\"button\" data-print=\"true\" hidden>Afdrukken</button>"))
            }
            let page = try await lead.get(wavePath)
            #expect(page.text.contains("16 briefjes met een code gemaakt, de laatste op 21 september 2026."))
            _ = try await lead.post("\(wavePath)/codes", [("count", "4")])
            #expect(try await lead.get(wavePath).text.contains("20 briefjes met een code gemaakt"))
            let english = try await world.browser(app, as: world.leadA)
            _ = try await english.get("/language/en?back=/")
            #expect(try await english.get(wavePath).text.contains("20 code slips made, the latest on 21 September 2026."))
        }
    }

    @Test func the_school_page_drops_the_placeholder_once_it_has_a_survey() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let school = try await lead.get("/staff/schools/\(world.schoolA)")
            #expect(school.status == .ok)
            #expect(school.text.contains("href=\"/staff/waves/"), "the demo school has a survey")
            #expect(!school.text.contains("Hier komen straks de ouderbevraging"))
        }
    }
}

@Suite struct CodeEntryLanguageTests {
    @Test func switching_language_keeps_the_code_a_slip_filled_in() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let code = try #require(world.summary.oneTimeCodes.first)
            let parent = Browser(app)
            // The slip's QR code opens the page with the code filled in; the parent then picks Turkish.
            let page = try await parent.get("/c?code=\(code)")
            #expect(page.text.contains("value=\"\(code)\""))
            #expect(page.text.contains("href=\"/c?lang=tr&amp;code=\(code)\""), "the language links carry the code")
            let turkish = try await parent.get("/c?lang=tr&code=\(code)")
            #expect(turkish.text.contains("<html lang=\"tr\""))
            #expect(turkish.text.contains("value=\"\(code)\""), "the code is still filled in")
            // Without a code, the links carry none.
            #expect(try await parent.get("/c").text.contains("href=\"/c?lang=tr\""))
            // And it works: the code sent in Turkish begins a Turkish survey.
            let begun = try await parent.post("/c", [("code", code), ("lang", "tr")], csrf: false)
            #expect(begun.status == .seeOther)
            #expect(begun.location?.hasSuffix("?lang=tr") == true)
        }
    }
}

@Suite struct SentDraftTests {
    @Test func back_after_sending_says_in_the_parents_language_that_the_answers_arrived() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let parent = Browser(app)
            parent.acceptLanguage = "nl"
            let page1 = try await parent.startSurvey(world.summary.parentSurveyPath, language: "ar")
            let base = String(page1.dropLast(2))
            let sent = try await parent.answerAll(page1, value: "4")
            #expect(sent.status == .seeOther)
            let arrived = "وصلت إجاباتك بنجاح"
            // Back to a page of the sent draft, or to its send page, and sending it again: "your answers arrived",
            // in Arabic, though the phone asks for Dutch; nothing is stored twice.
            for path in [page1, "\(base)/23", "\(base)/3"] {
                let again = try await parent.get(path)
                #expect(again.status == .ok, "\(path)")
                #expect(again.text.contains("<html lang=\"ar\" dir=\"rtl\">"), "\(path)")
                #expect(again.text.contains(arrived), "\(path)")
                #expect(!again.text.contains("<form"), "\(path) offers nothing to send")
            }
            let resent = try await parent.post("\(base)/submit", [], csrf: false)
            #expect(resent.status == .ok)
            #expect(resent.text.contains(arrived))
            #expect(try await sentCount(app) == 1)
            // Another browser with that address (a shared link) learns nothing: the page has expired.
            let other = Browser(app)
            other.acceptLanguage = "nl"
            let expired = try await other.get("\(base)/3")
            #expect(expired.status == .notFound)
            #expect(expired.text.contains("Deze pagina is verlopen"))
        }
    }
}
