/// How failed sign-ins slow an account down: a few free tries, then a wait that doubles with each failure.
public struct SignInThrottlePolicy: Equatable, Sendable {
    public var freeAttempts: Int
    public var firstWaitSeconds: Int
    public var maximumWaitSeconds: Int

    public init(freeAttempts: Int = 5, firstWaitSeconds: Int = 30, maximumWaitSeconds: Int = 3600) {
        self.freeAttempts = freeAttempts
        self.firstWaitSeconds = firstWaitSeconds
        self.maximumWaitSeconds = maximumWaitSeconds
    }

    /// Seconds to wait after `failures` consecutive failures (0 while tries remain).
    public func waitSeconds(afterFailures failures: Int) -> Int {
        guard failures >= freeAttempts else { return 0 }
        let doublings = min(failures - freeAttempts, 20)
        return min(firstWaitSeconds << doublings, maximumWaitSeconds)
    }

    /// Whole minutes to tell a person, rounded up, at least 1.
    public static func minutesToTell(seconds: Double) -> Int {
        max(1, Int((seconds / 60).rounded(.up)))
    }
}

/// Limits that hold across accounts: failed sign-ins from one client address (password spraying: one password tried
/// on many accounts), and how many browsers per account are remembered as known.
public struct SignInAddressPolicy: Equatable, Sendable {
    /// Failures from unknown browsers at one address within `windowSeconds` that refuse the next try…
    public var failures: Int
    public var windowSeconds: Int
    /// …and the browsers remembered per account, the least recently used forgotten first, and for how long.
    public var devicesPerAccount: Int
    public var deviceDays: Int

    public init(failures: Int = 20, windowSeconds: Int = 900, devicesPerAccount: Int = 10, deviceDays: Int = 400) {
        self.failures = failures
        self.windowSeconds = windowSeconds
        self.devicesPerAccount = devicesPerAccount
        self.deviceDays = deviceDays
    }

    /// Whether `recentFailures` (within the window) refuse the next try.
    public func refuses(recentFailures: Int) -> Bool { recentFailures >= failures }
}
