import Foundation
import Plot
import SamenspraakCore

/// An event as lists show it.
public struct EventSummary: Equatable, Sendable {
    public var id: String
    public var title: String
    public var day: Day
    public var starts: TimeOfDay
    public var ends: TimeOfDay
    public init(id: String, title: String, day: Day, starts: TimeOfDay, ends: TimeOfDay) {
        self.id = id
        self.title = title
        self.day = day
        self.starts = starts
        self.ends = ends
    }

    static func mock(_ text: String) -> EventSummary {
        EventSummary(id: text, title: text, day: Day(year: 2026, month: 9, day: 8), starts: TimeOfDay(hour: 19, minute: 0),
                     ends: TimeOfDay(hour: 21, minute: 0))
    }

    func when(_ t: Localizer) -> String {
        t("event.when", ["date": Dates.long(day, t), "from": starts.description, "to": ends.description, "zone": Brussels.offsetLabel(day, starts)])
    }
}

/// The events of a trajectory: the kick-off workshop and later sessions.
public enum EventListPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var trajectoryID: String?
        public var trajectoryName: String
        public var events: [EventSummary]
        public var canCreate: Bool
        public var today: Day
        public init(shell: PageShell, trajectoryID: String?, trajectoryName: String, events: [EventSummary], canCreate: Bool, today: Day) {
            self.shell = shell
            self.trajectoryID = trajectoryID
            self.trajectoryName = trajectoryName
            self.events = events
            self.canCreate = canCreate
            self.today = today
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), trajectoryID: text, trajectoryName: text, events: [.mock(text)], canCreate: true,
                  today: Day(year: 2026, month: 9, day: 1))
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("events.title"), main: .div(
            .h1(.plainText(t("events.title"))),
            .p(.class("lead"), .plainText(model.trajectoryName)),
            .if(model.canCreate, .unwrap(model.trajectoryID) { id in
                .p(.a(.class("button"), .attr("href", SiteRoute.newEvent(trajectoryID: TrajectoryID(id)).path), .plainText(t("events.new"))))
            }),
            model.events.isEmpty ? .p(.class("muted"), .plainText(t("events.none"))) : .ul(.class("cards"), .forEach(model.events) { event in
                .li(.h2(.a(.attr("href", SiteRoute.event(id: EventID(event.id)).path), .plainText(event.title))),
                    .p(.plainText(event.when(t))),
                    .if(event.day < model.today, .p(.class("muted"), .plainText(t("event.past")))))
            })
        ))
    }
}

