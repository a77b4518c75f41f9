import Fluent
import Foundation
import SamenspraakCore
import Vapor

/// What the worker hands to a mail server: one outbox mail, read at the moment it is sent.
struct MailEnvelope: Sendable, Equatable {
    var recipient: String
    var recipientName: String
    var language: String
    var subject: String
    var text: String
    var html: String
    var messageID: String
    var date: Date
}

/// Why a mail did not go: `transient` is tried again later (a 4xx answer, the network), otherwise it failed for good.
struct MailDeliveryError: Error, Sendable, Equatable {
    var transient: Bool
    var reason: String
}

/// Something that hands mails to a mail server: SMTP in the server, a recording one in some tests.
protocol MailTransport: Sendable {
    func deliver(_ mail: MailEnvelope) async throws(MailDeliveryError)
}

/// The durable outbox. An action that causes a mail writes it here in its own transaction, so the mail is never
/// lost when the server stops right after; a worker in each app server sends what is due. A worker takes a mail by
/// a conditional update (one winner among several servers) for a lease of five minutes: if it dies while sending,
/// another takes the mail once the lease is over (the mail keeps its Message-ID, so a receiving server can tell).
enum MailOutbox {
    /// Queues a mail; call inside the transaction of the action that causes it.
    @discardableResult
    static func enqueue(_ kind: OutboxMail.Kind, to recipient: String, name: String, language: LanguageCode,
                        content: MailContent, invitationID: UUID? = nil, requestedByID: UUID? = nil,
                        settings: MailSettings, now: Date, on db: any Database) async throws -> OutboxMail {
        let mail = OutboxMail(kind: kind, recipient: recipient, recipientName: name, language: language, content: content,
                              messageID: "\(UUID().uuidString.lowercased())@\(settings.messageIDDomain)", now: now,
                              invitationID: invitationID, requestedByID: requestedByID)
        try await mail.create(on: db)
        return mail
    }

    static let pendingStatuses = [MailStatus.queued, .retrying, .sending].map(\.rawValue)

    /// Days a sent or failed mail's line (recipient, subject, status) stays for the sender to see.
    static let keepDays = 30

    /// Forgets mails sent or given up more than `keepDays` ago, and reset links older than a day; returns how many
    /// rows went. Run with the hourly jobs.
    @discardableResult
    static func purge(on db: any Database, now: Date) async throws -> Int {
        let cutoff = now.addingTimeInterval(-TimeInterval(keepDays * 86_400))
        let done = [MailStatus.sent, .failed].map(\.rawValue)
        let resetCutoff = now.addingTimeInterval(-86_400)
        func oldMails() -> QueryBuilder<OutboxMail> { OutboxMail.query(on: db).filter(\.$statusValue ~~ done).filter(\.$createdAt < cutoff) }
        func oldResets() -> QueryBuilder<PasswordReset> { PasswordReset.query(on: db).filter(\.$expiresAt < resetCutoff) }
        let count = try await oldMails().count() + oldResets().count()
        try await oldMails().delete()
        try await oldResets().delete()
        return count
    }

    /// Sends every mail that is due now (up to `limit`), one at a time; returns how many the mail server accepted.
    @discardableResult
    static func deliverDue(on db: any Database, transport: any MailTransport, now: @escaping @Sendable () -> Date,
                           policy: MailRetryPolicy = MailRetryPolicy(), limit: Int = 50, logger: Logger) async throws -> Int {
        let due = try await OutboxMail.query(on: db)
            .filter(\.$statusValue ~~ pendingStatuses)
            .filter(\.$nextAttemptAt <= now())
            .sort(\.$nextAttemptAt)
            .limit(limit)
            .all()
        var sent = 0
        for candidate in due {
            guard let id = candidate.id, let mail = try await claim(id, on: db, now: now()) else { continue }
            if try await attempt(mail, on: db, transport: transport, now: now, policy: policy, logger: logger) { sent += 1 }
        }
        return sent
    }

