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
