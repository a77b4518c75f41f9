import Foundation
import SamenspraakCore
import Testing

@Suite struct BrusselsDayTests {
    /// 2026-07-14 22:30 UTC is 00:30 on the 15th in Brussels (summer time, UTC+2).
    @Test func a_summer_night_after_ten_utc_is_already_the_next_day() {
        let instant = Date(timeIntervalSince1970: TimeInterval(Day(year: 2026, month: 7, day: 14).ordinal * 86_400 + 22 * 3600 + 30 * 60))
        #expect(Day(date: instant) == Day(year: 2026, month: 7, day: 15))
    }

    /// 2026-12-03 22:30 UTC is 23:30 in Brussels (winter time, UTC+1): still the same day.
    @Test func a_winter_evening_at_half_past_ten_utc_is_the_same_day() {
        let instant = Date(timeIntervalSince1970: TimeInterval(Day(year: 2026, month: 12, day: 3).ordinal * 86_400 + 22 * 3600 + 30 * 60))
        #expect(Day(date: instant) == Day(year: 2026, month: 12, day: 3))
        let later = instant.addingTimeInterval(3600)
        #expect(Day(date: later) == Day(year: 2026, month: 12, day: 4))
    }

    /// The day agrees with the time-zone database over a whole year, hour by hour.
    @Test func the_day_agrees_with_the_time_zone_database() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "Europe/Brussels"))
        let start = Day(year: 2026, month: 1, day: 1).ordinal * 86_400
        for hour in stride(from: 0, to: 366 * 24, by: 1) {
            let instant = Date(timeIntervalSince1970: TimeInterval(start + hour * 3600))
            let parts = calendar.dateComponents([.year, .month, .day], from: instant)
            #expect(Day(date: instant) == Day(year: parts.year!, month: parts.month!, day: parts.day!), "hour \(hour)")
        }
    }
}
