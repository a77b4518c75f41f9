import Fluent
import Foundation
import SamenspraakCore
import SQLKit

/// A school's parent survey over a window of days, of one questionnaire version.
final class Wave: Model, @unchecked Sendable {
    static let schema = "waves"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "questionnaire") var questionnaire: String
    /// The short public part of the open link, `/o/SLUG`.
    @Field(key: "slug") var slug: String
    @Field(key: "opens_on") var opens: Day
    @Field(key: "closes_on") var closes: Day
    @OptionalField(key: "families") var families: Int?
    /// The day the latest batch of code slips was made (staff data; codes themselves carry no date).
    @OptionalField(key: "codes_made_on") var codesMadeOn: Day?

    // relationships
    @Parent(key: "school_id") var school: School

    init() {}

    init(schoolID: UUID, questionnaire: String, slug: String, opens: Day, closes: Day, families: Int?) {
        self.$school.id = schoolID
        self.questionnaire = questionnaire
        self.slug = slug
        self.opens = opens
        self.closes = closes
        self.families = families
    }

    var publicID: String { id?.uuidString.lowercased() ?? "" }

    func isOpen(on day: Day) -> Bool { opens <= day && day <= closes }
}

/// A one-time code of a wave: only a keyed hash and whether it was used. Nothing links it to an answer.
final class WaveCode: Model, @unchecked Sendable {
    static let schema = "wave_codes"

    @ID(key: .id) var id: UUID?
    @Field(key: "code_hash") var codeHash: String
    @Field(key: "used") var used: Bool
    @Parent(key: "wave_id") var wave: Wave

    init() {}

    init(waveID: UUID, codeHash: String) {
        self.$wave.id = waveID
        self.codeHash = codeHash
        self.used = false
    }
}

/// Answers in progress, kept on the server so pages work without JavaScript. Found by the hash of an
/// unguessable token in the page address; deleted when the answers are sent, or when it expires. It holds no code
/// and no account: those are used up when the survey is begun, in a transaction of their own.
final class SurveyDraft: Model, @unchecked Sendable {
    static let schema = "survey_drafts"

    @ID(key: .id) var id: UUID?
    @Field(key: "token_hash") var tokenHash: String
    @OptionalField(key: "language") var language: String?
    @Field(key: "channel") var channel: String
    @Field(key: "answers") var answersJSON: String
    @Field(key: "expires_at") var expiresAt: Date
    @Parent(key: "wave_id") var wave: Wave

    init() {}

    init(tokenHash: String, waveID: UUID, language: LanguageCode?, channel: SurveyChannel, expiresAt: Date) {
        self.tokenHash = tokenHash
        self.$wave.id = waveID
        self.language = language?.rawValue
        self.channel = channel.rawValue
        self.answersJSON = "{}"
        self.expiresAt = expiresAt
    }

    var answers: SurveyAnswers {
        get { (try? JSONDecoder().decode(SurveyAnswers.self, from: Data(answersJSON.utf8))) ?? SurveyAnswers() }
        set { answersJSON = String(decoding: (try? JSONEncoder().encode(newValue)) ?? Data("{}".utf8), as: UTF8.self) }
    }

    var languageCode: LanguageCode? { language.flatMap(LanguageCode.init(rawValue:)) }

    static let lifetime: TimeInterval = 24 * 3600

    /// A draft's state to write: its language, answers and expiry (a draft page saved, a language chosen).
    struct Save: Sendable {
        var id: UUID
        var language: String?
        var answersJSON: String
        var expiresAt: Date
    }

    /// This draft as it is now, to save through the group commit.
    func saving() throws -> Save {
        Save(id: try requireID(), language: language, answersJSON: answersJSON, expiresAt: expiresAt)
    }

