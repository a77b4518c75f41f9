import Foundation
import Plot
import SamenspraakCore

/// A school's moments: the list, the index over the school year, and the public profile's state.
public enum MomentListPage {
    public struct Profile: Equatable, Sendable {
        public var published: Bool
        public var path: String?
        public var canPublish: Bool
        public init(published: Bool, path: String?, canPublish: Bool) {
            self.published = published
            self.path = path
            self.canPublish = canPublish
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var moments: [MomentSummary]
        public var trend: RatingTrend
        /// Display names of the trend's series (`kind.…`, `key.…`) in the reader's language.
        public var seriesNames: [String: String]
        public var threshold: Int
        public var canCreate: Bool
        public var profile: Profile
        public var today: Day
        public var notice: String?

        public init(shell: PageShell, schoolID: String, schoolName: String, moments: [MomentSummary], trend: RatingTrend,
                    seriesNames: [String: String], threshold: Int, canCreate: Bool, profile: Profile, today: Day, notice: String? = nil) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.moments = moments
            self.trend = trend
            self.seriesNames = seriesNames
            self.threshold = threshold
            self.canCreate = canCreate
            self.profile = profile
            self.today = today
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            let score = Score(value: 70, low: 55, high: 82, n: 20)
            let trend = RatingTrend(months: [YearMonth(year: 2026, month: 9), YearMonth(year: 2026, month: 10)],
                                    kinds: [.init(name: "kind.oudercontact", cells: [nil, score])], keys: [.init(name: "key.4", cells: [score, score])])
            return Model(shell: .mock(text: text), schoolID: text, schoolName: text, moments: [.mock(text)], trend: trend,
                         seriesNames: ["kind.oudercontact": text, "key.4": text], threshold: 5, canCreate: true,
                         profile: Profile(published: true, path: text, canPublish: true), today: Day(year: 2026, month: 10, day: 20),
                         notice: "profile.published")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("moments.title"), main: .div(
            .h1(.plainText(t("moments.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.plainText(t("moments.intro"))),
            .if(model.canCreate, .p(.a(.class("button"), .attr("href", SiteRoute.newMoment(schoolID: SchoolID(model.schoolID)).path), .plainText(t("moments.new"))))),
            model.moments.isEmpty ? .p(.class("muted"), .plainText(t("moments.empty"))) : .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                .class("data"),
                .caption(.plainText(t("moments.list_caption"))),
                .thead(.tr(.th(.attr("scope", "col"), .plainText(t("moment.when"))), .th(.attr("scope", "col"), .plainText(t("moment.what"))),
                           .th(.attr("scope", "col"), .plainText(t("moment.ratings"))), .th(.attr("scope", "col"), .plainText(t("moment.index"))),
                           .th(.attr("scope", "col"), .plainText(t("moment.state"))))),
                .tbody(.forEach(model.moments) { moment in
                    .tr(.td(.plainText(MomentText.period(moment.window, t))),
                        .td(.a(.attr("href", SiteRoute.moment(id: MomentID(moment.id)).path), .plainText(moment.title)),
                            .span(.class("muted"), .plainText(" · " + t("moment.kind.\(moment.kind.rawValue)")
                                                         + (moment.group.map { " · \($0)" } ?? "")))),
                        .td(.plainText(MomentText.ratings(moment.ratings, threshold: model.threshold, t))),
                        .td(.plainText(MomentText.index(moment.index, t))),
                        .td(.plainText(t("moment.state.\(moment.window.state(on: model.today).rawValue)"))))
                })
            )),
            .if(!model.moments.isEmpty, .p(.class("muted"), .plainText(t("moment.steps", ["n": String(model.threshold)])))),
            TrendView.section(model.trend, names: model.seriesNames, t: t, threshold: model.threshold),
            profileSection(model)
        ))
    }

    static func profileSection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let profile = model.profile
        return .section(
            .attr("aria-labelledby", "profile-title"),
            .h2(.id("profile-title"), .plainText(t("profile.title"))),
            .p(.plainText(t("profile.intro", ["n": String(model.threshold)]))),
            .p(.strong(.plainText(t(profile.published ? "profile.is_published" : "profile.is_not_published")))),
            .if(profile.published, .unwrap(profile.path) { path in .p(.a(.id("profile-link"), .attr("href", path), .plainText(t("profile.open")))) }),
            .if(profile.canPublish, .form(
                .method(.post), .attr("action", SiteRoute.profileSettings(schoolID: SchoolID(model.schoolID)).path),
                Forms.csrf(model.shell.csrfToken),
                .input(.type(.hidden), .attr("name", "published"), .attr("value", profile.published ? "0" : "1")),
                .button(.type(.submit), .plainText(t(profile.published ? "profile.unpublish" : "profile.publish")))
            ))
        )
    }
}
