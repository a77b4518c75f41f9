import SamenspraakApp

// Everything lives in SamenspraakApp; this executable only parses the command line and runs it.
await SamenspraakCommand.runFromCommandLine()
