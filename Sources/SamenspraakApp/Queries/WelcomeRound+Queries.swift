import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

extension WelcomeRound: SchoolOwned {
    typealias RouteKind = RouteParameterKinds.WelcomeRound
    static var schoolParent: KeyPath<WelcomeRound, ParentProperty<WelcomeRound, School>> { \.$school }
}

extension WelcomeRound {
    /// A school's rounds, newest school year first, then by class name; only `creator`'s when given.
    static func ofSchool(_ schoolID: UUID, creator: UUID? = nil, on db: any Database) async throws -> [WelcomeRound] {
        var query = WelcomeRound.query(on: db).filter(\.$school.$id == schoolID)
        if let creator { query = query.filter(\.$creator.$id == creator) }
        return try await query.sort(\.$schoolYear, .descending).sort(\.$className).sort(\.$createdAt).all()
    }

    /// Every contact of these rounds.
    static func contacts(of rounds: [WelcomeRound], on db: any Database) async throws -> [WelcomeContact] {
        let ids = rounds.compactMap(\.id)
        guard !ids.isEmpty else { return [] }
        return try await WelcomeContactRow.query(on: db).filter(\.$round.$id ~~ ids).sort(\.$day).all().map(\.contact)
    }

    /// The good-news cards of one seat, newest first.
    func cards(ofSeat seat: Int, on db: any Database) async throws -> [GoodNewsCard] {
        try await GoodNewsCard.query(on: db).filter(\.$round.$id == requireID()).filter(\.$seat == seat)
            .sort(\.$madeOn, .descending).all()
    }

    /// Per seat, the newest answer to one of its good-news cards: what the teacher's grid lists.
    func cardAnswers(on db: any Database) async throws -> [WelcomeRoundPage.CardAnswer] {
        let answered = try await GoodNewsCard.query(on: db).filter(\.$round.$id == requireID()).filter(\.$reply != nil).all()
        var newest: [Int: WelcomeRoundPage.CardAnswer] = [:]
        for card in answered {
            guard let answer = card.answer, let day = card.repliedOn else { continue }
            if let known = newest[card.seat], known.day > day { continue }
            newest[card.seat] = WelcomeRoundPage.CardAnswer(seat: card.seat, reply: answer.reply, day: day)
        }
        return newest.values.sorted { $0.seat < $1.seat }
    }

    /// The contacts of one seat, oldest first.
    func contacts(ofSeat seat: Int, on db: any Database) async throws -> [WelcomeContact] {
        try await WelcomeContactRow.query(on: db).filter(\.$round.$id == requireID()).filter(\.$seat == seat).sort(\.$day).all().map(\.contact)
    }
}

/// The welcome figures of a school: per class and together, for one school year.
struct WelcomeQuery {
    let db: any Database
    let end: SchoolYearEnd
    let threshold: Int

    /// The first day of the school's first oudercontact (a moment of that kind) in `year`, if there is one.
    func firstOudercontact(schoolID: UUID, year: SchoolYear) async throws -> Day? {
        try await Moment.query(on: db).filter(\.$school.$id == schoolID).filter(\.$kind == MomentKind.oudercontact.rawValue)
            .filter(\.$starts >= year.starts).filter(\.$starts <= year.ends(end)).sort(\.$starts).first()?.starts
    }

    struct SchoolFigures {
        var year: SchoolYear
        var school: WelcomeFigures
        var classes: [(round: WelcomeRound, figures: WelcomeFigures)]
    }

    /// The school's figures for the school year of `today`, with each class's.
    func figures(schoolID: UUID, today: Day) async throws -> SchoolFigures {
        let year = SchoolYear.containing(today, end: end)
        let rounds = try await WelcomeRound.ofSchool(schoolID, on: db).filter { $0.schoolYear == year.startYear }
        let contacts = try await WelcomeRound.contacts(of: rounds, on: db)
        let oudercontact = try await firstOudercontact(schoolID: schoolID, year: year)
        func build(_ some: [WelcomeRound]) -> WelcomeFigures {
            let ids = Set(some.map(\.publicID))
            return WelcomeFigures.build(rounds: some.map { .init(id: $0.publicID, families: $0.families) },
                                        contacts: contacts.filter { ids.contains($0.round) }, oudercontact: oudercontact,
                                        from: ([year.starts] + some.map(\.startedOn)).min() ?? year.starts, today: today, threshold: threshold)
        }
        return SchoolFigures(year: year, school: build(rounds), classes: rounds.map { ($0, build([$0])) })
    }

    /// One round's figures (its teacher's page).
    func figures(of round: WelcomeRound, today: Day) async throws -> WelcomeFigures {
        let contacts = try await WelcomeRound.contacts(of: [round], on: db)
        let oudercontact = try await firstOudercontact(schoolID: round.$school.id, year: round.year)
        return WelcomeFigures.build(rounds: [.init(id: round.publicID, families: round.families)], contacts: contacts,
                                    oudercontact: oudercontact, from: min(round.year.starts, round.startedOn), today: today,
                                    threshold: threshold)
    }
}

/// Deletes every welcome round (with its contacts and good-news cards) of a school year that has ended: by the server every hour, and by
/// `samenspraak purge`.
enum WelcomePurge {
    @discardableResult
    static func run(on db: any Database, today: Day, end: SchoolYearEnd) async throws -> Int {
        // The newest school year that is over: the one that ended on or before yesterday.
        let lastEnded = SchoolYear.containing(today.adding(days: -1), end: end)
        let ended = lastEnded.ends(end) < today ? lastEnded.startYear : lastEnded.startYear - 1
        let ids = try await WelcomeRound.query(on: db).filter(\.$schoolYear <= ended).all().compactMap(\.id)
        guard !ids.isEmpty else { return 0 }
        try await db.transaction { db in
            try await GoodNewsCard.query(on: db).filter(\.$round.$id ~~ ids).delete()
            try await WelcomeContactRow.query(on: db).filter(\.$round.$id ~~ ids).delete()
            try await WelcomeRound.query(on: db).filter(\.$id ~~ ids).delete()
        }
        return ids.count
    }
}

extension Request {
    var welcome: WelcomeQuery {
        WelcomeQuery(db: db, end: application.samenspraakConfig.schoolYearEnd, threshold: application.figureThreshold)
    }
}
