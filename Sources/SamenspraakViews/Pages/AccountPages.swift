import Plot
import SamenspraakCore

/// One staff account as the pages that list and run accounts show it.
public struct AccountSummary: Equatable, Sendable {
    public var id: String
    public var name: String
    public var email: String
    public var role: Role
    public var mustChangePassword: Bool
    /// The day it was deactivated; nil while active.
    public var deactivatedOn: Day?
    public var lastSignInOn: Day?

    public init(id: String, name: String, email: String, role: Role, mustChangePassword: Bool, deactivatedOn: Day?, lastSignInOn: Day?) {
        self.id = id
        self.name = name
        self.email = email
        self.role = role
        self.mustChangePassword = mustChangePassword
        self.deactivatedOn = deactivatedOn
        self.lastSignInOn = lastSignInOn
    }

    public static func mock(text: String, deactivated: Bool = false) -> AccountSummary {
        AccountSummary(id: text, name: text, email: text, role: .member, mustChangePassword: true,
                       deactivatedOn: deactivated ? Day(year: 2026, month: 10, day: 1) : nil,
                       lastSignInOn: Day(year: 2026, month: 9, day: 30))
    }

    /// "active", "deactivated since …" or "still has to choose their own password".
    public func status(_ t: Localizer) -> String {
        if let deactivatedOn { return t("account.status.deactivated", ["date": Dates.long(deactivatedOn, t)]) }
        return t(mustChangePassword ? "staff.status.one_time" : "staff.status.active")
    }

    public func lastSignIn(_ t: Localizer) -> String {
        lastSignInOn.map { Dates.long($0, t) } ?? t("account.never_signed_in")
    }
}

/// The table of accounts on a school's team page and on the coordinators' page.
enum AccountTable {
    static func view(_ accounts: [AccountSummary], t: Localizer) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
            .thead(.tr(
                .th(.attr("scope", "col"), .plainText(t("field.name"))),
                .th(.attr("scope", "col"), .plainText(t("field.email"))),
                .th(.attr("scope", "col"), .plainText(t("field.role"))),
                .th(.attr("scope", "col"), .plainText(t("staff.status"))),
                .th(.attr("scope", "col"), .plainText(t("account.last_sign_in")))
            )),
            .tbody(.forEach(accounts) { person in
                .tr(
                    .th(.attr("scope", "row"), .a(.attr("href", SiteRoute.account(id: AccountID(person.id)).path), .plainText(person.name))),
                    .td(.plainText(person.email)),
                    .td(.plainText(t("role.\(person.role.rawValue)"))),
                    .td(.plainText(person.status(t))),
                    .td(.plainText(person.lastSignIn(t)))
                )
            })
        ))
    }
}

