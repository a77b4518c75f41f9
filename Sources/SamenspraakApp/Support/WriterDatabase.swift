import Fluent
import FluentSQLiteDriver
import NIOPosix
import Vapor

/// The group commit's own connection to a SQLite file, on a thread and an event loop of its own.
///
/// Through the connections pages read with, a batch waited twice over: the pages of its event loop waited for the
/// connection while the batch held it, and each of the batch's statements queued on the shared SQLite thread behind
/// the pages' reads. Here the writer queues behind nothing, and readers never wait for it (WAL: a reader sees the
/// last commit).
final class WriterDatabase: LifecycleHandler, Sendable {
    private let threadPool = NIOThreadPool(numberOfThreads: 1)
    private let loops = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let databases: Databases

    init(path: String) {
        threadPool.start()
        databases = Databases(threadPool: threadPool, on: loops)
        databases.use(.sqlite(.file(path)), as: .sqlite)
    }

    func database(logger: Logger) -> any Database {
        guard let database = databases.database(.sqlite, logger: logger, on: loops.next()) else {
            preconditionFailure("the writer's database is configured in init")
        }
        return database
    }

    func shutdownAsync(_ application: Application) async {
        await databases.shutdownAsync()
        try? await threadPool.shutdownGracefully()
        try? await loops.shutdownGracefully()
    }
}
