/// Slows down a burst from one place: at most `limit` attempts in a window of `seconds` that starts at the first.
/// The app keeps the states in memory under a hash of address and what is limited (a moment, a wave).
public struct BurstLimit: Equatable, Sendable {
    public struct State: Equatable, Sendable {
        public var windowStart: Double
        public var count: Int
        public init(windowStart: Double, count: Int) {
            self.windowStart = windowStart
            self.count = count
        }
    }

    public var limit: Int
    public var seconds: Double

    /// A whole class of parents on the school's wifi rates at the end of an evening: the limit leaves room for them.
    public static let ratings = BurstLimit(limit: 60, seconds: 600)

    /// Survey answers sent through a wave's open link from one address in an hour. At the school gate 60 to 100
    /// families share the school's one wifi address within the hour after an evening; some send for both
    /// parents. 120 lets a busy evening through, while one person cannot add more than that to a wave per hour.
    public static let surveySends = BurstLimit(limit: 120, seconds: 3600)

    /// Drafts begun per address, wave and hour, as a multiple of the sends: a parent may start over, go back to
    /// the first page on an old phone, or give up and try later; only a flood of empty drafts is stopped.
    public static let beginsPerSend = 3

    /// Wrong one-time codes per address in an hour. Codes are 8 of 29 characters, so guessing one is hopeless at
    /// this pace; a gate of parents who mistype a letter now and then stays well under it.
    public static let codeFailures = BurstLimit(limit: 100, seconds: 3600)

    /// "Forgot your password" requests per address in an hour: a school's staff room shares one address, and
    /// nobody needs more than a few; a flood of mails to other people's inboxes is stopped.
    public static let passwordResets = BurstLimit(limit: 10, seconds: 3600)

    public init(limit: Int, seconds: Double) {
        self.limit = limit
        self.seconds = seconds
    }

    /// Counts one more attempt at time `now`; returns whether it may go on, and the new state.
    public func record(at now: Double, _ state: State?) -> (allowed: Bool, state: State) {
        guard let state, isCurrent(state, at: now) else { return (limit > 0, State(windowStart: now, count: 1)) }
        let next = State(windowStart: state.windowStart, count: state.count + 1)
        return (next.count <= limit, next)
    }

    /// Whether one more attempt would be allowed now, without counting it (for limits on failures only).
    public func allows(at now: Double, _ state: State?) -> Bool {
        guard let state, isCurrent(state, at: now) else { return limit > 0 }
        return state.count < limit
    }

    public func isCurrent(_ state: State, at now: Double) -> Bool { now - state.windowStart < seconds }
}
