import Foundation

// The welcome round: a teacher reaches every family of the class with something good before the first difficult
// conversation. A family is a seat number (1…N) on the teacher's own class list; nothing else of it is stored.

/// A contact is warm (something good) or a concern (the first time the school had to call about a problem).
public enum WelcomeContactKind: String, CaseIterable, Sendable, Codable, Equatable {
    case warm, concern
}

/// How a warm contact was made. A good-news card answered by the parent counts as one too.
public enum WelcomeContactHow: String, CaseIterable, Sendable, Codable, Equatable {
    case gate, phone, homeVisit = "home_visit", koffiemoment, goodNewsCard = "good_news_card", other

    public var catalogKey: String { "welcome.how.\(rawValue)" }
}

/// The language a warm contact was in: one of the parent languages, or "other".
public enum WelcomeLanguage {
    public static let other = "other"
    public static var choices: [String] { LanguageCode.builtIn.map(\.rawValue) + [other] }
    public static func isValid(_ code: String) -> Bool { choices.contains(code) }
}

/// When a school year ends (31 August unless configured): the day everything of its welcome rounds is deleted after.
public struct SchoolYearEnd: Equatable, Sendable, CustomStringConvertible {
    public let month: Int
    public let day: Int
    public static let standard = SchoolYearEnd(month: 8, day: 31)

    public init(month: Int, day: Int) {
        self.month = month
        self.day = day
    }

    /// Reads `MM-DD`: a day from 1 January to 31 August (a school year starts on 1 September); 29 February is refused
    /// because most years do not have it.
    public init?(text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, let m = Int(parts[0]), let d = Int(parts[1]),
              (1...8).contains(m), d >= 1, d <= Day.daysIn(month: m, year: 2027) else { return nil }
        self.init(month: m, day: d)
    }

    public var description: String { String(format: "%02d-%02d", month, day) }
}

/// A school year, named by the calendar year it starts in: 2026 is 1 September 2026 until its end in 2027.
public struct SchoolYear: Hashable, Comparable, Sendable {
    public let startYear: Int
    public init(startYear: Int) { self.startYear = startYear }

    /// The first day: 1 September (Brussels calendar days throughout).
    public var starts: Day { Day(year: startYear, month: 9, day: 1) }
    public func ends(_ end: SchoolYearEnd) -> Day { Day(year: startYear + 1, month: end.month, day: end.day) }

    /// The school year a day belongs to. A day in the summer after the configured end belongs to the coming year, so
    /// a round opened in August (visits before school starts) lives until the end of that year.
    public static func containing(_ day: Day, end: SchoolYearEnd) -> SchoolYear {
        if day.month >= 9 { return SchoolYear(startYear: day.year) }
        if day > Day(year: day.year, month: end.month, day: end.day) { return SchoolYear(startYear: day.year) }
        return SchoolYear(startYear: day.year - 1)
    }

    /// "2026–2027".
    public var label: String { "\(startYear)–\(startYear + 1)" }

    public static func < (a: SchoolYear, b: SchoolYear) -> Bool { a.startYear < b.startYear }
}

/// A class's welcome round as the teacher typed it.
public struct WelcomeRoundDraft: Equatable, Sendable {
    public var className: String
    public var families: String

    public init(className: String = "", families: String = "") {
        self.className = className
        self.families = families
    }

    public struct Valid: Equatable, Sendable {
        public var className: String
        public var families: Int
        public init(className: String, families: Int) {
            self.className = className
            self.families = families
        }
    }

    public static let maximumClassName = 40
    public static let familyRange = 1...60

    public func validate() -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        Validate.requiredText(className, field: "class_name", maxLength: Self.maximumClassName, into: &errors)
        let count = Int(families.trimmingCharacters(in: .whitespaces))
        if families.trimmingCharacters(in: .whitespaces).isEmpty { errors["families"] = "error.required" }
        else if count == nil || !Self.familyRange.contains(count ?? 0) { errors["families"] = "error.welcome_families" }
        guard errors.isEmpty, let count else { return .failure(FieldErrorsBox(errors)) }
        return .success(Valid(className: className.trimmingCharacters(in: .whitespacesAndNewlines), families: count))
    }
}