/// Planning or changing an event; afterwards, its notes and links.
public enum EventFormPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var action: String
        public var isNew: Bool
        public var draft: EventDraft
        public var errors: FieldErrors
        public init(shell: PageShell, action: String, isNew: Bool, draft: EventDraft, errors: FieldErrors = [:]) {
            self.shell = shell
            self.action = action
            self.isNew = isNew
            self.draft = draft
            self.errors = errors
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), action: text, isNew: false,
                  draft: EventDraft(title: text, date: text, starts: text, ends: text, meetingURL: text, description: text, programme: text,
                                    speakers: [.init(name: text, role: text, bio: text)], capacity: text, notes: text, slidesURL: text,
                                    recordingURL: text),
                  errors: ["ends": text, "speaker_name_1": text])
        }
    }

    static func area<C: HTML.BodyContext>(_ name: String, _ label: String, _ hint: String?, _ value: String, error: String?, t: Localizer,
                                          rows: Int = 4) -> Node<C> {
        .div(.attr("class", error == nil ? "field" : "field invalid"),
             .label(.attr("for", name), .plainText(label)),
             .unwrap(hint) { .p(.class("hint"), .attr("id", "\(name)-hint"), .plainText($0)) },
             .unwrap(error) { .p(.class("error"), .attr("id", "\(name)-error"), .plainText(t($0))) },
             .textarea(.attr("id", name), .attr("name", name), .attr("rows", String(rows)), .attr("maxlength", String(EventDraft.maximumText)),
                       .if(hint != nil || error != nil,
                           .attr("aria-describedby", [hint.map { _ in "\(name)-hint" }, error.map { _ in "\(name)-error" }].compactMap { $0 }
                            .joined(separator: " "))),
                       .plainText(value)))
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let draft = model.draft
        let title = t(model.isNew ? "event.new_title" : "event.edit_title")
        var speakers = draft.speakers
        while speakers.count < EventDraft.maximumSpeakers { speakers.append(.init()) }
        let order = ["title", "date", "starts", "ends", "meeting_url", "capacity", "description", "programme"]
            + (1...EventDraft.maximumSpeakers).map { "speaker_name_\($0)" } + ["notes", "slides_url", "recording_url"]
        return Layout.document(model.shell, title: title, main: .div(
            .class("narrow"),
            .h1(.plainText(title)),
            Forms.errorSummary(model.errors, order: order, t: t),
            .form(
                .method(.post), .attr("action", model.action), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "title", label: t("field.event_title"), value: draft.title, error: model.errors["title"]), t: t),
                    Forms.field(.init(name: "date", label: t("field.event_date"), value: draft.date, type: "date", error: model.errors["date"],
                                      hint: t("field.date_hint")), t: t),
                    Forms.field(.init(name: "starts", label: t("field.event_starts"), value: draft.starts, type: "time",
                                      error: model.errors["starts"], hint: t("field.time_hint")), t: t),
                    Forms.field(.init(name: "ends", label: t("field.event_ends"), value: draft.ends, type: "time", error: model.errors["ends"],
                                      hint: t("field.time_hint")), t: t),
                    Forms.field(.init(name: "meeting_url", label: t("field.event_meeting"), value: draft.meetingURL, type: "url",
                                      error: model.errors["meeting_url"], hint: t("field.event_meeting_hint"), required: false), t: t),
                    Forms.field(.init(name: "capacity", label: t("field.event_capacity"), value: draft.capacity, type: "number",
                                      error: model.errors["capacity"], hint: t("field.event_capacity_hint"), required: false,
                                      extra: [("min", "1"), ("inputmode", "numeric")]), t: t),
                    area("description", t("field.event_description"), nil, draft.description, error: model.errors["description"], t: t),
                    area("programme", t("field.event_programme"), t("field.event_programme_hint"), draft.programme,
                         error: model.errors["programme"], t: t),
                    .forEach(Array(speakers.enumerated())) { index, speaker in
                        .fieldset(.class("field speaker"),
                                  .element(named: "legend", nodes: [.plainText(t("field.speaker", ["n": String(index + 1)]))]),
                                  Forms.field(.init(name: "speaker_name_\(index + 1)", label: t("field.speaker_name"), value: speaker.name,
                                                    error: model.errors["speaker_name_\(index + 1)"], required: false), t: t),
                                  Forms.field(.init(name: "speaker_role_\(index + 1)", label: t("field.speaker_role"), value: speaker.role,
                                                    required: false), t: t),
                                  area("speaker_bio_\(index + 1)", t("field.speaker_bio"), nil, speaker.bio, error: nil, t: t, rows: 2))
                    },
                    .if(!model.isNew, .fieldset(
                        .class("field"),
                        .element(named: "legend", nodes: [.plainText(t("field.event_afterwards"))]),
                        area("notes", t("field.event_notes"), t("field.event_notes_hint"), draft.notes, error: model.errors["notes"], t: t),
                        Forms.field(.init(name: "slides_url", label: t("field.event_slides"), value: draft.slidesURL, type: "url",
                                          error: model.errors["slides_url"], required: false), t: t),
                        Forms.field(.init(name: "recording_url", label: t("field.event_recording"), value: draft.recordingURL, type: "url",
                                          error: model.errors["recording_url"], required: false), t: t)
                    )),
                    Forms.submit(t("event.save"))
                )
            )
        ))
    }
}

