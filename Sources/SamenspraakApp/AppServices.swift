import Foundation
import Crypto
import SamenspraakCore

/// The side effects the app needs that tests replace: the clock and randomness.
public struct AppServices: Sendable {
    public var now: @Sendable () -> Date
    /// `count` random bytes.
    public var randomBytes: @Sendable (Int) -> [UInt8]

    public init(now: @escaping @Sendable () -> Date, randomBytes: @escaping @Sendable (Int) -> [UInt8]) {
        self.now = now
        self.randomBytes = randomBytes
    }

    public static let live = AppServices(
        now: { Date() },
        randomBytes: { count in
            var generator = SystemRandomNumberGenerator()
            return (0..<count).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        }
    )

    /// These services with a clock that starts at `start` now and runs on from there (SAMENSPRAAK_DEMO_CLOCK).
    public func clock(startingAt start: Date) -> AppServices {
        let offset = start.timeIntervalSince(Date())
        var shifted = self
        shifted.now = { Date().addingTimeInterval(offset) }
        return shifted
    }

    /// A URL-safe random token with `bytes` bytes of entropy.
    public func token(bytes: Int = 32) -> String {
        Data(randomBytes(bytes)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// A password that is easy to read aloud and type: groups of letters and digits without look-alikes.
    public func oneTimePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyz23456789")
        // Rejection sampling keeps every character equally likely.
        let limit = UInt8(256 / alphabet.count * alphabet.count)
        var characters: [Character] = []
        while characters.count < 12 {
            for byte in randomBytes(16) where byte < limit && characters.count < 12 {
                characters.append(alphabet[Int(byte) % alphabet.count])
            }
        }
        return stride(from: 0, to: 12, by: 4).map { String(characters[$0..<$0 + 4]) }.joined(separator: "-")
    }

    /// Tokens are stored only as their SHA-256, so a copy of the database does not open anyone's account.
    public static func hash(token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).hexString
    }
}
