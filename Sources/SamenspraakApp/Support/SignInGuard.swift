import Crypto
import Fluent
import Foundation
import SamenspraakCore
import Vapor

/// The throttle of a password check, shared by the sign-in page and the kiosk's unlock.
///
/// - Failures from unknown browsers are counted per e-mail address (`SignInAttempt`, known accounts or not, so the
///   wait tells nobody which addresses have one) and per client address (`SignInAddressFailure`, against one
///   password tried on many accounts).
/// - A browser in which the account signed in before carries a device cookie (`KnownDevice`): its failures are
///   counted on it alone, and neither the lock of unknown browsers nor the address limit applies to it. A stranger
///   can keep an account locked for strangers, never for its owner's own browser.
struct SignInGuard {
    /// Not the rating page's `samenspraak_device`: a staff member's browser and a parent's phone are never the same
    /// cookie, also when both are set on one device.
    static let deviceCookieName = "samenspraak_known_browser"
    static let policy = SignInThrottlePolicy()
    static let addressPolicy = SignInAddressPolicy()

    enum Refusal: Equatable {
        /// This account (from this kind of browser) waits.
        case account(minutes: Int)
        /// Too many failures from this address, whatever the account.
        case address(minutes: Int)

        var notice: (key: String, values: [String: String]) {
            switch self {
            case let .account(minutes): ("login.throttled", ["minutes": String(minutes)])
            case let .address(minutes): ("login.address_throttled", ["minutes": String(minutes)])
            }
        }
    }

    let req: Request
    let email: String
    let user: User?
    /// This browser, when it is a known one of `user`.
    let device: KnownDevice?
    let attempt: SignInAttempt?

    static func load(_ req: Request, email: String, user: User?) async throws -> SignInGuard {
        var device: KnownDevice?
        if let user, let userID = user.id, let token = req.cookie(deviceCookieName)?.string, !token.isEmpty, token.count <= 128 {
            device = try await KnownDevice.query(on: req.db).filter(\.$tokenHash == AppServices.hash(token: token))
                .filter(\.$user.$id == userID).first()
        }
        var attempt: SignInAttempt?
        if device == nil { attempt = try await SignInAttempt.query(on: req.db).filter(\.$email == email).first() }
        return SignInGuard(req: req, email: email, user: user, device: device, attempt: attempt)
    }

    /// Why the password may not even be checked now, if it may not.
    func refusal() async throws -> Refusal? {
        let now = req.now
        if let device {
            if let lockedUntil = device.lockedUntil, lockedUntil > now { return .account(minutes: Self.minutes(until: lockedUntil, now)) }
            return nil
        }
        if let refusal = try await addressRefusal() { return refusal }
        if let lockedUntil = attempt?.lockedUntil, lockedUntil > now { return .account(minutes: Self.minutes(until: lockedUntil, now)) }
        return nil
    }

    /// Counts a wrong password; says what to answer when this failure makes the account wait.
    func failed() async throws -> Refusal? {
        let now = req.now
        let failures: Int
        let wait: Int
        if let device {
            device.failures += 1
            failures = device.failures
            wait = Self.policy.waitSeconds(afterFailures: failures)
            device.lockedUntil = wait > 0 ? now.addingTimeInterval(TimeInterval(wait)) : nil
            try await device.save(on: req.db)
        } else {
            let record = attempt ?? SignInAttempt(email: email)
            record.failures += 1
            failures = record.failures
            wait = Self.policy.waitSeconds(afterFailures: failures)
            record.lockedUntil = wait > 0 ? now.addingTimeInterval(TimeInterval(wait)) : nil
            try await record.save(on: req.db)
            try await SignInAddressFailure(addressHash: try await Self.addressHash(req), at: now).create(on: req.db)
        }
        req.logger.notice("sign-in failed", metadata: ["failures": .stringConvertible(failures), "known_device": .stringConvertible(device != nil)])
        return wait > 0 ? .account(minutes: SignInThrottlePolicy.minutesToTell(seconds: Double(wait))) : nil
    }

    /// After the right password: this browser's count starts again, and it becomes (or stays) a known browser of
    /// the account, with its cookie renewed on `response`.
    func succeeded(_ response: Response) async throws {
        guard let user, let userID = user.id else { return }
        let today = Self.day(req.now)
        let token: String
        if let device {
            device.failures = 0
            device.lockedUntil = nil
            device.lastUsedOn = today
            try await device.save(on: req.db)
            // The cookie cannot be read back, so a known browser keeps its token: only its lifetime is renewed.
            token = req.cookie(Self.deviceCookieName)?.string ?? ""
        } else {
            if let attempt { try await attempt.delete(on: req.db) }
            token = req.services.token()
            try await KnownDevice(userID: userID, tokenHash: AppServices.hash(token: token), lastUsedOn: today).create(on: req.db)
            let devices = try await KnownDevice.query(on: req.db).filter(\.$user.$id == userID)
                .sort(\.$lastUsedOn, .descending).sort(\.$createdAt, .descending).all()
            let forgotten = devices.dropFirst(Self.addressPolicy.devicesPerAccount).compactMap(\.id)
            if !forgotten.isEmpty { try await KnownDevice.query(on: req.db).filter(\.$id ~~ forgotten).delete() }
        }
        response.setCookie(Self.deviceCookieName, req.application.cookie(value: token, maxAge: Self.addressPolicy.deviceDays * 86_400),
                           app: req.application)
    }

    private func addressRefusal() async throws -> Refusal? {
        let now = req.now
        let window = TimeInterval(Self.addressPolicy.windowSeconds)
        let addressHash = try await Self.addressHash(req)
        let recent = try await SignInAddressFailure.query(on: req.db).filter(\.$addressHash == addressHash)
            .filter(\.$at > now.addingTimeInterval(-window)).sort(\.$at).all()
        guard Self.addressPolicy.refuses(recentFailures: recent.count) else { return nil }
        // Free again once enough of the failures have left the window.
        let freeAt = recent[recent.count - Self.addressPolicy.failures].at.addingTimeInterval(window)
        req.application.requestLog.count("sign-in address throttled", level: .warning, [:], at: now)
        return .address(minutes: Self.minutes(until: freeAt, now))
    }

    /// The client's address under the app's secret key: the same on every app server, useless without the key.
    static func addressHash(_ req: Request) async throws -> String {
        let key = try await req.application.codeKey(on: req.db)
        let message = Data("sign-in address|\(req.application.clientAddress(req))".utf8)
        return HMAC<SHA256>.authenticationCode(for: message, using: key).hexString
    }

    static func minutes(until date: Date, _ now: Date) -> Int {
        SignInThrottlePolicy.minutesToTell(seconds: date.timeIntervalSince(now))
    }

    static func day(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// Forgets address failures that left the window and browsers unused for longer than a cookie lives.
    @discardableResult
    static func purge(on db: any Database, now: Date) async throws -> Int {
        let window = TimeInterval(addressPolicy.windowSeconds)
        let old = try await SignInAddressFailure.query(on: db).filter(\.$at <= now.addingTimeInterval(-window)).count()
        try await SignInAddressFailure.query(on: db).filter(\.$at <= now.addingTimeInterval(-window)).delete()
        try await KnownDevice.query(on: db).filter(\.$lastUsedOn < day(now).addingTimeInterval(-Double(addressPolicy.deviceDays) * 86_400)).delete()
        return old
    }
}
