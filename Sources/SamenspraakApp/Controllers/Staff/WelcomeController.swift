import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The welcome round: a teacher opens one for their class and records, per seat, warm and concern contacts; the lead
/// sees the figures per class (never a seat), the coordinator per school beside the survey's keys 4 and 5.
struct WelcomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.welcomeRounds(schoolID: .any), use: index)
        routes.post(.welcomeRounds(schoolID: .any), use: create)
        routes.get(.welcomeFigures(schoolID: .any), use: figures)
        routes.get(.welcomeRound(id: .any), use: show)
        routes.get(.welcomeSeat(roundID: .any, seat: .any), use: seat)
        routes.post(.welcomeSeat(roundID: .any, seat: .any), use: record)
        routes.get(.trajectoryWelcome(trajectoryID: .any), use: trajectory)
    }

    /// The round of the URL, for the teacher who opened it only: not the lead, not the coordinator, not a colleague.
    static func authorizeTeacher(_ req: Request) async throws -> (User, WelcomeRound) {
        let (user, round) = try await req.authorized(WelcomeRound.self, .runWelcome)
        guard let creator = round.$creator.id, creator == user.id else { throw Abort(.forbidden) }
        return (user, round)
    }

    static func today(_ req: Request) -> Day { Day(date: req.now) }
    static func end(_ req: Request) -> SchoolYearEnd { req.application.samenspraakConfig.schoolYearEnd }
    /// The first day nothing of `year`'s rounds is kept any more.
    static func deletedOn(_ year: SchoolYear, _ req: Request) -> Day { year.ends(end(req)).adding(days: 1) }

    // MARK: the list and a new round

    @Sendable func index(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewWelcome)
        return .html(WelcomeListPage.view(try await Self.listModel(req, user: user, school: school)), status: .ok)
    }

    static func listModel(_ req: Request, user: User, school: School, draft: WelcomeRoundDraft = .init(),
                          errors: FieldErrors = [:]) async throws -> WelcomeListPage.Model {
        let canCreate = Access.allows(user.actor, .runWelcome, schoolID: school.publicID)
        // A teacher sees the rounds they opened; the lead and the coordinator every class, without seats.
        let rounds = try await WelcomeRound.ofSchool(school.requireID(), creator: canCreate ? user.requireID() : nil, on: req.db)
        let contacts = try await WelcomeRound.contacts(of: rounds, on: req.db)
        let year = SchoolYear.containing(today(req), end: end(req))
        let summaries = rounds.map { round in
            let warmSeats = Set(contacts.filter { $0.round == round.publicID && $0.kind == .warm }.map(\.seat))
            return WelcomeListPage.Round(id: round.publicID, className: round.className, families: round.families, year: round.year.label,
                                         warmFamilies: warmSeats.count, isOwn: round.$creator.id != nil && round.$creator.id == user.id)
        }
        return WelcomeListPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, rounds: summaries,
                                     canCreate: canCreate, canSeeFigures: Access.allows(user.actor, .viewWelcomeFigures, schoolID: school.publicID),
                                     year: year.label, deletedOn: deletedOn(year, req), draft: draft, errors: errors,
                                     notice: req.notice(WelcomeNotice.self)?.catalogKey)
    }

    struct RoundForm: Content {
        var class_name: String?
        var families: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .runWelcome)
        let form = (try? req.content.decode(RoundForm.self)) ?? RoundForm()
        let draft = WelcomeRoundDraft(className: form.class_name ?? "", families: form.families ?? "")
        switch draft.validate() {
        case let .failure(box):
            let model = try await Self.listModel(req, user: user, school: school, draft: draft, errors: box.errors)
            return .html(WelcomeListPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let today = Self.today(req)
            let round = WelcomeRound(schoolID: try school.requireID(), creatorID: user.id, valid: valid,
                                     schoolYear: SchoolYear.containing(today, end: Self.end(req)), startedOn: today)
            try await round.create(on: req.db)
            return .redirect(to: SiteRoute.welcomeRound(id: round.routeID).with(notice: WelcomeNotice.opened))
        }
    }

    // MARK: the teacher's round and its seats

    static func roundModel(_ req: Request, round: WelcomeRound, missingSeat: String? = nil) async throws -> WelcomeRoundPage.Model {
        let contacts = try await WelcomeRound.contacts(of: [round], on: req.db)
        let seats = (0..<max(round.families, 0)).map { $0 + 1 }.map { number in
            WelcomeRoundPage.Seat(number: number, warm: contacts.contains { $0.seat == number && $0.kind == .warm },
                                  concern: contacts.contains { $0.seat == number && $0.kind == .concern })
        }
        var model = WelcomeRoundPage.Model(shell: req.shell(), roundID: round.publicID, schoolID: round.$school.id.uuidString.lowercased(),
                                           className: round.className, year: round.year.label, deletedOn: deletedOn(round.year, req), seats: seats,
                                           figures: try await req.welcome.figures(of: round, today: today(req)),
                                           notice: req.notice(WelcomeNotice.self)?.catalogKey, missingSeat: missingSeat)
        model.cardAnswers = try await round.cardAnswers(on: req.db)
        return model
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (_, round) = try await Self.authorizeTeacher(req)
        return .html(WelcomeRoundPage.view(try await Self.roundModel(req, round: round)), status: .ok)
    }

    /// The seat of the URL, if the class has it.
    static func seatNumber(_ req: Request, _ round: WelcomeRound) -> Int? {
        WelcomeSeat.parse(req.parameter(SeatNumber.self) ?? "", families: round.families)
    }

    /// The round's page saying that the class has no such seat (404).
    static func missingSeat(_ req: Request, _ round: WelcomeRound) async throws -> Response {
        let shown = String((req.parameter(SeatNumber.self) ?? "").prefix(6))
        return .html(WelcomeRoundPage.view(try await roundModel(req, round: round, missingSeat: shown)), status: .notFound)
    }

    static func seatModel(_ req: Request, round: WelcomeRound, seat: Int, draft: WelcomeContactDraft? = nil,
                          errors: FieldErrors = [:]) async throws -> WelcomeSeatPage.Model {
        let contacts = try await round.contacts(ofSeat: seat, on: req.db)
        let notice = req.notice(WelcomeNotice.self)
        let noWarmYet = contacts.contains { $0.kind == .concern } && !contacts.contains { $0.kind == .warm }
        var model = WelcomeSeatPage.Model(shell: req.shell(), roundID: round.publicID, className: round.className, seat: seat, contacts: contacts,
                                          draft: draft ?? WelcomeContactDraft(day: today(req).description), errors: errors,
                                          notice: notice?.catalogKey, noWarmYet: noWarmYet)
        model.cards = try await round.cards(ofSeat: seat, on: req.db).map(\.state)
        model.today = today(req)
        return model
    }

    @Sendable func seat(req: Request) async throws -> Response {
        let (_, round) = try await Self.authorizeTeacher(req)
        guard let seat = Self.seatNumber(req, round) else { return try await Self.missingSeat(req, round) }
        return .html(WelcomeSeatPage.view(try await Self.seatModel(req, round: round, seat: seat)), status: .ok)
    }

    struct ContactForm: Content {
        var kind: String?
        var day: String?
        var how: String?
        var language: String?
        var interpreter: String?
        var first: String?
    }

    @Sendable func record(req: Request) async throws -> Response {
        let (_, round) = try await Self.authorizeTeacher(req)
        guard let seat = Self.seatNumber(req, round) else { return try await Self.missingSeat(req, round) }
        let form = (try? req.content.decode(ContactForm.self)) ?? ContactForm()
        let draft = WelcomeContactDraft(kind: form.kind ?? "", day: form.day ?? "", how: form.how ?? "", language: form.language ?? "",
                                        interpreter: form.interpreter ?? "", first: form.first ?? "")
        let existing = try await round.contacts(ofSeat: seat, on: req.db)
        switch draft.validate(seat: seat, roundStarted: round.startedOn, today: Self.today(req), seatContacts: existing) {
        case let .failure(box):
            let model = try await Self.seatModel(req, round: round, seat: seat, draft: draft, errors: box.errors)
            return .html(WelcomeSeatPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let seatRoute = SiteRoute.welcomeSeat(roundID: round.routeID, seat: SeatNumber(seat))
            if valid.isRepeat { return .redirect(to: seatRoute.with(notice: WelcomeNotice.repeated)) }
            do {
                try await WelcomeContactRow(roundID: try round.requireID(), contact: valid.contact).create(on: req.db)
            } catch let error as any DatabaseError where error.isConstraintFailure {
                // The same contact sent twice at once: the first one stored it.
                return .redirect(to: seatRoute.with(notice: WelcomeNotice.repeated))
            }
            if valid.contact.kind == .concern, !existing.contains(where: { $0.kind == .warm }) {
                return .redirect(to: seatRoute.with(notice: WelcomeNotice.concernFirst))
            }
            return .redirect(to: SiteRoute.welcomeRound(id: round.routeID).with(notice: valid.contact.kind == .warm ? WelcomeNotice.warm : .concern))
        }
    }

    // MARK: figures

    @Sendable func figures(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .viewWelcomeFigures)
        let result = try await req.welcome.figures(schoolID: school.requireID(), today: Self.today(req))
        let model = WelcomeFiguresPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, year: result.year.label,
                                             deletedOn: Self.deletedOn(result.year, req), school: result.school,
                                             classes: result.classes.map { .init(className: $0.round.className, figures: $0.figures) })
        return .html(WelcomeFiguresPage.view(model), status: .ok)
    }

    @Sendable func trajectory(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewTrajectory)
        let trajectory = try await req.found(Trajectory.self)
        let trajectoryID = try trajectory.requireID()
        let comparison = try await req.reports.comparison(trajectoryID: trajectoryID, questionnaire: req.application.currentParentQuestionnaire.id,
                                                          viewer: nil, key: try await req.application.codeKey(on: req.db))
        let year = SchoolYear.containing(Self.today(req), end: Self.end(req))
        var columns: [WelcomeTrajectoryPage.SchoolColumn] = []
        for school in try await School.query(on: req.db).filter(\.$trajectory.$id == trajectoryID).sort(\.$name).all() {
            let result = try await req.welcome.figures(schoolID: school.requireID(), today: Self.today(req))
            let scores = comparison.columns.first { $0.schoolID == school.publicID }?.scores ?? [:]
            columns.append(.init(schoolID: school.publicID, name: school.name, figures: result.school, key4: scores[4], key5: scores[5]))
        }
        let model = WelcomeTrajectoryPage.Model(shell: req.shell(), trajectoryID: trajectoryID.uuidString.lowercased(), trajectoryName: trajectory.name,
                                                year: year.label, schools: columns, keyNames: req.keyNames)
        return .html(WelcomeTrajectoryPage.view(model), status: .ok)
    }
}
