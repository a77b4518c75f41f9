import Vapor

/// Reads to the end whatever body a request brought that nothing read, once its answer is ready.
///
/// Vapor keeps one body-stream state per connection, and a body that came in more than one piece (chunked, or
/// a large one) but that no one read leaves that state waiting for ever: the next request on the same kept-alive
/// connection whose body also comes in pieces then gets no answer at all. Bodies go unread on many paths: a
/// page answered from the cache, a 503 when the server is full, a 404 for an unknown path or method, a 413 told
/// from the announced length, a GET that carries a body. This outermost middleware covers them all at once; what
/// it reads is thrown away, and a body that was read already (or was collected whole) is left as it is.
///
/// A plain (future-based) middleware: it wraps every request, and an async one would cost a task per request.
struct BodyDrainMiddleware: Middleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        // No Content-Length and no Transfer-Encoding: no body at all.
        guard request.headers.contains(name: .contentLength) || request.headers.contains(name: .transferEncoding) else {
            return next.respond(to: request)
        }
        return next.respond(to: request).always { _ in
            let eventLoop = request.eventLoop
            request.body.drain { _ in eventLoop.makeSucceededVoidFuture() }
        }
    }
}