/// One event: when (Brussels time), programme, speakers; the meeting link for those registered; registering
/// with colleagues (or the waiting list); the calendar file; who comes per school for the coordinator; and
/// afterwards the notes and links for all staff of the trajectory.
public enum EventShowPage {
    public struct SchoolCount: Equatable, Sendable {
        public var school: String
        public var people: [String]
        public var seats: Int
        public var waiting: Int
        public init(school: String, people: [String], seats: Int, waiting: Int) {
            self.school = school
            self.people = people
            self.seats = seats
            self.waiting = waiting
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var event: EventSummary
        public var description: String
        public var programme: [String]
        public var speakers: [EventDraft.Speaker]
        public var capacity: Int?
        public var taken: Int
        /// Shown only to those registered, and to the coordinator.
        public var meetingURL: String?
        public var notes: String?
        public var slidesURL: String?
        public var recordingURL: String?
        /// "registered", "waiting" or nil.
        public var myStatus: String?
        public var myColleagues: Int
        public var canRegister: Bool
        public var canManage: Bool
        public var isPast: Bool
        public var perSchool: [SchoolCount]
        public var colleagues: String
        public var notice: String?
        public var error: String?

        public init(shell: PageShell, event: EventSummary, description: String, programme: [String], speakers: [EventDraft.Speaker],
                    capacity: Int?, taken: Int, meetingURL: String?, notes: String?, slidesURL: String?, recordingURL: String?,
                    myStatus: String?, myColleagues: Int, canRegister: Bool, canManage: Bool, isPast: Bool, perSchool: [SchoolCount],
                    colleagues: String = "0", notice: String? = nil, error: String? = nil) {
            self.shell = shell
            self.event = event
            self.description = description
            self.programme = programme
            self.speakers = speakers
            self.capacity = capacity
            self.taken = taken
            self.meetingURL = meetingURL
            self.notes = notes
            self.slidesURL = slidesURL
            self.recordingURL = recordingURL
            self.myStatus = myStatus
            self.myColleagues = myColleagues
            self.canRegister = canRegister
            self.canManage = canManage
            self.isPast = isPast
            self.perSchool = perSchool
            self.colleagues = colleagues
            self.notice = notice
            self.error = error
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), event: .mock(text), description: text, programme: [text], speakers: [.init(name: text, role: text, bio: text)],
                  capacity: 40, taken: 12, meetingURL: text, notes: text, slidesURL: text, recordingURL: text, myStatus: "registered",
                  myColleagues: 2, canRegister: true, canManage: true, isPast: false,
                  perSchool: [SchoolCount(school: text, people: [text], seats: 3, waiting: 0)], colleagues: text, notice: "event.saved",
                  error: "error.event_full")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let event = model.event
        let full = model.capacity.map { model.taken >= $0 } ?? false
        return Layout.document(model.shell, title: event.title, main: .div(
            .h1(.plainText(event.title)),
            .p(.class("lead"), .plainText(event.when(t))),
            Forms.notice(model.notice, t: t, kind: "success"),
            Forms.notice(model.error, t: t),
            .p(.a(.attr("href", SiteRoute.eventCalendar(id: EventID(event.id)).path), .attr("type", "text/calendar"), .plainText(t("event.calendar")))),
            .if(model.canManage, .p(.a(.attr("href", SiteRoute.editEvent(id: EventID(event.id)).path), .plainText(t("event.edit"))))),
            .unwrap(model.meetingURL) { url in
                .p(.class("secret"), .strong(.plainText(t("event.meeting") + " ")), .a(.attr("href", url), .attr("rel", "noopener"), .plainText(url)))
            },
            .if(!model.description.isEmpty, .p(.attr("dir", "auto"), .class("pre-line"), .plainText(model.description))),
            .if(!model.programme.isEmpty, .section(.attr("aria-labelledby", "programme"),
                                                  .h2(.id("programme"), .plainText(t("event.programme"))),
                                                  .ol(.forEach(model.programme) { .li(.attr("dir", "auto"), .plainText($0)) }))),
            .if(!model.speakers.isEmpty, .section(.attr("aria-labelledby", "speakers"),
                                                 .h2(.id("speakers"), .plainText(t("event.speakers"))),
                                                 .ul(.class("cards"), .forEach(model.speakers) { speaker in
                                                     .li(.h3(.plainText(speaker.name)),
                                                         .if(!speaker.role.isEmpty, .p(.class("muted"), .plainText(speaker.role))),
                                                         .if(!speaker.bio.isEmpty, .p(.attr("dir", "auto"), .plainText(speaker.bio))))
                                                 }))),
            .if(model.notes != nil || model.slidesURL != nil || model.recordingURL != nil, .section(
                .attr("aria-labelledby", "afterwards"),
                .h2(.id("afterwards"), .plainText(t("event.afterwards"))),
                .unwrap(model.notes) { .p(.attr("dir", "auto"), .class("pre-line"), .plainText($0)) },
                .ul(.unwrap(model.slidesURL) { .li(.a(.attr("href", $0), .attr("rel", "noopener"), .plainText(t("event.slides")))) },
                    .unwrap(model.recordingURL) { .li(.a(.attr("href", $0), .attr("rel", "noopener"), .plainText(t("event.recording")))) })
            )),
            registration(model, full: full),
            .if(model.canManage, .section(
                .attr("aria-labelledby", "who-comes"),
                .h2(.id("who-comes"), .plainText(t("event.who_comes"))),
                .p(.plainText(model.capacity.map { t("event.capacity_of", ["taken": String(model.taken), "capacity": String($0)]) }
                         ?? t("event.taken", ["taken": String(model.taken)]))),
                model.perSchool.isEmpty ? .p(.class("muted"), .plainText(t("event.nobody"))) : .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
                    .thead(.tr(.th(.attr("scope", "col"), .plainText(t("story.school_column"))), .th(.attr("scope", "col"), .plainText(t("event.people"))),
                               .th(.attr("scope", "col"), .plainText(t("event.seats"))), .th(.attr("scope", "col"), .plainText(t("event.waiting"))))),
                    .tbody(.forEach(model.perSchool) { row in
                        .tr(.th(.attr("scope", "row"), .plainText(row.school)), .td(.plainText(row.people.joined(separator: ", "))),
                            .td(.plainText(String(row.seats))), .td(.plainText(String(row.waiting))))
                    })
                ))
            ))
        ))
    }

    static func registration(_ model: Model, full: Bool) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        guard model.canRegister else { return .empty }
        let action = SiteRoute.eventRegistration(id: EventID(model.event.id)).path
        return .section(
            .attr("aria-labelledby", "register"),
            .h2(.id("register"), .plainText(t("event.register_title"))),
            .unwrap(model.capacity) { capacity in .p(.plainText(t("event.places", ["free": String(max(0, capacity - model.taken)), "capacity": String(capacity)]))) },
            .if(model.myStatus == "registered", .p(.strong(.plainText(t("event.you_registered", ["count": String(model.myColleagues)]))))),
            .if(model.myStatus == "waiting", .p(.strong(.plainText(t("event.you_wait", ["count": String(model.myColleagues)]))))),
            model.isPast ? .p(.class("muted"), .plainText(t("event.past"))) : .group(
                .if(model.myStatus == nil, .form(
                    .method(.post), .attr("action", action), .attr("novalidate", "novalidate"),
                    Forms.csrf(model.shell.csrfToken),
                    Forms.field(.init(name: "colleagues", label: t("field.event_colleagues"), value: model.colleagues, type: "number",
                                      error: model.error == "error.colleagues" ? model.error : nil,
                                      hint: t("field.event_colleagues_hint"), required: false,
                                      extra: [("min", "0"), ("max", String(EventSeats.maximumColleagues)), ("inputmode", "numeric")]), t: t),
                    .if(full, .p(.plainText(t("event.full")))),
                    .div(.class("actions"),
                         .if(!full, .button(.type(.submit), .attr("name", "action"), .attr("value", "register"), .class("primary"),
                                            .plainText(t("event.register")))),
                         // Not enough places for this group (or none at all): the waiting list is offered.
                         .if(full || model.error == "error.event_full",
                             .button(.type(.submit), .attr("name", "action"), .attr("value", "waitlist"), .plainText(t("event.waitlist")))))
                )),
                .if(model.myStatus != nil, .form(
                    .method(.post), .attr("action", action),
                    Forms.csrf(model.shell.csrfToken),
                    .button(.type(.submit), .attr("name", "action"), .attr("value", "cancel"), .plainText(t("event.cancel")))
                ))
            )
        )
    }
}
