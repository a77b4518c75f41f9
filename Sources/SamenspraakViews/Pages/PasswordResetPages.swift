import Plot
import SamenspraakCore

/// "Forgot your password?": ask for a link by e-mail. The answer is the same whether or not the address has an
/// account, so the page tells nobody who works where.
public enum ForgotPasswordPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        /// False when this Samenspraak sends no e-mail: the page then says whom to ask.
        public var mailEnabled: Bool
        public var email: String
        public var errors: FieldErrors
        /// Set after a request: the address it was made for.
        public var sentTo: String?
        public var throttled: Bool

        public init(shell: PageShell, mailEnabled: Bool, email: String = "", errors: FieldErrors = [:], sentTo: String? = nil,
                    throttled: Bool = false) {
            self.shell = shell
            self.mailEnabled = mailEnabled
            self.email = email
            self.errors = errors
            self.sentTo = sentTo
            self.throttled = throttled
        }

        public static func mock(text: String) -> Model {
            Model(shell: PageShell.mock(text: text, signedIn: false), mailEnabled: true, email: text, errors: ["email": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let back: Node<HTML.BodyContext> = .p(.a(.attr("href", SiteRoute.login.path), .plainText(t("forgot.back"))))
        guard model.mailEnabled else {
            return Layout.document(model.shell, title: t("forgot.title"), main: .div(
                .class("narrow"), .h1(.plainText(t("forgot.title"))), .p(.plainText(t("forgot.no_mail"))), back))
        }
        if let sentTo = model.sentTo {
            return Layout.document(model.shell, title: t("forgot.title"), main: .div(
                .class("narrow"), .h1(.plainText(t("forgot.title"))),
                .div(.class("notice success"), .attr("role", "status"), .p(.plainText(t("forgot.sent", ["email": sentTo])))),
                back))
        }
        return Layout.document(model.shell, title: t("forgot.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("forgot.title"))),
            .if(model.throttled, Forms.notice("forgot.throttled", t: t)),
            Forms.errorSummary(model.errors, order: ["email"], t: t),
            .p(.plainText(t("forgot.intro"))),
            .form(
                .method(.post), .attr("action", SiteRoute.forgotPassword.path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "email", label: t("field.email"), value: model.email, type: "email",
                                      error: model.errors["email"], autocomplete: "username"), t: t),
                    Forms.submit(t("forgot.submit"))
                )
            ),
            back
        ))
    }
}

/// The page behind a reset link: choose a new password, once, within the hour.
public enum ResetPasswordPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var token: String
        /// The account's address, or nil when the link is unknown, used or too old.
        public var email: String?
        public var errors: FieldErrors

        public init(shell: PageShell, token: String, email: String?, errors: FieldErrors = [:]) {
            self.shell = shell
            self.token = token
            self.email = email
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            Model(shell: PageShell.mock(text: text, signedIn: false), token: text, email: text, errors: ["password": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        guard let email = model.email else {
            return Layout.document(model.shell, title: t("reset.title"), main: .div(
                .class("narrow"), .h1(.plainText(t("reset.title"))),
                .div(.class("notice error"), .attr("role", "alert"), .p(.plainText(t("reset.gone")))),
                .p(.a(.attr("href", SiteRoute.forgotPassword.path), .plainText(t("reset.again"))))))
        }
        return Layout.document(model.shell, title: t("reset.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("reset.title"))),
            Forms.errorSummary(model.errors, order: ["password", "password_confirmation"], t: t),
            .p(.plainText(t("reset.for", ["email": email]))),
            .form(
                .method(.post), .attr("action", SiteRoute.resetPassword(token: LinkToken(model.token)).path),
                .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                // Lets a password manager store the new password under the right account.
                .input(.type(.hidden), .attr("name", "username"), .attr("value", email), .attr("autocomplete", "username")),
                .div(
                    PasswordPage.newPasswordFields(model.errors, t: t),
                    Forms.submit(t("reset.submit"))
                )
            )
        ))
    }
}
