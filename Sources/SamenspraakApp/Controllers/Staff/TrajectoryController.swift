import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The coordinator's trajectories: list, create, show with timeline and schools, move the phases, add a school.
struct TrajectoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.trajectories, use: index)
        routes.get(.newTrajectory, use: new)
        routes.post(.trajectories, use: create)
        routes.get(.trajectory(id: .any), use: show)
        routes.get(.trajectoryPhases(trajectoryID: .any), use: editPhases)
        routes.post(.trajectoryPhases(trajectoryID: .any), use: updatePhases)
        routes.get(.newSchool(trajectoryID: .any), use: newSchool)
        routes.post(.schools(trajectoryID: .any), use: createSchool)
    }

    @Sendable func index(req: Request) async throws -> Response {
        _ = try req.staff(for: .listTrajectories)
        let trajectories = try await Trajectory.query(on: req.db).with(\.$schools).sort(\.$starts, .descending).all()
        let items = trajectories.map {
            TrajectoryListPage.Item(id: $0.id?.uuidString.lowercased() ?? "", name: $0.name, starts: $0.starts, ends: $0.ends,
                                    schoolCount: $0.schools.count)
        }
        return .html(TrajectoryListPage.view(.init(shell: req.shell(), trajectories: items)), status: .ok)
    }

    @Sendable func new(req: Request) async throws -> Response {
        _ = try req.staff(for: .createTrajectory)
        return .html(TrajectoryFormPage.view(.init(shell: req.shell())), status: .ok)
    }

    struct TrajectoryForm: Content {
        var name: String?
        var starts_on: String?
        var ends_on: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        _ = try req.staff(for: .createTrajectory)
        let form = try req.content.decode(TrajectoryForm.self)
        let errors = Timeline.validate(name: form.name ?? "", starts: form.starts_on ?? "", ends: form.ends_on ?? "")
        guard errors.isEmpty, let starts = Day(iso: form.starts_on ?? ""), let ends = Day(iso: form.ends_on ?? "") else {
            let model = TrajectoryFormPage.Model(shell: req.shell(), name: form.name ?? "", startsOn: form.starts_on ?? "",
                                                 endsOn: form.ends_on ?? "", errors: errors)
            return .html(TrajectoryFormPage.view(model), status: .unprocessableEntity)
        }
        let trajectory = Trajectory(name: (form.name ?? "").trimmingCharacters(in: .whitespacesAndNewlines), starts: starts, ends: ends)
        try await req.db.transaction { db in
            try await trajectory.create(on: db)
            let id = try trajectory.requireID()
            for (position, phase) in Timeline.defaultPhases(from: starts, to: ends).enumerated() {
                try await TrajectoryPhase(trajectoryID: id, phase: phase, position: position).create(on: db)
            }
        }
        return .redirect(to: SiteRoute.trajectory(id: TrajectoryID(try trajectory.requireID())).path)
    }

    @Sendable func show(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewTrajectory)
        let trajectory = try await req.found(Trajectory.self)
        let phases = try await trajectory.$phases.query(on: req.db).sort(\.$position).all().compactMap(\.phase)
        let schools = try await trajectory.$schools.query(on: req.db).sort(\.$name).all()
        var summaries: [SchoolSummary] = []
        for school in schools {
            let staff = try await User.query(on: req.db).filter(\.$school.$id == school.requireID()).count()
            summaries.append(school.summary(staffCount: staff))
        }
        var model = TrajectoryShowPage.Model(
            shell: req.shell(), id: try trajectory.requireID().uuidString.lowercased(), name: trajectory.name,
            starts: trajectory.starts, ends: trajectory.ends, today: Day(date: req.now), phases: phases, schools: summaries,
            notice: req.notice(TrajectoryNotice.self)?.catalogKey
        )
        model.progress = try await trajectory.progress(on: req.db, today: Day(date: req.now),
                                                       minimumGroup: req.application.samenspraakConfig.minimumGroup,
                                                       questionnaires: req.application.questionnaires)
        model.events = try await TrajectoryEvent.query(on: req.db).filter(\.$trajectory.$id == trajectory.requireID())
            .sort(\.$date).sort(\.$starts).all().map(EventController.summary)
        let schoolIDs = try schools.map { try $0.requireID() }
        model.storiesWaiting = schoolIDs.isEmpty ? 0 : try await Story.query(on: req.db).filter(\.$school.$id ~~ schoolIDs)
            .filter(\.$status == StoryStatus.submitted.rawValue).count()
        return .html(TrajectoryShowPage.view(model), status: .ok)
    }

    @Sendable func editPhases(req: Request) async throws -> Response {
        _ = try req.staff(for: .editPhases)
        let trajectory = try await req.found(Trajectory.self)
        let phases = try await trajectory.$phases.query(on: req.db).sort(\.$position).all().compactMap(\.phase)
        let model = try phasesPage(req, trajectory, kinds: phases.map(\.kind), draft: PhaseDatesDraft(phases: phases))
        return .html(TrajectoryPhasesPage.view(model), status: .ok)
    }

    /// Moves every phase at once, or none: a refused form changes nothing and comes back with what was typed.
    @Sendable func updatePhases(req: Request) async throws -> Response {
        _ = try req.staff(for: .editPhases)
        let trajectory = try await req.found(Trajectory.self)
        let rows = try await trajectory.$phases.query(on: req.db).sort(\.$position).all()
        let kinds = rows.compactMap { PhaseKind(rawValue: $0.kind) }
        let fields = (try? req.content.decode([String: String].self)) ?? [:]
        let draft = PhaseDatesDraft(fields: fields)
        switch draft.validate(trajectoryStarts: trajectory.starts, trajectoryEnds: trajectory.ends, kinds: kinds) {
        case let .failure(box):
            let model = try phasesPage(req, trajectory, kinds: kinds, draft: draft, errors: box.errors)
            return .html(TrajectoryPhasesPage.view(model), status: .unprocessableEntity)
        case let .success(phases):
            try await req.db.transaction { db in
                for row in rows {
                    guard let phase = phases.first(where: { $0.kind.rawValue == row.kind }) else { continue }
                    row.starts = phase.starts
                    row.ends = phase.ends
                    try await row.save(on: db)
                }
            }
            return .redirect(to: SiteRoute.trajectory(id: TrajectoryID(try trajectory.requireID())).with(notice: TrajectoryNotice.phases))
        }
    }

    private func phasesPage(_ req: Request, _ trajectory: Trajectory, kinds: [PhaseKind], draft: PhaseDatesDraft,
                            errors: FieldErrors = [:]) throws -> TrajectoryPhasesPage.Model {
        TrajectoryPhasesPage.Model(shell: req.shell(), id: try trajectory.requireID().uuidString.lowercased(), name: trajectory.name,
                                   starts: trajectory.starts, ends: trajectory.ends, kinds: kinds, draft: draft, errors: errors)
    }

    @Sendable func newSchool(req: Request) async throws -> Response {
        _ = try req.staff(for: .createSchool)
        let trajectory = try await req.found(Trajectory.self)
        let model = SchoolFormPage.Model(shell: req.shell(), mode: .create(trajectoryID: try trajectory.requireID().uuidString.lowercased()),
                                         trajectoryName: trajectory.name, offered: req.application.languageOffers)
        return .html(SchoolFormPage.view(model), status: .ok)
    }

    struct SchoolForm: Content {
        var name: String?
        var levels: [String]?
        var families: String?
        var languages: [String]?
        var share_name: [String]?

        var draft: SchoolDraft {
            SchoolDraft(name: name ?? "", levels: levels ?? [], families: families ?? "", languages: languages ?? [],
                        shareName: share_name?.contains("1") == true)
        }
    }

    @Sendable func createSchool(req: Request) async throws -> Response {
        _ = try req.staff(for: .createSchool)
        let trajectory = try await req.found(Trajectory.self)
        let trajectoryID = try trajectory.requireID()
        let draft = try req.content.decode(SchoolForm.self).draft
        switch try await SchoolController.validate(req, draft, schoolID: nil) {
        case let .failure(box):
            let model = SchoolFormPage.Model(shell: req.shell(), mode: .create(trajectoryID: trajectoryID.uuidString.lowercased()),
                                             trajectoryName: trajectory.name, draft: draft, errors: box.errors,
                                             offered: req.application.languageOffers)
            return .html(SchoolFormPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let school = School(trajectoryID: trajectoryID, valid: valid)
            try await school.create(on: req.db)
            return .redirect(to: SiteRoute.school(id: school.routeID).with(notice: SchoolNotice.saved))
        }
    }
}
