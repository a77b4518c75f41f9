import Foundation

/// Where a story stands: written, waiting for the coordinator, out on the public site, or sent back.
public enum StoryStatus: String, CaseIterable, Sendable, Codable, Equatable {
    case draft, submitted, published, returned

    /// Whether the school may still change it.
    public var isEditable: Bool { self == .draft || self == .returned }
}

/// A story as staff typed it, checked before anything is stored. Messages are catalog keys.
public struct StoryDraft: Equatable, Sendable {
    public var title: String
    public var summary: String
    public var body: String
    public var keys: [String]
    public var anonymous: Bool
    public var photoAlt: String

    public init(title: String = "", summary: String = "", body: String = "", keys: [String] = [], anonymous: Bool = false, photoAlt: String = "") {
        self.title = title
        self.summary = summary
        self.body = body
        self.keys = keys
        self.anonymous = anonymous
        self.photoAlt = photoAlt
    }

    public struct Valid: Equatable, Sendable {
        public var title: String
        public var summary: String
        public var body: String
        public var keys: [Int]
        public var anonymous: Bool
        public var photoAlt: String?
        public init(title: String, summary: String, body: String, keys: [Int], anonymous: Bool, photoAlt: String?) {
            self.title = title
            self.summary = summary
            self.body = body
            self.keys = keys
            self.anonymous = anonymous
            self.photoAlt = photoAlt
        }
    }

    public static let maximumTitle = 140
    public static let maximumSummary = 400
    public static let maximumBody = 20_000
    public static let maximumAlt = 250

    /// `hasPhoto`: a photo is being sent or already belongs to the story; then its alt text is required.
    public func validate(hasPhoto: Bool) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        Validate.requiredText(title, field: "title", maxLength: Self.maximumTitle, into: &errors)
        Validate.requiredText(summary.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\n", with: " "), field: "summary",
                              maxLength: Self.maximumSummary, into: &errors)
        let bodyText = body.trimmingCharacters(in: .whitespacesAndNewlines)
        if bodyText.isEmpty { errors["body"] = "error.required" }
        else if bodyText.count > Self.maximumBody { errors["body"] = "error.story_body_long" }
        else if bodyText.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !["\n", "\r", "\t"].contains($0) }) {
            errors["body"] = "error.invalid_characters"
        }
        let parsedKeys = keys.compactMap(Int.init)
        if keys.isEmpty || parsedKeys.count != keys.count || !parsedKeys.allSatisfy(Questionnaire.keys.contains) { errors["keys"] = "error.story_keys" }
        let alt = photoAlt.trimmingCharacters(in: .whitespacesAndNewlines)
        if hasPhoto {
            Validate.requiredText(alt, field: "photo_alt", maxLength: Self.maximumAlt, into: &errors)
            if errors["photo_alt"] == "error.required" { errors["photo_alt"] = "error.photo_alt" }
        } else if alt.count > Self.maximumAlt {
            errors["photo_alt"] = "error.too_long"
        }
        guard errors.isEmpty else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(title: title.trimmingCharacters(in: .whitespacesAndNewlines),
                              summary: summary.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n"),
                              body: bodyText.replacingOccurrences(of: "\r\n", with: "\n"), keys: Array(Set(parsedKeys)).sorted(),
                              anonymous: anonymous, photoAlt: hasPhoto ? alt : nil))
    }
}

/// What a visitor typed in the search box, made safe for either database's full-text search: plain words only.
public enum SearchQuery {
    public static let maximumWords = 8

    public static func words(_ typed: String) -> [String] {
        let words = typed.lowercased().split { !($0.isLetter || $0.isNumber) }.map(String.init).filter { $0.count >= 2 }
        var seen = Set<String>()
        return Array(words.filter { seen.insert($0).inserted }.prefix(maximumWords)).map { String($0.prefix(40)) }
    }
}