/// A recorded contact of one seat of one round, as the figures read it.
public struct WelcomeContact: Equatable, Sendable {
    public var round: String
    public var seat: Int
    public var kind: WelcomeContactKind
    public var day: Day
    public var how: WelcomeContactHow?
    public var language: String?
    public var withInterpreter: Bool?
    /// When a warm and a concern contact fell on the same day: which came first (kept on the one recorded second).
    public var firstOnDay: WelcomeContactKind?

    public init(round: String = "", seat: Int, kind: WelcomeContactKind, day: Day, how: WelcomeContactHow? = nil, language: String? = nil,
                withInterpreter: Bool? = nil, firstOnDay: WelcomeContactKind? = nil) {
        self.round = round
        self.seat = seat
        self.kind = kind
        self.day = day
        self.how = how
        self.language = language
        self.withInterpreter = withInterpreter
        self.firstOnDay = firstOnDay
    }
}

/// Which seats a round has: 1…N. A seat number from an address is checked here.
public enum WelcomeSeat {
    public static func parse(_ text: String, families: Int) -> Int? {
        guard text.count <= 4, text.allSatisfy(\.isASCII), let seat = Int(text), seat >= 1, seat <= families else { return nil }
        return seat
    }
}

/// A contact as the teacher sent it for one seat, checked against the round and what the seat already has.
public struct WelcomeContactDraft: Equatable, Sendable {
    public var kind: String
    public var day: String
    public var how: String
    public var language: String
    public var interpreter: String
    /// `warm` or `concern`: asked only when the other kind was recorded on the same day.
    public var first: String

    public init(kind: String = WelcomeContactKind.warm.rawValue, day: String = "", how: String = "", language: String = "",
                interpreter: String = "", first: String = "") {
        self.kind = kind
        self.day = day
        self.how = how
        self.language = language
        self.interpreter = interpreter
        self.first = first
    }

    public struct Valid: Equatable, Sendable {
        public var contact: WelcomeContact
        /// The same contact was recorded already (a double tap, or the form sent again): nothing new to store.
        public var isRepeat: Bool
        public init(contact: WelcomeContact, isRepeat: Bool) {
            self.contact = contact
            self.isRepeat = isRepeat
        }
    }

    /// `seatContacts`: what this seat has already; `roundStarted`: the day the round was opened; `today` in Brussels.
    public func validate(seat: Int, roundStarted: Day, today: Day, seatContacts: [WelcomeContact]) -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        let kind = WelcomeContactKind(rawValue: kind)
        if kind == nil { errors["kind"] = "error.welcome_kind" }
        let parsedDay = Day(iso: day)
        if day.trimmingCharacters(in: .whitespaces).isEmpty { errors["day"] = "error.required" }
        else if parsedDay == nil { errors["day"] = "error.date" }
        else if let parsedDay, parsedDay > today { errors["day"] = "error.welcome_day_future" }
        else if let parsedDay, parsedDay < roundStarted { errors["day"] = "error.welcome_day_before_round" }
        var how: WelcomeContactHow?
        var language: String?
        var interpreter: Bool?
        if kind == .warm {
            how = WelcomeContactHow(rawValue: self.how)
            if how == nil { errors["how"] = "error.welcome_how" }
            if WelcomeLanguage.isValid(self.language) { language = self.language } else { errors["language"] = "error.welcome_language" }
            switch self.interpreter {
            case "yes": interpreter = true
            case "no": interpreter = false
            default: errors["interpreter"] = "error.welcome_interpreter"
            }
        }
        guard errors.isEmpty, let kind, let parsedDay else { return .failure(FieldErrorsBox(errors)) }
        let candidate = WelcomeContact(seat: seat, kind: kind, day: parsedDay, how: how, language: language, withInterpreter: interpreter)
        if seatContacts.contains(where: { $0.kind == kind && $0.day == parsedDay && $0.how == how }) {
            return .success(Valid(contact: candidate, isRepeat: true))
        }
        if kind == .concern, seatContacts.contains(where: { $0.kind == .concern }) {
            // Only the first concern counts; another day for it is refused, not stored beside it.
            errors["day"] = "error.welcome_concern_exists"
            return .failure(FieldErrorsBox(errors))
        }
        var contact = candidate
        let other: WelcomeContactKind = kind == .warm ? .concern : .warm
        if seatContacts.contains(where: { $0.kind == other && $0.day == parsedDay }) {
            guard let first = WelcomeContactKind(rawValue: self.first) else {
                return .failure(FieldErrorsBox(["first": "error.welcome_first"]))
            }
            contact.firstOnDay = first
        }
        return .success(Valid(contact: contact, isRepeat: false))
    }
}

