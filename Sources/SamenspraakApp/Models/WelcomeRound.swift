import Fluent
import Foundation
import SamenspraakCore

/// A class's welcome round for one school year: the teacher's class name and how many families it has. The families
/// are seats 1…N on the teacher's own list; nothing here says who they are. Everything of a round is deleted after the
/// end of its school year (`WelcomePurge`).
final class WelcomeRound: Model, @unchecked Sendable {
    static let schema = "welcome_rounds"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "class_name") var className: String
    @Field(key: "families") var families: Int
    /// The calendar year the school year starts in (2026 for 2026–2027).
    @Field(key: "school_year") var schoolYear: Int
    /// The Brussels day it was opened: no contact is recorded before it.
    @Field(key: "started_on") var startedOn: Day

    // relationships
    @Parent(key: "school_id") var school: School
    /// The teacher who opened it: the only one who sees its seats.
    @OptionalParent(key: "created_by") var creator: User?
    @Children(for: \.$round) var contacts: [WelcomeContactRow]

    init() {}

    init(schoolID: UUID, creatorID: UUID?, valid: WelcomeRoundDraft.Valid, schoolYear: SchoolYear, startedOn: Day) {
        self.$school.id = schoolID
        self.$creator.id = creatorID
        self.className = valid.className
        self.families = valid.families
        self.schoolYear = schoolYear.startYear
        self.startedOn = startedOn
    }

    var year: SchoolYear { SchoolYear(startYear: schoolYear) }
    var publicID: String { id?.uuidString.lowercased() ?? "" }
}

/// One contact with the family of one seat: a day and its kind, and for a warm one how, in which language and whether
/// with an interpreter or bridge figure. No free text. A concern has no `how` (stored empty, so that the unique index
/// over round, seat, kind, day and how also stops a concern sent twice).
final class WelcomeContactRow: Model, @unchecked Sendable {
    static let schema = "welcome_contacts"

    @ID(key: .id) var id: UUID?
    @Field(key: "seat") var seat: Int
    @Field(key: "kind") var kind: String
    @Field(key: "day") var day: Day
    @Field(key: "how") var how: String
    @OptionalField(key: "language") var language: String?
    @OptionalField(key: "with_interpreter") var withInterpreter: Bool?
    @OptionalField(key: "first_on_day") var firstOnDay: String?
    @Parent(key: "round_id") var round: WelcomeRound

    init() {}

    init(roundID: UUID, contact: WelcomeContact) {
        self.$round.id = roundID
        self.seat = contact.seat
        self.kind = contact.kind.rawValue
        self.day = contact.day
        self.how = contact.how?.rawValue ?? ""
        self.language = contact.language
        self.withInterpreter = contact.withInterpreter
        self.firstOnDay = contact.firstOnDay?.rawValue
    }

    var contact: WelcomeContact {
        WelcomeContact(round: $round.id.uuidString.lowercased(), seat: seat, kind: WelcomeContactKind(rawValue: kind) ?? .concern, day: day,
                       how: WelcomeContactHow(rawValue: how), language: language, withInterpreter: withInterpreter,
                       firstOnDay: firstOnDay.flatMap(WelcomeContactKind.init(rawValue:)))
    }
}
