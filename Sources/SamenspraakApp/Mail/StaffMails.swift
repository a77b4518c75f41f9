import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The mails Samenspraak sends to staff, in their staff language: plain text with a plain HTML alternative.
/// No images, no tracking, nothing of parents.
enum StaffMails {
    static func invitation(_ t: Localizer, name: String, school: String, inviter: String, role: Role, link: String,
                           until: Day) -> MailContent {
        compose(t, subject: t("mail.invitation.subject", ["school": school]), name: name,
                paragraphs: [t("mail.invitation.body", ["inviter": inviter, "school": school, "role": t("role.\(role.rawValue)")])],
                action: (t("mail.invitation.action"), link),
                after: [t("mail.invitation.expires", ["date": Dates.long(until, t)]), t("mail.invitation.ignore")])
    }

    static func passwordReset(_ t: Localizer, name: String, link: String) -> MailContent {
        compose(t, subject: t("mail.reset.subject"), name: name, paragraphs: [t("mail.reset.body")],
                action: (t("mail.reset.action"), link), after: [t("mail.reset.expires"), t("mail.reset.ignore")])
    }

    static func newSignIn(_ t: Localizer, name: String, day: Day, time: String, forgot: String) -> MailContent {
        compose(t, subject: t("mail.new_sign_in.subject"), name: name,
                paragraphs: [t("mail.new_sign_in.body", ["date": Dates.long(day, t), "time": time]), t("mail.new_sign_in.you")],
                action: (t("mail.new_sign_in.action"), forgot), after: [t("mail.new_sign_in.tell")])
    }

    static func deactivated(_ t: Localizer, name: String, school: String, actor: String) -> MailContent {
        compose(t, subject: t("mail.deactivated.subject"), name: name,
                paragraphs: [t("mail.deactivated.body", ["actor": actor, "school": school]), t("mail.deactivated.question")])
    }

    static func reactivated(_ t: Localizer, name: String, school: String, actor: String, signIn: String) -> MailContent {
        compose(t, subject: t("mail.reactivated.subject"), name: name,
                paragraphs: [t("mail.reactivated.body", ["actor": actor, "school": school])], action: (t("mail.sign_in"), signIn))
    }

    static func roleChanged(_ t: Localizer, name: String, school: String, actor: String, from: Role, to: Role) -> MailContent {
        compose(t, subject: t("mail.role.subject"), name: name,
                paragraphs: [t("mail.role.body", ["actor": actor, "school": school, "from": t("role.\(from.rawValue)"),
                                                  "to": t("role.\(to.rawValue)")])])
    }

    /// A greeting, the paragraphs, an optional link with its label, more paragraphs, and the signature.
    static func compose(_ t: Localizer, subject: String, name: String, paragraphs: [String], action: (String, String)? = nil,
                        after: [String] = []) -> MailContent {
        let greeting = name.isEmpty ? t("mail.greeting_anonymous") : t("mail.greeting", ["name": name])
        var text = [greeting] + paragraphs
        var html = ([greeting] + paragraphs).map { "<p>\($0.attributeEscaped)</p>" }
        if let (label, link) = action {
            text.append("\(label):\n\(link)")
            html.append("<p><a href=\"\(link.attributeEscaped)\">\(label.attributeEscaped)</a></p>")
            html.append("<p style=\"color:#555;font-size:90%\">\(t("mail.link_plain").attributeEscaped)<br>\(link.attributeEscaped)</p>")
        }
        text += after + [t("mail.signature")]
        html += (after + [t("mail.signature")]).map { "<p>\($0.attributeEscaped)</p>" }
        let document = """
            <!DOCTYPE html>
            <html lang="\(t.language.rawValue.attributeEscaped)"><head><meta charset="utf-8"><title>\(subject.attributeEscaped)</title></head>
            <body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#1a1a1a;max-width:40em">
            \(html.joined(separator: "\n"))
            </body></html>
            """
        return MailContent(subject: subject, text: text.joined(separator: "\n\n") + "\n", html: document)
    }
}

/// Tells a person by mail about a change to their account, in the transaction of the change (see StaffAccounts).
struct AccountMailer: Sendable {
    let settings: MailSettings
    let catalogs: Catalogs
    let signInURL: String

    enum Change {
        case deactivated, reactivated
        case roleChanged(from: Role, to: Role)
    }

    /// Queues the mail about `change` to `subject`, written in the subject's staff language.
    func tell(_ subject: User, _ change: Change, by actor: User, at now: Date, on db: any Database) async throws {
        let language = subject.staffLanguage ?? .default
        let t = catalogs.localizer(language)
        let school = try await subject.$school.get(on: db)?.name ?? "Samenspraak"
        let (kind, content): (OutboxMail.Kind, MailContent) = switch change {
        case .deactivated:
            (.deactivated, StaffMails.deactivated(t, name: subject.name, school: school, actor: actor.name))
        case .reactivated:
            (.reactivated, StaffMails.reactivated(t, name: subject.name, school: school, actor: actor.name, signIn: signInURL))
        case let .roleChanged(from, to):
            (.roleChanged, StaffMails.roleChanged(t, name: subject.name, school: school, actor: actor.name, from: from, to: to))
        }
        try await MailOutbox.enqueue(kind, to: subject.email, name: subject.name, language: language, content: content,
                                     requestedByID: actor.id, settings: settings, now: now, on: db)
    }

    /// Queues "a new sign-in to your account" to `user`: a browser that never signed in as them did now.
    func tellNewSignIn(_ user: User, forgot: String, at now: Date, on db: any Database) async throws {
        let language = user.staffLanguage ?? .default
        let seconds = Int(now.timeIntervalSince1970.rounded(.down))
        let content = StaffMails.newSignIn(catalogs.localizer(language), name: user.name, day: Brussels.day(atUTC: seconds),
                                           time: StaffAccountController.brusselsTime(now), forgot: forgot)
        try await MailOutbox.enqueue(.newSignIn, to: user.email, name: user.name, language: language, content: content,
                                     requestedByID: user.id, settings: settings, now: now, on: db)
    }
}

extension Request {
    /// The account mailer, or nil when this Samenspraak sends no e-mail.
    var accountMailer: AccountMailer? {
        application.mailSettings.map {
            AccountMailer(settings: $0, catalogs: application.catalogs, signInURL: absoluteURL(SiteRoute.login.path))
        }
    }
}
