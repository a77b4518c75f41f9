import Plot
import SamenspraakCore

/// The first screen of a survey: each language named in itself; once one is chosen, what the survey is,
/// who sees the answers, and a button to begin.
public enum SurveyStartPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        /// The languages to choose from, each with the address that shows this page in it.
        public var languages: [(LanguageCode, String)]
        public var chosen: Bool
        /// Where the begin button posts to.
        public var action: String
        /// "Choose your language" in the other offered languages, for parents who do not read the first one.
        public var alsoChoose: [(LanguageCode, String)]
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none
        /// For each spoken-only language offered, the recording of its name said in itself.
        public var spokenNames: [LanguageCode: String] = [:]

        public init(texts: Questionnaire.Texts, schoolName: String, languages: [(LanguageCode, String)], chosen: Bool, action: String,
                    alsoChoose: [(LanguageCode, String)] = []) {
            self.alsoChoose = alsoChoose
            self.texts = texts
            self.schoolName = schoolName
            self.languages = languages
            self.chosen = chosen
            self.action = action
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.texts == b.texts && a.schoolName == b.schoolName && a.chosen == b.chosen && a.action == b.action && a.voice == b.voice
                && a.spokenNames == b.spokenNames
                && a.languages.map(\.0) == b.languages.map(\.0) && a.languages.map(\.1) == b.languages.map(\.1)
                && a.alsoChoose.map(\.0) == b.alsoChoose.map(\.0) && a.alsoChoose.map(\.1) == b.alsoChoose.map(\.1)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        // In a spoken-only language the texts are Dutch: the language chosen is the recordings'.
        let current = model.voice.spoken ?? t.language
        let languageList: Node<HTML.BodyContext> = .nav(
            .attr("aria-label", t("survey.choose_language")),
            .ul(.class("language-choice"), .forEach(model.languages) { language, href in
                .li(.a(.attr("href", href), .attr("lang", language.rawValue), .attr("hreflang", language.rawValue),
                       .attr("dir", language.isRightToLeft ? "rtl" : "ltr"),
                       .if(language == current && model.chosen, .attr("aria-current", "true")),
                       .plainText(language.endonym)),
                    // A spoken-only language's name, said in itself, for a parent who does not read it.
                    .unwrap(model.spokenNames[language]) { source in
                        .element(named: "audio", nodes: [
                            .attr("class", "voice name"), .attribute(named: "controls"), .attr("preload", "none"), .attr("src", source),
                            .attr("aria-label", language.endonym), .attr("lang", language.rawValue),
                        ])
                    })
            })
        )
        guard model.chosen else {
            return ParentLayout.document(language: t.language, title: t("survey.choose_language"), schoolName: model.schoolName, main: .div(
                .h1(.plainText(t("survey.choose_language"))),
                // One item each, so the same words in several languages are read and seen apart.
                .if(!model.alsoChoose.isEmpty, .ul(.class("also"), .forEach(model.alsoChoose) { language, text in
                    .li(.attr("lang", language.rawValue), .attr("dir", language.isRightToLeft ? "rtl" : "ltr"), .plainText(text))
                })),
                languageList
            ))
        }
        let listen = t("survey.listen")
        return ParentLayout.document(language: t.language, title: t("survey.title"), schoolName: model.schoolName, spoken: model.voice.spoken != nil, main: .div(
            .h1(.plainText(t("survey.title"))),
            ParentLayout.listen(model.voice, key: "survey.title", text: t("survey.title"), label: listen),
            .p(.plainText(t("survey.intro"))),
            ParentLayout.listen(model.voice, key: "survey.intro", text: t("survey.intro"), label: listen),
            .p(.class("privacy"), .plainText(t("survey.privacy"))),
            ParentLayout.listen(model.voice, key: "survey.privacy", text: t("survey.privacy"), label: listen),
            .p(.plainText(t("survey.duration"))),
            .form(
                .method(.post), .attr("action", model.action),
                .input(.type(.hidden), .attr("name", "lang"), .attr("value", current.rawValue)),
                .button(.type(.submit), .class("primary big"), .plainText(t("survey.start")))
            ),
            ParentLayout.listen(model.voice, key: "survey.start", text: t("survey.start"), label: listen),
            .h2(.class("small"), .plainText(t("survey.choose_language"))),
            languageList
        ))
    }
}

