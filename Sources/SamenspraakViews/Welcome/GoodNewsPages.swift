import Foundation
import Plot
import SamenspraakCore

/// The teacher's order of good-news cards: which families of the class, each in its language with a sentence, the
/// name to sign with, and the format (an A4 sheet of eight, or one per screen).
public enum GoodNewsOrderPage {
    public struct Seat: Equatable, Sendable {
        public var number: Int
        /// The seat has had a warm contact already (shown, so that the ones still waiting stand out).
        public var warm: Bool
        public init(number: Int, warm: Bool) {
            self.number = number
            self.warm = warm
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var roundID: String
        public var className: String
        public var seats: [Seat]
        /// The written languages the school offers: a card is printed in one of them.
        public var languages: [LanguageCode]
        /// Each sentence in the teacher's language, in the order of `GoodNewsSentence.allCases`.
        public var sentences: [String: String]
        public var order: GoodNewsOrder
        public var errors: FieldErrors

        public init(shell: PageShell, roundID: String, className: String, seats: [Seat], languages: [LanguageCode], sentences: [String: String],
                    order: GoodNewsOrder, errors: FieldErrors = [:]) {
            self.shell = shell
            self.roundID = roundID
            self.className = className
            self.seats = seats
            self.languages = languages
            self.sentences = sentences
            self.order = order
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), roundID: text, className: text, seats: [Seat(number: 1, warm: true), Seat(number: 2, warm: false)],
                  languages: [.nl, .ar], sentences: Dictionary(uniqueKeysWithValues: GoodNewsSentence.allCases.map { ($0.rawValue, text) }),
                  order: GoodNewsOrder(seats: ["2", text], languages: ["2": text], sentences: ["2": text], teacher: text, format: text),
                  errors: ["seats": text, "teacher": text, "language[2]": text, "sentence[2]": text, "format": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let order = model.order
        let round = WelcomeRoundID(model.roundID)
        let rowErrors = model.errors.keys.filter { $0.hasPrefix("language[") || $0.hasPrefix("sentence[") }.sorted()
        return Layout.document(model.shell, title: t("welcome.cards.title") + " · " + model.className, main: .div(
            .class("narrow goodnews-order"),
            .p(.a(.attr("href", SiteRoute.welcomeRound(id: round).path), .plainText(t("welcome.back_grid", ["class": model.className])))),
            .h1(.plainText(t("welcome.cards.title"))),
            .p(.plainText(t("welcome.cards.intro"))),
            Forms.errorSummary(model.errors, order: ["seats"] + rowErrors + ["teacher", "format"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.welcomeCards(roundID: round).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .fieldset(
                    .attr("class", model.errors["seats"] == nil ? "card-rows" : "card-rows invalid"),
                    .attr("id", "seats"),
                    .element(named: "legend", nodes: [.plainText(t("welcome.cards.families"))]),
                    .unwrap(model.errors["seats"]) { .p(.class("error"), .plainText(t($0))) },
                    .p(.class("hint"), .plainText(t("welcome.cards.families_hint"))),
                    .ul(.class("card-row-list"), .forEach(model.seats) { seat in
                        row(seat, model: model, t: t)
                    })
                ),
                Forms.field(.init(name: "teacher", label: t("welcome.cards.teacher"), value: order.teacher, error: model.errors["teacher"],
                                  hint: t("welcome.cards.teacher_hint")), t: t),
                Forms.choices(name: "format", legend: t("welcome.cards.format"), type: "radio",
                              options: GoodNewsFormat.allCases.map { .init(value: $0.rawValue, label: t("welcome.cards.format.\($0.rawValue)")) },
                              selected: [order.format], error: model.errors["format"], t: t),
                Forms.submit(t("welcome.cards.make"))
            ),
            .p(.class("muted"), .plainText(t("welcome.cards.privacy")))
        ))
    }

    static func row(_ seat: Seat, model: Model, t: Localizer) -> Node<HTML.ListContext> {
        let key = String(seat.number)
        let languageField = GoodNewsOrder.field("language", seat: seat.number)
        let sentenceField = GoodNewsOrder.field("sentence", seat: seat.number)
        let chosenLanguage = model.order.languages[key] ?? LanguageCode.nl.rawValue
        let chosenSentence = model.order.sentences[key] ?? GoodNewsSentence.happyInClass.rawValue
        let invalid = model.errors[languageField] != nil || model.errors[sentenceField] != nil
        return .li(
            .attr("class", invalid ? "card-row invalid" : "card-row"),
            .div(.class("choice"),
                 .input(.type(.checkbox), .attr("id", "seat-\(key)"), .attr("name", "seats[]"), .attr("value", key),
                        .flag("checked", model.order.seats.contains(key))),
                 .label(.attr("for", "seat-\(key)"), .plainText(t("welcome.seat_label", ["seat": key])),
                        .if(seat.warm, .span(.class("muted"), .plainText(" · " + t("welcome.cards.reached")))))),
            .div(.class("field"),
                 .label(.attr("for", languageField), .plainText(t("welcome.cards.language", ["seat": key]))),
                 .unwrap(model.errors[languageField]) { .p(.class("error"), .attr("id", "language-\(key)-error"), .plainText(t($0))) },
                 .select(.attr("id", languageField), .attr("name", languageField),
                         .if(model.errors[languageField] != nil, .attr("aria-describedby", "language-\(key)-error")),
                         .forEach(model.languages) { language in
                             .element(named: "option", nodes: [.attr("value", language.rawValue), .flag("selected", language.rawValue == chosenLanguage),
                                                               .plainText(WelcomeFiguresView.languageName(language.rawValue, t))])
                         })),
            .div(.class("field"),
                 .label(.attr("for", sentenceField), .plainText(t("welcome.cards.sentence", ["seat": key]))),
                 .unwrap(model.errors[sentenceField]) { .p(.class("error"), .attr("id", "sentence-\(key)-error"), .plainText(t($0))) },
                 .select(.attr("id", sentenceField), .attr("name", sentenceField),
                         .if(model.errors[sentenceField] != nil, .attr("aria-describedby", "sentence-\(key)-error")),
                         .forEach(GoodNewsSentence.allCases) { sentence in
                             .element(named: "option", nodes: [.attr("value", sentence.rawValue), .flag("selected", sentence.rawValue == chosenSentence),
                                                               .plainText(model.sentences[sentence.rawValue] ?? sentence.rawValue)])
                         }))
        )
    }
}

/// The cards as made: eight to an A4 page (to cut, write a line on by hand and hand out), or one per screen to show
/// or send on. Each in the family's language, signed with the teacher's name, with the QR code of its answer page.
/// The links are shown here once: only their hashes are kept.
public enum GoodNewsPrintPage {
    public struct Card: Equatable, Sendable {
        public var seat: Int
        /// The card's texts in the family's language.
        public var texts: Questionnaire.Texts
        public var sentence: GoodNewsSentence
        /// The sentence in the teacher's language, printed small when the card is in another language.
        public var staffSentence: String
        public var link: String
        public var qr: QRMatrix?
        public var expiresOn: Day

        public init(seat: Int, texts: Questionnaire.Texts, sentence: GoodNewsSentence, staffSentence: String, link: String, qr: QRMatrix?,
                    expiresOn: Day) {
            self.seat = seat
            self.texts = texts
            self.sentence = sentence
            self.staffSentence = staffSentence
            self.link = link
            self.qr = qr
            self.expiresOn = expiresOn
        }
    }

    public struct Model: Equatable, Sendable {
        public var cards: [Card]
        public var teacher: String
        public var format: GoodNewsFormat
        public var staffLanguage: LanguageCode
        /// Texts in the staff language: the title, the hint above the paper, "seat N".
        public var title: String
        public var hint: String
        public var seatLabels: [Int: String]
        public var tools: PrintLayout.Tools?

        public init(cards: [Card], teacher: String, format: GoodNewsFormat, staffLanguage: LanguageCode, title: String, hint: String,
                    seatLabels: [Int: String], tools: PrintLayout.Tools?) {
            self.cards = cards
            self.teacher = teacher
            self.format = format
            self.staffLanguage = staffLanguage
            self.title = title
            self.hint = hint
            self.seatLabels = seatLabels
            self.tools = tools
        }
    }

    static func date(_ day: Day) -> String { "\u{2068}\(day.day)/\(day.month)/\(day.year)\u{2069}" }

    static func card(_ card: Card, model: Model, qrSize: Int) -> Node<HTML.ListContext> {
        let t = card.texts
        let language = t.language
        return .li(
            .attr("class", model.format == .sheet ? "slip goodnews-card" : "goodnews-card goodnews-phone"),
            .attr("lang", language.rawValue), .attr("dir", language.isRightToLeft ? "rtl" : "ltr"),
            .p(.class("goodnews-seat"), .attr("lang", model.staffLanguage.rawValue), .plainText(model.seatLabels[card.seat] ?? String(card.seat))),
            .unwrap(card.qr) { QRImage.svg($0, label: card.link, size: qrSize) },
            .h2(.plainText(t("goodnews.title"))),
            .p(.class("goodnews-sentence"), .plainText(t(card.sentence.catalogKey))),
            .if(language != model.staffLanguage,
                .p(.class("goodnews-staff"), .attr("lang", model.staffLanguage.rawValue), .attr("dir", model.staffLanguage.isRightToLeft ? "rtl" : "ltr"),
                   .plainText(card.staffSentence))),
            .if(model.format == .sheet, .div(.class("goodnews-lines"), .attr("aria-hidden", "true"))),
            .p(.class("goodnews-from"), .plainText(t("goodnews.from", ["teacher": "\u{2068}\(model.teacher)\u{2069}"]))),
            .p(.class("goodnews-scan"), .plainText(t("goodnews.scan") + " " + t("goodnews.until", ["date": date(card.expiresOn)]))),
            .if(model.format == .phone, .p(.class("goodnews-link"), .attr("dir", "ltr"), .plainText(card.link)))
        )
    }

    public static func view(_ model: Model) -> HTML {
        PrintLayout.document(language: model.staffLanguage, title: model.title, bodyClass: model.format == .sheet ? "slips goodnews" : "goodnews", main: .div(
            PrintLayout.tools(model.tools),
            .h1(.class("screen-only"), .plainText(model.title)),
            .p(.class("screen-only"), .plainText(model.hint)),
            .ul(.attr("class", model.format == .sheet ? "slip-grid" : "goodnews-phones"), .forEach(model.cards) { card($0, model: model, qrSize: model.format == .sheet ? 100 : 200) })
        ))
    }
}

/// The parent's page of a good-news card: the good news in their language, and three buttons to answer with one tap,
/// with an optional sentence. No JavaScript needed; a play button beside each recorded text.
public enum GoodNewsPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var teacher: String
        public var sentence: GoodNewsSentence
        public var languages: [LanguageLink]
        public var action: String
        public var expiresOn: Day
        /// What this card was answered with already, if anything (the button only, never the sentence).
        public var answered: GoodNewsReply?
        /// The sentence as typed, when the form came back with an error.
        public var typed: String
        public var error: String?
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String, teacher: String, sentence: GoodNewsSentence, languages: [LanguageLink],
                    action: String, expiresOn: Day, answered: GoodNewsReply? = nil, typed: String = "", error: String? = nil) {
            self.texts = texts
            self.schoolName = schoolName
            self.teacher = teacher
            self.sentence = sentence
            self.languages = languages
            self.action = action
            self.expiresOn = expiresOn
            self.answered = answered
            self.typed = typed
            self.error = error
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        let listen = t("card.listen")
        let tooLong = model.typed.count > GoodNewsCardRules.maximumReplyText
        return ParentLayout.document(language: t.language, title: t("goodnews.title"), schoolName: model.schoolName, readAloud: true,
                                     spoken: model.voice.spoken != nil, main: .div(
            .class("goodnews-answer"),
            .if(model.languages.count > 1, RatingPage.languageNav(model.languages, current: t.language, label: t("card.choose_language"))),
            .h1(.plainText(t("goodnews.title"))),
            ParentLayout.listen(model.voice, key: "goodnews.title", text: t("goodnews.title"), label: listen),
            .p(.class("goodnews-sentence"), .attr("id", "goodnews-sentence"), .plainText(t(model.sentence.catalogKey))),
            ParentLayout.listenOrReadAloud(model.voice, key: model.sentence.catalogKey, text: t(model.sentence.catalogKey), label: listen,
                                           targetID: "goodnews-sentence", readAloudLabel: t("card.read_aloud")),
            .p(.class("goodnews-from"), .plainText(t("goodnews.from", ["teacher": "\u{2068}\(model.teacher)\u{2069}"]))),
            .form(
                .method(.post), .attr("action", model.action),
                .input(.type(.hidden), .attr("name", "lang"), .attr("value", t.language.rawValue)),
                .unwrap(model.error) { .p(.class("error"), .attr("id", "goodnews-error"), .attr("role", "alert"), .plainText(t($0))) },
                .unwrap(model.answered) { reply in
                    .p(.class("notice info"), .plainText(t("goodnews.answered", ["answer": t(reply.catalogKey)])))
                },
                .fieldset(
                    .class("goodnews-replies"),
                    .element(named: "legend", nodes: [.attr("id", "goodnews-prompt"), .plainText(t("goodnews.answer_prompt"))]),
                    ParentLayout.listen(model.voice, key: "goodnews.answer_prompt", text: t("goodnews.answer_prompt"), label: listen),
                    .div(.class("field"),
                         .label(.attr("for", "goodnews-text"), .plainText(t("goodnews.text_label"))),
                         ParentLayout.listen(model.voice, key: "goodnews.text_label", text: t("goodnews.text_label"), label: listen),
                         .textarea(.attr("id", "goodnews-text"), .attr("name", "text"), .attr("rows", "2"), .attr("dir", "auto"),
                                   .attr("maxlength", String(GoodNewsCardRules.maximumReplyText)),
                                   .if(tooLong, .attr("aria-invalid", "true")), .if(tooLong, .attr("aria-describedby", "goodnews-error")),
                                   .plainText(model.typed))),
                    .ul(.class("goodnews-buttons"), .forEach(GoodNewsReply.allCases) { reply in
                        .li(.button(.type(.submit), .attr("name", "reply"), .attr("value", reply.rawValue),
                                    .attr("class", model.answered == reply ? "primary big chosen" : "primary big"),
                                    .plainText(t(reply.catalogKey))),
                            ParentLayout.listen(model.voice, key: reply.catalogKey, text: t(reply.catalogKey), label: listen))
                    })
                )
            ),
            .p(.class("hint"), .plainText(t("goodnews.until", ["date": GoodNewsPrintPage.date(model.expiresOn)]))),
            .p(.class("privacy"), .plainText(t("goodnews.privacy"))),
            ParentLayout.listen(model.voice, key: "goodnews.privacy", text: t("goodnews.privacy"), label: listen)
        ))
    }
}

/// A good-news card's message page: thank you, expired, or not found; in the parent's language.
public enum GoodNewsMessagePage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String?
        public var titleKey: String
        public var textKeys: [String]
        public var languages: [LanguageLink]
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String?, titleKey: String, textKeys: [String], languages: [LanguageLink] = []) {
            self.texts = texts
            self.schoolName = schoolName
            self.titleKey = titleKey
            self.textKeys = textKeys
            self.languages = languages
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        let listen = t("card.listen")
        return ParentLayout.document(language: t.language, title: t(model.titleKey), schoolName: model.schoolName, spoken: model.voice.spoken != nil,
                                     main: .div(
            .class("message"),
            .if(model.languages.count > 1, RatingPage.languageNav(model.languages, current: t.language, label: t("card.choose_language"))),
            .h1(.plainText(t(model.titleKey))),
            .forEach(model.textKeys) { key in
                .group(.p(.plainText(t(key))), ParentLayout.listen(model.voice, key: key, text: t(key), label: listen))
            }
        ))
    }
}
