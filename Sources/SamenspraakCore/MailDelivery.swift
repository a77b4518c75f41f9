import Foundation

/// Where one mail of the outbox stands, as the person who caused it sees it.
public enum MailStatus: String, Sendable, CaseIterable, Equatable {
    /// Written with the action, not tried yet.
    case queued
    /// Taken by one app server, being handed to the mail server now.
    case sending
    /// Accepted by the mail server.
    case sent
    /// The mail server or the network refused for now; tried again later.
    case retrying
    /// Given up: refused for good, or still refused after every retry.
    case failed

    /// True while a worker may still pick it up.
    public var isPending: Bool { self == .queued || self == .retrying }
}

/// When to try a mail again after a temporary refusal, and when to give up.
public struct MailRetryPolicy: Equatable, Sendable {
    /// Seconds to wait after the 1st, 2nd, … failed attempt; after the last one the mail fails.
    public var delays: [Int]

    /// About a day of retries: 1 min, 5 min, 15 min, 1 h, 3 h, 6 h, 12 h.
    public init(delays: [Int] = [60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600]) {
        self.delays = delays
    }

    /// Seconds until the next try after `attempts` failed attempts, or nil when it is time to give up.
    public func delay(afterAttempts attempts: Int) -> Int? {
        guard attempts >= 1, attempts <= delays.count else { return nil }
        return delays[attempts - 1]
    }

    /// How long a worker may hold a mail it took before another worker may take it again (a crashed server).
    public static let leaseSeconds = 300
}

/// The rules of "forgot your password": how long a link lives and how often it may be asked for.
public enum PasswordResetRules {
    /// A reset link works for one hour, once.
    public static let lifetimeSeconds = 3600
    /// At most this many reset mails per account per hour; more requests are answered alike but send nothing.
    public static let mailsPerAccountPerHour = 3
}
