import Foundation
import NIOCore
import SamenspraakMail

/// Hands outbox mails to the configured SMTP server (SamenspraakMail).
struct SMTPMailTransport: MailTransport {
    let client: SMTPClient
    let from: MailAddress

    init(_ settings: MailSettings) throws {
        var configuration = try SMTPConfiguration(url: settings.smtpURL)
        configuration.trustRootsFile = settings.trustRootsFile
        client = SMTPClient(configuration: configuration)
        from = MailAddress(settings.fromAddress, name: settings.fromName)
    }

    func deliver(_ mail: MailEnvelope) async throws(MailDeliveryError) {
        let message = MailMessage(from: from, to: MailAddress(mail.recipient, name: mail.recipientName.isEmpty ? nil : mail.recipientName),
                                  subject: mail.subject, text: mail.text, html: mail.html.isEmpty ? nil : mail.html,
                                  messageID: mail.messageID, date: mail.date, language: mail.language)
        do {
            try await client.send(message)
        } catch let error as SMTPError {
            throw MailDeliveryError(transient: error.isTransient, reason: error.description)
        } catch {
            throw MailDeliveryError(transient: true, reason: String(describing: error))
        }
    }
}
