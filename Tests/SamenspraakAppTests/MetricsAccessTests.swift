import Fluent
import Foundation
import NIOCore
@testable import SamenspraakApp
import SamenspraakCore
import Testing
import VaporTesting

/// `/metrics` answers only its scraper.
@Suite struct MetricsAccessTests {
    static let token = "metrics-token-0123456789abcdef"

    @Test func with_a_token_only_the_bearer_gets_the_metrics() async throws {
        try await withTestApp(configure: { $0.metricsToken = Self.token }) { app, _ in
            _ = try await Browser(app).get("/login")
            let good = try await app.testing().sendRequest(.GET, "/metrics", headers: ["Authorization": "Bearer \(Self.token)"])
            #expect(good.status == .ok)
            #expect(good.body.string.contains("http_requests_total"))
            for headers: HTTPHeaders in [[:], ["Authorization": "Bearer wrong-token-0123456789abcde"], ["Authorization": "Bearer \(Self.token)x"],
                                         ["Authorization": "Basic \(Self.token)"]] {
                let refused = try await app.testing().sendRequest(.GET, "/metrics", headers: headers)
                #expect(refused.status == .notFound)
                #expect(!refused.body.string.contains("http_requests_total"))
            }
        }
    }

    @Test func without_a_token_only_loopback_peers_get_the_metrics() async throws {
        try await withTestApp { app, _ in
            // In memory there is no socket: not this machine, whatever the headers say.
            let forwarded = try await app.testing().sendRequest(.GET, "/metrics", headers: ["X-Forwarded-For": "127.0.0.1",
                                                                                           "Forwarded": "for=127.0.0.1"])
            #expect(forwarded.status == .notFound)
            // Over a real connection from 127.0.0.1.
            let local = try await app.testing(method: .running(hostname: "127.0.0.1", port: 0)).sendRequest(.GET, "/metrics")
            #expect(local.status == .ok)
            #expect(local.body.string.contains("http_requests_total"))
        }
        #expect(PublicController.isLoopback(try SocketAddress(ipAddress: "127.0.0.1", port: 1)))
        #expect(PublicController.isLoopback(try SocketAddress(ipAddress: "::1", port: 1)))
        #expect(!PublicController.isLoopback(try SocketAddress(ipAddress: "10.0.0.7", port: 1)))
        #expect(!PublicController.isLoopback(try SocketAddress(ipAddress: "2001:db8::1", port: 1)))
        #expect(!PublicController.isLoopback(try SocketAddress(ipAddress: "128.0.0.1", port: 1)))
    }

    @Test func the_metrics_token_is_configured_and_checked() throws {
        #expect(try AppConfiguration(environment: ["SAMENSPRAAK_METRICS_TOKEN": Self.token]).metricsToken == Self.token)
        #expect(try AppConfiguration(environment: [:]).metricsToken == nil)
        #expect(throws: ConfigurationError.self) { try AppConfiguration(environment: ["SAMENSPRAAK_METRICS_TOKEN": "short"]) }
    }
}
