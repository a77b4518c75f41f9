import NIOCore
import NIOPosix
import NIOSSL

/// One conversation with a server: commands out, replies in, each step within the configured time.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let handler: NIOLoopBound<SMTPReplyHandler>
    let timeout: TimeAmount

    /// Connects, with TLS from the first byte when `tls` is given.
    static func open(
        host: String, port: Int, tls: NIOSSLContext?, serverHostname: String?, timeout: TimeAmount,
        group: any EventLoopGroup
    ) async throws -> SMTPConnection {
        // The handler is taken while it is added: a failed TLS handshake may empty the pipeline before a later
        // look-up, and its failure must still be read from the handler.
        try await ClientBootstrap(group: group)
            .connectTimeout(timeout)
            .connect(host: host, port: port) { channel in
                channel.eventLoop.makeCompletedFuture {
                    if let tls {
                        try channel.pipeline.syncOperations.addHandler(
                            NIOSSLClientHandler(context: tls, serverHostname: serverHostname))
                    }
                    let handler = SMTPReplyHandler()
                    try channel.pipeline.syncOperations.addHandler(handler)
                    return SMTPConnection(
                        channel: channel, handler: NIOLoopBound(handler, eventLoop: channel.eventLoop), timeout: timeout)
                }
            }
    }

    /// The next reply from the server.
    func reply() async throws -> SMTPReply {
        try await channel.eventLoop.flatSubmit { [handler, timeout, channel] in
            handler.value.nextReply(on: channel.eventLoop, timeout: timeout)
        }.get()
    }

    /// Sends a command line (CRLF added) and returns the reply to it.
    func command(_ line: String) async throws -> SMTPReply {
        write(line + "\r\n")
        return try await reply()
    }

    /// Sends bytes; a failed write fails the reply being awaited, so the first cause of a failure is reported.
    func write(_ text: String) {
        let handler = self.handler
        channel.writeAndFlush(channel.allocator.buffer(string: text)).whenFailure { error in
            handler.value.fail(error)
        }
    }

    /// Puts TLS under the conversation after the server agreed to STARTTLS.
    func startTLS(_ tls: NIOSSLContext, serverHostname: String?) async throws {
        try await channel.eventLoop.submit { [handler, channel] in
            guard !handler.value.hasUnreadInput else {
                throw SMTPError.permanent("the server sent data before the TLS handshake")
            }
            try channel.pipeline.syncOperations.addHandler(
                NIOSSLClientHandler(context: tls, serverHostname: serverHostname), position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }
}