/// One question per screen: the statement, five big answers with faces and words, back and next.
public enum SurveyQuestionPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var number: Int
        public var total: Int
        public var itemID: String
        public var selected: Int?
        public var action: String
        public var error: String?
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String, number: Int, total: Int, itemID: String, selected: Int?,
                    action: String, error: String? = nil) {
            self.texts = texts
            self.schoolName = schoolName
            self.number = number
            self.total = total
            self.itemID = itemID
            self.selected = selected
            self.action = action
            self.error = error
        }
    }

    public static func progress<C: HTML.BodyContext>(_ t: Questionnaire.Texts, number: Int, total: Int) -> Node<C> {
        .div(.class("progress"),
             .p(.attr("id", "progress"), .plainText(t("survey.progress", ["n": String(number), "total": String(total)]))),
             .element(named: "progress", nodes: [.attr("value", String(number)), .attr("max", String(total)),
                                                 .attr("aria-labelledby", "progress")]))
    }

    public static func navigation<C: HTML.BodyContext>(_ t: Questionnaire.Texts, back: Bool, nextLabel: String) -> Node<C> {
        .div(.class("survey-nav"),
             .button(.type(.submit), .attr("name", "go"), .attr("value", "next"), .class("primary big"), .plainText(nextLabel)),
             .if(back, .button(.type(.submit), .attr("name", "go"), .attr("value", "back"), .class("big"), .plainText(t("survey.back")))))
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        let field = "face[\(model.itemID)]"
        return ParentLayout.document(language: t.language, title: t("survey.progress", ["n": String(model.number), "total": String(model.total)]),
                                     schoolName: model.schoolName, readAloud: true, spoken: model.voice.spoken != nil, main: .div(
            progress(t, number: model.number, total: model.total),
            .form(
                .method(.post), .attr("action", model.action),
                .unwrap(model.error) { .p(.class("error"), .attr("role", "alert"), .plainText(t($0))) },
                .fieldset(
                    .class("question"),
                    .element(named: "legend", nodes: [
                        .h1(.attr("id", "q-\(model.itemID)"), .plainText(t("item.\(model.itemID)"))),
                    ]),
                    ParentLayout.listenOrReadAloud(model.voice, key: "item.\(model.itemID)", text: t("item.\(model.itemID)"),
                                                   label: t("survey.listen"), targetID: "q-\(model.itemID)", readAloudLabel: t("survey.read_aloud")),
                    .p(.class("hint"), .plainText(t("survey.answer_hint"))),
                    ParentLayout.listen(model.voice, key: "survey.answer_hint", text: t("survey.answer_hint"), label: t("survey.listen")),
                    .div(.class("faces"), .forEach(Faces.order) { value in
                        let id = "a\(value)"
                        return .group(.div(
                            .class("face-choice"),
                            .input(.type(.radio), .attr("id", id), .attr("name", field), .attr("value", String(value)),
                                   .flag("checked", model.selected == value)),
                            .label(.attr("for", id), Faces.svg(value), .span(.attr("id", "l\(value)"), .plainText(t("survey.face.\(value)"))))
                        ), ParentLayout.listen(model.voice, key: "survey.face.\(value)", text: t("survey.face.\(value)"), label: t("survey.listen")))
                    })
                ),
                navigation(t, back: model.number > 1, nextLabel: t("survey.next"))
            )
        ))
    }
}

/// The two open questions: first what goes well, then what would help. Both may be left empty.
public enum SurveyOpenPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var number: Int
        public var total: Int
        public var questions: [String]
        public var values: [String: String]
        public var action: String
        public var error: String?
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String, number: Int, total: Int, questions: [String],
                    values: [String: String], action: String, error: String? = nil) {
            self.texts = texts
            self.schoolName = schoolName
            self.number = number
            self.total = total
            self.questions = questions
            self.values = values
            self.action = action
            self.error = error
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        return ParentLayout.document(language: t.language, title: t("survey.open_intro"), schoolName: model.schoolName,
                                     readAloud: true, spoken: model.voice.spoken != nil, main: .div(
            SurveyQuestionPage.progress(t, number: model.number, total: model.total),
            .form(
                .method(.post), .attr("action", model.action),
                .h1(.class("small"), .plainText(t("survey.open_intro"))),
                ParentLayout.listen(model.voice, key: "survey.open_intro", text: t("survey.open_intro"), label: t("survey.listen")),
                .unwrap(model.error) { .p(.class("error"), .attr("role", "alert"), .plainText(t($0))) },
                .forEach(model.questions) { question in
                    .div(.class("field"),
                         .label(.attr("for", "text-\(question)"), .attr("id", "o-\(question)"), .plainText(t("open.\(question)"))),
                         ParentLayout.listenOrReadAloud(model.voice, key: "open.\(question)", text: t("open.\(question)"), label: t("survey.listen"),
                                                        targetID: "o-\(question)", readAloudLabel: t("survey.read_aloud")),
                         .p(.class("hint"), .plainText(t("survey.open_hint"))),
                         .textarea(.attr("id", "text-\(question)"), .attr("name", "text[\(question)]"), .attr("rows", "4"),
                                   .attr("maxlength", String(SurveyAnswers.maximumTextLength)), .plainText(model.values[question] ?? "")))
                },
                SurveyQuestionPage.navigation(t, back: true, nextLabel: t("survey.next"))
            )
        ))
    }
}

