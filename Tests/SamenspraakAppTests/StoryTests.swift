import Fluent
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

extension Browser {
    /// Posts a multipart form (what a form with a file field sends), with this browser's CSRF token.
    /// Like the story form, it carries the token twice: in the address (checked before the body is read) and in the body.
    func postMultipart(_ path: String, _ fields: [(String, String)], file: (name: String, filename: String, type: String, bytes: [UInt8])?,
                       csrf: Bool = true) async throws -> TestingHTTPResponse {
        if csrfToken == nil { _ = try await get("/login") }
        let boundary = "----samenspraak\(UUID().uuidString.prefix(8))"
        var body = ByteBuffer()
        let token = csrf ? [("csrf_token", csrfToken ?? "")] : []
        for (name, value) in fields + token {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        if let file {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(file.name)\"; filename=\"\(file.filename)\"\r\n")
            body.writeString("Content-Type: \(file.type)\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .cookie, value: cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
        headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        let address = csrf ? path + "?" + Browser.encode([("csrf_token", csrfToken ?? "")]) : path
        return try await app.testing().sendRequest(.POST, address, headers: headers, body: body)
    }
}

@Suite struct StoryTests {
    let storyFields: [(String, String)] = [
        ("title", "Vaders aan de poort"), ("summary", "We nodigen vaders persoonlijk uit."),
        ("body", "We spreken **papa's** aan.\n\n<script>alert(1)</script>\n\n[klik](javascript:alert(1)) en [de stad](https://stad.gent)"),
        ("keys[]", "9"), ("keys[]", "4"), ("photo_alt", "Vaders en kinderen aan de schoolpoort"),
    ]

    func storyID(_ location: String?) throws -> String {
        String(try #require(location).dropFirst("/staff/stories/".count).prefix(36))
    }

    @Test func a_member_writes_a_story_with_a_photo_and_the_coordinator_publishes_it() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let member = try await world.browser(app, as: world.memberA)
            let made = try await member.postMultipart("/staff/schools/\(world.schoolA)/stories", storyFields,
                                                      file: ("photo", "poort.png", "image/png", ImageCheckTestBytes.png))
            #expect(made.status == .seeOther)
            let id = try storyID(made.location)
            let story = try #require(try await Story.query(on: app.db).with(\.$keyRows).first())
            #expect(story.storyStatus == .draft && story.keys == [4, 9] && story.photoAlt == "Vaders en kinderen aan de schoolpoort")
            let photo = try #require(try await StoryPhoto.find(story.photoID, on: app.db))
            #expect(photo.contentType == "image/png" && photo.width == 2)
            #expect(!String(decoding: photo.data, as: UTF8.self).contains("Author"), "the photo's metadata is removed")
            let staffPage = try await member.get("/staff/stories/\(id)")
            #expect(staffPage.text.contains("<strong>papa's</strong>") || staffPage.text.contains("<strong>papa&#39;s</strong>"))
            #expect(!staffPage.text.contains("<script>alert"))
            #expect(!staffPage.text.contains("javascript:"))
            #expect(staffPage.text.contains("<a href=\"https://stad.gent\" rel=\"nofollow noopener\">de stad</a>"))
            #expect(try await Browser(app).get("/stories/\(story.slug)").status == .notFound, "a draft is not public")

            #expect(try await member.post("/staff/stories/\(id)/submit", []).status == .seeOther)
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.post("/staff/stories/\(id)/review", [("decision", "publish")]).status == .forbidden, "a lead cannot publish")
            let coordinator = try await world.browser(app, as: world.coordinator)
            let noComment = try await coordinator.post("/staff/stories/\(id)/review", [("decision", "return"), ("comment", " ")])
            #expect(noComment.status == .unprocessableEntity)
            #expect(noComment.text.contains("Schrijf voor de school waarom je het verhaal terugstuurt."))
            #expect(try await coordinator.post("/staff/stories/\(id)/review", [("decision", "return"), ("comment", "Een foto van de vaders zelf?")])
                .status == .seeOther)
            let returned = try await member.get("/staff/stories/\(id)")
            #expect(returned.text.contains("Een foto van de vaders zelf?"))
            var edited = storyFields
            edited[0] = ("title", "Vaders aan de schoolpoort")
            #expect(try await member.postMultipart("/staff/stories/\(id)", edited, file: nil).status == .seeOther)
            _ = try await member.post("/staff/stories/\(id)/submit", [])
            #expect(try await coordinator.post("/staff/stories/\(id)/review", [("decision", "publish")]).status == .seeOther)
            #expect(try await member.postMultipart("/staff/stories/\(id)", edited, file: nil).status == .conflict, "a published story is locked")

            let versions = try await StoryVersion.query(on: app.db).sort(\.$number).all()
            #expect(versions.map(\.event) == ["created", "submitted", "returned", "edited", "submitted", "published"])
            #expect(versions[0].title == "Vaders aan de poort" && versions[3].title == "Vaders aan de schoolpoort")

            let visitor = Browser(app)
            let published = try await visitor.get("/stories/\(story.slug)")
            #expect(published.status == .ok)
            #expect(published.text.contains("<h1 dir=\"auto\">Vaders aan de schoolpoort</h1>"))
            #expect(published.text.contains("alt=\"Vaders en kinderen aan de schoolpoort\""))
            #expect(published.text.contains("Basisschool De Regenboog"))
            let photoPath = "/stories/photos/\(photo.id!.uuidString.lowercased())"
            #expect(published.text.contains(photoPath))
            let image = try await visitor.get(photoPath)
            #expect(image.status == .ok && image.headers.contentType?.description == "image/png")
            #expect(try await visitor.get("/stories/keys/9").text.contains("Vaders aan de schoolpoort"))
            #expect(try await visitor.get("/stories/keys/1").text.contains("Nog geen verhalen."))
            #expect(try await visitor.get("/stories/schools/basisschool-de-regenboog").text.contains("Vaders aan de schoolpoort"))
            #expect(try await visitor.get("/stories/search?q=papa").text.contains("Vaders aan de schoolpoort"), "found by a word of the body")
            #expect(try await visitor.get("/stories").text.contains("Vaders aan de schoolpoort"))

            // Taken off the site again: gone from the pages and the search.
            _ = try await coordinator.post("/staff/stories/\(id)/review", [("decision", "withdraw"), ("comment", "Even offline.")])
            #expect(try await visitor.get("/stories/\(story.slug)").status == .notFound)
            #expect(try await visitor.get(photoPath).status == .notFound)
            #expect(!(try await visitor.get("/stories/search?q=papa")).text.contains("Vaders aan de schoolpoort"))
        }
    }

    @Test func bad_uploads_and_forms_are_refused_and_store_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let path = "/staff/schools/\(world.schoolA)/stories"
            let fake = try await lead.postMultipart(path, storyFields, file: ("photo", "foto.jpg", "image/jpeg", Array("<svg onload=alert(1)>".utf8)))
            #expect(fake.status == .unprocessableEntity)
            #expect(fake.text.contains("Dit bestand is geen JPEG- of PNG-foto."))
            #expect(fake.text.contains("value=\"Vaders aan de poort\""))
            var noAlt = storyFields
            noAlt.removeLast()
            let missingAlt = try await lead.postMultipart(path, noAlt, file: ("photo", "poort.png", "image/png", ImageCheckTestBytes.png))
            #expect(missingAlt.status == .unprocessableEntity)
            #expect(missingAlt.text.contains("Beschrijf wat er op de foto staat."))
            let big = ImageCheckTestBytes.png + [UInt8](repeating: 0, count: ImageCheck.maximumBytes)
            let tooLarge = try await lead.postMultipart(path, storyFields, file: ("photo", "groot.png", "image/png", big))
            #expect(tooLarge.status == .unprocessableEntity)
            #expect(tooLarge.text.contains("De foto is te groot: hoogstens 5 MB."))
            let huge = try await lead.postMultipart(path, storyFields, file: ("photo", "reus.png", "image/png", big + big))
            #expect(huge.status == .payloadTooLarge)
            let empty = try await lead.postMultipart(path, [("title", ""), ("summary", ""), ("body", "")], file: nil)
            #expect(empty.status == .unprocessableEntity)
            #expect(empty.text.contains("Kies minstens één van de 12 sleutels."))
            // A photo-sized body is only accepted on the story forms.
            let elsewhere = try await lead.postMultipart("/staff/schools/\(world.schoolA)/moments", [("title", "x")],
                                                         file: ("photo", "groot.png", "image/png", big))
            #expect(elsewhere.status == .payloadTooLarge)
            #expect(try await Story.query(on: app.db).count() == 0)
            #expect(try await StoryPhoto.query(on: app.db).count() == 0)
        }
    }

    @Test func an_anonymous_story_never_names_its_school() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            var fields = Array(storyFields.dropLast())
            fields.append(("anonymous", "1"))
            let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories", fields, file: nil)
            let id = try storyID(made.location)
            _ = try await lead.post("/staff/stories/\(id)/submit", [])
            let coordinator = try await world.browser(app, as: world.coordinator)
            _ = try await coordinator.post("/staff/stories/\(id)/review", [("decision", "publish")])
            let slug = try #require(try await Story.query(on: app.db).first()?.slug)
            let visitor = Browser(app)
            for path in ["/stories/\(slug)", "/stories", "/stories/keys/9", "/stories/feed.atom", "/stories/search?q=vaders"] {
                let page = try await visitor.get(path)
                #expect(page.text.contains("Vaders aan de poort"), "\(path)")
                #expect(!page.text.contains("Regenboog"), "\(path) names the school")
            }
            #expect(try await visitor.get("/stories/schools/basisschool-de-regenboog").status == .notFound)
            let queue = try await coordinator.get("/staff/trajectories/\(world.trajectory)/stories")
            #expect(queue.text.contains("<td>Basisschool De Regenboog</td>"), "the coordinator knows which school wrote it")
        }
    }

    @Test func every_public_stories_page_names_the_atom_feed_in_its_head() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories", Array(storyFields.dropLast()), file: nil)
            let id = try storyID(made.location)
            _ = try await lead.post("/staff/stories/\(id)/submit", [])
            let coordinator = try await world.browser(app, as: world.coordinator)
            _ = try await coordinator.post("/staff/stories/\(id)/review", [("decision", "publish")])
            let slug = try #require(try await Story.query(on: app.db).first()?.slug)
            let feedLink = "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Verhalen van scholen\" href=\"/stories/feed.atom\"/>"
            let visitor = Browser(app)
            for path in ["/stories", "/stories/keys/9", "/stories/schools/basisschool-de-regenboog", "/stories/\(slug)",
                         "/stories/search?q=vaders"] {
                let page = try await visitor.get(path)
                #expect(page.status == .ok, "\(path)")
                let head = try #require(page.text.components(separatedBy: "</head>").first, "\(path)")
                #expect(head.contains(feedLink), "\(path)")
            }
        }
    }

    @Test func a_replaced_or_removed_photo_is_deleted_with_its_bytes() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories", storyFields,
                                                    file: ("photo", "poort.png", "image/png", ImageCheckTestBytes.png))
            let id = try storyID(made.location)
            let first = try #require(try await Story.query(on: app.db).first()?.photoID)
            // Replaced: the story shows the new photo, and the old one is gone.
            let replaced = try await lead.postMultipart("/staff/stories/\(id)", storyFields,
                                                        file: ("photo", "nieuw.png", "image/png", ImageCheckTestBytes.png))
            #expect(replaced.status == .seeOther)
            let second = try #require(try await Story.query(on: app.db).first()?.photoID)
            #expect(second != first)
            #expect(try await StoryPhoto.find(first, on: app.db) == nil)
            #expect(try await StoryPhoto.query(on: app.db).count() == 1)
            // Kept when the form sends no photo.
            #expect(try await lead.postMultipart("/staff/stories/\(id)", storyFields, file: nil).status == .seeOther)
            #expect(try await Story.query(on: app.db).first()?.photoID == second)
            // Removed: no photo left at all.
            var fields = Array(storyFields.dropLast())
            fields.append(("remove_photo", "1"))
            #expect(try await lead.postMultipart("/staff/stories/\(id)", fields, file: nil).status == .seeOther)
            #expect(try await Story.query(on: app.db).first()?.photoID == nil)
            #expect(try await StoryPhoto.query(on: app.db).count() == 0)
        }
    }

    @Test func an_upload_without_a_session_or_a_token_is_refused_before_its_body_is_read() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let path = "/staff/schools/\(world.schoolA)/stories"
            let photo = ImageCheckTestBytes.png + [UInt8](repeating: 0, count: ImageCheck.maximumBytes - 1024)
            // Nobody signed in: sent to the sign-in page.
            let anonymous = try await Browser(app).postMultipart(path, storyFields, file: ("photo", "groot.png", "image/png", photo))
            #expect(anonymous.status == .seeOther)
            #expect(anonymous.location?.hasPrefix("/login") == true)
            // Signed in, but no token in the address (or a wrong one): 403, even with the token in the body.
            let lead = try await world.browser(app, as: world.leadA)
            let tokenless = try await lead.postMultipart(path, storyFields, file: ("photo", "groot.png", "image/png", photo), csrf: false)
            #expect(tokenless.status == .forbidden)
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .cookie, value: lead.cookies.map { "\($0.key)=\($0.value)" }.sorted().joined(separator: "; "))
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=xyz")
            let wrong = try await app.testing().sendRequest(.POST, path + "?csrf_token=wrong", headers: headers,
                                                            body: ByteBuffer(string: "--xyz\r\nContent-Disposition: form-data; name=\"csrf_token\"\r\n\r\n\(lead.csrfToken ?? "")\r\n--xyz--\r\n"))
            #expect(wrong.status == .forbidden)
            #expect(try await Story.query(on: app.db).count() == 0)
            #expect(try await StoryPhoto.query(on: app.db).count() == 0)
            // The form the page shows carries the token in its address, and that upload goes through.
            let form = try await lead.get("/staff/schools/\(world.schoolA)/stories/new")
            #expect(form.text.contains("action=\"\(path)?csrf_token=\(lead.csrfToken ?? "-")\""))
            #expect(try await lead.postMultipart(path, storyFields, file: ("photo", "poort.png", "image/png", ImageCheckTestBytes.png)).status == .seeOther)
        }
    }

    /// Over a real connection: the answer comes while the client has sent only the start of a 5 MB body, so the
    /// server did not wait for (or keep) the rest.
    @Test func an_anonymous_large_upload_is_answered_before_the_body_arrives() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            app.http.server.configuration.hostname = "127.0.0.1"
            app.http.server.configuration.port = 0
            try await app.server.start(address: .hostname("127.0.0.1", port: 0))
            let port = try #require(app.http.server.shared.localAddress?.port)
            let head = "POST /staff/schools/\(world.schoolA)/stories HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                + "Content-Type: multipart/form-data; boundary=xyz\r\nContent-Length: \(5 * 1024 * 1024)\r\n\r\n"
            let answer = try RawConnection.send(port: port, Array(head.utf8) + [UInt8](repeating: 0x41, count: 64 * 1024), waitSeconds: 10)
            #expect(answer.hasPrefix("HTTP/1.1 303"), "\(answer.prefix(80))")
            #expect(answer.lowercased().contains("location: /login"))
            await app.server.shutdown()
        }
    }

    @Test func search_ranks_the_title_first_and_takes_any_input_safely() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let coordinator = try await world.browser(app, as: world.coordinator)
            for (title, body) in [("Koffie en taal", "Ouders praten bij een tas thee."), ("Thee op vrijdag", "Ook koffie, maar vooral thee."),
                                  ("Een lege school", "Niets over dranken.")] {
                let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories",
                                                        [("title", title), ("summary", "Kort."), ("body", body), ("keys[]", "5")], file: nil)
                let id = try storyID(made.location)
                _ = try await lead.post("/staff/stories/\(id)/submit", [])
                _ = try await coordinator.post("/staff/stories/\(id)/review", [("decision", "publish")])
            }
            let visitor = Browser(app)
            let koffie = try await visitor.get("/stories/search?q=koffie").text
            let first = try #require(koffie.range(of: "Koffie en taal")), second = try #require(koffie.range(of: "Thee op vrijdag"))
            #expect(first.lowerBound < second.lowerBound, "a word in the title weighs more than one in the body")
            #expect(!koffie.contains("Een lege school"))
            #expect(koffie.contains("2 verhalen voor"))
            let thee = try await visitor.get("/stories/search?q=thee").text
            #expect(try #require(thee.range(of: "Thee op vrijdag")).lowerBound < (try #require(thee.range(of: "Koffie en taal"))).lowerBound)
            #expect(try await visitor.get("/stories/search?q=vrij").text.contains("Thee op vrijdag"), "a word's start finds it")
            #expect(try await visitor.get("/stories/search?q=koffie+vrijdag").text.contains("1 verhaal voor"), "every word must match")
            for hostile in ["\"", "koffie\" OR \"", "NEAR(koffie thee)", "*", "'; DROP TABLE stories; --", "koffie:*&!", "%00"] {
                let page = try await visitor.get("/stories/search?q=" + (hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))
                #expect(page.status == .ok, "\(hostile)")
            }
            #expect(try await Story.query(on: app.db).count() == 3)
        }
    }

    @Test func a_review_comment_that_is_too_long_is_kept_and_changes_nothing() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let lead = try await world.browser(app, as: world.leadA)
            let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories", Array(storyFields.dropLast()), file: nil)
            let id = try storyID(made.location)
            _ = try await lead.post("/staff/stories/\(id)/submit", [])
            let coordinator = try await world.browser(app, as: world.coordinator)
            let long = String(repeating: "Nog werk. ", count: 101)
            let refused = try await coordinator.post("/staff/stories/\(id)/review", [("decision", "return"), ("comment", long)])
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.text.contains(long.trimmingCharacters(in: .whitespaces) + "</textarea>"))
            #expect(try await Story.query(on: app.db).first()?.storyStatus == .submitted)
        }
    }

    @Test func the_feed_is_valid_atom() async throws {
        try await withTestApp { app, _ in
            _ = try await DemoWorld.seed(app, answers: true)
            let feed = try await Browser(app).get("/stories/feed.atom")
            #expect(feed.headers.contentType?.description.hasPrefix("application/atom+xml") == true)
            let parser = XMLParser(data: Data(feed.text.utf8))
            let collector = AtomCollector()
            parser.delegate = collector
            #expect(parser.parse(), "the feed parses as XML")
            #expect(collector.root == "feed")
            #expect(collector.entries == 12)
            #expect(collector.titles.contains("Papa's aan de poort"))
            #expect(collector.links.allSatisfy { $0.hasPrefix("http") })
        }
    }

    @Test func a_report_links_its_growth_keys_to_other_schools_stories() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app, answers: true)
            let lead = try await world.browser(app, as: world.leadA)
            let report = try await lead.get("/staff/waves/\(world.summary.waveID)/report").text
            #expect(report.contains("Hoe andere scholen het deden"))
            #expect(report.contains("Een brugfiguur in de klas"), "key 11, from another school")
            #expect(!report.contains("Papa&#39;s aan de poort") && !report.contains("Papa's aan de poort"), "not the school's own story")
        }
    }
}

