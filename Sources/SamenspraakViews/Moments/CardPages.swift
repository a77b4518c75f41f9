import Foundation
import Plot
import SamenspraakCore

/// The parent's conversation card: four short open prompts and a few topics to tap, in their language, with a
/// read-aloud button per prompt. Works without JavaScript.
public enum CardPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var moment: MomentHeading
        public var languages: [LanguageLink]
        public var action: String
        public var answers: CardAnswers
        /// What was typed when the form came back with an error.
        public var typed: [String: String]
        public var already: Bool
        public var error: String?
        /// The school's recordings of this page's texts in its language.
        public var voice = Voice.none

        public init(texts: Questionnaire.Texts, schoolName: String, moment: MomentHeading, languages: [LanguageLink], action: String,
                    answers: CardAnswers = CardAnswers(), typed: [String: String] = [:], already: Bool = false, error: String? = nil) {
            self.texts = texts
            self.schoolName = schoolName
            self.moment = moment
            self.languages = languages
            self.action = action
            self.answers = answers
            self.typed = typed
            self.already = already
            self.error = error
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        let listen = t("card.listen")
        return ParentLayout.document(language: t.language, title: t("card.title"), schoolName: model.schoolName, readAloud: true, spoken: model.voice.spoken != nil, main: .div(
            .if(model.languages.count > 1, RatingPage.languageNav(model.languages, current: t.language, label: t("card.choose_language"))),
            .h1(.plainText(t("card.title"))),
            ParentLayout.listen(model.voice, key: "card.title", text: t("card.title"), label: listen),
            .p(.class("moment-when"), .plainText("\u{2068}\(model.moment.title)\u{2069} · \u{2068}\(model.moment.date)\u{2069}")),
            .p(.plainText(t("card.intro"))),
            ParentLayout.listen(model.voice, key: "card.intro", text: t("card.intro"), label: listen),
            .form(
                .method(.post), .attr("action", model.action),
                .input(.type(.hidden), .attr("name", "lang"), .attr("value", t.language.rawValue)),
                .unwrap(model.error) { .p(.class("error"), .attr("id", "card-error"), .attr("role", "alert"), .plainText(t($0))) },
                .if(model.already, .p(.class("notice info"), .plainText(t("card.already")))),
                .forEach(CardPrompt.allCases) { prompt in
                    let name = prompt.rawValue
                    return .div(.class("field"),
                                .label(.attr("for", "text-\(name)"), .attr("id", "p-\(name)"), .plainText(t("card.prompt.\(name)"))),
                                ParentLayout.listenOrReadAloud(model.voice, key: "card.prompt.\(name)", text: t("card.prompt.\(name)"), label: listen,
                                                               targetID: "p-\(name)", readAloudLabel: t("card.read_aloud")),
                                .textarea(.attr("id", "text-\(name)"), .attr("name", "text[\(name)]"), .attr("rows", "3"), .attr("dir", "auto"),
                                          .attr("maxlength", String(CardAnswers.maximumTextLength)),
                                          .attr("aria-describedby", (model.typed[name]?.count ?? 0) > CardAnswers.maximumTextLength
                                                ? "card-error card-hint" : "card-hint"),
                                          .if((model.typed[name]?.count ?? 0) > CardAnswers.maximumTextLength, .attr("aria-invalid", "true")),
                                          .plainText(model.typed[name] ?? model.answers.texts[name] ?? "")))
                },
                .p(.class("hint"), .attr("id", "card-hint"), .plainText(t("card.hint"))),
                .fieldset(.class("chip-group"),
                          .element(named: "legend", nodes: [.plainText(t("card.chips"))]),
                          ParentLayout.listen(model.voice, key: "card.chips", text: t("card.chips"), label: listen),
                          .p(.class("hint"), .plainText(t("card.chips_hint"))),
                          .ul(.class("chips"), .forEach(CardChip.allCases) { chip in
                              .li(.input(.type(.checkbox), .attr("id", "chip-\(chip.rawValue)"), .attr("name", "chips[]"), .attr("value", chip.rawValue),
                                         .flag("checked", model.answers.chips.contains(chip.rawValue))),
                                  .label(.attr("for", "chip-\(chip.rawValue)"), .plainText(t("card.chip.\(chip.rawValue)"))),
                                  ParentLayout.listen(model.voice, key: "card.chip.\(chip.rawValue)", text: t("card.chip.\(chip.rawValue)"), label: listen))
                          })),
                ParentLayout.listen(model.voice, key: "card.submit", text: t("card.submit"), label: listen),
                .div(.class("survey-nav"), .button(.type(.submit), .class("primary big"), .plainText(t("card.submit"))))
            ),
            .p(.class("privacy"), .plainText(t("card.privacy"))),
            ParentLayout.listen(model.voice, key: "card.privacy", text: t("card.privacy"), label: listen)
        ))
    }
}

