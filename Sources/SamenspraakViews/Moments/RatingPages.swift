import Plot
import SamenspraakCore

/// A language a parent can switch to, with the address that shows the page in it.
public struct LanguageLink: Equatable, Sendable {
    public var language: LanguageCode
    public var href: String
    public init(language: LanguageCode, href: String) {
        self.language = language
        self.href = href
    }
}

/// A moment as parents see it: what it was and when, and the school's reply if there is one.
public struct MomentHeading: Equatable, Sendable {
    public var title: String
    public var date: String
    public var reply: String?
    public init(title: String, date: String, reply: String? = nil) {
        self.title = title
        self.date = date
        self.reply = reply
    }

    /// The date as digits (day/month/year): the same for every language a parent reads.
    public static func date(_ starts: Day, _ ends: Day) -> String {
        func format(_ day: Day) -> String { "\(day.day)/\(day.month)/\(day.year)" }
        return starts == ends ? format(starts) : "\(format(starts)) – \(format(ends))"
    }

    func line<C: HTML.BodyContext>(_ t: Questionnaire.Texts) -> Node<C> {
        // Isolates keep a Dutch title and a date in order inside an Arabic sentence.
        .p(.class("moment-when"), .plainText(t("rating.when", ["title": "\u{2068}\(title)\u{2069}", "date": "\u{2068}\(date)\u{2069}"])))
    }

    func replySection<C: HTML.BodyContext>(_ t: Questionnaire.Texts) -> Node<C> {
        .unwrap(reply) { reply in
            .section(.class("reply"), .attr("aria-labelledby", "reply-title"),
                     .h2(.id("reply-title"), .plainText(t("rating.reply"))),
                     .p(.attr("dir", "auto"), .plainText(reply)))
        }
    }
}

/// "How was it?": four faces, the chips of this kind of moment, a sentence, send. One screen, no JavaScript.
public enum RatingPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var moment: MomentHeading
        public var chips: RatingCatalog.Chips
        public var languages: [LanguageLink]
        public var action: String
        /// Proof that the form came from this page on this device (see the controller).
        public var check: String
        public var face: Int?
        public var chosen: [String]
        public var text: String
        /// This device rated the moment before: the form shows that rating, to change.
        public var already: Bool
        public var error: String?
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String, moment: MomentHeading, chips: RatingCatalog.Chips,
                    languages: [LanguageLink], action: String, check: String, face: Int? = nil, chosen: [String] = [], text: String = "",
                    already: Bool = false, error: String? = nil) {
            self.texts = texts
            self.schoolName = schoolName
            self.moment = moment
            self.chips = chips
            self.languages = languages
            self.action = action
            self.check = check
            self.face = face
            self.chosen = chosen
            self.text = text
            self.already = already
            self.error = error
        }
    }

    static func languageNav<C: HTML.BodyContext>(_ links: [LanguageLink], current: LanguageCode, label: String) -> Node<C> {
        .nav(.attr("aria-label", label), .ul(.class("language-inline"), .forEach(links) { link in
            .li(.a(.attr("href", link.href), .attr("lang", link.language.rawValue), .attr("hreflang", link.language.rawValue),
                   .attr("dir", link.language.isRightToLeft ? "rtl" : "ltr"),
                   .if(link.language == current, .attr("aria-current", "true")), .plainText(link.language.endonym)))
        }))
    }

    static func chipGroup<C: HTML.BodyContext>(_ name: String, legend: String, hint: String, chips: [String], chosen: [String],
                                               t: Questionnaire.Texts, voice: Voice = .none) -> Node<C> {
        .fieldset(.class("chip-group"),
                  .element(named: "legend", nodes: [.plainText(legend)]),
                  ParentLayout.listen(voice, key: "rating.\(name)", text: legend, label: t("rating.listen")),
                  .p(.class("hint"), .plainText(hint)),
                  .ul(.class("chips"), .forEach(chips) { chip in
                      .li(.input(.type(.checkbox), .attr("id", "\(name)-\(chip)"), .attr("name", "chips[]"), .attr("value", chip),
                                 .flag("checked", chosen.contains(chip))),
                          .label(.attr("for", "\(name)-\(chip)"), .plainText(t("chip.\(chip)"))),
                          ParentLayout.listen(voice, key: "chip.\(chip)", text: t("chip.\(chip)"), label: t("rating.listen")))
                  }))
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        return ParentLayout.document(language: t.language, title: t("rating.title"), schoolName: model.schoolName, spoken: model.voice.spoken != nil, main: .div(
            .if(model.languages.count > 1, languageNav(model.languages, current: t.language, label: t("rating.choose_language"))),
            .h1(.plainText(t("rating.title"))),
            ParentLayout.listen(model.voice, key: "rating.title", text: t("rating.title"), label: t("rating.listen")),
            model.moment.line(t),
            model.moment.replySection(t),
            .form(
                .method(.post), .attr("action", model.action),
                .input(.type(.hidden), .attr("name", "lang"), .attr("value", t.language.rawValue)),
                .input(.type(.hidden), .attr("name", "check"), .attr("value", model.check)),
                .unwrap(model.error) { .p(.class("error"), .attr("role", "alert"), .plainText(t($0))) },
                .if(model.already, .p(.class("notice info"), .plainText(t("rating.already")))),
                .fieldset(
                    .class("question"),
                    .element(named: "legend", nodes: [.plainText(t("rating.face_hint"))]),
                    .div(.class("faces"), .forEach([4, 3, 2, 1]) { value in
                        .group(.div(.class("face-choice"),
                             .input(.type(.radio), .attr("id", "f\(value)"), .attr("name", "face"), .attr("value", String(value)),
                                    .flag("checked", model.face == value)),
                             .label(.attr("for", "f\(value)"), Faces.svg(value), .span(.plainText(t("rating.face.\(value)"))))),
                               ParentLayout.listen(model.voice, key: "rating.face.\(value)", text: t("rating.face.\(value)"), label: t("rating.listen")))
                    })
                ),
                chipGroup("good", legend: t("rating.good"), hint: t("rating.chips_hint"), chips: model.chips.good, chosen: model.chosen, t: t,
                          voice: model.voice),
                chipGroup("better", legend: t("rating.better"), hint: t("rating.chips_hint"), chips: model.chips.better,
                          chosen: model.chosen, t: t, voice: model.voice),
                .div(.class("field"),
                     .label(.attr("for", "text"), .plainText(t("rating.text_label"))),
                     ParentLayout.listen(model.voice, key: "rating.text_label", text: t("rating.text_label"), label: t("rating.listen")),
                     .p(.class("hint"), .attr("id", "text-hint"), .plainText(t("rating.text_hint"))),
                     .textarea(.attr("id", "text"), .attr("name", "text"), .attr("rows", "3"), .attr("dir", "auto"),
                               .attr("aria-describedby", "text-hint"),
                               .attr("maxlength", String(RatingAnswer.maximumTextLength)), .plainText(model.text))),
                ParentLayout.listen(model.voice, key: "rating.submit", text: t("rating.submit"), label: t("rating.listen")),
                .div(.class("survey-nav"), .button(.type(.submit), .class("primary big"), .plainText(t("rating.submit"))))
            ),
            .p(.class("privacy"), .plainText(t("rating.privacy"))),
            ParentLayout.listen(model.voice, key: "rating.privacy", text: t("rating.privacy"), label: t("rating.listen"))
        ))
    }
}

