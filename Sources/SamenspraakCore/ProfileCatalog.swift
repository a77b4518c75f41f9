import Foundation

/// The fixed texts of a school's public profile in every parent language: `key = value` files with a `status`,
/// checked at start. The strengths' names are the parent questionnaire's `key.N` texts of the same language.
public enum ProfileCatalog {
    public static var expectedTextKeys: [String] {
        ["profile.choose_language", "profile.method", "profile.strengths", "profile.survey", "profile.no_survey", "profile.moments",
         "profile.index_method", "profile.no_moments", "profile.index", "profile.reply", "moment.steps", "report.key"]
            + MomentKind.allCases.map { "moment.kind.\($0.rawValue)" } + SchoolLevel.allCases.map { "level.\($0.rawValue)" }
            + ["date.long", "date.period"] + (1...12).map { "month.\($0)" }
            + ["report.who_parents", "report.key_share", "report.key_share_all", "report.key_share_none", "report.tenths", "report.tenths_all",
               "report.tenths_none", "report.count_key", "report.range_key"]
            + ResultsForParentsTexts.keys
    }

    public static func parse(languages: [(LanguageCode, String, String)]) throws(QuestionnaireError) -> [LanguageCode: Questionnaire.Texts] {
        var texts: [LanguageCode: Questionnaire.Texts] = [:]
        for (language, source, file) in languages {
            texts[language] = try QuestionnaireParser.parseTexts(source, language: language, file: file, expected: expectedTextKeys)
        }
        guard texts[.nl] != nil else { throw .noDutch(directory: "profiles") }
        return texts
    }
}