/// One account: who, since when, where signed in, and what a lead or coordinator can do with it.
public enum StaffAccountPage {
    public struct Session: Equatable, Sendable {
        public var started: Day
        public var until: Day
        public init(started: Day, until: Day) {
            self.started = started
            self.until = until
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var account: AccountSummary
        /// The school's id and name; nil for a coordinator.
        public var schoolID: String?
        public var schoolName: String?
        public var sessions: [Session]
        public var notice: String?
        /// A refusal or a form error (catalog key), shown above the actions.
        public var refusal: String?

        public init(shell: PageShell, account: AccountSummary, schoolID: String?, schoolName: String?, sessions: [Session],
                    notice: String? = nil, refusal: String? = nil) {
            self.shell = shell
            self.account = account
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.sessions = sessions
            self.notice = notice
            self.refusal = refusal
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), account: .mock(text: text), schoolID: text, schoolName: text,
                  sessions: [Session(started: Day(year: 2026, month: 9, day: 30), until: Day(year: 2026, month: 10, day: 14))],
                  notice: "account.saved.role", refusal: "account.refused.last_lead")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let account = model.account
        let id = AccountID(account.id)
        let back: Node<HTML.BodyContext>
        if let schoolID = model.schoolID {
            back = .p(.a(.attr("href", SiteRoute.schoolStaff(id: SchoolID(schoolID)).path), .plainText(t("account.back_to_team"))))
        } else {
            back = .p(.a(.attr("href", SiteRoute.coordinators.path), .plainText(t("account.back_to_coordinators"))))
        }
        return Layout.document(model.shell, title: account.name, main: .div(
            .h1(.plainText(account.name)),
            back,
            Forms.notice(model.notice, t: t, kind: "success"),
            Forms.notice(model.refusal, t: t),
            .dl(
                .class("facts"),
                .dt(.plainText(t("field.email"))), .dd(.plainText(account.email)),
                .dt(.plainText(t("field.role"))), .dd(.plainText(t("role.\(account.role.rawValue)"))),
                .unwrap(model.schoolName) { name in .group(.dt(.plainText(t("account.school"))), .dd(.plainText(name))) },
                .dt(.plainText(t("staff.status"))), .dd(.id("account-status"), .plainText(account.status(t))),
                .dt(.plainText(t("account.last_sign_in"))), .dd(.plainText(account.lastSignIn(t)))
            ),
            .section(
                .attr("aria-labelledby", "sessions-title"),
                .h2(.id("sessions-title"), .plainText(t("account.sessions"))),
                model.sessions.isEmpty ? .p(.plainText(t("account.sessions.none"))) : .ul(.forEach(model.sessions) { session in
                    .li(.plainText(t("account.session_item", ["from": Dates.long(session.started, t), "until": Dates.long(session.until, t)])))
                })
            ),
            .section(
                .attr("aria-labelledby", "actions-title"),
                .class("narrow"),
                .h2(.id("actions-title"), .plainText(t("account.actions"))),
                account.deactivatedOn == nil
                    ? .group(
                        .if(account.role != .coordinator, .form(
                            .method(.post), .attr("action", SiteRoute.accountRole(id: id).path),
                            Forms.csrf(model.shell.csrfToken),
                            Forms.choices(name: "role", legend: t("account.role.legend"), type: "radio",
                                          options: [Role.member, .lead].map { .init(value: $0.rawValue, label: t("role.\($0.rawValue).long")) },
                                          selected: [account.role.rawValue], error: nil, t: t),
                            Forms.submit(t("account.role.submit"))
                        )),
                        .form(
                            .method(.post), .attr("action", SiteRoute.accountSignOut(id: id).path),
                            Forms.csrf(model.shell.csrfToken),
                            .p(.plainText(t("account.sign_out.intro"))),
                            Forms.submit(t("account.sign_out.submit"))
                        ),
                        .form(
                            .method(.post), .attr("action", SiteRoute.accountOneTimePassword(id: id).path),
                            Forms.csrf(model.shell.csrfToken),
                            .p(.plainText(t("account.one_time.intro"))),
                            Forms.submit(t("account.one_time.submit"))
                        ),
                        .form(
                            .method(.post), .attr("action", SiteRoute.accountDeactivate(id: id).path),
                            Forms.csrf(model.shell.csrfToken),
                            .p(.plainText(t("account.deactivate.intro"))),
                            Forms.choices(name: "confirm", legend: t("account.deactivate.legend"), type: "checkbox",
                                          options: [.init(value: "1", label: t("account.deactivate.confirm", ["name": account.name]))],
                                          selected: [], error: model.refusal == AccountRefusal.notConfirmed.catalogKey ? "error.confirm" : nil, t: t),
                            .div(.class("actions"), .button(.type(.submit), .class("danger"), .plainText(t("account.deactivate.submit"))))
                        )
                    )
                    : .form(
                        .method(.post), .attr("action", SiteRoute.accountReactivate(id: id).path),
                        Forms.csrf(model.shell.csrfToken),
                        .p(.plainText(t("account.reactivate.intro"))),
                        Forms.submit(t("account.reactivate.submit"))
                    )
            )
        ))
    }
}

/// Shown once after a new one-time password was made for an account.
public enum AccountPasswordIssuedPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var accountID: String
        public var name: String
        public var email: String
        public var oneTimePassword: String

        public init(shell: PageShell, accountID: String, name: String, email: String, oneTimePassword: String) {
            self.shell = shell
            self.accountID = accountID
            self.name = name
            self.email = email
            self.oneTimePassword = oneTimePassword
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), accountID: text, name: text, email: text, oneTimePassword: text)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("account.one_time.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("account.one_time.title"))),
            .div(.class("notice success"), .attr("role", "status"),
                 .p(.plainText(t("account.one_time.for", ["name": model.name, "email": model.email])))),
            .p(.plainText(t("issued.password_intro"))),
            .p(.class("secret"), .code(.id("one-time-password"), .plainText(model.oneTimePassword))),
            .p(.class("muted"), .plainText(t("issued.once"))),
            .p(.a(.attr("href", SiteRoute.account(id: AccountID(model.accountID)).path), .plainText(t("account.one_time.back"))))
        ))
    }
}

