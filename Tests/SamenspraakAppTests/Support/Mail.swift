import Foundation
import NIOConcurrencyHelpers
@testable import SamenspraakApp
import SamenspraakCore
import Vapor

/// A mail server in a test: keeps what it was given, or refuses as told. (The real SMTP path is tested against a
/// real server in SamenspraakMailTests and the browser tests.)
final class RecordingTransport: MailTransport, Sendable {
    private let state = NIOLockedValueBox<(mails: [MailEnvelope], refusals: [MailDeliveryError])>(([], []))

    /// The next deliveries fail with these, in order; afterwards mails are accepted.
    func refuse(_ errors: MailDeliveryError...) { state.withLockedValue { $0.refusals += errors } }

    var mails: [MailEnvelope] { state.withLockedValue { $0.mails } }

    func deliver(_ mail: MailEnvelope) async throws(MailDeliveryError) {
        let refusal = state.withLockedValue { state -> MailDeliveryError? in
            if !state.refusals.isEmpty { return state.refusals.removeFirst() }
            state.mails.append(mail)
            return nil
        }
        if let refusal { throw refusal }
    }
}

/// Mail configured (to a port nobody listens on: tests hand mails to a RecordingTransport themselves).
func withMail(_ config: inout AppConfiguration) {
    config.mail = try! MailSettings(smtpURL: "smtp://127.0.0.1:9?starttls=off", from: "Samenspraak <noreply@samenspraak.test>")
}

/// Sends what is due through `transport`, as the worker would.
@discardableResult
func deliverMail(_ app: Application, _ transport: RecordingTransport) async throws -> Int {
    try await MailOutbox.deliverDue(on: app.db, transport: transport, now: app.services.now, logger: app.logger)
}

/// The first link to this site in a mail's text.
func link(in mail: MailEnvelope, containing marker: String) -> String? {
    mail.text.split(whereSeparator: \.isNewline).map(String.init).first { $0.hasPrefix("http") && $0.contains(marker) }
}
