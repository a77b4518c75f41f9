import Plot
import SamenspraakCore

/// The people of a school, the invitations still open, and the form to invite someone.
public enum SchoolStaffPage {
    public typealias Method = InviteMethod

    public typealias Person = AccountSummary

    public struct Pending: Equatable, Sendable {
        public var id: String
        public var email: String
        public var role: Role
        public var expires: Day
        /// How the invitation's e-mail fares, when one was sent.
        public var mail: MailStatus?
        public init(id: String, email: String, role: Role, expires: Day, mail: MailStatus? = nil) {
            self.id = id
            self.mail = mail
            self.email = email
            self.role = role
            self.expires = expires
            self.mail = mail
        }
    }

    /// An e-mail's state as its sender sees it: "sent", "retrying (reason)", "failed: reason".
    public struct MailStatus: Equatable, Sendable {
        public var status: SamenspraakCore.MailStatus
        public var reason: String
        public init(status: SamenspraakCore.MailStatus, reason: String) {
            self.status = status
            self.reason = reason
        }

        func label(_ t: Localizer) -> String { t("mail.status.\(status.rawValue)", ["reason": reason]) }
    }

    /// The invitation form as typed.
    public typealias Draft = InviteDraft

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var people: [Person]
        public var pending: [Pending]
        public var invitableRoles: [Role]
        public var draft: Draft
        public var errors: FieldErrors
        public var notice: String?

        public init(shell: PageShell, schoolID: String, schoolName: String, people: [Person], pending: [Pending],
                    invitableRoles: [Role], draft: Draft = Draft(), errors: FieldErrors = [:], notice: String? = nil) {
            self.notice = notice
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.people = people
            self.pending = pending
            self.invitableRoles = invitableRoles
            self.draft = draft
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, schoolID: text, schoolName: text,
                         people: [.mock(text: text), .mock(text: text, deactivated: true)],
                         pending: [Pending(id: text, email: text, role: .member, expires: Day(year: 2026, month: 12, day: 2),
                                           mail: MailStatus(status: .failed, reason: text))],
                         invitableRoles: [.lead, .member], draft: Draft(name: text, email: text, role: text, method: text),
                         errors: ["email": text, "name": text, "role": text], notice: "staff.saved.revoked")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("staff.title", ["school": model.schoolName]), main: .div(
            .h1(.plainText(t("staff.title", ["school": model.schoolName]))),
            .p(.a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(t("staff.back")))),
            .p(.a(.attr("href", SiteRoute.schoolAudit(schoolID: SchoolID(model.schoolID)).path), .plainText(t("audit.link_school")))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .section(
                .attr("aria-labelledby", "people-title"),
                .h2(.id("people-title"), .plainText(t("staff.people"))),
                model.people.isEmpty ? .p(.plainText(t("staff.none"))) : AccountTable.view(model.people, t: t)
            ),
            .if(!model.pending.isEmpty, .section(
                .attr("aria-labelledby", "pending-title"),
                .h2(.id("pending-title"), .plainText(t("staff.pending"))),
                .ul(.forEach(model.pending) { invite in
                    .li(.plainText(t("staff.pending_item", ["email": invite.email, "role": t("role.\(invite.role.rawValue)"),
                                                       "date": Dates.long(invite.expires, t)])),
                        .unwrap(invite.mail) { mail in
                            .span(.attr("class", "mail-status mail-\(mail.status.rawValue)"), .plainText(" — " + mail.label(t)))
                        },
                        .plainText(" "),
                        .form(.method(.post), .class("inline"),
                              .attr("action", SiteRoute.revokeInvitation(schoolID: SchoolID(model.schoolID), invitationID: InvitationID(invite.id)).path),
                              Forms.csrf(model.shell.csrfToken),
                              .button(.type(.submit), .class("link"), .attr("aria-label", t("staff.revoke_label", ["email": invite.email])),
                                      .plainText(t("staff.revoke")))))
                })
            )),
            .section(
                .attr("aria-labelledby", "invite-title"),
                .class("narrow"),
                .h2(.id("invite-title"), .plainText(t("invite.title"))),
                Forms.errorSummary(model.errors, order: ["name", "email", "role", "method"], t: t),
                .form(
                    .method(.post), .attr("action", SiteRoute.invitations(schoolID: SchoolID(model.schoolID)).path),
                    .attr("novalidate", "novalidate"),
                    Forms.csrf(model.shell.csrfToken),
                    .div(
                        Forms.field(.init(name: "name", label: t("field.name"), value: model.draft.name, error: model.errors["name"],
                                          hint: t("invite.name_hint"), required: false), t: t),
                        Forms.field(.init(name: "email", label: t("field.email"), value: model.draft.email, type: "email",
                                          error: model.errors["email"]), t: t),
                        Forms.choices(name: "role", legend: t("field.role"), type: "radio",
                                      options: model.invitableRoles.map { .init(value: $0.rawValue, label: t("role.\($0.rawValue).long")) },
                                      selected: [model.draft.role], error: model.errors["role"], t: t),
                        Forms.choices(name: "method", legend: t("invite.method"), type: "radio",
                                      options: Method.allCases.map { .init(value: $0.rawValue, label: t("invite.method.\($0.rawValue)")) },
                                      selected: [model.draft.method], error: model.errors["method"], t: t),
                        Forms.submit(t("invite.submit"))
                    )
                )
            )
        ))
    }
}

