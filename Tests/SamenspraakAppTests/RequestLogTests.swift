import Foundation
import Logging
import NIOConcurrencyHelpers
@testable import SamenspraakApp
import SamenspraakViews
import Testing
import VaporTesting

/// Keeps every line logged, as `message key=value …`.
struct KeptLogLines: LogHandler {
    let lines: NIOLockedValueBox<[String]>
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let fields = metadata.merging(event.metadata ?? [:], uniquingKeysWith: { $1 }).sorted { $0.key < $1.key }
        lines.withLockedValue { $0.append(([event.message.description] + fields.map { "\($0.key)=\($0.value)" }).joined(separator: " ")) }
    }
}

/// The request log cannot date a parent's send: no line per request of a parent, no token, only counts per minute.
@Suite struct RequestLogTests {
    static func pattern(_ route: SiteRoute) -> String { "/" + route.pattern.joined(separator: "/") }

    @Test func parents_sends_are_counted_per_minute_and_staff_requests_keep_their_line() async throws {
        try await withTestApp(configure: { $0.ratingBurst = 2 }) { app, clock in
            let world = try await DemoWorld.seed(app)
            let lines = NIOLockedValueBox<[String]>([])
            app.requestLog = RequestLog(logger: Logger(label: "test") { _ in KeptLogLines(lines: lines) })

            // A parent sends the survey with a one-time code, and another rates a moment; a third is throttled.
            let code = world.summary.oneTimeCodes[0]
            let parent = Browser(app)
            let entered = try await parent.post("/c", [("code", code), ("lang", "nl")], csrf: false)
            let draftPath = String(try #require(entered.location).split(separator: "?")[0])
            _ = try await parent.post(draftPath, [("lang", "nl")], csrf: false)
            let sent = try await parent.answerAll("\(draftPath)/1", value: "4")
            #expect(sent.status == .seeOther)
            let rater = Browser(app)
            #expect(try await rater.rate(world.summary.ratingMomentPath, face: "4", text: "Fijn gesprek.").status == .seeOther)
            var throttled = false
            for _ in 0..<3 where !throttled {
                throttled = try await Browser(app).rate(world.summary.ratingMomentPath, face: "2").status == .tooManyRequests
            }
            #expect(throttled)
            let lead = try await world.browser(app, as: world.leadA)
            #expect(try await lead.get("/staff/schools/\(world.schoolA)/moments").status == .ok)

            let token = String(draftPath.split(separator: "/").last ?? "")
            let device = try #require(rater.cookies[ParentRatingController.deviceCookie])
            let during = lines.withLockedValue { $0 }
            #expect(during.contains { $0.hasPrefix("request ") && $0.contains("route=/staff/schools/:schoolID/moments") },
                    "a staff request has its line: \(during)")
            #expect(!during.contains { $0.contains("per minute") }, "the minute is not over")
            for line in during {
                #expect(!line.contains("route=/d/") && !line.contains("route=/c") && !line.contains("route=/m/"), "a line per parent's request: \(line)")
                #expect(!line.contains(token) && !line.contains(code) && !line.contains(device), "a token in the log: \(line)")
                #expect(!line.contains("throttled"), "a line per throttled rating: \(line)")
            }

            // The next request after the minute writes the minute's counts.
            clock.advance(seconds: 60)
            _ = try await lead.get("/staff")
            let after = lines.withLockedValue { $0 }
            let submit = Self.pattern(.draftSubmit(token: .any))
            #expect(after.contains { $0.hasPrefix("requests per minute count=1 method=POST minute=2026-09-21T") && $0.contains("route=\(submit) status=303") },
                    "the survey send counted: \(after)")
            let rate = Self.pattern(.momentRate(slug: .any))
            #expect(after.contains { $0.hasPrefix("requests per minute count=2 method=POST") && $0.contains("route=\(rate) status=303") })
            #expect(after.contains { $0.hasPrefix("requests per minute count=1 method=POST") && $0.contains("route=\(rate) status=429") })
            #expect(after.contains { $0.hasPrefix("rating burst throttled per minute count=1") && $0.contains("scope=\(world.summary.momentID)") })
            #expect(after.contains { $0.hasPrefix("requests per minute count=1 method=POST") && $0.contains("route=/c status=303") })
            for line in after {
                #expect(!line.contains(token) && !line.contains(code) && !line.contains(device), "a token in the log: \(line)")
            }
        }
    }

    @Test func counts_are_written_once_per_minute_and_not_for_a_quiet_minute() {
        let lines = NIOLockedValueBox<[String]>([])
        let log = RequestLog(logger: Logger(label: "test") { _ in KeptLogLines(lines: lines) })
        let start = Date(timeIntervalSince1970: 1_790_000_000 - 1_790_000_000.truncatingRemainder(dividingBy: 60))
        log.count("requests", ["route": "/m/:slug", "status": "303"], at: start.addingTimeInterval(5))
        log.count("requests", ["route": "/m/:slug", "status": "303"], at: start.addingTimeInterval(59))
        log.flush(before: start.addingTimeInterval(59))
        #expect(lines.withLockedValue { $0 }.isEmpty, "a minute is written only when it is over")
        log.count("requests", ["route": "/m/:slug", "status": "303"], at: start.addingTimeInterval(60))
        log.flush(before: start.addingTimeInterval(180))
        log.flush(before: start.addingTimeInterval(240))
        let written = lines.withLockedValue { $0 }
        #expect(written.count == 2)
        #expect(written.first?.hasPrefix("requests per minute count=2 minute=") == true)
        #expect(written.last?.hasPrefix("requests per minute count=1 minute=") == true)
    }
}
