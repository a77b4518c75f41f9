import Plot
import SamenspraakCore

/// A kiosk's own screens for parents (assisted mode on a tablet): the start for the next parent, where each
/// language starts a survey in it, and the thank-you that leads to the next parent. Nothing of a parent before
/// is on them; a small link lets the staff member leave the kiosk.
public enum KioskPage {
    public enum Content: Equatable, Sendable {
        case welcome
        case thanks
    }

    public struct Model: Equatable, Sendable {
        public var texts: Questionnaire.Texts
        public var schoolName: String
        public var content: Content
        public var languages: [LanguageCode]
        /// "Choose your language" in the other offered languages.
        public var alsoChoose: [(LanguageCode, String)]
        public var csrfToken: String
        /// The link to the password page, in the staff member's language (not the parent's).
        public var leaveLabel: String
        public var staffLanguage: LanguageCode

        public init(texts: Questionnaire.Texts, schoolName: String, content: Content, languages: [LanguageCode],
                    alsoChoose: [(LanguageCode, String)], csrfToken: String, leaveLabel: String, staffLanguage: LanguageCode) {
            self.texts = texts
            self.schoolName = schoolName
            self.content = content
            self.languages = languages
            self.alsoChoose = alsoChoose
            self.csrfToken = csrfToken
            self.leaveLabel = leaveLabel
            self.staffLanguage = staffLanguage
        }

        public static func == (a: Model, b: Model) -> Bool {
            a.texts == b.texts && a.schoolName == b.schoolName && a.content == b.content && a.languages == b.languages
                && a.alsoChoose.map(\.0) == b.alsoChoose.map(\.0) && a.alsoChoose.map(\.1) == b.alsoChoose.map(\.1)
                && a.csrfToken == b.csrfToken && a.leaveLabel == b.leaveLabel && a.staffLanguage == b.staffLanguage
        }

        public static func mock(text: String, content: Content = .welcome) -> Model {
            let entries = Dictionary(uniqueKeysWithValues: (Questionnaire.requiredTexts).map { ($0, text) })
            return Model(texts: Questionnaire.Texts(language: .nl, status: .draft, entries: entries), schoolName: text, content: content,
                         languages: [.nl, .ar], alsoChoose: [(.ar, text)], csrfToken: text, leaveLabel: text, staffLanguage: .nl)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.texts
        let leave: Node<HTML.BodyContext> = .p(
            .class("kiosk-leave"),
            .a(.attr("href", SiteRoute.kioskUnlock.path), .attr("lang", model.staffLanguage.rawValue),
               .attr("dir", model.staffLanguage.isRightToLeft ? "rtl" : "ltr"), .plainText(model.leaveLabel))
        )
        switch model.content {
        case .welcome:
            return ParentLayout.document(language: t.language, title: t("survey.choose_language"), schoolName: model.schoolName, main: .div(
                .h1(.plainText(t("survey.choose_language"))),
                .if(!model.alsoChoose.isEmpty, .p(.class("also"), .forEach(model.alsoChoose) { language, text in
                    .span(.attr("lang", language.rawValue), .attr("dir", language.isRightToLeft ? "rtl" : "ltr"), .plainText(text))
                })),
                .form(
                    .method(.post), .attr("action", SiteRoute.kiosk.path),
                    Forms.csrf(model.csrfToken),
                    .ul(.class("language-choice"), .forEach(model.languages) { language in
                        .li(.button(.type(.submit), .attr("name", "lang"), .attr("value", language.rawValue),
                                    .attr("lang", language.rawValue), .attr("dir", language.isRightToLeft ? "rtl" : "ltr"),
                                    .plainText(language.endonym)))
                    })
                ),
                leave
            ))
        case .thanks:
            return ParentLayout.document(language: t.language, title: t("survey.thanks.title"), schoolName: model.schoolName, main: .div(
                .h1(.plainText(t("survey.thanks.title"))),
                .p(.plainText(t("survey.thanks.text"))),
                .p(.a(.class("button big"), .attr("href", SiteRoute.kiosk.path), .plainText(t("survey.kiosk.next")))),
                leave
            ))
        }
    }
}

/// What a kiosk shows at any staff address: this device is a survey kiosk; the staff member who started it
/// types their password to use it as staff again, or signs out.
public enum KioskUnlockPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var staffName: String
        /// The address asked for, to continue to once unlocked (empty: the wave's page).
        public var next: String
        public var notice: String?
        public var noticeValues: [String: String]

        public init(shell: PageShell, staffName: String, next: String = "", notice: String? = nil, noticeValues: [String: String] = [:]) {
            self.shell = shell
            self.staffName = staffName
            self.next = next
            self.notice = notice
            self.noticeValues = noticeValues
        }

        public static func mock(text: String) -> Model {
            Model(shell: PageShell.mock(text: text, signedIn: false), staffName: text, next: text, notice: "login.throttled",
                  noticeValues: ["minutes": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("kiosk.unlock.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("kiosk.unlock.title"))),
            .p(.plainText(t("kiosk.unlock.intro", ["name": model.staffName]))),
            Forms.notice(model.notice, t: t, values: model.noticeValues),
            .form(
                .method(.post), .attr("action", SiteRoute.kioskUnlock.path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .input(.type(.hidden), .attr("name", "next"), .attr("value", model.next)),
                .div(
                    Forms.field(.init(name: "password", label: t("field.password"), type: "password", autocomplete: "current-password"), t: t),
                    Forms.submit(t("kiosk.unlock.submit"))
                )
            ),
            .p(.a(.attr("href", SiteRoute.kiosk.path), .plainText(t("kiosk.unlock.back")))),
            .form(
                .method(.post), .attr("action", SiteRoute.logout.path), .class("inline"),
                Forms.csrf(model.shell.csrfToken),
                .button(.type(.submit), .class("link"), .plainText(t("kiosk.unlock.sign_out")))
            )
        ))
    }
}