/// Shown once after an invitation: the link or the one-time password to pass on. Neither is shown again.
public enum InvitationIssuedPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var email: String
        public var role: Role
        public var link: String?
        public var oneTimePassword: String?
        public var expires: Day?
        /// True when the link also went out by e-mail (the page then shows it as a fallback).
        public var mailed: Bool

        public init(shell: PageShell, schoolID: String, email: String, role: Role, link: String?, oneTimePassword: String?, expires: Day?,
                    mailed: Bool = false) {
            self.mailed = mailed
            self.shell = shell
            self.schoolID = schoolID
            self.email = email
            self.role = role
            self.link = link
            self.oneTimePassword = oneTimePassword
            self.expires = expires
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, schoolID: text, email: text, role: .lead, link: text, oneTimePassword: text,
                         expires: Day(year: 2026, month: 12, day: 2), mailed: true)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        // The link is shown once: a language link would reload this page without it, so the footer offers none.
        var shell = model.shell
        shell.languages = []
        return Layout.document(shell, title: t("issued.title"), head: model.link == nil ? .empty : CopyLink.scriptTag, main: .div(
            .class("narrow"),
            .h1(.plainText(t("issued.title"))),
            .div(.class("notice success"), .attr("role", "status"),
                 .p(.plainText(t("issued.for", ["email": model.email, "role": t("role.\(model.role.rawValue)")])))),
            .unwrap(model.link) { link in
                .group(
                    .if(model.mailed, .p(.plainText(t("issued.mailed", ["email": model.email])))),
                    .p(.plainText(t("issued.link_intro", ["date": model.expires.map { Dates.long($0, t) } ?? ""]))),
                    .p(.class("secret"), .a(.id("invite-link"), .attr("href", link), .plainText(link))),
                    .p(CopyLink.button(targetID: "invite-link", label: t("issued.copy"), copied: t("issued.copied"), failed: t("issued.copy_failed")))
                )
            },
            .unwrap(model.oneTimePassword) { password in
                .group(
                    .p(.plainText(t("issued.password_intro"))),
                    .p(.class("secret"), .code(.id("one-time-password"), .plainText(password)))
                )
            },
            .p(.class("muted"), .plainText(t("issued.once"))),
            .p(.a(.attr("href", SiteRoute.schoolStaff(id: SchoolID(model.schoolID)).path), .plainText(t("issued.back"))))
        ))
    }
}

/// The invited person opens their link, says their name and chooses a password.
public enum AcceptInvitationPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var token: String
        /// nil when the link is unknown, used or expired: then the page explains and offers nothing to fill.
        public var invitation: Invitation?
        public var name: String
        public var errors: FieldErrors
        /// Why the link no longer works, when `invitation` is nil.
        public var closed: ClosedInvitation

        public struct Invitation: Equatable, Sendable {
            public var email: String
            public var schoolName: String
            public var role: Role
            public init(email: String, schoolName: String, role: Role) {
                self.email = email
                self.schoolName = schoolName
                self.role = role
            }
        }

        public init(shell: PageShell, token: String, invitation: Invitation?, name: String = "", errors: FieldErrors = [:],
                    closed: ClosedInvitation = .unknown) {
            self.closed = closed
            self.shell = shell
            self.token = token
            self.invitation = invitation
            self.name = name
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text, signedIn: false)
            return Model(shell: shell, token: text, invitation: Invitation(email: text, schoolName: text, role: .lead),
                         name: text, errors: ["name": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        guard let invitation = model.invitation else {
            return Layout.document(model.shell, title: t("accept.invalid.title"), main: .div(
                .class("narrow"),
                .h1(.plainText(t("accept.invalid.title"))),
                .p(.id("invitation-closed"), .plainText(t(model.closed.textKey))),
                .if(model.closed == .accepted, .p(.a(.attr("href", SiteRoute.login.path), .plainText(t("accept.invalid.sign_in")))))
            ))
        }
        return Layout.document(model.shell, title: t("accept.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("accept.title"))),
            .p(.plainText(t("accept.intro", ["school": invitation.schoolName, "role": t("role.\(invitation.role.rawValue)")]))),
            Forms.errorSummary(model.errors, order: ["email", "name", "password", "password_confirmation"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.invitation(token: LinkToken(model.token)).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    .p(.id("email"), .plainText(t("accept.email", ["email": invitation.email]))),
                    Forms.field(.init(name: "name", label: t("field.name"), value: model.name, error: model.errors["name"],
                                      autocomplete: "name"), t: t),
                    PasswordPage.newPasswordFields(model.errors, t: t),
                    Forms.submit(t("accept.submit"))
                )
            )
        ))
    }
}