    /// Writes drafts' states. On SQLite in one statement per 200 drafts (the whole batch of a group commit); a
    /// draft saved twice keeps the later state. A draft that is gone (sent, expired) is not made again.
    static func saveAll(_ saves: [Save], on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        var seen = Set<UUID>()
        let latest = Array(saves.reversed().filter { seen.insert($0.id).inserted }.reversed())
        guard sql.dialect.name == "sqlite", latest.count > 1 else {
            for save in latest {
                try await sql.update(schema).set("language", to: SQLBind(save.language)).set("answers", to: SQLBind(save.answersJSON))
                    .set("expires_at", to: SQLBind(save.expiresAt)).where("id", .equal, SQLBind(save.id)).run()
            }
            return
        }
        for start in stride(from: 0, to: latest.count, by: 200) {
            let rows: [SQLQueryString] = latest[start..<min(start + 200, latest.count)].map { save in
                "SELECT \(bind: save.id) AS id, \(bind: save.language) AS language, \(bind: save.answersJSON) AS answers, \(bind: save.expiresAt) AS expires_at"
            }
            try await sql.raw("""
                UPDATE \(ident: schema) SET "language" = v.language, "answers" = v.answers, "expires_at" = v.expires_at
                FROM (\(rows.joined(separator: " UNION ALL "))) AS v WHERE \(ident: schema)."id" = v.id
                """).run()
        }
    }
}

/// One parent's answers, written only by a release of `SurveyInbox`: it holds the wave, questionnaire version,
/// language, channel and the day of its release — no time, no address, no browser, no code, and an id made at the
/// release that nothing else ever had.
final class SurveyResponse: Model, @unchecked Sendable {
    static let schema = "survey_responses"

    @ID(key: .id) var id: UUID?
    @Field(key: "questionnaire") var questionnaire: String
    @Field(key: "language") var language: String
    @Field(key: "channel") var channel: String
    @Field(key: "day") var day: Day
    @Parent(key: "wave_id") var wave: Wave
    @Children(for: \.$response) var answers: [SurveyAnswer]
    @Children(for: \.$response) var texts: [SurveyText]

    init() {}

    init(id: UUID, waveID: UUID, questionnaire: String, language: LanguageCode, channel: SurveyChannel, day: Day) {
        self.id = id
        self.$wave.id = waveID
        self.questionnaire = questionnaire
        self.language = language.rawValue
        self.channel = channel.rawValue
        self.day = day
    }
}

final class SurveyAnswer: Model, @unchecked Sendable {
    static let schema = "survey_answers"

    @ID(key: .id) var id: UUID?
    @Field(key: "item") var item: String
    /// 1…4 for the faces, 0 for "I don't know / not for me".
    @Field(key: "value") var value: Int
    /// The response's wave again, so the report counts answers from one index without a join.
    @OptionalField(key: "wave_id") var waveID: UUID?
    @Parent(key: "response_id") var response: SurveyResponse

    init() {}

    init(responseID: UUID, waveID: UUID, item: String, value: Int) {
        self.$response.id = responseID
        self.waveID = waveID
        self.item = item
        self.value = value
    }
}

final class SurveyText: Model, @unchecked Sendable {
    static let schema = "survey_texts"

    @ID(key: .id) var id: UUID?
    @Field(key: "question") var question: String
    @Field(key: "text") var text: String
    /// Hidden by staff from the report (kept, and can be shown again).
    @Field(key: "hidden") var hidden: Bool
    @Parent(key: "response_id") var response: SurveyResponse

    init() {}

    init(responseID: UUID, question: String, text: String) {
        self.$response.id = responseID
        self.question = question
        self.text = text
        self.hidden = false
    }
}

/// Who hid or showed an open answer, and when.
final class TextModeration: Model, @unchecked Sendable {
    static let schema = "text_moderations"

    @ID(key: .id) var id: UUID?
    @Field(key: "hidden") var hidden: Bool
    @Field(key: "at") var at: Date
    @Parent(key: "text_id") var text: SurveyText
    @OptionalParent(key: "user_id") var user: User?

    init() {}

    init(textID: UUID, userID: UUID?, hidden: Bool, at: Date) {
        self.$text.id = textID
        self.$user.id = userID
        self.hidden = hidden
        self.at = at
    }
}

/// Secrets the application makes for itself on first start, such as the key of the code hashes.
final class AppSecret: Model, @unchecked Sendable {
    static let schema = "app_secrets"

    @ID(key: .id) var id: UUID?
    @Field(key: "name") var name: String
    @Field(key: "value") var value: String

    init() {}

    init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

/// A staff member took part in a team wave (written when they begin it). No time, no order, nothing that points at
/// their response.
final class TeamParticipation: Model, @unchecked Sendable {
    static let schema = "team_participations"

    @ID(key: .id) var id: UUID?
    @Parent(key: "wave_id") var wave: Wave
    @Parent(key: "user_id") var user: User

    init() {}

    init(waveID: UUID, userID: UUID) {
        self.$wave.id = waveID
        self.$user.id = userID
    }
}
