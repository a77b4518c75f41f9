import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The trajectory's events: the coordinator plans them (Brussels time), school staff register with colleagues
/// (a waiting list when full), everyone in the trajectory gets the calendar file, the meeting link goes only to
/// those registered, and afterwards notes and links are there for all.
struct EventController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.events, use: mine)
        routes.get(.trajectoryEvents(trajectoryID: .any), use: index)
        routes.get(.newEvent(trajectoryID: .any), use: new)
        routes.post(.trajectoryEvents(trajectoryID: .any), use: create)
        routes.get(.event(id: .any), use: show)
        routes.get(.editEvent(id: .any), use: edit)
        routes.post(.event(id: .any), use: update)
        routes.post(.eventRegistration(id: .any), use: register)
        routes.get(.eventCalendar(id: .any), use: calendar)
    }

    static func summary(_ event: TrajectoryEvent) -> EventSummary {
        EventSummary(id: event.publicID, title: event.title, day: event.date, starts: event.starts, ends: event.ends)
    }

    static func listModel(_ req: Request, trajectory: Trajectory, user: User) async throws -> EventListPage.Model {
        let events = try await TrajectoryEvent.query(on: req.db).filter(\.$trajectory.$id == trajectory.requireID())
            .sort(\.$date).sort(\.$starts).all()
        return EventListPage.Model(shell: req.shell(), trajectoryID: try trajectory.requireID().uuidString.lowercased(), trajectoryName: trajectory.name,
                                   events: events.map(Self.summary), canCreate: Access.allows(user.actor, .manageEvents), today: Day(date: req.now))
    }

    @Sendable func mine(req: Request) async throws -> Response {
        let user = try req.staff(for: .viewEvents)
        guard let trajectoryID = try await req.ownTrajectory(of: user) else {
            // A coordinator has several trajectories: their list starts from each trajectory's page.
            return .redirect(to: SiteRoute.trajectories.path)
        }
        guard let trajectory = try await Trajectory.find(trajectoryID, on: req.db) else { throw Abort(.notFound) }
        return .html(EventListPage.view(try await Self.listModel(req, trajectory: trajectory, user: user)), status: .ok)
    }

    @Sendable func index(req: Request) async throws -> Response {
        let user = try req.staff(for: .manageEvents)
        let trajectory = try await req.found(Trajectory.self)
        return .html(EventListPage.view(try await Self.listModel(req, trajectory: trajectory, user: user)), status: .ok)
    }

    @Sendable func new(req: Request) async throws -> Response {
        _ = try req.staff(for: .manageEvents)
        let trajectory = try await req.found(Trajectory.self)
        let draft = EventDraft(starts: "19:00", ends: "21:00", speakers: Array(repeating: .init(), count: EventDraft.maximumSpeakers))
        let model = EventFormPage.Model(shell: req.shell(), action: SiteRoute.trajectoryEvents(trajectoryID: TrajectoryID(try trajectory.requireID())).path,
                                        isNew: true, draft: draft)
        return .html(EventFormPage.view(model), status: .ok)
    }

    struct EventForm: Content {
        var title: String?
        var date: String?
        var starts: String?
        var ends: String?
        var meeting_url: String?
        var description: String?
        var programme: String?
        var capacity: String?
        var notes: String?
        var slides_url: String?
        var recording_url: String?
        var speaker_name_1: String?, speaker_role_1: String?, speaker_bio_1: String?
        var speaker_name_2: String?, speaker_role_2: String?, speaker_bio_2: String?
        var speaker_name_3: String?, speaker_role_3: String?, speaker_bio_3: String?
        var speaker_name_4: String?, speaker_role_4: String?, speaker_bio_4: String?

        var draft: EventDraft {
            let speakers: [EventDraft.Speaker] = [
                .init(name: speaker_name_1 ?? "", role: speaker_role_1 ?? "", bio: speaker_bio_1 ?? ""),
                .init(name: speaker_name_2 ?? "", role: speaker_role_2 ?? "", bio: speaker_bio_2 ?? ""),
                .init(name: speaker_name_3 ?? "", role: speaker_role_3 ?? "", bio: speaker_bio_3 ?? ""),
                .init(name: speaker_name_4 ?? "", role: speaker_role_4 ?? "", bio: speaker_bio_4 ?? ""),
            ]
            return EventDraft(title: title ?? "", date: date ?? "", starts: starts ?? "", ends: ends ?? "", meetingURL: meeting_url ?? "",
                              description: description ?? "", programme: programme ?? "", speakers: speakers, capacity: capacity ?? "",
                              notes: notes ?? "", slidesURL: slides_url ?? "", recordingURL: recording_url ?? "")
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        _ = try req.staff(for: .manageEvents)
        let trajectory = try await req.found(Trajectory.self)
        let draft = try req.content.decode(EventForm.self).draft
        switch draft.validate() {
        case let .failure(box):
            let model = EventFormPage.Model(shell: req.shell(),
                                            action: SiteRoute.trajectoryEvents(trajectoryID: TrajectoryID(try trajectory.requireID())).path,
                                            isNew: true, draft: draft, errors: box.errors)
            return .html(EventFormPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let event = TrajectoryEvent(trajectoryID: try trajectory.requireID(), valid: valid)
            try await event.create(on: req.db)
            return .redirect(to: SiteRoute.event(id: event.routeID).with(notice: EventNotice.saved))
        }
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let (_, event) = try await req.authorized(TrajectoryEvent.self, .manageEvents)
        return .html(EventFormPage.view(.init(shell: req.shell(), action: SiteRoute.event(id: event.routeID).path, isNew: false, draft: event.draft)),
                     status: .ok)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (_, event) = try await req.authorized(TrajectoryEvent.self, .manageEvents)
        let draft = try req.content.decode(EventForm.self).draft
        switch draft.validate() {
        case let .failure(box):
            let model = EventFormPage.Model(shell: req.shell(), action: SiteRoute.event(id: event.routeID).path, isNew: false, draft: draft,
                                            errors: box.errors)
            return .html(EventFormPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            if let capacity = valid.capacity, capacity < event.capacity ?? Int.max {
                // Fewer places than before: nobody is removed, but nobody moves up either until there is room.
                req.logger.info("event capacity lowered", metadata: ["capacity": .stringConvertible(capacity)])
            }
            event.apply(valid)
            try await event.save(on: req.db)
            try await Self.promote(event, on: req.db)
            return .redirect(to: SiteRoute.event(id: event.routeID).with(notice: EventNotice.saved))
        }
    }

    static func showModel(_ req: Request, user: User, event: TrajectoryEvent, colleagues: String = "0", error: String? = nil) async throws -> EventShowPage.Model {
        let registrations = try await EventRegistration.query(on: req.db).filter(\.$event.$id == event.requireID()).with(\.$user).with(\.$school)
            .sort(\.$createdAt).all()
        let taken = registrations.filter { $0.status == EventRegistration.Status.registered.rawValue }.reduce(0) { $0 + $1.seats }
        let mine = registrations.first { $0.$user.id == user.id }
        let canManage = Access.allows(user.actor, .manageEvents)
        var perSchool: [String: EventShowPage.SchoolCount] = [:]
        // Another school's name (and its people's, which would give it away) only where that school agreed to be
        // named to the other schools, as in comparisons; the rest are counted together. The coordinator sees all.
        let otherSchools = req.t("event.other_schools")
        var hidden = EventShowPage.SchoolCount(school: otherSchools, people: [], seats: 0, waiting: 0)
        for registration in registrations {
            let shown = canManage || registration.school == nil || registration.$school.id == user.$school.id
                || registration.school?.shareName == true
            let name = shown ? registration.school?.name ?? req.t("event.no_school") : otherSchools
            var row: EventShowPage.SchoolCount = shown ? perSchool[name] ?? .init(school: name, people: [], seats: 0, waiting: 0) : hidden
            if registration.status == EventRegistration.Status.registered.rawValue {
                if shown {
                    let person = registration.user.shownName(req.t)
                    row.people.append(registration.colleagues > 0 ? "\(person) (+\(registration.colleagues))" : person)
                }
                row.seats += registration.seats
            } else {
                row.waiting += registration.seats
            }
            if shown { perSchool[name] = row } else { hidden = row }
        }
        var rows = perSchool.values.sorted { $0.school < $1.school }
        if hidden.seats + hidden.waiting > 0 {
            hidden.people = [req.t("event.names_not_shared")]
            rows.append(hidden)
        }
        let notice = req.notice(EventNotice.self)?.catalogKey
        let registered = mine?.status == EventRegistration.Status.registered.rawValue
        return EventShowPage.Model(shell: req.shell(), event: Self.summary(event), description: event.details, programme: event.programmeItems,
                                   speakers: event.speakers, capacity: event.capacity, taken: taken,
                                   meetingURL: registered || canManage ? event.meetingURL : nil, notes: event.notes, slidesURL: event.slidesURL,
                                   recordingURL: event.recordingURL, myStatus: mine?.status, myColleagues: mine?.colleagues ?? 0,
                                   canRegister: Access.allows(user.actor, .registerEvents), canManage: canManage,
                                   isPast: event.date < Day(date: req.now), perSchool: rows,
                                   colleagues: colleagues, notice: notice, error: error)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, event) = try await req.authorized(TrajectoryEvent.self, .viewEvents)
        return .html(EventShowPage.view(try await Self.showModel(req, user: user, event: event)), status: .ok)
    }

    struct RegistrationForm: Content {
        var action: String?
        var colleagues: String?
    }

    @Sendable func register(req: Request) async throws -> Response {
        let (user, event) = try await req.authorized(TrajectoryEvent.self, .registerEvents)
        let form = (try? req.content.decode(RegistrationForm.self)) ?? RegistrationForm()
        let typed = (form.colleagues ?? "0").trimmingCharacters(in: .whitespaces)
        func refuse(_ error: String, _ status: HTTPResponseStatus) async throws -> Response {
            .html(EventShowPage.view(try await Self.showModel(req, user: user, event: event, colleagues: typed, error: error)), status: status)
        }
        let eventID = try event.requireID()
        let userID = try user.requireID()
        switch form.action.flatMap(EventRegistrationAction.init(rawValue:)) {
        case .cancel:
            try await EventRegistration.query(on: req.db).filter(\.$event.$id == eventID).filter(\.$user.$id == userID).delete()
            try await Self.promote(event, on: req.db)
            return .redirect(to: SiteRoute.event(id: event.routeID).with(notice: EventNotice.cancelled))
        case let .some(action):
            guard event.date >= Day(date: req.now) else { return try await refuse("error.event_past", .conflict) }
            guard let colleagues = Int(typed.isEmpty ? "0" : typed), (0...EventSeats.maximumColleagues).contains(colleagues) else {
                return try await refuse("error.colleagues", .unprocessableEntity)
            }
            // Counting the places and taking them happen in one transaction.
            let outcome: EventRegistrationOutcome = try await req.db.transaction { db in
                let already = try await EventRegistration.query(on: db).filter(\.$event.$id == eventID).filter(\.$user.$id == userID).count() > 0
                var fits = false
                if !already {
                    fits = EventSeats.fits(1 + colleagues, taken: try await Self.taken(eventID, on: db), capacity: event.capacity)
                }
                let outcome = EventRegistrationOutcome.deciding(action, alreadyRegistered: already, fits: fits)
                let status: EventRegistration.Status
                switch outcome {
                case .registered: status = .registered
                case .waiting: status = .waiting
                case .full, .already: return outcome
                }
                try await EventRegistration(eventID: eventID, userID: userID, schoolID: user.$school.id, colleagues: colleagues, status: status)
                    .create(on: db)
                return outcome
            }
            if let error = outcome.errorKey { return try await refuse(error, .conflict) }
            guard let notice = outcome.notice else { return .redirect(to: SiteRoute.event(id: event.routeID).path) }
            return .redirect(to: SiteRoute.event(id: event.routeID).with(notice: notice))
        case nil:
            throw Abort(.badRequest)
        }
    }

    static func taken(_ eventID: UUID, on db: any Database) async throws -> Int {
        try await EventRegistration.query(on: db).filter(\.$event.$id == eventID)
            .filter(\.$status == EventRegistration.Status.registered.rawValue).all().reduce(0) { $0 + $1.seats }
    }

    /// Moves people up from the waiting list, first come first served, while their places fit.
    static func promote(_ event: TrajectoryEvent, on db: any Database) async throws {
        let eventID = try event.requireID()
        var taken = try await Self.taken(eventID, on: db)
        for waiting in try await EventRegistration.query(on: db).filter(\.$event.$id == eventID)
            .filter(\.$status == EventRegistration.Status.waiting.rawValue).sort(\.$createdAt).all() {
            guard EventSeats.fits(waiting.seats, taken: taken, capacity: event.capacity) else { break }
            waiting.status = EventRegistration.Status.registered.rawValue
            try await waiting.save(on: db)
            taken += waiting.seats
        }
    }

    @Sendable func calendar(req: Request) async throws -> Response {
        let (user, event) = try await req.authorized(TrajectoryEvent.self, .viewEvents)
        let registered = try await EventRegistration.query(on: req.db).filter(\.$event.$id == event.requireID()).filter(\.$user.$id == user.requireID())
            .filter(\.$status == EventRegistration.Status.registered.rawValue).count() > 0
        let showLink = registered || Access.allows(user.actor, .manageEvents)
        let file = ICalendar.file(.init(uid: "\(event.publicID)@samenspraak", title: event.title,
                                        description: [event.details, event.programmeItems.joined(separator: "\n")].filter { !$0.isEmpty }
                                            .joined(separator: "\n\n"),
                                        day: event.date, starts: event.starts, ends: event.ends,
                                        url: showLink ? event.meetingURL : nil,
                                        stamp: Int(req.now.timeIntervalSince1970)))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/calendar; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"event.ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: file))
    }
}