/// The coordinator accounts, for the coordinators.
public enum CoordinatorListPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var coordinators: [AccountSummary]

        public init(shell: PageShell, coordinators: [AccountSummary]) {
            self.shell = shell
            self.coordinators = coordinators
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), coordinators: [.mock(text: text), .mock(text: text, deactivated: true)])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("coordinators.title"), main: .div(
            .h1(.plainText(t("coordinators.title"))),
            .p(.a(.attr("href", SiteRoute.audit.path), .plainText(t("audit.link_all")))),
            AccountTable.view(model.coordinators, t: t)
        ))
    }
}

/// The log of account actions: of one school, or (for the coordinators) of everything. Newest first.
public enum AuditLogPage {
    public struct Entry: Equatable, Sendable {
        public var on: Day
        /// "14:05", Brussels time.
        public var time: String
        public var actorName: String
        public var action: AccountAuditAction
        public var subjectName: String
        public var subjectEmail: String
        public var schoolName: String?
        /// Already in the reader's language ("member → lead"); empty when there is nothing to add.
        public var detail: String

        public init(on: Day, time: String, actorName: String, action: AccountAuditAction, subjectName: String, subjectEmail: String,
                    schoolName: String?, detail: String) {
            self.on = on
            self.time = time
            self.actorName = actorName
            self.action = action
            self.subjectName = subjectName
            self.subjectEmail = subjectEmail
            self.schoolName = schoolName
            self.detail = detail
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        /// The school whose log this is (id, name); nil for the log of everything.
        public var schoolID: String?
        public var schoolName: String?
        public var entries: [Entry]
        /// The page number of older entries, when there are any.
        public var olderPage: Int?

        public init(shell: PageShell, schoolID: String?, schoolName: String?, entries: [Entry], olderPage: Int?) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.entries = entries
            self.olderPage = olderPage
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolID: text, schoolName: text,
                  entries: [Entry(on: Day(year: 2026, month: 10, day: 1), time: text, actorName: text, action: .roleChanged,
                                  subjectName: text, subjectEmail: text, schoolName: text, detail: text)],
                  olderPage: 2)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let title = model.schoolName.map { t("audit.title_school", ["school": $0]) } ?? t("audit.title")
        let here = model.schoolID.map { SiteRoute.schoolAudit(schoolID: SchoolID($0)) } ?? SiteRoute.audit
        return Layout.document(model.shell, title: title, main: .div(
            .h1(.plainText(title)),
            .unwrap(model.schoolID) { schoolID in
                .p(.a(.attr("href", SiteRoute.schoolStaff(id: SchoolID(schoolID)).path), .plainText(t("account.back_to_team"))))
            },
            model.entries.isEmpty ? .p(.plainText(t("audit.empty"))) : .div(
                .class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                    .thead(.tr(
                        .th(.attr("scope", "col"), .plainText(t("audit.when"))),
                        .th(.attr("scope", "col"), .plainText(t("audit.who"))),
                        .th(.attr("scope", "col"), .plainText(t("audit.what"))),
                        .th(.attr("scope", "col"), .plainText(t("audit.whom"))),
                        .if(model.schoolID == nil, .th(.attr("scope", "col"), .plainText(t("account.school"))))
                    )),
                    .tbody(.forEach(model.entries) { entry in
                        .tr(
                            .td(.plainText(Dates.long(entry.on, t) + " " + entry.time)),
                            .td(.plainText(entry.actorName)),
                            .td(.plainText(entry.detail.isEmpty ? t(entry.action.catalogKey) : t(entry.action.catalogKey) + " (" + entry.detail + ")")),
                            .td(.plainText(entry.subjectName.isEmpty ? entry.subjectEmail : "\(entry.subjectName) <\(entry.subjectEmail)>")),
                            .if(model.schoolID == nil, .td(.plainText(entry.schoolName ?? "–")))
                        )
                    })
                )),
            .unwrap(model.olderPage) { page in
                .p(.a(.attr("href", here.with(query: "page", String(page))), .plainText(t("audit.older"))))
            }
        ))
    }
}
