import Foundation

/// What a school form holds, before it is saved. Strings as typed, so a failed form can be shown again.
public struct SchoolDraft: Equatable, Sendable {
    public var name: String
    public var levels: [String]
    public var families: String
    public var languages: [String]
    public var shareName: Bool

    public init(name: String = "", levels: [String] = [], families: String = "", languages: [String] = ["nl"], shareName: Bool = false) {
        self.shareName = shareName
        self.name = name
        self.levels = levels
        self.families = families
        self.languages = languages
    }

    public struct Valid: Equatable, Sendable {
        public var name: String
        public var levels: [SchoolLevel]
        public var families: Int?
        public var languages: [LanguageCode]
        public var shareName: Bool

        public init(name: String, levels: [SchoolLevel], families: Int?, languages: [LanguageCode], shareName: Bool = false) {
            self.shareName = shareName
            self.name = name
            self.levels = levels
            self.families = families
            self.languages = languages
        }
    }

    public static let maximumFamilies = 5000

    /// The checked values, or the field errors as catalog keys.
    public func validate() -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        Validate.requiredText(name, field: "name", maxLength: 120, into: &errors)
        let parsedLevels = SchoolLevel.allCases.filter { levels.contains($0.rawValue) }
        if parsedLevels.isEmpty || parsedLevels.count != Set(levels).count {
            errors["levels"] = "error.levels"
        }
        var familyCount: Int?
        let trimmedFamilies = families.trimmingCharacters(in: .whitespaces)
        if !trimmedFamilies.isEmpty {
            if let n = Int(trimmedFamilies), n >= 1, n <= Self.maximumFamilies {
                familyCount = n
            } else {
                errors["families"] = "error.families"
            }
        }
        let parsedLanguages = LanguageCode.allCases.filter { languages.contains($0.rawValue) }
        if parsedLanguages.isEmpty || parsedLanguages.count != Set(languages).count {
            errors["languages"] = "error.languages"
        }
        guard errors.isEmpty else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(
            name: name.trimmingCharacters(in: .whitespacesAndNewlines),
            levels: parsedLevels,
            families: familyCount,
            languages: parsedLanguages,
            shareName: shareName
        ))
    }
}

/// Field errors as an `Error`, so validation can return a `Result`.
public struct FieldErrorsBox: Error, Equatable, Sendable {
    public let errors: FieldErrors
    public init(_ errors: FieldErrors) { self.errors = errors }
}
