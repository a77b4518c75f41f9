import Foundation
import Plot
import SamenspraakCore

/// A moment as staff see it in lists and on its page.
public struct MomentSummary: Equatable, Sendable {
    public var id: String
    public var kind: MomentKind
    public var title: String
    public var window: MomentWindow
    public var group: String?
    public var keys: [Int]
    /// nil when fewer than the threshold rated it (the exact number is not shown either).
    public var ratings: Int?
    public var index: Score?
    public var hasReply: Bool

    public init(id: String, kind: MomentKind, title: String, window: MomentWindow, group: String?, keys: [Int], ratings: Int?,
                index: Score?, hasReply: Bool = false) {
        self.id = id
        self.kind = kind
        self.title = title
        self.window = window
        self.group = group
        self.keys = keys
        self.ratings = ratings
        self.index = index
        self.hasReply = hasReply
    }

    static func mock(_ text: String) -> MomentSummary {
        MomentSummary(id: text, kind: .oudercontact, title: text,
                      window: MomentWindow(starts: Day(year: 2026, month: 10, day: 12), ends: Day(year: 2026, month: 10, day: 15), days: 14),
                      group: text, keys: [4, 5], ratings: 14, index: Score(value: 71, low: 52, high: 85, n: 14), hasReply: true)
    }
}

public enum MomentText {
    static func index(_ score: Score?, _ t: Localizer) -> String {
        guard let score else { return "–" }
        return t("moment.index_value", ["index": ReportPage.percent(score.value), "low": ReportPage.percent(score.low),
                                        "high": ReportPage.percent(score.high)])
    }

    static func ratings(_ count: Int?, threshold: Int, _ t: Localizer) -> String {
        count.map { t("moment.ratings_count", ["count": String($0)]) } ?? t("moment.too_few", ["n": String(threshold)])
    }

    public static func periodText(_ window: MomentWindow, _ t: Localizer) -> String { period(window, t) }

    static func period(_ window: MomentWindow, _ t: Localizer) -> String {
        window.starts == window.ends ? Dates.long(window.starts, t) : Dates.period(window.starts, window.ends, t)
    }
}