/// Thank-you, closed, not yet open, unknown link: a title, a few words, and the school's reply when there is one.
public enum RatingMessagePage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String?
        public var titleKey: String
        public var textKey: String
        public var values: [String: String]
        public var moment: MomentHeading?
        public var languages: [LanguageLink]
        /// One way on, e.g. "change your answer" after it arrived: the text's key and the address.
        public var link: MessageLink?
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String?, titleKey: String, textKey: String, values: [String: String] = [:],
                    moment: MomentHeading? = nil, languages: [LanguageLink] = [], link: MessageLink? = nil) {
            self.texts = texts
            self.schoolName = schoolName
            self.titleKey = titleKey
            self.textKey = textKey
            self.values = values
            self.moment = moment
            self.languages = languages
            self.link = link
        }
    }

    public struct MessageLink: Equatable, Sendable {
        public var textKey: String
        public var href: String
        public init(textKey: String, href: String) {
            self.textKey = textKey
            self.href = href
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        return ParentLayout.document(language: t.language, title: t(model.titleKey), schoolName: model.schoolName, spoken: model.voice.spoken != nil, main: .div(
            .class("message"),
            .if(model.languages.count > 1, RatingPage.languageNav(model.languages, current: t.language, label: t("rating.choose_language"))),
            .h1(.plainText(t(model.titleKey))),
            .unwrap(model.moment) { $0.line(t) },
            .p(.plainText(t(model.textKey, model.values))),
            ParentLayout.listen(model.voice, key: model.textKey, text: t(model.textKey, model.values), label: ParentLayout.listenLabel(t)),
            .unwrap(model.link) { .p(.a(.attr("href", $0.href), .plainText(t($0.textKey)))) },
            .unwrap(model.moment) { $0.replySection(t) }
        ))
    }
}
