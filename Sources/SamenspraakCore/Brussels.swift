import Foundation

/// Brussels time (CET, CEST in summer) by the EU rule: summer time from the last Sunday of March, 01:00 UTC,
/// to the last Sunday of October, 01:00 UTC. Computed here, so no time-zone database is needed.
public enum Brussels {
    static func lastSunday(month: Int, year: Int) -> Day {
        var day = Day(year: year, month: month, day: Day.daysIn(month: month, year: year))
        // 1970-01-01 was a Thursday: ordinal 0 → weekday 4 (0 = Sunday).
        while ((day.ordinal % 7) + 11) % 7 != 0 { day = day.adding(days: -1) }
        return day
    }

    /// Seconds since 1970 of a UTC day and time.
    static func epoch(_ day: Day, _ minutes: Int) -> Int { day.ordinal * 86_400 + minutes * 60 }

    /// Hours ahead of UTC at a UTC instant.
    public static func offsetHours(atUTC seconds: Int) -> Int {
        let year = Day(ordinal: Int((Double(seconds) / 86_400).rounded(.down))).year
        let start = epoch(lastSunday(month: 3, year: year), 60), end = epoch(lastSunday(month: 10, year: year), 60)
        return seconds >= start && seconds < end ? 2 : 1
    }

    /// The UTC instant (seconds since 1970) of a Brussels day and time. In the hour skipped in spring the
    /// time is read as summer time; in the hour repeated in autumn, as the first (summer) one.
    public static func utc(_ day: Day, _ time: TimeOfDay) -> Int {
        let local = epoch(day, time.minutes)
        let summer = local - 2 * 3600
        return offsetHours(atUTC: summer) == 2 ? summer : local - 3600
    }

    public static func offsetLabel(_ day: Day, _ time: TimeOfDay) -> String {
        offsetHours(atUTC: utc(day, time)) == 2 ? "CEST" : "CET"
    }
}

extension Brussels {
    /// The calendar day in Brussels at a UTC instant (seconds since 1970).
    public static func day(atUTC seconds: Int) -> Day {
        let local = seconds + offsetHours(atUTC: seconds) * 3600
        return Day(ordinal: Int((Double(local) / 86_400).rounded(.down)))
    }
}

extension Day {
    /// The day it is in Belgium, where the schools are, at `date`.
    public init(date: Date) {
        self = Brussels.day(atUTC: Int(date.timeIntervalSince1970.rounded(.down)))
    }
}
