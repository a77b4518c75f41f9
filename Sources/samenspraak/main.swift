import NIOCore
import NIOPosix
import SamenspraakApp

// Swift concurrency runs on the server's own event-loop threads, so a request does not hop between two thread
// pools at every `await`. Nothing here blocks an event loop: database calls and password hashing run on their
// own thread pools.
_ = NIOSingletons.unsafeTryInstallSingletonPosixEventLoopGroupAsConcurrencyGlobalExecutor()

// Everything lives in SamenspraakApp; this executable only parses the command line and runs it.
await SamenspraakCommand.runFromCommandLine()
