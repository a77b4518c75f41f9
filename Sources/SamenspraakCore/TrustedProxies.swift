import Foundation

/// The reverse proxies (load balancers) whose `X-Forwarded-For` the app believes, to know which address a request
/// comes from for the limits on the open link, ratings and sign-in. Without them, every request behind a proxy
/// comes from the proxy's address, and one school's parents would share one limit with every other school's.
public struct TrustedProxies: Hashable, Sendable {
    public let ranges: [IPRange]

    public static let none = TrustedProxies(ranges: [])

    public init(ranges: [IPRange]) {
        self.ranges = ranges
    }

    /// Reads a comma-separated list of addresses and ranges; the entries it cannot read, when there are any.
    public static func parse(_ list: String) -> Result<TrustedProxies, Unreadable> {
        let entries = list.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        let ranges = entries.map { IPRange($0) }
        let unreadable = zip(entries, ranges).filter { $0.1 == nil }.map(\.0)
        if !unreadable.isEmpty { return .failure(Unreadable(entries: unreadable)) }
        return .success(TrustedProxies(ranges: ranges.compactMap { $0 }))
    }

    public struct Unreadable: Error, Equatable {
        public let entries: [String]

        public init(entries: [String]) {
            self.entries = entries
        }
    }

    public func trusts(_ address: IPAddress) -> Bool {
        ranges.contains { $0.contains(address) }
    }

    /// Where a request comes from: the connection's address (`peer`), unless that is a trusted proxy; then the
    /// `X-Forwarded-For` lists (`forwardedFor`, every such header in order) are read from the right, past the
    /// trusted proxies, and the first address that is not one is the client. Entries further left were written
    /// by the client itself and prove nothing. When the header is missing or holds something that is not an
    /// address where the client should be, the proxy's own address is all there is.
    public func client(peer: String?, forwardedFor: [String]) -> String? {
        guard let peer, let address = IPAddress(peer), trusts(address) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        var nearest = address
        for hop in hops.reversed() {
            guard let hopAddress = IPAddress(hop) else { return nearest.description }
            if !trusts(hopAddress) { return hopAddress.description }
            nearest = hopAddress
        }
        return nearest.description
    }
}
