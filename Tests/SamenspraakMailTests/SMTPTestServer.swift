import Foundation

/// scripts/smtp_test_server.py (aiosmtpd) in a process of its own, on a free port of 127.0.0.1, writing what it
/// receives to a folder of its own. Runs only with the Python named by SAMENSPRAAK_TEST_PYTHON.
final class SMTPTestServer: @unchecked Sendable {
    static let python = ProcessInfo.processInfo.environment["SAMENSPRAAK_TEST_PYTHON"].flatMap { $0.isEmpty ? nil : $0 }
    static var isAvailable: Bool { python != nil }

    static let repositoryRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    struct Received: Decodable, Sendable {
        var mailFrom: String
        var rcptTos: [String]
        var tls: Bool
        var authenticatedAs: String?
        var subject: String?
        var fromName: String?
        var fromAddress: String?
        var toName: String?
        var toAddress: String?
        var text: String?
        var html: String?
        var contentType: String
        var contentLanguage: String?
        var messageId: String?
        var date: String?
        var defects: [String]
        var longestLine: Int
    }

    struct Failure: Error, CustomStringConvertible { var description: String }

    let process: Process
    let port: Int
    let folder: URL
    private let log: URL

    /// Starts the server with these options (besides --port and --out) and waits for its port.
    init(_ options: [String]) throws {
        guard let python = Self.python else { throw Failure(description: "SAMENSPRAAK_TEST_PYTHON is not set") }
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("smtp-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("out"), withIntermediateDirectories: true)
        log = folder.appendingPathComponent("server.log")
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [Self.repositoryRoot.appendingPathComponent("scripts/smtp_test_server.py").path,
                             "--port", "0", "--out", folder.appendingPathComponent("out").path] + options
        let output = Pipe()
        process.standardOutput = output
        process.standardError = try FileHandle(forWritingTo: log)
        try process.run()
        var firstLine = Data()
        while !firstLine.contains(UInt8(ascii: "\n")) {
            let chunk = output.fileHandleForReading.availableData
            if chunk.isEmpty { break }
            firstLine += chunk
        }
        guard let text = String(data: firstLine, encoding: .utf8),
              let port = Int(text.split(separator: "\n").first?.trimmingCharacters(in: .whitespaces) ?? "")
        else {
            process.terminate()
            let said = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            throw Failure(description: "the SMTP test server did not start: \(said)")
        }
        self.port = port
    }

    /// What the server received, in order (N.json).
    func received() throws -> [Received] {
        let out = folder.appendingPathComponent("out")
        let names = try FileManager.default.contentsOfDirectory(atPath: out.path)
            .filter { $0.hasSuffix(".json") }
            .sorted { Int($0.dropLast(5)) ?? 0 < Int($1.dropLast(5)) ?? 0 }
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try names.map { try decoder.decode(Received.self, from: Data(contentsOf: out.appendingPathComponent($0))) }
    }

    /// The bytes of message N as received (N.eml).
    func raw(_ number: Int) throws -> Data {
        try Data(contentsOf: folder.appendingPathComponent("out/\(number).eml"))
    }

    /// Ends the server (SIGTERM, then SIGKILL after 5 s) without blocking a thread of the test's executor.
    func stop() async {
        if process.isRunning { process.terminate() }
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(20))
        }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A throw-away self-signed certificate made with the openssl command, trusted by the tests through trustRootsFile.
struct TestCertificate: Sendable {
    let certificate: String
    let key: String

    static func make(commonName: String = "localhost", altNames: String = "DNS:localhost,IP:127.0.0.1") throws -> TestCertificate {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cert-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let certificate = folder.appendingPathComponent("cert.pem").path
        let key = folder.appendingPathComponent("key.pem").path
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-sha256", "-days", "1",
                             "-keyout", key, "-out", certificate, "-subj", "/CN=\(commonName)",
                             "-addext", "subjectAltName=\(altNames)"]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw SMTPTestServer.Failure(description: "openssl could not make a certificate")
        }
        return TestCertificate(certificate: certificate, key: key)
    }
}