    /// Takes one mail for this worker, or nil when another worker has it (or it was sent meanwhile). The update
    /// only matches while nobody holds the mail, so of two servers trying at once exactly one gets it.
    static func claim(_ id: UUID, on db: any Database, now: Date) async throws -> OutboxMail? {
        let token = UUID()
        try await OutboxMail.query(on: db)
            .filter(\.$id == id)
            .filter(\.$statusValue ~~ pendingStatuses)
            .filter(\.$nextAttemptAt <= now)
            .group(.or) { $0.filter(\.$claimedUntil == nil).filter(\.$claimedUntil < now) }
            .set(\.$claimToken, to: token)
            .set(\.$claimedUntil, to: now.addingTimeInterval(TimeInterval(MailRetryPolicy.leaseSeconds)))
            .set(\.$statusValue, to: MailStatus.sending.rawValue)
            .update()
        return try await OutboxMail.query(on: db).filter(\.$id == id).filter(\.$claimToken == token).first()
    }

    /// Sends one taken mail and records how it went; true when the mail server accepted it.
    private static func attempt(_ mail: OutboxMail, on db: any Database, transport: any MailTransport,
                                now: @Sendable () -> Date, policy: MailRetryPolicy, logger: Logger) async throws -> Bool {
        let envelope = MailEnvelope(recipient: mail.recipient, recipientName: mail.recipientName, language: mail.language,
                                    subject: mail.subject, text: mail.textBody, html: mail.htmlBody, messageID: mail.messageID,
                                    date: now())
        let attempts = mail.attempts + 1
        // Only the holder of the claim writes the outcome.
        func update() throws -> QueryBuilder<OutboxMail> {
            var query = OutboxMail.query(on: db).filter(\.$id == (try mail.requireID()))
            if let token = mail.claimToken { query = query.filter(\.$claimToken == token) }
            return query.set(\.$attempts, to: attempts).set(\.$claimToken, to: nil).set(\.$claimedUntil, to: nil)
        }
        do {
            try await transport.deliver(envelope)
        } catch {
            let reason = String(error.reason.prefix(300))
            if error.transient, let delay = policy.delay(afterAttempts: attempts) {
                try await update().set(\.$statusValue, to: MailStatus.retrying.rawValue).set(\.$lastError, to: reason)
                    .set(\.$nextAttemptAt, to: now().addingTimeInterval(TimeInterval(delay)))
                    .update()
                logger.warning("mail not sent, will retry",
                               metadata: ["kind": .string(mail.kind), "attempts": .stringConvertible(attempts), "reason": .string(reason)])
            } else {
                // Given up: the bodies go, like after sending.
                try await update().set(\.$statusValue, to: MailStatus.failed.rawValue).set(\.$lastError, to: reason)
                    .set(\.$textBody, to: "").set(\.$htmlBody, to: "")
                    .update()
                logger.error("mail failed", metadata: ["kind": .string(mail.kind), "attempts": .stringConvertible(attempts),
                                                       "reason": .string(reason)])
            }
            return false
        }
        // The bodies go: links in them must not outlive their use in the database.
        try await update().set(\.$statusValue, to: MailStatus.sent.rawValue).set(\.$sentAt, to: now()).set(\.$lastError, to: nil)
            .set(\.$textBody, to: "").set(\.$htmlBody, to: "")
            .update()
        logger.info("mail sent", metadata: ["kind": .string(mail.kind), "attempts": .stringConvertible(attempts)])
        return true
    }
}

/// Sends the outbox every few seconds while the server runs (only when e-mail is configured).
struct MailWorker: LifecycleHandler {
    final class Box: @unchecked Sendable { var task: Task<Void, Never>? }
    let box = Box()
    let transport: any MailTransport
    let interval: Duration

    init(transport: any MailTransport, interval: Duration = .seconds(2)) {
        self.transport = transport
        self.interval = interval
    }

    func didBootAsync(_ application: Application) async throws {
        let transport = self.transport, interval = self.interval
        box.task = Task {
            while !Task.isCancelled {
                do {
                    try await MailOutbox.deliverDue(on: application.db, transport: transport, now: application.services.now,
                                                    logger: application.logger)
                } catch {
                    application.logger.warning("mail outbox run failed", metadata: ["error": .string(String(describing: error))])
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func shutdownAsync(_ application: Application) async {
        box.task?.cancel()
    }
}

extension Application {
    private struct MailTransportKey: StorageKey { typealias Value = any MailTransport }

    /// How e-mail is configured, or nil when this Samenspraak sends none.
    var mailSettings: MailSettings? { samenspraakConfig.mail }

    /// What the outbox worker sends through: SMTP when configured; tests may put another one in.
    var mailTransport: (any MailTransport)? {
        get { storage[MailTransportKey.self] }
        set { storage[MailTransportKey.self] = newValue }
    }
}
