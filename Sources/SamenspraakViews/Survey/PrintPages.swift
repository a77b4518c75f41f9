import Plot
import SamenspraakCore

/// Pages meant for paper (A4): no menus, the browser's print does the rest.
public enum PrintLayout {
    public static func document(language: LanguageCode, title: String, bodyClass: String, main: Node<HTML.BodyContext>) -> HTML {
        HTML(
            .attr("lang", language.rawValue),
            .attr("dir", language.isRightToLeft ? "rtl" : "ltr"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.name("viewport"), .content("width=device-width, initial-scale=1")),
                .element(named: "title", text: title),
                .link(.rel(.stylesheet), .attr("href", SiteRoute.stylesheet.path)),
                // Only shows the print button (and read-aloud, where a page has it); the page works without it.
                .element(named: "script", nodes: [.attr("src", SiteRoute.readAloudScript.path), .attribute(named: "defer")])
            ),
            .body(.attr("class", "print-page \(bodyClass)"), .main(.id("main"), main))
        )
    }

    /// A way back and a print button, above the paper and left off it. The button needs the site's script and
    /// stays hidden without it; the print hint next to it then says to use the browser's print.
    public struct Tools: Equatable, Sendable {
        public var back: String
        public var backLabel: String
        public var printLabel: String
        /// The staff language the two are written in (the paper itself may be in a parent's language).
        public var language: LanguageCode
        public init(back: String, backLabel: String, printLabel: String, language: LanguageCode = .nl) {
            self.language = language
            self.back = back
            self.backLabel = backLabel
            self.printLabel = printLabel
        }
    }

    public static func tools<C: HTML.BodyContext>(_ tools: Tools?) -> Node<C> {
        .unwrap(tools) { tools in
            .div(.class("print-tools screen-only"), .attr("lang", tools.language.rawValue),
                 .attr("dir", tools.language.isRightToLeft ? "rtl" : "ltr"),
                 .a(.class("print-back"), .attr("href", tools.back), .plainText(tools.backLabel)),
                 .button(.type(.button), .attr("data-print", "true"), .flag("hidden"), .plainText(tools.printLabel)))
        }
    }
}

/// An A4 poster: the invitation in every language the school offers, the QR code and the short address.
public enum WavePosterPage {
    public struct Model: Equatable, Sendable {
        public var schoolName: String
        public var link: String
        public var qr: QRMatrix?
        public var texts: [Questionnaire.Texts]
        public var staffLanguage: LanguageCode
        public var printHint: String
        public var tools: PrintLayout.Tools?
        public init(schoolName: String, link: String, qr: QRMatrix?, texts: [Questionnaire.Texts], staffLanguage: LanguageCode, printHint: String) {
            self.schoolName = schoolName
            self.link = link
            self.qr = qr
            self.texts = texts
            self.staffLanguage = staffLanguage
            self.printHint = printHint
        }
    }

    public static func view(_ model: Model) -> HTML {
        PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "poster", main: .div(
            PrintLayout.tools(model.tools),
            .p(.class("screen-only"), .plainText(model.printHint)),
            .h1(.plainText(model.schoolName)),
            .unwrap(model.qr) { QRImage.svg($0, label: model.link, size: 320) },
            .p(.class("poster-link"), .plainText(model.link)),
            .ul(.class("poster-lines"), .forEach(model.texts) { t in
                .li(.attr("lang", t.language.rawValue), .attr("dir", t.language.isRightToLeft ? "rtl" : "ltr"),
                    .strong(.plainText(t("survey.title"))), .plainText(" " + t("survey.duration")))
            })
        ))
    }
}

/// One-time code slips, 8 to an A4 page: code, its QR code, the address, a line in each offered language.
/// Shown once, when the codes are made: only their hashes are kept.
public enum CodeSlipsPage {
    public struct Slip: Equatable, Sendable {
        public var code: String
        public var qr: QRMatrix?
        public init(code: String, qr: QRMatrix?) {
            self.code = code
            self.qr = qr
        }
    }

    public struct Model: Equatable, Sendable {
        public var schoolName: String
        public var entryLink: String
        public var slips: [Slip]
        public var texts: [Questionnaire.Texts]
        public var staffLanguage: LanguageCode
        public var printHint: String
        public var tools: PrintLayout.Tools?
        /// The page's heading on screen ("Code slips"); left off the paper.
        public var heading: String?
        public init(schoolName: String, entryLink: String, slips: [Slip], texts: [Questionnaire.Texts], staffLanguage: LanguageCode,
                    printHint: String) {
            self.schoolName = schoolName
            self.entryLink = entryLink
            self.slips = slips
            self.texts = texts
            self.staffLanguage = staffLanguage
            self.printHint = printHint
        }
    }

    public static func view(_ model: Model) -> HTML {
        PrintLayout.document(language: model.staffLanguage, title: model.schoolName, bodyClass: "slips", main: .div(
            .h1(.class("screen-only"), .plainText(model.heading.map { "\($0) · \(model.schoolName)" } ?? model.schoolName)),
            PrintLayout.tools(model.tools),
            .p(.class("screen-only"), .plainText(model.printHint)),
            .ul(.class("slip-grid"), .forEach(model.slips) { slip in
                .li(.class("slip"),
                    .p(.class("slip-school"), .plainText(model.schoolName)),
                    .unwrap(slip.qr) { QRImage.svg($0, label: OneTimeCode.formatted(slip.code), size: 96) },
                    .p(.class("slip-code"), .plainText(OneTimeCode.formatted(slip.code))),
                    .p(.class("slip-link"), .plainText(model.entryLink)),
                    .ul(.class("slip-lines"), .forEach(model.texts) { t in
                        .li(.attr("lang", t.language.rawValue), .attr("dir", t.language.isRightToLeft ? "rtl" : "ltr"),
                            .plainText(t("survey.code.slip")))
                    }))
            })
        ))
    }
}

