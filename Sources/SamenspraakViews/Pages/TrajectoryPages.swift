import Plot
import SamenspraakCore

public struct SchoolSummary: Equatable, Sendable {
    public var id: String
    public var name: String
    public var levels: [SchoolLevel]
    public var families: Int?
    public var languages: [LanguageCode]
    public var staffCount: Int

    public init(id: String, name: String, levels: [SchoolLevel], families: Int?, languages: [LanguageCode], staffCount: Int) {
        self.id = id
        self.name = name
        self.levels = levels
        self.families = families
        self.languages = languages
        self.staffCount = staffCount
    }

    public static func mock(text: String) -> SchoolSummary {
        SchoolSummary(id: text, name: text, levels: [.kleuter, .lager], families: 120, languages: [.nl, .ar], staffCount: 3)
    }
}

public enum TrajectoryListPage {
    public struct Item: Equatable, Sendable {
        public var id: String
        public var name: String
        public var starts: Day
        public var ends: Day
        public var schoolCount: Int
        public init(id: String, name: String, starts: Day, ends: Day, schoolCount: Int) {
            self.id = id
            self.name = name
            self.starts = starts
            self.ends = ends
            self.schoolCount = schoolCount
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var trajectories: [Item]
        public init(shell: PageShell, trajectories: [Item]) {
            self.shell = shell
            self.trajectories = trajectories
        }
        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, trajectories: [Item(id: text, name: text, starts: Day(year: 2026, month: 9, day: 1),
                                                          ends: Day(year: 2026, month: 12, day: 18), schoolCount: 4)])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("trajectories.title"), main: .div(
            .h1(.plainText(t("trajectories.title"))),
            model.trajectories.isEmpty
                ? .p(.plainText(t("trajectories.empty")))
                : .ul(.class("cards"), .forEach(model.trajectories) { item in
                    .li(
                        .h2(.a(.attr("href", SiteRoute.trajectory(id: TrajectoryID(item.id)).path), .plainText(item.name))),
                        .p(.plainText(Dates.period(item.starts, item.ends, t))),
                        .p(.plainText(t("trajectories.school_count", ["count": String(item.schoolCount)])))
                    )
                }),
            .p(.a(.class("button"), .attr("href", SiteRoute.newTrajectory.path), .plainText(t("trajectories.new"))))
        ))
    }
}

public enum TrajectoryFormPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var name: String
        public var startsOn: String
        public var endsOn: String
        public var errors: FieldErrors
        public init(shell: PageShell, name: String = "", startsOn: String = "", endsOn: String = "", errors: FieldErrors = [:]) {
            self.shell = shell
            self.name = name
            self.startsOn = startsOn
            self.endsOn = endsOn
            self.errors = errors
        }
        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, name: text, startsOn: text, endsOn: text, errors: ["name": text, "starts_on": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("trajectory.new.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("trajectory.new.title"))),
            .p(.plainText(t("trajectory.new.intro"))),
            Forms.errorSummary(model.errors, order: ["name", "starts_on", "ends_on"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.trajectories.path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "name", label: t("field.trajectory_name"), value: model.name,
                                      error: model.errors["name"]), t: t),
                    Forms.field(.init(name: "starts_on", label: t("field.starts_on"), value: model.startsOn, type: "date",
                                      error: model.errors["starts_on"], hint: t("field.date_hint")), t: t),
                    Forms.field(.init(name: "ends_on", label: t("field.ends_on"), value: model.endsOn, type: "date",
                                      error: model.errors["ends_on"], hint: t("field.date_hint")), t: t),
                    Forms.submit(t("trajectory.new.submit"))
                )
            )
        ))
    }
}

