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
            try await sql.perform("""
                UPDATE \(ident: schema) SET "language" = v.language, "answers" = v.answers, "expires_at" = v.expires_at
                FROM (\(rows.joined(separator: " UNION ALL "))) AS v WHERE \(ident: schema)."id" = v.id
                """)
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

extension SurveyDraft {
    /// The draft of a link's token that has not expired, with its wave and that wave's school: what every page of a
    /// survey in progress reads first. One statement written out by hand rather than built by Fluent, which reflects
    /// on each model's properties several times per query: this read is most of a parent's requests.
    static func current(tokenHash: String, now: Date, on db: any Database) async throws -> SurveyDraft? {
        guard let sql = db as? any SQLDatabase else { preconditionFailure("Samenspraak runs on SQL databases") }
        guard let row = try await sql.rows(of: """
            SELECT d."id" AS d_id, d."token_hash" AS d_token_hash, d."language" AS d_language, d."channel" AS d_channel,
                   d."answers" AS d_answers, d."expires_at" AS d_expires_at,
                   w."id" AS w_id, w."created_at" AS w_created_at, w."questionnaire" AS w_questionnaire, w."slug" AS w_slug,
                   w."opens_on" AS w_opens_on, w."closes_on" AS w_closes_on, w."families" AS w_families,
                   w."codes_made_on" AS w_codes_made_on,
                   s."id" AS s_id, s."created_at" AS s_created_at, s."name" AS s_name, s."levels" AS s_levels,
                   s."families" AS s_families, s."languages" AS s_languages, s."share_name" AS s_share_name,
                   s."profile_slug" AS s_profile_slug, s."profile_published" AS s_profile_published,
                   s."trajectory_id" AS s_trajectory_id
            FROM \(ident: schema) d JOIN \(ident: Wave.schema) w ON w."id" = d."wave_id"
            JOIN \(ident: School.schema) s ON s."id" = w."school_id"
            WHERE d."token_hash" = \(bind: tokenHash) AND d."expires_at" > \(bind: now)
            """).first else { return nil }
        let school = School()
        school.id = try row.decode(column: "s_id", as: UUID.self)
        school.createdAt = try row.decode(column: "s_created_at", as: Date?.self)
        school.name = try row.decode(column: "s_name", as: String.self)
        school.levelsValue = try row.decode(column: "s_levels", as: String.self)
        school.families = try row.decode(column: "s_families", as: Int?.self)
        school.languagesValue = try row.decode(column: "s_languages", as: String.self)
        school.shareName = try row.decode(column: "s_share_name", as: Bool.self)
        school.profileSlug = try row.decode(column: "s_profile_slug", as: String?.self)
        school.profilePublished = try row.decode(column: "s_profile_published", as: Bool.self)
        school.$trajectory.id = try row.decode(column: "s_trajectory_id", as: UUID.self)
        let wave = Wave()
        wave.id = try row.decode(column: "w_id", as: UUID.self)
        wave.createdAt = try row.decode(column: "w_created_at", as: Date?.self)
        wave.questionnaire = try row.decode(column: "w_questionnaire", as: String.self)
        wave.slug = try row.decode(column: "w_slug", as: String.self)
        wave.opens = try row.decode(column: "w_opens_on", as: Day.self)
        wave.closes = try row.decode(column: "w_closes_on", as: Day.self)
        wave.families = try row.decode(column: "w_families", as: Int?.self)
        wave.codesMadeOn = try row.decode(column: "w_codes_made_on", as: Day?.self)
        wave.$school.id = try school.requireID()
        wave.$school.value = school
        let draft = SurveyDraft()
        draft.id = try row.decode(column: "d_id", as: UUID.self)
        draft.tokenHash = try row.decode(column: "d_token_hash", as: String.self)
        draft.language = try row.decode(column: "d_language", as: String?.self)
        draft.channel = try row.decode(column: "d_channel", as: String.self)
        draft.answersJSON = try row.decode(column: "d_answers", as: String.self)
        draft.expiresAt = try row.decode(column: "d_expires_at", as: Date.self)
        draft.$wave.id = try wave.requireID()
        draft.$wave.value = wave
        // Read from the database: saving any of them updates the row rather than making another.
        school.$id.exists = true
        wave.$id.exists = true
        draft.$id.exists = true
        return draft
    }
}
