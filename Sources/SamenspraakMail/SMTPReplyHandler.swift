import NIOCore

/// Turns the bytes the server sends into replies and hands them out one by one, each awaited with a time limit.
/// Lives on the channel's event loop; `SMTPConnection` reaches it through a `NIOLoopBound`.
final class SMTPReplyHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer

    /// Far above RFC 5321's 512 octets for a reply line: anything longer is not an SMTP server.
    static let maximumLineLength = 8192

    private var unread = ByteBuffer()
    private var parser = SMTPReplyParser()
    private var replies = CircularBuffer<SMTPReply>()
    private var waiting: (promise: EventLoopPromise<SMTPReply>, timeout: Scheduled<Void>)?
    private var failure: (any Error)?
    private weak var channel: (any Channel)?

    func handlerAdded(context: ChannelHandlerContext) {
        channel = context.channel
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        unread.writeBuffer(&incoming)
        while failure == nil, let newline = unread.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) {
            var line = unread.readString(length: newline - unread.readerIndex) ?? ""
            unread.moveReaderIndex(forwardBy: 1)
            if line.hasSuffix("\r") { line.removeLast() }
            do {
                if let reply = try parser.take(line: line) { deliver(reply) }
            } catch {
                fail(SMTPError.permanent("the server's reply is not SMTP (wrong port or protocol?)"))
            }
        }
        if unread.readableBytes > Self.maximumLineLength {
            fail(SMTPError.permanent("the server sent a reply line that is too long"))
        }
        unread.discardReadBytes()
    }

    func channelInactive(context: ChannelHandlerContext) {
        fail(SMTPError.transient("the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        fail(error)
        context.close(promise: nil)
    }

    /// True when bytes or replies arrived that nobody asked for yet: after "220 Ready to start TLS" that would be
    /// plain text injected before the handshake (the STARTTLS injection attack), so it must not be read as TLS.
    var hasUnreadInput: Bool {
        unread.readableBytes > 0 || !replies.isEmpty || parser.isInsideReply
    }

    /// The next reply, failed after `timeout` (transient) or when the connection fails.
    func nextReply(on eventLoop: any EventLoop, timeout: TimeAmount) -> EventLoopFuture<SMTPReply> {
        if let reply = replies.popFirst() { return eventLoop.makeSucceededFuture(reply) }
        if let failure { return eventLoop.makeFailedFuture(failure) }
        guard waiting == nil else {
            return eventLoop.makeFailedFuture(SMTPError.permanent("two replies awaited at once"))
        }
        let promise = eventLoop.makePromise(of: SMTPReply.self)
        let bound = NIOLoopBound(self, eventLoop: eventLoop)
        let seconds = timeout.nanoseconds / 1_000_000_000
        let scheduled = eventLoop.scheduleTask(in: timeout) {
            bound.value.fail(SMTPError.transient("no reply from the server within \(seconds) s"))
            bound.value.channel?.close(promise: nil)
        }
        waiting = (promise, scheduled)
        return promise.futureResult
    }

    /// Records the first failure; every later wait fails with it.
    func fail(_ error: any Error) {
        if failure == nil { failure = error }
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.fail(failure ?? error)
        }
    }

    private func deliver(_ reply: SMTPReply) {
        if let waiting {
            self.waiting = nil
            waiting.timeout.cancel()
            waiting.promise.succeed(reply)
        } else {
            replies.append(reply)
        }
    }
}
