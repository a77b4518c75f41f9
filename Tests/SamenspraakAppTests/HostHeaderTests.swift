import Fluent
import Foundation
import NIOCore
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// Absolute links never come from the Host header.
@Suite struct HostHeaderTests {
    @Test func feed_links_use_the_public_url_whatever_the_host_header_and_the_cache_keeps_them_right() async throws {
        try await withTestApp(configure: { $0.publicURL = "https://samenspraak.example.be"; $0.pageCacheSeconds = 2 }) { app, _ in
            _ = try await DemoWorld.seed(app)
            for host in ["evil.example", "other.example:8443"] {
                for path in ["/stories/feed.atom", "/stories"] {
                    let response = try await app.testing().sendRequest(.GET, path, headers: ["Host": host])
                    #expect(response.status == .ok)
                    #expect(!response.body.string.contains(host), "\(path) for Host \(host)")
                    if path.hasSuffix(".atom") {
                        #expect(response.body.string.contains("<link href=\"https://samenspraak.example.be/stories/") ||
                                response.body.string.contains("https://samenspraak.example.be/stories"))
                    }
                }
            }
        }
        try await withTestApp(configure: { $0.pageCacheSeconds = 2 }) { app, _ in
            _ = try await DemoWorld.seed(app)
            let first = try await app.testing().sendRequest(.GET, "/stories/feed.atom", headers: ["Host": "evil.example"])
            let second = try await app.testing().sendRequest(.GET, "/stories/feed.atom", headers: ["Host": "127.0.0.1:8080"])
            #expect(!first.body.string.contains("evil.example"))
            #expect(first.body.string.contains("http://127.0.0.1:8080/stories"), "without a public URL: the listening address")
            #expect(second.body == first.body)
        }
    }

    @Test func serving_beyond_this_machine_needs_a_public_url() throws {
        #expect(AppConfiguration(hostname: "127.0.0.1").servingProblem == nil)
        #expect(AppConfiguration(hostname: "localhost").servingProblem == nil)
        #expect(AppConfiguration(hostname: "::1").servingProblem == nil)
        let open = AppConfiguration(hostname: "0.0.0.0")
        #expect(open.servingProblem?.contains("SAMENSPRAAK_PUBLIC_URL") == true)
        #expect(AppConfiguration(hostname: "192.168.1.5").servingProblem != nil)
        #expect(AppConfiguration(hostname: "0.0.0.0", publicURL: "https://samenspraak.example.be").servingProblem == nil)
    }
}
