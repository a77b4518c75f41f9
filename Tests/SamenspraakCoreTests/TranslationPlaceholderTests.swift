import Foundation
import Testing
@testable import SamenspraakCore

/// Every parent-facing text file keeps the placeholders of its Dutch source: a translation that dropped `{n}` or
/// renamed `{school}` would show a parent a hole or a brace.
@Suite struct TranslationPlaceholderTests {
    static let resources = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Sources/SamenspraakApp/Resources")

    static func entries(_ url: URL) throws -> [String: String] {
        var result: [String: String] = [:]
        for line in try String(contentsOf: url, encoding: .utf8).split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            guard !text.hasPrefix("#"), let equals = text.firstIndex(of: "=") else { continue }
            result[text[..<equals].trimmingCharacters(in: .whitespaces)] = text[text.index(after: equals)...].trimmingCharacters(in: .whitespaces)
        }
        return result
    }

    static func placeholders(_ value: String) -> [String] {
        var found: [String] = []
        var rest = Substring(value)
        while let open = rest.firstIndex(of: "{"), let close = rest[open...].firstIndex(of: "}") {
            found.append(String(rest[open...close]))
            rest = rest[rest.index(after: close)...]
        }
        return found.sorted()
    }

    @Test(arguments: ["questionnaires/parents-v1", "ratings", "cards", "profiles"])
    func every_language_keeps_the_placeholders_of_the_dutch_text(_ folder: String) throws {
        let directory = Self.resources.appendingPathComponent(folder)
        let dutch = try Self.entries(directory.appendingPathComponent("nl.txt"))
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".txt") && $0 != "structure.txt" }
        #expect(files.count >= LanguageCode.builtIn.count, "\(folder) has \(files.count) languages")
        for file in files {
            let texts = try Self.entries(directory.appendingPathComponent(file))
            #expect(Set(texts.keys) == Set(dutch.keys), "\(folder)/\(file) has other keys than nl.txt")
            for (key, value) in dutch where key != "status" {
                #expect(Self.placeholders(texts[key] ?? "") == Self.placeholders(value), "\(folder)/\(file): \(key)")
            }
        }
    }
}