/// The last screen: how many questions were left open (that is fine), and the send button.
public enum SurveyReviewPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var number: Int
        public var total: Int
        public var unanswered: Int
        public var action: String
        public var backAction: String
        /// Why the answers were not sent yet (a catalog key); they are kept and can be sent again.
        public var error: String?
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String, number: Int, total: Int, unanswered: Int, action: String, backAction: String) {
            self.texts = texts
            self.schoolName = schoolName
            self.number = number
            self.total = total
            self.unanswered = unanswered
            self.action = action
            self.backAction = backAction
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        return ParentLayout.document(language: t.language, title: t("survey.review"), schoolName: model.schoolName, spoken: model.voice.spoken != nil, main: .div(
            // The last step asks nothing: a full bar named by the heading, not "question n of n".
            .div(.class("progress"),
                 .element(named: "progress", nodes: [.attr("value", String(model.total)), .attr("max", String(model.total)),
                                                     .attr("aria-labelledby", "review-title")])),
            .h1(.id("review-title"), .plainText(t("survey.review"))),
            ParentLayout.listen(model.voice, key: "survey.review", text: t("survey.review"), label: t("survey.listen")),
            ParentLayout.listen(model.voice, key: "survey.submit", text: t("survey.submit"), label: t("survey.listen")),
            .unwrap(model.error) { .p(.class("error"), .attr("role", "alert"), .plainText(t($0))) },
            .if(model.unanswered > 0, .p(.plainText(t("survey.unanswered", ["count": String(model.unanswered)])))),
            .div(.class("survey-nav"),
                 .form(.method(.post), .attr("action", model.action),
                       .button(.type(.submit), .class("primary big"), .plainText(t("survey.submit")))),
                 .form(.method(.post), .attr("action", model.backAction),
                       .button(.type(.submit), .attr("name", "go"), .attr("value", "back"), .class("big"), .plainText(t("survey.back")))))
        ))
    }
}

/// Thank-you, closed wave, expired page: a title and a few kind words in the parent's language. The same page as
/// a rating's messages, without a moment or language links.
public typealias SurveyMessagePage = RatingMessagePage

/// Where a parent types the code from the slip.
public enum CodeEntryPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var languages: [(LanguageCode, String)]
        public var code: String
        public var error: String?

        public init(texts: Questionnaire.Texts, languages: [(LanguageCode, String)], code: String, error: String? = nil) {
            self.texts = texts
            self.languages = languages
            self.code = code
            self.error = error
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.texts == b.texts && a.code == b.code && a.error == b.error && a.languages.map(\.1) == b.languages.map(\.1)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        return ParentLayout.document(language: t.language, title: t("survey.code.title"), schoolName: nil, main: .div(
            .h1(.plainText(t("survey.code.title"))),
            .form(
                .method(.post), .attr("action", SiteRoute.codeEntry.path), .attr("novalidate", "novalidate"),
                .input(.type(.hidden), .attr("name", "lang"), .attr("value", t.language.rawValue)),
                .div(
                    .attr("class", model.error == nil ? "field" : "field invalid"),
                    .label(.attr("for", "code"), .plainText(t("survey.code.label"))),
                    .p(.class("hint"), .attr("id", "code-hint"), .plainText(t("survey.code.hint"))),
                    .unwrap(model.error) { .p(.class("error"), .attr("id", "code-error"), .attr("role", "alert"), .plainText(t($0))) },
                    .input(.type(.text), .attr("id", "code"), .attr("name", "code"), .attr("value", model.code),
                           .attr("autocomplete", "off"), .attr("autocapitalize", "characters"), .attr("spellcheck", "false"),
                           .attr("class", "code-input"), .flag("required"),
                           .attr("aria-describedby", model.error == nil ? "code-hint" : "code-hint code-error"),
                           .attr("aria-invalid", model.error == nil ? "false" : "true"))
                ),
                .button(.type(.submit), .class("primary big"), .plainText(t("survey.code.submit")))
            ),
            .nav(.class("code-languages"), .attr("aria-label", t("survey.choose_language")),
                 .ul(.class("language-choice small"), .forEach(model.languages) { language, href in
                     .li(.a(.attr("href", href), .attr("lang", language.rawValue), .attr("hreflang", language.rawValue), .plainText(language.endonym)))
                 }))
        ))
    }
}
