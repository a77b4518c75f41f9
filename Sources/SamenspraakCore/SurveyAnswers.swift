import Foundation

/// What a parent has answered so far: a face per item (1…4, or 0 for "I don't know / not for me"), and the
/// open texts. Everything that arrives from a form is checked against the questionnaire first.
public struct SurveyAnswers: Equatable, Sendable, Codable {
    public var faces: [String: Int]
    public var texts: [String: String]

    public init(faces: [String: Int] = [:], texts: [String: String] = [:]) {
        self.faces = faces
        self.texts = texts
    }

    public static let faceValues = 0...4
    public static let maximumTextLength = 2000

    public enum Problem: Error, Equatable, Sendable {
        case unknownItem(String)
        case valueOutOfRange(String)
        case textTooLong(String)
        case invalidText(String)
    }

    /// Applies the answers of one page. Unknown items, values outside the scale and texts that are too long
    /// or hold control characters are refused as a whole: nothing of the page is taken.
    public func applying(faces newFaces: [String: String], texts newTexts: [String: String],
                         questionnaire: Questionnaire) -> Result<SurveyAnswers, Problem> {
        var result = self
        for (item, raw) in newFaces {
            guard questionnaire.item(item) != nil else { return .failure(.unknownItem(item)) }
            guard let value = Int(raw), Self.faceValues.contains(value) else { return .failure(.valueOutOfRange(item)) }
            result.faces[item] = value
        }
        for (question, raw) in newTexts {
            guard questionnaire.openQuestions.contains(question) else { return .failure(.unknownItem(question)) }
            guard raw.count <= Self.maximumTextLength else { return .failure(.textTooLong(question)) }
            let allowedControls: Set<Unicode.Scalar> = ["\n", "\r", "\t"]
            guard !raw.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && !allowedControls.contains($0) })
            else { return .failure(.invalidText(question)) }
            let trimmed = raw.trimmingCharacters(in: .whitespacesAndNewlines)
            result.texts[question] = trimmed.isEmpty ? nil : raw.replacingOccurrences(of: "\r\n", with: "\n")
        }
        return .success(result)
    }

    public func unanswered(in questionnaire: Questionnaire) -> Int {
        questionnaire.items.filter { faces[$0.id] == nil }.count
    }
}

/// How a response reached the school.
public enum SurveyChannel: String, CaseIterable, Sendable, Codable {
    case link, code, paper, assisted
}
