import Fluent
import Foundation
import SamenspraakCore

/// An event of a trajectory: the online kick-off workshop and later sessions, in Brussels time.
final class TrajectoryEvent: Model, @unchecked Sendable {
    static let schema = "trajectory_events"

    // managed
    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?

    // data
    @Field(key: "title") var title: String
    @Field(key: "day") var date: Day
    @Field(key: "starts") var starts: TimeOfDay
    @Field(key: "ends") var ends: TimeOfDay
    @OptionalField(key: "meeting_url") var meetingURL: String?
    @Field(key: "description") var details: String
    /// One programme item per line.
    @Field(key: "programme") var programme: String
    /// JSON list of speakers (name, role, bio).
    @Field(key: "speakers") var speakersJSON: String
    @OptionalField(key: "capacity") var capacity: Int?
    @OptionalField(key: "notes") var notes: String?
    @OptionalField(key: "slides_url") var slidesURL: String?
    @OptionalField(key: "recording_url") var recordingURL: String?

    // relationships
    @Parent(key: "trajectory_id") var trajectory: Trajectory

    init() {}

    init(trajectoryID: UUID, valid: EventDraft.Valid) {
        self.$trajectory.id = trajectoryID
        apply(valid)
    }

    func apply(_ valid: EventDraft.Valid) {
        title = valid.title
        date = valid.date
        starts = valid.starts
        ends = valid.ends
        meetingURL = valid.meetingURL
        details = valid.description
        programme = valid.programme.joined(separator: "\n")
        speakers = valid.speakers
        capacity = valid.capacity
        notes = valid.notes
        slidesURL = valid.slidesURL
        recordingURL = valid.recordingURL
    }

    struct StoredSpeaker: Codable { var name: String; var role: String; var bio: String }

    var speakers: [EventDraft.Speaker] {
        get {
            ((try? JSONDecoder().decode([StoredSpeaker].self, from: Data(speakersJSON.utf8))) ?? []).map { .init(name: $0.name, role: $0.role, bio: $0.bio) }
        }
        set {
            let stored = newValue.map { StoredSpeaker(name: $0.name, role: $0.role, bio: $0.bio) }
            speakersJSON = String(decoding: (try? JSONEncoder().encode(stored)) ?? Data("[]".utf8), as: UTF8.self)
        }
    }

    var publicID: String { id?.uuidString.lowercased() ?? "" }
    var programmeItems: [String] { programme.split(separator: "\n").map(String.init) }

    var draft: EventDraft {
        var speakers = self.speakers
        while speakers.count < EventDraft.maximumSpeakers { speakers.append(.init()) }
        return EventDraft(title: title, date: date.description, starts: starts.description, ends: ends.description, meetingURL: meetingURL ?? "", description: details,
                          programme: programme, speakers: speakers, capacity: capacity.map(String.init) ?? "", notes: notes ?? "",
                          slidesURL: slidesURL ?? "", recordingURL: recordingURL ?? "")
    }
}

/// A staff member's registration for an event, with the colleagues they bring; on the waiting list when full.
final class EventRegistration: Model, @unchecked Sendable {
    static let schema = "event_registrations"

    enum Status: String { case registered, waiting }

    @ID(key: .id) var id: UUID?
    @Timestamp(key: "created_at", on: .create) var createdAt: Date?
    @Field(key: "colleagues") var colleagues: Int
    @Field(key: "status") var status: String
    @Parent(key: "event_id") var event: TrajectoryEvent
    @Parent(key: "user_id") var user: User
    @OptionalParent(key: "school_id") var school: School?

    init() {}

    init(eventID: UUID, userID: UUID, schoolID: UUID?, colleagues: Int, status: Status) {
        self.$event.id = eventID
        self.$user.id = userID
        self.$school.id = schoolID
        self.colleagues = colleagues
        self.status = status.rawValue
    }

    var seats: Int { 1 + colleagues }
}