public enum TrajectoryShowPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var id: String
        public var name: String
        public var starts: Day
        public var ends: Day
        public var today: Day
        public var phases: [Phase]
        public var schools: [SchoolSummary]
        public var notice: String?
        /// The workshop and other events, on the timeline.
        public var events: [EventSummary] = []
        /// Stories of the trajectory's schools waiting for the coordinator's review.
        public var storiesWaiting = 0
        /// What has happened so far: a phase shows done only when its work is done (`Phase.work`).
        public var progress = TrajectoryProgress.none

        public init(shell: PageShell, id: String, name: String, starts: Day, ends: Day, today: Day, phases: [Phase],
                    schools: [SchoolSummary], notice: String? = nil) {
            self.shell = shell
            self.id = id
            self.name = name
            self.starts = starts
            self.ends = ends
            self.today = today
            self.phases = phases
            self.schools = schools
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            let start = Day(year: 2026, month: 9, day: 1), end = Day(year: 2026, month: 12, day: 18)
            return Model(shell: shell, id: text, name: text, starts: start, ends: end, today: Day(year: 2026, month: 10, day: 1),
                         phases: Timeline.defaultPhases(from: start, to: end), schools: [.mock(text: text)])
                .with(events: [.mock(text)])
        }

        func with(events: [EventSummary]) -> Model {
            var copy = self
            copy.events = events
            return copy
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: model.name, main: .div(
            .h1(.plainText(model.name)),
            .p(.class("lead"), .plainText(Dates.period(model.starts, model.ends, t))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.a(.attr("href", SiteRoute.trajectoryComparison(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("compare.link")))),
            .p(.a(.attr("href", SiteRoute.trajectoryWelcome(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("welcome.trajectory_link")))),
            .p(.a(.attr("href", SiteRoute.trajectoryPlans(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("trajectory.plans_link")))),
            model.storiesWaiting > 0
                ? .div(.class("notice info"), .attr("role", "status"),
                       .p(.a(.attr("href", SiteRoute.trajectoryStories(trajectoryID: TrajectoryID(model.id)).path),
                             .plainText(t(model.storiesWaiting == 1 ? "trajectory.stories_waiting_one" : "trajectory.stories_waiting",
                                          ["count": String(model.storiesWaiting)])))))
                : .p(.a(.attr("href", SiteRoute.trajectoryStories(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("trajectory.stories_link")))),
            .section(
                .attr("aria-labelledby", "timeline-title"),
                .h2(.id("timeline-title"), .plainText(t("timeline.title"))),
                .ol(.class("timeline"), .forEach(model.phases) { phase in
                    let work = phase.work(model.progress)
                    let state = phase.state(on: model.today, work: work)
                    return .li(
                        .attr("class", "phase \(state.rawValue)"),
                        .if(state == .now, .attr("aria-current", "step")),
                        .h3(.plainText(t("phase.\(phase.kind.rawValue)"))),
                        .p(.plainText(Dates.period(phase.starts, phase.ends, t))),
                        .p(.class("status"), .plainText(t("phase.state.\(state.rawValue)"))),
                        .if(work.isPartial, .p(.class("muted"), .plainText(t("phase.schools_done", [
                            "done": String(work.done), "count": String(work.schools ?? 0),
                        ]))))
                    )
                }),
                .p(.a(.attr("href", SiteRoute.trajectoryPhases(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("timeline.edit_link")))),
                .h3(.id("events-title"), .plainText(t("events.title"))),
                model.events.isEmpty ? .p(.class("muted"), .plainText(t("events.none"))) : .ul(.forEach(model.events) { event in
                    .li(.a(.attr("href", SiteRoute.event(id: EventID(event.id)).path), .plainText(event.title)), .plainText(" · " + event.when(t)))
                }),
                .p(.a(.attr("href", SiteRoute.trajectoryEvents(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("trajectory.events_link"))))
            ),
            .section(
                .attr("aria-labelledby", "schools-title"),
                .h2(.id("schools-title"), .plainText(t("schools.title"))),
                model.schools.isEmpty ? .p(.plainText(t("schools.empty"))) : schoolTable(model.schools, t: t),
                .p(.a(.class("button"), .attr("href", SiteRoute.newSchool(trajectoryID: TrajectoryID(model.id)).path), .plainText(t("schools.new"))))
            )
        ))
    }

    static func schoolTable(_ schools: [SchoolSummary], t: Localizer) -> Node<HTML.BodyContext> {
        .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
            .caption(.class("visually-hidden"), .plainText(t("schools.title"))),
            .thead(.tr(
                .th(.attr("scope", "col"), .plainText(t("field.school_name"))),
                .th(.attr("scope", "col"), .plainText(t("field.levels"))),
                .th(.attr("scope", "col"), .plainText(t("field.families"))),
                .th(.attr("scope", "col"), .plainText(t("field.languages"))),
                .th(.attr("scope", "col"), .plainText(t("schools.staff")))
            )),
            .tbody(.forEach(schools) { school in
                .tr(
                    .th(.attr("scope", "row"), .a(.attr("href", SiteRoute.school(id: SchoolID(school.id)).path), .plainText(school.name))),
                    .td(.plainText(SchoolShowPage.levelsText(school.levels, t))),
                    .td(.plainText(school.families.map(String.init) ?? t("schools.families_unknown"))),
                    .td(.plainText(school.languages.map(\.endonym).joined(separator: ", "))),
                    .td(.plainText(String(school.staffCount)))
                )
            })
        ))
    }
}

/// The coordinator's form to move the first and last day of each phase of a trajectory.
public enum TrajectoryPhasesPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var id: String
        public var name: String
        public var starts: Day
        public var ends: Day
        /// The phases in timeline order (their kinds, and the form's fields in that order).
        public var kinds: [PhaseKind]
        /// What the form holds: the phases' days, or what was typed.
        public var draft: PhaseDatesDraft
        public var errors: FieldErrors

        public init(shell: PageShell, id: String, name: String, starts: Day, ends: Day, kinds: [PhaseKind], draft: PhaseDatesDraft,
                    errors: FieldErrors = [:]) {
            self.shell = shell
            self.id = id
            self.name = name
            self.starts = starts
            self.ends = ends
            self.kinds = kinds
            self.draft = draft
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            let start = Day(year: 2026, month: 9, day: 1), end = Day(year: 2026, month: 12, day: 18)
            var draft = PhaseDatesDraft(phases: Timeline.defaultPhases(from: start, to: end))
            draft.days[.workshop] = (text, text)
            return Model(shell: shell, id: text, name: text, starts: start, ends: end, kinds: PhaseKind.allCases, draft: draft,
                         errors: [PhaseDatesDraft.startsField(.workshop): text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let trajectory = SiteRoute.trajectory(id: TrajectoryID(model.id)).path
        let latest = model.ends.adding(days: PhaseDatesDraft.daysAfterTrajectory)
        let order = model.kinds.flatMap { [PhaseDatesDraft.startsField($0), PhaseDatesDraft.endsField($0)] }
        return Layout.document(model.shell, title: t("phases.title"), main: .div(
            .class("narrow"),
            .p(.a(.attr("href", trajectory), .plainText(model.name))),
            .h1(.plainText(t("phases.title"))),
            .p(.plainText(t("phases.intro", ["period": Dates.period(model.starts, model.ends, t),
                                             "latest": Dates.long(latest, t)]))),
            Forms.errorSummary(model.errors, order: order, t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.trajectoryPhases(trajectoryID: TrajectoryID(model.id)).path),
                .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .forEach(model.kinds) { kind in
                    .fieldset(
                        .class("phase-dates"),
                        .element(named: "legend", nodes: [.plainText(t("phase.\(kind.rawValue)"))]),
                        Forms.field(.init(name: PhaseDatesDraft.startsField(kind), label: t("phases.first_day"),
                                          value: model.draft.starts(kind), type: "date",
                                          error: model.errors[PhaseDatesDraft.startsField(kind)]), t: t),
                        Forms.field(.init(name: PhaseDatesDraft.endsField(kind), label: t("phases.last_day"),
                                          value: model.draft.ends(kind), type: "date",
                                          error: model.errors[PhaseDatesDraft.endsField(kind)]), t: t)
                    )
                },
                .div(.class("actions"), .button(.type(.submit), .class("primary"), .plainText(t("phases.submit"))),
                     .a(.attr("href", trajectory), .plainText(t("form.cancel"))))
            )
        ))
    }
}