/// The teacher's page before the talks: every filled card, the prompts in the teacher's language with the
/// parent's words as typed, topics translated, a clear mark when the parent asked for an interpreter. Printable.
public enum TalkCardsPage {
    public struct Card: Equatable, Sendable {
        public var slot: Int
        public var language: LanguageCode?
        public var answers: CardAnswers
        public init(slot: Int, language: LanguageCode?, answers: CardAnswers) {
            self.slot = slot
            self.language = language
            self.answers = answers
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var momentID: String
        public var momentTitle: String
        public var when: String
        /// Prompt and chip texts in the teacher's language.
        public var labels: Questionnaire.Texts
        public var cards: [Card]
        public var unfilled: Int
        public var deletedOn: Day
        public var notice: String?
        /// The talk's window and today: cards can be made here while the talk has not started.
        public var window: MomentWindow?
        public var today = Day(year: 2026, month: 1, day: 1)
        public init(shell: PageShell, momentID: String, momentTitle: String, when: String, labels: Questionnaire.Texts, cards: [Card],
                    unfilled: Int, deletedOn: Day, notice: String? = nil) {
            self.shell = shell
            self.momentID = momentID
            self.momentTitle = momentTitle
            self.when = when
            self.labels = labels
            self.cards = cards
            self.unfilled = unfilled
            self.deletedOn = deletedOn
            self.notice = notice
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let labels = model.labels
        return Layout.document(model.shell, title: t("cards.title"), main: .div(
            .class("talk-cards"),
            .h1(.plainText(t("cards.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.moment(id: MomentID(model.momentID)).path), .plainText(model.momentTitle)), .plainText(" · " + model.when)),
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.class("muted"), .plainText(t("cards.privacy", ["date": Dates.long(model.deletedOn, t)]))),
            .p(.plainText(t("cards.counts", ["filled": String(model.cards.count), "unfilled": String(model.unfilled)]))),
            .unwrap(model.window) { window in
                MomentShowPage.makeCards(momentID: model.momentID, window: window, today: model.today, csrfToken: model.shell.csrfToken,
                                         errors: [:], t: t)
            },
            model.cards.isEmpty ? .p(.class("muted"), .plainText(t("cards.none"))) : .ul(.class("cards talk-card-list"), .forEach(model.cards) { card in
                .li(.class("talk-card"),
                    .h2(.plainText(t("cards.slot", ["n": String(card.slot)]))),
                    .unwrap(card.language) { language in
                        .p(.class("muted"), .plainText(t("cards.language") + ": "),
                           .span(.attr("lang", language.rawValue), .plainText(language.endonym)))
                    },
                    .if(card.answers.wantsInterpreter, .p(.class("interpreter"), .strong(.plainText(t("cards.interpreter"))))),
                    .dl(.forEach(CardPrompt.allCases.filter { card.answers.texts[$0.rawValue] != nil }) { prompt in
                        .group(.dt(.plainText(labels("card.prompt.\(prompt.rawValue)"))),
                               .dd(.unwrap(card.language) { .attr("lang", $0.rawValue) }, .attr("dir", "auto"),
                                   .plainText(card.answers.texts[prompt.rawValue] ?? "")))
                    }),
                    .if(!card.answers.chips.isEmpty, .p(.strong(.plainText(t("cards.topics") + " ")),
                                                       .plainText(card.answers.chips.map { labels("card.chip.\($0)") }.joined(separator: " · ")))))
            })
        ))
    }
}

/// Card slips to hand out with the invitation, eight to an A4 page: each its own QR code and address.
/// Shown once, when they are made: only the hashes of their addresses are kept.
public enum CardSlipsPage {
    public struct Slip: Equatable, Sendable {
        public var slot: Int
        public var link: String
        public var qr: QRMatrix?
        public init(slot: Int, link: String, qr: QRMatrix?) {
            self.slot = slot
            self.link = link
            self.qr = qr
        }
    }

    public struct Model: Equatable, Sendable {
        public var schoolName: String
        public var moment: MomentHeading
        public var slips: [Slip]
        public var texts: [Questionnaire.Texts]
        public var staffLanguage: LanguageCode
        public var printHint: String
        public init(schoolName: String, moment: MomentHeading, slips: [Slip], texts: [Questionnaire.Texts], staffLanguage: LanguageCode, printHint: String) {
            self.schoolName = schoolName
            self.moment = moment
            self.slips = slips
            self.texts = texts
            self.staffLanguage = staffLanguage
            self.printHint = printHint
        }
    }

    public static func view(_ model: Model) -> HTML {
        PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "slips", main: .div(
            .p(.class("screen-only"), .plainText(model.printHint)),
            .h1(.class("screen-only"), .plainText("\(model.moment.title) · \(model.moment.date)")),
            .ul(.class("slip-grid"), .forEach(model.slips) { slip in
                .li(.class("slip"),
                    .unwrap(slip.qr) { QRImage.svg($0, label: slip.link, size: 110) },
                    .p(.class("slip-school"), .plainText("\(model.schoolName) · \(slip.slot)")),
                    .p(.plainText("\(model.moment.title) · \(model.moment.date)")),
                    .p(.class("slip-link"), .plainText(slip.link)),
                    .ul(.class("slip-lines"), .forEach(model.texts) { t in
                        .li(.attr("lang", t.language.rawValue), .attr("dir", t.language.isRightToLeft ? "rtl" : "ltr"),
                            .strong(.plainText(t("card.title"))), .plainText(" " + t("card.hint")))
                    }))
            })
        ))
    }
}
