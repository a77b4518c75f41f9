import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import SQLKit
import Vapor

// Reads of a school's recordings. None of them loads a clip's bytes: only ids, keys and lengths.

extension Recording {
    /// Which texts a school has recorded, per language code.
    static func recordedTexts(schoolID: UUID, on db: any Database) async throws -> [String: Set<VoiceText>] {
        let rows = try await Recording.query(on: db).filter(\.$school.$id == schoolID)
            .field(\.$id).field(\.$language).field(\.$part).field(\.$textKey).all()
        var result: [String: Set<VoiceText>] = [:]
        for row in rows { if let text = row.text { result[row.language, default: []].insert(text) } }
        return result
    }

    /// The clips of one language of a school, by text, with their lengths (for the staff page).
    static func clips(schoolID: UUID, language: LanguageCode, on db: any Database) async throws -> [VoiceText: VoiceLanguagePage.Clip] {
        let rows = try await Recording.query(on: db).filter(\.$school.$id == schoolID).filter(\.$language == language.rawValue)
            .field(\.$id).field(\.$part).field(\.$textKey).field(\.$seconds).field(\.$generated).all()
        var result: [VoiceText: VoiceLanguagePage.Clip] = [:]
        for row in rows {
            guard let text = row.text, let id = row.id else { continue }
            result[text] = VoiceLanguagePage.Clip(source: SiteRoute.audio(id: RecordingID(id)).path, seconds: row.seconds,
                                                  generated: row.generated)
        }
        return result
    }

    /// What a parent page in `language` can play: the school's recordings of `part`, by catalog key. One query.
    /// Read on every parent page, so written out by hand rather than built by Fluent (see `SurveyDraft.current`).
    static func voice(schoolID: UUID, language: LanguageCode, part: VoicePart, on db: any Database) async throws -> Voice {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        let rows = try await sql.rows(of: """
            SELECT "id", "text_key" FROM \(ident: schema)
            WHERE "school_id" = \(bind: schoolID) AND "language" = \(bind: language.rawValue) AND "part" = \(bind: part.rawValue)
            """)
        var sources: [String: String] = [:]
        for row in rows {
            sources[try row.decode(column: "text_key", as: String.self)] = SiteRoute.audio(id: RecordingID(try row.decode(column: "id", as: UUID.self))).path
        }
        return Voice(sources, spoken: language.isSpokenOnly ? language : nil)
    }

    /// Saves a recording of a text, replacing the one it had (in the same transaction): the new one has a new id,
    /// so its address is new too.
    static func replace(with recording: Recording, on db: any Database) async throws {
        try await db.transaction { db in
            try await Recording.query(on: db).filter(\.$school.$id == recording.$school.id).filter(\.$language == recording.language)
                .filter(\.$part == recording.part).filter(\.$textKey == recording.textKey).delete()
            try await recording.create(on: db)
        }
    }
}

extension Application {
    /// The texts a school can record: the current parent questionnaire, every chip of the rating pages, the card.
    var voiceScript: VoiceScript {
        var seen = Set<String>()
        let chips = MomentKind.allCases.flatMap { ratingCatalog.chips($0).all }.filter { seen.insert($0).inserted }
        return VoiceScript(questionnaire: currentParentQuestionnaire, ratingChips: chips)
    }

    /// The written text of `text` in `language`, or nil when that language has none for it.
    func writtenText(_ text: VoiceText, in language: LanguageCode) -> String? {
        if text == VoiceScript.languageName { return language.endonym }
        return switch text.part {
        case .survey: currentParentQuestionnaire.texts[language]?.entries[text.key]
        case .rating: ratingCatalog.texts[language]?.entries[text.key]
        case .card: cardTexts[language]?.entries[text.key]
        }
    }

    /// The languages a school records in: Dutch, then the ones it offers parents, then the spoken-only languages it
    /// does not offer yet (it offers one once every text is recorded).
    func voiceLanguages(of school: School) -> [LanguageCode] {
        [.nl] + school.languages.filter { $0 != .nl } + LanguageCode.spokenOnly.filter { !school.languages.contains($0) }
    }

    /// The spoken-only languages among `languages` that `schoolID` has not recorded every text of, with how many
    /// are missing: such a language cannot be offered to parents yet.
    func incompleteSpokenLanguages(_ languages: [LanguageCode], schoolID: UUID?, on db: any Database) async throws -> [(LanguageCode, Int)] {
        let spoken = languages.filter(\.isSpokenOnly)
        guard !spoken.isEmpty else { return [] }
        var recorded: [String: Set<VoiceText>] = [:]
        if let schoolID { recorded = try await Recording.recordedTexts(schoolID: schoolID, on: db) }
        return spoken.compactMap { language in
            let missing = voiceScript.missing(from: recorded[language.rawValue] ?? []).count
            return missing == 0 ? nil : (language, missing)
        }
    }

    /// The clip of each spoken-only language's name among `languages`, said in itself, for the language choice.
    func spokenNames(_ languages: [LanguageCode], schoolID: UUID, on db: any Database) async throws -> [LanguageCode: String] {
        let spoken = languages.filter(\.isSpokenOnly)
        guard !spoken.isEmpty else { return [:] }
        let rows = try await Recording.query(on: db).filter(\.$school.$id == schoolID).filter(\.$language ~~ spoken.map(\.rawValue))
            .filter(\.$part == VoiceScript.languageName.part.rawValue).filter(\.$textKey == VoiceScript.languageName.key)
            .field(\.$id).field(\.$language).all()
        var result: [LanguageCode: String] = [:]
        for row in rows {
            if let id = row.id, let language = LanguageCode(rawValue: row.language) { result[language] = SiteRoute.audio(id: RecordingID(id)).path }
        }
        return result
    }
}
