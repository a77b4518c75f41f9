import Vapor

/// Refuses request bodies over the configured size with 413 before anything reads them, whether the body
/// arrives announced (Content-Length), streamed, or already collected; form bodies that are not valid
/// UTF-8 (raw or percent-encoded) with 400, so no text is ever stored with replacement characters; and
/// compressed bodies with 415.
///
/// Every page of Samenspraak sends an ordinary form; only the story editor, which carries a photo, sends
/// multipart. Any other kind of body (multipart elsewhere, JSON, text) is refused with 415 before a handler
/// decodes it, and a multipart body without a proper boundary with 400 (the multipart parser must never see one).
struct BodyLimitMiddleware: AsyncMiddleware {
    let normalMaxBytes: Int
    /// Forms that carry a photo may be larger.
    var uploadMaxBytes: Int = 0
    var isUpload: @Sendable (Request) -> Bool = { _ in false }
    /// Runs before a large body is read: throws to refuse it unread (nobody signed in, no form token).
    var beforeUpload: @Sendable (Request) throws -> Void = { _ in }

    init(maxBytes: Int, uploadMaxBytes: Int = 0, isUpload: @escaping @Sendable (Request) -> Bool = { _ in false },
         beforeUpload: @escaping @Sendable (Request) throws -> Void = { _ in }) {
        self.normalMaxBytes = maxBytes
        self.uploadMaxBytes = uploadMaxBytes
        self.isUpload = isUpload
        self.beforeUpload = beforeUpload
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // Samenspraak upgrades no connection (no websockets). Vapor holds back the rest of the bytes of a request
        // that asks for an upgrade until it has answered, so waiting for its body would wait forever: such a
        // request is answered at once. After an upgrade request the HTTP parser reads no more requests on that
        // connection, so the answer tells the client to close it (Vapor still adds its own keep-alive).
        if request.headers[canonicalForm: "connection"].contains(where: { $0.lowercased() == "upgrade" }) {
            let response = Response(status: .badRequest)
            response.headers.replaceOrAdd(name: .connection, value: "close")
            return response
        }
        // Bodies are not inflated (no zip bombs): a body in any encoding but the identity is refused.
        if request.headers[canonicalForm: "content-encoding"].contains(where: { $0.lowercased() != "identity" }) {
            throw Abort(.unsupportedMediaType)
        }
        let upload = isUpload(request)
        let maxBytes = upload ? max(uploadMaxBytes, normalMaxBytes) : normalMaxBytes
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > maxBytes {
            throw Abort(.payloadTooLarge)
        }
        if upload {
            // Only a signed-in person's form, with its token in the address, gets its (large) body read; anyone
            // else is answered from the headers alone, and the body is thrown away unread as it arrives.
            if let type = request.headers.contentType, type == .formData {
                guard let boundary = type.parameters["boundary"], (1...70).contains(boundary.count) else { throw Abort(.badRequest) }
            }
            try beforeUpload(request)
        }
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let body = try await request.body.collect(max: maxBytes).get()
            if let body, body.readableBytes > maxBytes { throw Abort(.payloadTooLarge) }
            if let body, body.readableBytes > 0 || request.headers.contentType != nil {
                switch request.headers.contentType {
                case .some(.urlEncodedForm):
                    if !Self.isValidForm(body) { throw Abort(.badRequest) }
                case let .some(type) where type == .formData && isUpload(request):
                    guard let boundary = type.parameters["boundary"], (1...70).contains(boundary.count) else { throw Abort(.badRequest) }
                case nil where body.readableBytes == 0:
                    break
                default:
                    throw Abort(.unsupportedMediaType)
                }
            }
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
