import Vapor

/// Refuses request bodies over the configured size with 413 before anything reads them, whether the body
/// arrives announced (Content-Length), streamed, or already collected.
struct BodyLimitMiddleware: AsyncMiddleware {
    let maxBytes: Int

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let length = request.headers.first(name: .contentLength).flatMap(Int.init), length > maxBytes {
            throw Abort(.payloadTooLarge)
        }
        if ![.GET, .HEAD, .OPTIONS].contains(request.method) {
            let body = try await request.body.collect(max: maxBytes).get()
            if let body, body.readableBytes > maxBytes { throw Abort(.payloadTooLarge) }
        }
        return try await next.respond(to: request)
    }
}
