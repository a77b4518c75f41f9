import Vapor

/// Refuses request bodies over the configured size with 413 before anything reads them, whether the body
/// arrives announced (Content-Length), streamed, or already collected; and form bodies that are not valid
/// UTF-8 (raw or percent-encoded) with 400, so no text is ever stored with replacement characters.
struct BodyLimitMiddleware: AsyncMiddleware {
    let normalMaxBytes: Int
    /// Forms that carry a photo may be larger.
    var uploadMaxBytes: Int = 0
    var isUpload: @Sendable (Request) -> Bool = { _ in false }

    init(maxBytes: Int, uploadMaxBytes: Int = 0, isUpload: @escaping @Sendable (Request) -> Bool = { _ in false }) {
        self.normalMaxBytes = maxBytes
        self.uploadMaxBytes = uploadMaxBytes
        self.isUpload = isUpload
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let maxBytes = isUpload(request) ? max(uploadMaxBytes, normalMaxBytes) : normalMaxBytes
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > maxBytes {
            throw Abort(.payloadTooLarge)
        }
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let body = try await request.body.collect(max: maxBytes).get()
            if let body, body.readableBytes > maxBytes { throw Abort(.payloadTooLarge) }
            if let body, request.headers.contentType == .urlEncodedForm, !Self.isValidForm(body) { throw Abort(.badRequest) }
        }
        return try await next.respond(to: request)
    }

    static func isValidForm(_ body: ByteBuffer) -> Bool {
        guard let text = body.getString(at: body.readerIndex, length: body.readableBytes),
              String(validating: body.readableBytesView, as: UTF8.self) != nil else { return false }
        return text.split(separator: "&").allSatisfy { pair in
            pair.replacingOccurrences(of: "+", with: " ").removingPercentEncoding != nil
        }
    }
}
