// TEMPORARY until the SMTP target is merged
struct SMTPMailTransport: MailTransport {
    init(_ settings: MailSettings) throws {}
    func deliver(_ mail: MailEnvelope) async throws(MailDeliveryError) { throw MailDeliveryError(transient: false, reason: "no SMTP yet") }
}