/// What a welcome round (or several: a school's) shows: who was reached warmly, and whether before any concern.
public struct WelcomeFigures: Equatable, Sendable {
    /// A group of families by kind of contact or language; `count` nil when it is under the smallest group shown.
    public struct Group: Equatable, Sendable {
        public var key: String
        public var count: Int?
        public init(key: String, count: Int?) {
            self.key = key
            self.count = count
        }
    }

    public struct Week: Equatable, Sendable {
        public var starts: Day
        public var warm: Int
        public var concern: Int
        public init(starts: Day, warm: Int, concern: Int) {
            self.starts = starts
            self.warm = warm
            self.concern = concern
        }
    }

    public struct Round: Equatable, Sendable {
        public var id: String
        public var families: Int
        public init(id: String, families: Int) {
            self.id = id
            self.families = families
        }
    }

    public var families: Int
    /// Families with at least one warm contact.
    public var warmFamilies: Int
    /// Families with a concern contact…
    public var concernFamilies: Int
    /// …and of those, the ones who had a warm contact before it.
    public var warmBeforeConcern: Int
    /// Families with a warm contact before the school's first oudercontact of the year; nil when there is none yet.
    public var warmBeforeOudercontact: Int?
    public var oudercontact: Day?
    public var warmContacts: Int
    public var concernContacts: Int
    /// Families per kind of warm contact (a family counts once per kind), in the order of `WelcomeContactHow`.
    public var byKind: [Group]
    /// Families per language of their warm contacts, most first.
    public var byLanguage: [Group]
    /// Families reached with an interpreter or bridge figure; nil when none.
    public var withInterpreter: Group?
    public var weeks: [Week]
    public var threshold: Int

    /// Warm contacts per concern contact; nil while there is no concern.
    public var ratio: Double? { concernContacts == 0 ? nil : Double(warmContacts) / Double(concernContacts) }

    public init(families: Int = 0, warmFamilies: Int = 0, concernFamilies: Int = 0, warmBeforeConcern: Int = 0,
                warmBeforeOudercontact: Int? = nil, oudercontact: Day? = nil, warmContacts: Int = 0, concernContacts: Int = 0,
                byKind: [Group] = [], byLanguage: [Group] = [], withInterpreter: Group? = nil, weeks: [Week] = [], threshold: Int = 5) {
        self.families = families
        self.warmFamilies = warmFamilies
        self.concernFamilies = concernFamilies
        self.warmBeforeConcern = warmBeforeConcern
        self.warmBeforeOudercontact = warmBeforeOudercontact
        self.oudercontact = oudercontact
        self.warmContacts = warmContacts
        self.concernContacts = concernContacts
        self.byKind = byKind
        self.byLanguage = byLanguage
        self.withInterpreter = withInterpreter
        self.weeks = weeks
        self.threshold = threshold
    }