/// Reads an Atom feed's structure.
final class AtomCollector: NSObject, XMLParserDelegate {
    var root: String?
    var entries = 0
    var titles: [String] = []
    var links: [String] = []
    private var text = ""
    private var inEntry = false

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
        if root == nil { root = name }
        if name == "entry" { entries += 1; inEntry = true }
        if name == "link", inEntry, let href = attributes["href"] { links.append(href) }
        text = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) { text += string }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "title", inEntry { titles.append(text) }
        if name == "entry" { inEntry = false }
    }
}

@Suite struct StoryReviewFlowTests {
    @Test func the_coordinator_sees_a_waiting_story_at_home_reads_it_before_deciding_and_goes_back_to_the_queue() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let coordinator = try await world.browser(app, as: world.coordinator)
            let home = "/staff/trajectories/\(world.trajectory)"
            #expect(!(try await coordinator.get(home).text.contains("wacht op jouw nalezing")))
            let lead = try await world.browser(app, as: world.leadA)
            let made = try await lead.postMultipart("/staff/schools/\(world.schoolA)/stories",
                                                    [("title", "Koffie op vrijdag"), ("summary", "Kort."), ("body", "Lang."), ("keys[]", "5")],
                                                    file: nil)
            let id = String(try #require(made.location).dropFirst("/staff/stories/".count).prefix(36))
            #expect(try await lead.post("/staff/stories/\(id)/submit", []).status == .seeOther)

            let waiting = try await coordinator.get(home).text
            #expect(waiting.contains("1 verhaal wacht op jouw nalezing: lezen en publiceren"))
            #expect(waiting.contains("href=\"\(home)/stories\""))
            let review = try await coordinator.get("/staff/stories/\(id)").text
            let story = try #require(review.range(of: "Koffie op vrijdag</h1>") ?? review.range(of: "Koffie op vrijdag"))
            let decide = try #require(review.range(of: "name=\"decision\""))
            #expect(story.lowerBound < decide.lowerBound, "the story comes before the buttons that decide on it")
            #expect(review.contains("<a href=\"\(home)/stories\">Verhalen van de scholen</a>"), "the way back is the review queue")
            // The lead's way back stays the school's stories.
            #expect(try await lead.get("/staff/stories/\(id)").text.contains("href=\"/staff/schools/\(world.schoolA)/stories\""))
            #expect(review.contains("Verplicht bij terugsturen; niet verplicht bij publiceren."))
            #expect(try await coordinator.post("/staff/stories/\(id)/review", [("decision", "publish")]).status == .seeOther)
            #expect(!(try await coordinator.get(home).text.contains("wacht op jouw nalezing")))
            // Published, the one button left takes it off the site, and needs a reason: the hint says so.
            let published = try await coordinator.get("/staff/stories/\(id)").text
            #expect(published.contains("Verplicht: zeg de school waarom het verhaal van de website gaat."))
            #expect(!published.contains("niet verplicht bij publiceren"))
        }
    }
}
