/// When answers from paper forms may be typed in: while the wave is open and a number of days after it closes,
/// so forms handed in late still count but a finished report cannot be changed months later.
public struct PaperEntryWindow: Equatable, Sendable {
    public var opens: Day
    public var closes: Day
    /// Days after the last day of the wave.
    public var graceDays: Int

    public static let defaultGraceDays = 14
    public static let graceDaysRange = 0...90

    public init(opens: Day, closes: Day, graceDays: Int) {
        self.opens = opens
        self.closes = closes
        self.graceDays = graceDays
    }

    /// The last day on which paper forms can be typed in.
    public var lastDay: Day { closes.adding(days: graceDays) }

    public func allows(on today: Day) -> Bool { opens <= today && today <= lastDay }
}
