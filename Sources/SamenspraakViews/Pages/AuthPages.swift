import Plot
import SamenspraakCore

/// The staff sign-in form (PRODUCT.md: `GET /login` with fields for e-mail and password).
public enum LoginPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var email: String
        public var next: String
        /// A catalog key: wrong credentials, throttled, signed out, password set.
        public var notice: String?
        public var noticeValues: [String: String]
        public var noticeKind: String
        /// True when this Samenspraak sends e-mail: "Forgot your password?" then leads to a reset link by mail.
        public var canResetByMail: Bool

        public init(shell: PageShell, email: String = "", next: String = "", notice: String? = nil,
                    noticeValues: [String: String] = [:], noticeKind: String = "error", canResetByMail: Bool = false) {
            self.canResetByMail = canResetByMail
            self.shell = shell
            self.email = email
            self.next = next
            self.notice = notice
            self.noticeValues = noticeValues
            self.noticeKind = noticeKind
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text, signedIn: false)
            return Model(shell: shell, email: text, next: text, notice: "login.throttled", noticeValues: ["minutes": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("login.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("login.title"))),
            Forms.notice(model.notice, t: t, values: model.noticeValues, kind: model.noticeKind),
            .form(
                .method(.post), .attr("action", SiteRoute.login.path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .input(.type(.hidden), .attr("name", "next"), .attr("value", model.next)),
                .div(
                    Forms.field(.init(name: "email", label: t("field.email"), value: model.email, type: "email",
                                      autocomplete: "username"), t: t),
                    Forms.field(.init(name: "password", label: t("field.password"), type: "password",
                                      autocomplete: "current-password"), t: t),
                    Forms.submit(t("login.submit"))
                )
            ),
            model.canResetByMail
                ? .p(.a(.attr("href", SiteRoute.forgotPassword.path), .plainText(t("login.forgot_link"))))
                : .p(.class("muted"), .plainText(t("login.forgot")))
        ))
    }
}

/// First run: the database has no staff yet, so the first coordinator is created here.
public enum SetupPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var name: String
        public var email: String
        public var errors: FieldErrors

        public init(shell: PageShell, name: String = "", email: String = "", errors: FieldErrors = [:]) {
            self.shell = shell
            self.name = name
            self.email = email
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text, signedIn: false)
            return Model(shell: shell, name: text, email: text, errors: ["name": text, "email": text, "password": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("setup.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("setup.title"))),
            .p(.plainText(t("setup.intro"))),
            Forms.errorSummary(model.errors, order: ["name", "email", "password", "password_confirmation"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.setup.path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "name", label: t("field.name"), value: model.name, error: model.errors["name"],
                                      autocomplete: "name"), t: t),
                    Forms.field(.init(name: "email", label: t("field.email"), value: model.email, type: "email",
                                      error: model.errors["email"], autocomplete: "username"), t: t),
                    PasswordPage.newPasswordFields(model.errors, t: t),
                    Forms.submit(t("setup.submit"))
                )
            )
        ))
    }
}

/// Setting one's own password: after a one-time password, or whenever a person wants to change it.
public enum PasswordPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        /// True when the account still has a one-time password and must choose its own before going on.
        public var mustChange: Bool
        public var errors: FieldErrors
        public var saved: Bool

        public init(shell: PageShell, mustChange: Bool, errors: FieldErrors = [:], saved: Bool = false) {
            self.shell = shell
            self.mustChange = mustChange
            self.errors = errors
            self.saved = saved
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, mustChange: true, errors: ["current_password": text, "password": text])
        }
    }

    static func newPasswordFields<C: HTML.BodyContext>(_ errors: FieldErrors, t: Localizer) -> Node<C> {
        .group(
            Forms.field(.init(name: "password", label: t("field.new_password"), type: "password",
                              error: errors["password"],
                              hint: t("field.password_hint", ["count": String(Validate.minimumPasswordLength)]),
                              autocomplete: "new-password",
                              extra: [("minlength", String(Validate.minimumPasswordLength))]), t: t),
            Forms.field(.init(name: "password_confirmation", label: t("field.password_confirmation"), type: "password",
                              error: errors["password_confirmation"], autocomplete: "new-password"), t: t)
        )
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("password.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("password.title"))),
            .if(model.mustChange, .p(.class("notice info"), .plainText(t("password.must_change")))),
            .if(model.saved, .div(.class("notice success"), .attr("role", "status"), .p(.plainText(t("password.saved"))))),
            Forms.errorSummary(model.errors, order: ["current_password", "password", "password_confirmation"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.accountPassword.path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "current_password",
                                      label: t(model.mustChange ? "field.one_time_password" : "field.current_password"),
                                      type: "password", error: model.errors["current_password"],
                                      autocomplete: "current-password"), t: t),
                    newPasswordFields(model.errors, t: t),
                    Forms.submit(t("password.submit"))
                )
            )
        ))
    }
}
