import Crypto
import Foundation
import NIOConcurrencyHelpers
import SamenspraakCore
import Vapor

/// Counts attempts per address and scope (a moment, a wave) in memory, under a SHA-256 of the two: the address is
/// not stored and not logged, and the counts are gone when the server restarts. Each app server counts for itself.
final class BurstLimiter: Sendable {
    private let states = NIOLockedValueBox<[String: BurstLimit.State]>([:])
    /// What is limited, for the log: "rating", "survey send" …
    let name: String
    let limit: BurstLimit

    init(_ name: String, limit: BurstLimit) {
        self.name = name
        self.limit = limit
    }

    /// Counts one attempt and says whether it may go on.
    func admit(_ req: Request, scope: String) -> Bool {
        let key = Self.key(req, scope: scope)
        let now = req.now.timeIntervalSince1970
        let (allowed, count) = states.withLockedValue { states -> (Bool, Int) in
            forgetOld(&states, now: now)
            let (allowed, next) = limit.record(at: now, states[key])
            states[key] = next
            return (allowed, next.count)
        }
        if !allowed { log(req, scope: scope, count: count) }
        return allowed
    }

    /// Whether one more attempt would be let through, without counting it: for limits that count failures only.
    func allows(_ req: Request, scope: String) -> Bool {
        let key = Self.key(req, scope: scope)
        let now = req.now.timeIntervalSince1970
        let (allowed, count) = states.withLockedValue { states in (limit.allows(at: now, states[key]), states[key]?.count ?? 0) }
        if !allowed { log(req, scope: scope, count: count) }
        return allowed
    }

    /// Counts a failure (see `allows`).
    func record(_ req: Request, scope: String) {
        let key = Self.key(req, scope: scope)
        let now = req.now.timeIntervalSince1970
        states.withLockedValue { states in
            forgetOld(&states, now: now)
            states[key] = limit.record(at: now, states[key]).state
        }
    }

    private func forgetOld(_ states: inout [String: BurstLimit.State], now: Double) {
        if states.count > 50_000 { states = states.filter { limit.isCurrent($0.value, at: now) } }
    }

    /// Counted per minute like every parent's request: a line of its own would date the attempt.
    private func log(_ req: Request, scope: String, count: Int) {
        req.application.requestLog.count("\(name) burst throttled", level: .warning, ["scope": scope], at: req.now)
    }

    static func key(_ req: Request, scope: String) -> String {
        let address = req.application.clientAddress(req)
        return SHA256.hash(data: Data("\(address)|\(scope)".utf8)).prefix(16).hexString
    }
}

/// The limiters of one app server, made from its configuration.
struct BurstLimiters: Sendable {
    let ratings: BurstLimiter
    let surveySends: BurstLimiter
    let surveyBegins: BurstLimiter
    let codeFailures: BurstLimiter
    let passwordResets: BurstLimiter
    /// Wrong setup codes (`/setup` on an empty database): ten an hour per address. The code has 60 bits, so this
    /// only keeps the log and the server quiet.
    let setupFailures: BurstLimiter

    init(_ config: AppConfiguration) {
        ratings = BurstLimiter("rating", limit: BurstLimit(limit: config.ratingBurst, seconds: BurstLimit.ratings.seconds))
        surveySends = BurstLimiter("survey send", limit: BurstLimit(limit: config.surveyBurst, seconds: BurstLimit.surveySends.seconds))
        surveyBegins = BurstLimiter("survey begin", limit: BurstLimit(limit: config.surveyBurst * BurstLimit.beginsPerSend,
                                                                       seconds: BurstLimit.surveySends.seconds))
        codeFailures = BurstLimiter("wrong code", limit: BurstLimit(limit: config.codeFailures, seconds: BurstLimit.codeFailures.seconds))
        passwordResets = BurstLimiter("password reset", limit: BurstLimit.passwordResets)
        setupFailures = BurstLimiter("wrong setup code", limit: BurstLimit(limit: 10, seconds: 3600))
    }
}

extension Application {
    private struct BurstLimitersKey: StorageKey { typealias Value = BurstLimiters }
    private struct ClientAddressKey: StorageKey { typealias Value = @Sendable (Request) -> String }

    var bursts: BurstLimiters {
        get {
            if let limiters = storage[BurstLimitersKey.self] { return limiters }
            let limiters = BurstLimiters(samenspraakConfig)
            storage[BurstLimitersKey.self] = limiters
            return limiters
        }
        set { storage[BurstLimitersKey.self] = newValue }
    }

    /// Where a request comes from, for the burst limits and the sign-in guard only: the connection's address, or
    /// behind a trusted proxy the address it forwards for (`TrustedProxies.client`). Tests replace it to play
    /// several networks.
    var clientAddress: @Sendable (Request) -> String {
        get {
            storage[ClientAddressKey.self] ?? { req in
                req.application.samenspraakConfig.trustedProxies.client(peer: req.remoteAddress?.ipAddress,
                                                                        forwardedFor: req.headers[.xForwardedFor]) ?? "unknown"
            }
        }
        set { storage[ClientAddressKey.self] = newValue }
    }
}
