import Crypto
import Fluent
import Foundation
import SamenspraakViews
import Vapor

/// The code `/setup` asks for on an empty database, so that whoever finds a fresh server first on the network
/// cannot make themselves its coordinator: only someone who sees the server's console can. It is derived (HMAC) from
/// the app's key in `app_secrets`, so every app server on one database prints and accepts the same code, and it
/// needs no table of its own; once an account exists `/setup` is gone (404) and the code opens nothing.
enum SetupCode {
    /// 32 characters without look-alikes (no I, O, 0, 1): each of the 12 carries 5 bits, 60 in all.
    static let alphabet = Array("ABCDEFGHJKLMNPQRSTUVWXYZ23456789")

    /// What a person typed, as it is compared: capitals, without spaces or dashes.
    static func normalized(_ typed: String) -> String {
        String(typed.uppercased().filter { $0.isASCII && ($0.isLetter || $0.isNumber) }.prefix(64))
    }

    /// The code of a key: XXXX-XXXX-XXXX.
    static func code(key: SymmetricKey) -> String {
        let mac = Array(HMAC<SHA256>.authenticationCode(for: Data("samenspraak first-run setup".utf8), using: key))
        let characters = mac.prefix(12).map { alphabet[Int($0) % alphabet.count] }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// The line `serve` prints when it starts on a database without any staff account, else nil.
    static func firstRunLine(_ app: Application) async throws -> String? {
        guard try await User.query(on: app.db).count() == 0 else { return nil }
        let code = try await app.setupCode(on: app.db)
        return "First run: open \(app.samenspraakConfig.baseURL)\(SiteRoute.setup.path) and type the setup code \(code)"
    }
}

extension Application {
    /// The setup code of this database (see `SetupCode`).
    func setupCode(on db: any Database) async throws -> String {
        SetupCode.code(key: try await codeKey(on: db))
    }
}
