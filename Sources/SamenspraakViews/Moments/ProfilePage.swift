import Plot
import SamenspraakCore

/// A school's public profile, published by its lead: what parents rate highest, how recent moments were
/// rated, the school's replies and the sentences it chose to show. Aggregates only; small groups never appear.
/// Its fixed texts come from the parent catalog `profiles` in the visitor's language; what the school wrote (its
/// name, titles, replies, sentences) stays as written.
public enum SchoolProfilePage {
    public struct Strength: Equatable, Sendable {
        public var key: Int
        public var name: String
        public var score: Score
        public init(key: Int, name: String, score: Score) {
            self.key = key
            self.name = name
            self.score = score
        }
    }

    public struct RatedMoment: Equatable, Sendable {
        public var kind: MomentKind
        public var title: String
        public var window: MomentWindow
        public var index: Score
        public var reply: String?
        public var sentences: [String]
        public init(kind: MomentKind, title: String, window: MomentWindow, index: Score, reply: String?, sentences: [String]) {
            self.kind = kind
            self.title = title
            self.window = window
            self.index = index
            self.reply = reply
            self.sentences = sentences
        }
    }

    public struct Model: Equatable, Sendable {
        /// The profile's fixed texts in the page's language (which sets `lang` and `dir`).
        public var t: Localizer
        /// The school's languages that have profile texts, each linking to this page in it.
        public var languages: [LanguageLink]
        public var schoolName: String
        public var levels: [SchoolLevel]
        /// The parent survey the strengths come from (its period), if one has enough answers.
        public var surveyPeriod: String?
        public var surveyResponses: Int
        public var strengths: [Strength]
        public var moments: [RatedMoment]
        public var threshold: Int
        /// The school's newest page for parents about what came of a survey ("you told us"), when one is online.
        public var resultsLink: String?

        public init(t: Localizer, languages: [LanguageLink], schoolName: String, levels: [SchoolLevel], surveyPeriod: String?,
                    surveyResponses: Int, strengths: [Strength], moments: [RatedMoment], threshold: Int, resultsLink: String? = nil) {
            self.resultsLink = resultsLink
            self.t = t
            self.languages = languages
            self.schoolName = schoolName
            self.levels = levels
            self.surveyPeriod = surveyPeriod
            self.surveyResponses = surveyResponses
            self.strengths = strengths
            self.moments = moments
            self.threshold = threshold
        }

        public static func mock(text: String) -> Model {
            let score = Score(value: 81, low: 66, high: 90, n: 30)
            return Model(t: .keys, languages: [LanguageLink(language: .nl, href: text), LanguageLink(language: .ar, href: text)], schoolName: text, levels: [.kleuter, .lager], surveyPeriod: text,
                         surveyResponses: 36, strengths: [Strength(key: 1, name: text, score: score)],
                         moments: [RatedMoment(kind: .infoavond, title: text,
                                               window: MomentWindow(starts: Day(year: 2026, month: 10, day: 1), ends: Day(year: 2026, month: 10, day: 1), days: 14),
                                               index: score, reply: text, sentences: [text])],
                         threshold: 5, resultsLink: text)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.t
        return ParentLayout.document(language: t.language, title: "\(model.schoolName) · Samenspraak", schoolName: nil, main: .div(
            .class("profile"),
            .if(model.languages.count > 1, RatingPage.languageNav(model.languages, current: t.language, label: t("profile.choose_language"))),
            .h1(.attr("dir", "auto"), .plainText(model.schoolName)),
            .p(.class("lead"), .plainText(SchoolShowPage.levelsText(model.levels, t))),
            .p(.class("notice info"), .plainText(t("profile.method", ["n": String(model.threshold)]))),
            .section(
                .attr("aria-labelledby", "strengths-title"),
                .h2(.id("strengths-title"), .plainText(t("profile.strengths"))),
                .unwrap(model.surveyPeriod, { period in
                    .group(
                        .p(.plainText(t("profile.survey", ["period": period, "count": String(model.surveyResponses)]))),
                        .ul(.class("cards"), .forEach(model.strengths) { strength in
                            .li(.h3(.plainText(t("report.key", ["n": String(strength.key), "name": strength.name]))),
                                .p(.class("score"), .plainText(ReportPage.scoreText(strength.score, isKey: true, threshold: model.threshold, t))))
                        })
                    )
                }, else: .p(.class("muted"), .plainText(t("profile.no_survey")))),
                .unwrap(model.resultsLink) { .p(.a(.attr("href", $0), .plainText(t("results.title")))) }
            ),
            .section(
                .attr("aria-labelledby", "moments-title"),
                .h2(.id("moments-title"), .plainText(t("profile.moments"))),
                .p(.class("muted"), .plainText(t("profile.index_method"))),
                .p(.class("muted"), .plainText(t("moment.steps", ["n": String(model.threshold)]))),
                model.moments.isEmpty ? .p(.class("muted"), .plainText(t("profile.no_moments"))) : .ul(.class("cards"), .forEach(model.moments) { moment in
                    .li(.h3(.attr("dir", "auto"), .plainText(moment.title)),
                        .p(.class("muted"), .plainText(t("moment.kind.\(moment.kind.rawValue)") + " · " + MomentText.period(moment.window, t))),
                        .p(.class("score"), .plainText(t("profile.index", ["index": ReportPage.percent(moment.index.value),
                                                                             "low": ReportPage.percent(moment.index.low),
                                                                             "high": ReportPage.percent(moment.index.high),
                                                                             "n": String(moment.index.n)]))),
                        .if(!moment.sentences.isEmpty, .ul(.class("quotes"), .forEach(moment.sentences) { sentence in
                            .li(.element(named: "q", nodes: [.attr("dir", "auto"), .plainText(sentence)]))
                        })),
                        .unwrap(moment.reply) { reply in
                            .div(.class("reply"), .h4(.plainText(t("profile.reply"))), .p(.attr("dir", "auto"), .plainText(reply)))
                        })
                })
            )
        ))
    }
}
