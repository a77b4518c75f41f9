import Foundation
import Logging
import NIOConcurrencyHelpers
import Vapor

/// The request log. Staff requests get a line each; parents' requests (surveys, codes, ratings, conversation
/// cards: the routes registered through `ParentFacingRoutes`) and requests that match no route never do: a line
/// per send, stamped to the second, would date each response or rating together with any order in the data.
/// They are counted instead, one line per minute, route pattern and status (never the path, which may hold a token).
final class RequestLog: Sendable {
    private struct Entry: Hashable, Sendable {
        let minute: Int
        let level: Logger.Level
        let message: String
        let fields: [String: String]
    }

    private struct State {
        var counts: [Entry: Int] = [:]
        /// The earliest minute counted, so most requests learn without a look at the counts that nothing is due.
        var earliest = Int.max
    }

    /// Where the lines go; tests give it a handler that keeps them.
    let logger: Logger
    private let state = NIOLockedValueBox(State())

    init(logger: Logger = Logger(label: "samenspraak.requests")) {
        self.logger = logger
    }

    static func minute(_ date: Date) -> Int { Int((date.timeIntervalSince1970 / 60).rounded(.down)) }

    /// Counts one event in the minute of `date`; it is written with the minute's other counts once the minute is over.
    func count(_ message: String, level: Logger.Level = .info, _ fields: [String: String], at date: Date) {
        let entry = Entry(minute: Self.minute(date), level: level, message: message, fields: fields)
        state.withLockedValue { state in
            state.counts[entry, default: 0] += 1
            state.earliest = min(state.earliest, entry.minute)
        }
    }

    /// Writes the counts of every minute before the one `date` is in (all of them with `date` nil, at shutdown).
    func flush(before date: Date?) {
        let limit = date.map(Self.minute) ?? .max
        let due = state.withLockedValue { state -> [(Entry, Int)] in
            guard state.earliest < limit else { return [] }
            let due = state.counts.filter { $0.key.minute < limit }
            for entry in due.keys { state.counts[entry] = nil }
            state.earliest = state.counts.keys.map(\.minute).min() ?? .max
            return Array(due)
        }
        func order(_ entry: Entry) -> String { "\(entry.message) \(entry.fields.sorted { $0.key < $1.key })" }
        for (entry, count) in due.sorted(by: { ($0.0.minute, order($0.0)) < ($1.0.minute, order($1.0)) }) {
            var metadata = entry.fields.mapValues { Logger.MetadataValue.string($0) }
            metadata["minute"] = .string(Self.minuteText(entry.minute))
            metadata["count"] = .stringConvertible(count)
            logger.log(level: entry.level, "\(entry.message) per minute", metadata: metadata)
        }
    }

    static func minuteText(_ minute: Int) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withFullDate, .withTime, .withColonSeparatorInTime, .withDashSeparatorInDate, .withTimeZone]
        return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(minute * 60)))
    }
}

extension Request {
    /// Whether this request's log must not have a line of its own: a parent's request, or one that matched no route.
    var isCountedOnly: Bool { route.map { $0.userInfo[ParentFacingRoutes.marker] != nil } ?? true }
}

/// Registers routes as parent-facing: the request log only counts their requests per minute.
struct ParentFacingRoutes: RoutesBuilder {
    static let marker: AnySendableHashable = "samenspraak.parent-facing"
    let base: any RoutesBuilder

    init(_ base: any RoutesBuilder) { self.base = base }

    func add(_ route: Route) {
        route.userInfo[Self.marker] = true
        base.add(route)
    }
}

/// Writes the counts of a finished minute soon after it ends, and what is left at shutdown.
struct RequestLogFlush: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()

    func didBootAsync(_ application: Application) async throws {
        box.task = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(10))
                application.requestLog.flush(before: application.services.now())
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
        application.requestLog.flush(before: nil)
    }
}

extension Application {
    private struct RequestLogKey: StorageKey { typealias Value = RequestLog }

    var requestLog: RequestLog {
        get {
            if let log = storage[RequestLogKey.self] { return log }
            let log = RequestLog()
            storage[RequestLogKey.self] = log
            return log
        }
        set { storage[RequestLogKey.self] = newValue }
    }
}