    /// Whether a warm contact `warm` came before the concern `concern` of the same seat.
    static func isBefore(_ warm: WelcomeContact, _ concern: WelcomeContact) -> Bool {
        if warm.day != concern.day { return warm.day < concern.day }
        return (warm.firstOnDay ?? concern.firstOnDay) == .warm
    }

    /// `oudercontact`: the first day of the school's first oudercontact of the year; weeks run from `from` (the school
    /// year's first day, or an earlier contact's) to `today`.
    public static func build(rounds: [Round], contacts: [WelcomeContact], oudercontact: Day?, from: Day, today: Day,
                             threshold: Int) -> WelcomeFigures {
        let known = Dictionary(rounds.map { ($0.id, $0.families) }, uniquingKeysWith: { a, _ in a })
        let valid = contacts.filter { contact in known[contact.round].map { contact.seat >= 1 && contact.seat <= $0 } ?? false }
        struct Seat: Hashable { let round: String; let seat: Int }
        let bySeat = Dictionary(grouping: valid) { Seat(round: $0.round, seat: $0.seat) }
        var figures = WelcomeFigures(families: rounds.map(\.families).reduce(0, +), oudercontact: oudercontact, threshold: threshold)
        var kindFamilies: [WelcomeContactHow: Int] = [:]
        var languageFamilies: [String: Int] = [:]
        var interpreterFamilies = 0
        var beforeOudercontact = 0
        for (_, seatContacts) in bySeat {
            let warm = seatContacts.filter { $0.kind == .warm }
            let concern = seatContacts.filter { $0.kind == .concern }.min { $0.day < $1.day }
            if !warm.isEmpty { figures.warmFamilies += 1 }
            if let concern {
                figures.concernFamilies += 1
                if warm.contains(where: { isBefore($0, concern) }) { figures.warmBeforeConcern += 1 }
            }
            if let oudercontact, warm.contains(where: { $0.day < oudercontact }) { beforeOudercontact += 1 }
            for how in Set(warm.compactMap(\.how)) { kindFamilies[how, default: 0] += 1 }
            for language in Set(warm.compactMap(\.language)) { languageFamilies[language, default: 0] += 1 }
            if warm.contains(where: { $0.withInterpreter == true }) { interpreterFamilies += 1 }
        }
        figures.warmContacts = valid.filter { $0.kind == .warm }.count
        figures.concernContacts = valid.filter { $0.kind == .concern }.count
        figures.warmBeforeOudercontact = oudercontact == nil ? nil : beforeOudercontact
        func group(_ key: String, _ count: Int) -> Group { Group(key: key, count: count >= threshold ? count : nil) }
        figures.byKind = WelcomeContactHow.allCases.compactMap { how in kindFamilies[how].map { group(how.rawValue, $0) } }
        figures.byLanguage = languageFamilies.sorted { ($1.value, $0.key) < ($0.value, $1.key) }.map { group($0.key, $0.value) }
        figures.withInterpreter = interpreterFamilies == 0 ? nil : group("interpreter", interpreterFamilies)
        figures.weeks = weeks(valid, from: ([from] + valid.map(\.day)).min() ?? from, today: today)
        return figures
    }

    /// At most a school year of weeks: those from `from` to `today`, each counting the contacts of its seven days.
    static func weeks(_ contacts: [WelcomeContact], from: Day, today: Day) -> [Week] {
        guard today >= from else { return [] }
        let count = min((today.ordinal - from.ordinal) / 7 + 1, 53)
        var weeks = (0..<count).map { Week(starts: from.adding(days: 7 * $0), warm: 0, concern: 0) }
        for contact in contacts {
            let index = (contact.day.ordinal - from.ordinal) / 7
            guard contact.day >= from, index < weeks.count else { continue }
            if contact.kind == .warm { weeks[index].warm += 1 } else { weeks[index].concern += 1 }
        }
        return weeks
    }
}
