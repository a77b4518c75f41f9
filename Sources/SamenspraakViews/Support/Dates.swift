import SamenspraakCore

public enum Dates {
    /// "1 september 2026" / "1 September 2026": month names come from the catalog.
    public static func long(_ day: Day, _ t: Localizer) -> String {
        t("date.long", ["day": String(day.day), "month": t("month.\(day.month)"), "year": String(day.year)])
    }

    public static func period(_ from: Day, _ to: Day, _ t: Localizer) -> String {
        t("date.period", ["from": long(from, t), "to": long(to, t)])
    }
}
