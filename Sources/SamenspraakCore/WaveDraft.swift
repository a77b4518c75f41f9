import Foundation

/// What the form to open a wave holds, as typed, so a refused form can be shown again.
public struct WaveDraft: Equatable, Sendable {
    public var questionnaire: String
    public var opensOn: String
    public var closesOn: String
    public var families: String

    public init(questionnaire: String = "", opensOn: String = "", closesOn: String = "", families: String = "") {
        self.questionnaire = questionnaire
        self.opensOn = opensOn
        self.closesOn = closesOn
        self.families = families
    }

    public struct Valid: Equatable, Sendable {
        public var questionnaire: String
        public var opens: Day
        public var closes: Day
        /// nil: the school's own number of families counts.
        public var families: Int?

        public init(questionnaire: String, opens: Day, closes: Day, families: Int?) {
            self.questionnaire = questionnaire
            self.opens = opens
            self.closes = closes
            self.families = families
        }
    }

    /// A wave is open at most this many days.
    public static let maximumDays = 120

    /// The checked values, or the field errors as catalog keys. `questionnaires`: the versions the program ships.
    public func validate(questionnaires: Set<String>) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        let opens = Day(iso: opensOn), closes = Day(iso: closesOn)
        if opensOn.isEmpty { errors["opens_on"] = "error.required" } else if opens == nil { errors["opens_on"] = "error.date" }
        if closesOn.isEmpty { errors["closes_on"] = "error.required" } else if closes == nil { errors["closes_on"] = "error.date" }
        if let opens, let closes {
            if closes < opens {
                errors["closes_on"] = "error.wave_order"
            } else if closes.ordinal - opens.ordinal > Self.maximumDays {
                errors["closes_on"] = "error.wave_too_long"
            }
        }
        if !questionnaires.contains(questionnaire) { errors["questionnaire"] = "error.questionnaire" }
        var familyCount: Int?
        let familiesText = families.trimmingCharacters(in: .whitespaces)
        if !familiesText.isEmpty {
            if let n = Int(familiesText), (1...SchoolDraft.maximumFamilies).contains(n) {
                familyCount = n
            } else {
                errors["families"] = "error.families"
            }
        }
        guard errors.isEmpty, let opens, let closes else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(questionnaire: questionnaire, opens: opens, closes: closes, families: familyCount))
    }
}
