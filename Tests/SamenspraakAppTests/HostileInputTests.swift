import Fluent
import Foundation
@testable import SamenspraakApp
import Testing
import VaporTesting

/// Requests found by the HTTP fuzz run (reliability/test_fuzz.py) that once crashed the server or stored garbage.
@Suite struct HostileInputTests {
    func send(_ app: Application, _ path: String, contentType: String, body: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: contentType)
        return try await app.testing().sendRequest(.POST, path, headers: headers, body: ByteBuffer(string: body))
    }

    @Test func a_multipart_body_without_a_boundary_is_refused_and_the_server_goes_on() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let story = try await send(app, "/staff/stories/new", contentType: "multipart/form-data; boundary=", body: "x")
            #expect(story.status == .badRequest)
            let quoted = try await send(app, "/staff/stories/new", contentType: "multipart/form-data; boundary=\"\"", body: "x")
            #expect(quoted.status == .badRequest)
            let missing = try await send(app, "/staff/stories/new", contentType: "multipart/form-data", body: "x")
            #expect(missing.status == .badRequest)
            // Where no page sends multipart, it is refused whatever its boundary.
            for path in ["/c", world.summary.ratingMomentPath, "/login", "/logout"] {
                let response = try await send(app, path, contentType: "multipart/form-data; boundary=", body: "x")
                #expect(response.status == .unsupportedMediaType, "\(path)")
            }
            #expect(try await Browser(app).get("/healthz").status == .ok)
        }
    }

    @Test func a_request_asking_for_an_upgrade_is_answered_at_once() async throws {
        try await withTestApp { app, _ in
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .connection, value: "Upgrade")
            headers.contentType = .urlEncodedForm
            let body = ByteBuffer(string: (0..<3000).map { "f\($0)=\($0)" }.joined(separator: "&"))
            let response = try await app.testing().sendRequest(.POST, "/c", headers: headers, body: body)
            #expect(response.status == .badRequest)
            #expect(response.headers.first(name: .connection) == "close")
        }
    }

    @Test func compressed_bodies_are_refused_not_inflated() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let code = try #require(world.summary.oneTimeCodes.first)
            // A compressed "code=…": refused whatever the method, and no survey draft is started.
            for method in [HTTPMethod.GET, .POST] {
                for encoding in ["gzip", "deflate", "br", "GZIP, identity"] {
                    var headers = HTTPHeaders()
                    headers.contentType = .urlEncodedForm
                    headers.replaceOrAdd(name: .contentEncoding, value: encoding)
                    let response = try await app.testing().sendRequest(method, "/c", headers: headers,
                                                                       body: ByteBuffer(bytes: [0x1F, 0x8B, 0x08, 0x00] + Array("code=\(code)".utf8)))
                    #expect(response.status == .unsupportedMediaType, "\(method) \(encoding)")
                }
            }
            // The identity encoding is no encoding at all.
            var headers = HTTPHeaders()
            headers.contentType = .urlEncodedForm
            headers.replaceOrAdd(name: .contentEncoding, value: "identity")
            #expect(try await SurveyDraft.query(on: app.db).count() == 0)
            let plain = try await app.testing().sendRequest(.POST, "/c", headers: headers, body: ByteBuffer(string: "code=\(code)"))
            #expect(plain.status == .seeOther)
            #expect(try await SurveyDraft.query(on: app.db).count() == 1)
        }
    }

    @Test func only_ordinary_forms_reach_the_parents_pages() async throws {
        try await withTestApp { app, _ in
            let world = try await DemoWorld.seed(app)
            let phone = Browser(app)
            let form = try await phone.get(world.summary.ratingMomentPath)
            let check = try #require(form.text.firstMatch(of: /name="check" value="([^"]+)"/)?.1)
            let cookie = phone.cookies.map { "\($0.key)=\($0.value)" }.joined(separator: "; ")
            // A rating as multipart, with text that is not UTF-8: refused before anything reads it.
            var headers = HTTPHeaders()
            headers.replaceOrAdd(name: .contentType, value: "multipart/form-data; boundary=XyZ")
            headers.replaceOrAdd(name: .cookie, value: cookie)
            var body = ByteBuffer(string: "--XyZ\r\nContent-Disposition: form-data; name=\"face\"\r\n\r\n4\r\n--XyZ\r\n"
                                  + "Content-Disposition: form-data; name=\"check\"\r\n\r\n\(check)\r\n--XyZ\r\n"
                                  + "Content-Disposition: form-data; name=\"text\"\r\n\r\nGoed ")
            body.writeBytes([0xC0, 0xAF])
            body.writeString(" gesprek\r\n--XyZ--\r\n")
            let multipart = try await app.testing().sendRequest(.POST, world.summary.ratingMomentPath, headers: headers, body: body)
            #expect(multipart.status == .unsupportedMediaType)
            let json = try await send(app, world.summary.ratingMomentPath, contentType: "application/json", body: "{\"face\":\"4\"}")
            #expect(json.status == .unsupportedMediaType)
            #expect(try await MomentRating.query(on: app.db).filter(\.$text != nil).all().allSatisfy { !($0.text ?? "").contains("\u{FFFD}") })
            #expect(try await MomentRating.query(on: app.db).count() == 0)
            // The ordinary form still works.
            let sent = try await phone.post(world.summary.ratingMomentPath, [("face", "4"), ("check", String(check)), ("text", "Goed gesprek")], csrf: false)
            #expect(sent.status == .seeOther)
            #expect(try await MomentRating.query(on: app.db).count() == 1)
        }
    }

    @Test func typed_garbage_at_sign_in_is_not_recorded() async throws {
        try await withTestApp { app, _ in
            _ = try await DemoWorld.seed(app)
            let browser = Browser(app)
            for email in [String(repeating: "x", count: 300) + "@school.be", "ouder\u{7}@school.be", "geen adres"] {
                let response = try await browser.post("/login", [("email", email), ("password", "wat dan ook")])
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("horen niet bij elkaar"), "the same answer as a wrong password")
            }
            #expect(try await SignInAttempt.query(on: app.db).count() == 0)
            // A plausible address is throttled as before.
            _ = try await browser.post("/login", [("email", "onbekend@school.be"), ("password", "fout")])
            #expect(try await SignInAttempt.query(on: app.db).count() == 1)
        }
    }

    @Test func a_way_back_with_control_characters_leads_home() async throws {
        try await withTestApp { app, _ in
            for back in ["/%00x", "/a%7Fb", "/%1Bx", "/%1F", "/%C2%85"] {
                let response = try await Browser(app).get("/language/nl?back=\(back)")
                #expect(response.status == .seeOther)
                #expect(response.location == "/", "\(back)")
            }
            #expect(try await Browser(app).get("/language/nl?back=/stories").location == "/stories")
        }
    }
}