/// The paper version of the questionnaire in one language: every statement with five boxes.
public enum PaperFormPage {
    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var items: [String]
        public var openQuestions: [String]
        public var tools: PrintLayout.Tools?
        public init(texts: Questionnaire.Texts, schoolName: String, items: [String], openQuestions: [String]) {
            self.texts = texts
            self.schoolName = schoolName
            self.items = items
            self.openQuestions = openQuestions
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        return PrintLayout.document(language: t.language, title: "\(t("survey.title")) · \(model.schoolName)", bodyClass: "paper", main: .div(
            PrintLayout.tools(model.tools),
            .h1(.plainText(t("survey.title"))),
            .p(.plainText(model.schoolName)),
            .p(.plainText(t("survey.intro"))),
            .p(.class("privacy"), .plainText(t("survey.privacy"))),
            .table(
                .class("paper-table"),
                .thead(.tr(.th(.attr("scope", "col"), .plainText("")),
                           .forEach(Faces.order) { value in .th(.attr("scope", "col"), Faces.svg(value), .span(.plainText(t("survey.face.\(value)")))) })),
                .tbody(.forEach(Array(model.items.enumerated())) { index, item in
                    .tr(.th(.attr("scope", "row"), .plainText("\(index + 1). \(t("item.\(item)"))")),
                        .forEach(Faces.order) { _ in .td(.span(.class("box"), .plainText("☐"))) })
                })
            ),
            .forEach(model.openQuestions) { question in
                .div(.class("paper-open"), .h2(.plainText(t("open.\(question)"))), .div(.class("lines")))
            }
        ))
    }
}

/// Staff type in a paper form: language, every statement as a row of choices, the open answers.
public enum PaperEntryPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var waveID: String
        public var schoolName: String
        public var texts: Questionnaire.Texts
        public var items: [String]
        public var openQuestions: [String]
        public var languages: [LanguageCode]
        public var language: String
        public var answers: [String: Int]
        public var openTexts: [String: String]
        public var error: String?
        public var saved: Int?

        public init(shell: PageShell, waveID: String, schoolName: String, texts: Questionnaire.Texts, items: [String], openQuestions: [String],
                    languages: [LanguageCode], language: String, answers: [String: Int] = [:], openTexts: [String: String] = [:],
                    error: String? = nil, saved: Int? = nil) {
            self.shell = shell
            self.waveID = waveID
            self.schoolName = schoolName
            self.texts = texts
            self.items = items
            self.openQuestions = openQuestions
            self.languages = languages
            self.language = language
            self.answers = answers
            self.openTexts = openTexts
            self.error = error
            self.saved = saved
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let q = model.texts
        return Layout.document(model.shell, title: t("paper.title"), main: .div(
            .h1(.plainText(t("paper.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.wave(id: WaveID(model.waveID)).path), .plainText(model.schoolName))),
            .unwrap(model.saved) { .div(.class("notice success"), .attr("role", "status"), .p(.plainText(t("paper.saved", ["count": String($0)])))) },
            Forms.notice(model.error, t: t),
            .p(.plainText(t("paper.intro"))),
            .form(
                .method(.post), .attr("action", SiteRoute.wavePaperEntry(id: WaveID(model.waveID)).path),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.choices(name: "lang", legend: t("paper.language"), type: "radio",
                                  options: model.languages.map { .init(value: $0.rawValue, label: $0.endonym, lang: $0.rawValue) },
                                  selected: [model.language], error: nil, t: t),
                    .forEach(Array(model.items.enumerated())) { index, item in
                        .fieldset(.class("paper-row"),
                                  .element(named: "legend", nodes: [.plainText("\(index + 1). \(q("item.\(item)"))")]),
                                  .div(.class("paper-choices"), .forEach([Int?.none] + Faces.order.map { Optional($0) }) { value in
                                      let id = "p-\(item)-\(value.map(String.init) ?? "none")"
                                      return .span(.class("choice"),
                                                   .input(.type(.radio), .attr("id", id), .attr("name", "face[\(item)]"),
                                                          .attr("value", value.map(String.init) ?? ""),
                                                          .flag("checked", model.answers[item] == value)),
                                                   .label(.attr("for", id), .plainText(value.map { t("paper.face.\($0)") } ?? t("paper.face.none"))))
                                  }))
                    },
                    .forEach(model.openQuestions) { question in
                        .div(.class("field"),
                             .label(.attr("for", "text-\(question)"), .plainText(q("open.\(question)"))),
                             .textarea(.attr("id", "text-\(question)"), .attr("name", "text[\(question)]"), .attr("rows", "3"),
                                       .attr("maxlength", String(SurveyAnswers.maximumTextLength)),
                                       .plainText(model.openTexts[question] ?? "")))
                    },
                    Forms.submit(t("paper.submit"))
                )
            )
        ))
    }
}
