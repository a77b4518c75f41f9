import Fluent
import Foundation
import SamenspraakViews
import Vapor

/// Plays a school's recording to anyone who has its address (parents are not signed in): the id is random and new
/// with every recording, so the address names one clip for ever and browsers keep it for a year. Only a recording's
/// id is answered; anything else is 404.
struct PublicAudioController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.audio(id: .any), use: audio)
    }

    @Sendable func audio(req: Request) async throws -> Response {
        let id = try req.uuid(RecordingID.self)
        guard let recording = try await Recording.find(id, on: req.db) else { throw Abort(.notFound) }
        let etag = "\"\(recording.sha256)\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .eTag, value: etag)
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=31536000, immutable")
        headers.replaceOrAdd(name: .acceptRanges, value: "bytes")
        if let sent = req.headers.first(name: .ifNoneMatch),
           sent == "*" || sent.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "W/", with: "") == etag }) {
            return Response(status: .notModified, headers: headers)
        }
        headers.replaceOrAdd(name: .contentType, value: recording.contentType)
        let data = recording.data
        if let range = req.headers.first(name: .range) {
            guard let (first, last) = Self.range(range, length: data.count) else {
                headers.replaceOrAdd(name: .contentRange, value: "bytes */\(data.count)")
                return Response(status: .rangeNotSatisfiable, headers: headers)
            }
            headers.replaceOrAdd(name: .contentRange, value: "bytes \(first)-\(last)/\(data.count)")
            return Response(status: .partialContent, headers: headers, body: .init(data: data.subdata(in: first..<last + 1)))
        }
        return Response(status: .ok, headers: headers, body: .init(data: data))
    }

    /// One range of `bytes=FIRST-LAST`, `bytes=FIRST-` or `bytes=-SUFFIX` within `length` bytes; nil when it is not one
    /// range or lies outside the clip (then 416). Browsers ask for one range when they seek.
    static func range(_ header: String, length: Int) -> (Int, Int)? {
        guard header.hasPrefix("bytes="), length > 0 else { return nil }
        let spec = header.dropFirst("bytes=".count).trimmingCharacters(in: .whitespaces)
        guard !spec.contains(","), let dash = spec.firstIndex(of: "-") else { return nil }
        let start = spec[..<dash], end = spec[spec.index(after: dash)...]
        if start.isEmpty {
            guard let suffix = Int(end), suffix > 0 else { return nil }
            return (max(0, length - suffix), length - 1)
        }
        guard let first = Int(start), first >= 0, first < length else { return nil }
        if end.isEmpty { return (first, length - 1) }
        guard let last = Int(end), last >= first else { return nil }
        return (first, min(last, length - 1))
    }
}
