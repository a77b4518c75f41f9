import Foundation

/// A time of day, `HH:MM`, as `<input type="time">` sends it.
public struct TimeOfDay: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let hour: Int
    public let minute: Int
    public init(hour: Int, minute: Int) {
        self.hour = hour
        self.minute = minute
    }
    public init?(_ text: String) {
        let parts = text.trimmingCharacters(in: .whitespaces).split(separator: ":")
        guard parts.count == 2 || parts.count == 3, parts[0].count == 2, parts[1].count == 2,
              let h = Int(parts[0]), let m = Int(parts[1]), (0...23).contains(h), (0...59).contains(m) else { return nil }
        self.init(hour: h, minute: m)
    }
    public var minutes: Int { hour * 60 + minute }
    public var description: String { String(format: "%02d:%02d", hour, minute) }
    public static func < (a: TimeOfDay, b: TimeOfDay) -> Bool { a.minutes < b.minutes }
}

/// Stored as its "HH:MM" text (which sorts like the times); anything else fails to decode, loudly, rather than
/// becoming midnight.
extension TimeOfDay: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let time = TimeOfDay(text) else {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "Not a time of day (HH:MM): \(text)")
        }
        self = time
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

/// An event of the trajectory (the kick-off workshop, later sessions) as the coordinator typed it.
public struct EventDraft: Equatable, Sendable {
    public struct Speaker: Equatable, Sendable {
        public var name: String
        public var role: String
        public var bio: String
        public init(name: String = "", role: String = "", bio: String = "") {
            self.name = name
            self.role = role
            self.bio = bio
        }
        public var isEmpty: Bool { [name, role, bio].allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty } }
    }

    public var title: String
    public var date: String
    public var starts: String
    public var ends: String
    public var meetingURL: String
    public var description: String
    public var programme: String
    public var speakers: [Speaker]
    public var capacity: String
    public var notes: String
    public var slidesURL: String
    public var recordingURL: String

    public init(title: String = "", date: String = "", starts: String = "", ends: String = "", meetingURL: String = "",
                description: String = "", programme: String = "", speakers: [Speaker] = [], capacity: String = "", notes: String = "",
                slidesURL: String = "", recordingURL: String = "") {
        self.title = title
        self.date = date
        self.starts = starts
        self.ends = ends
        self.meetingURL = meetingURL
        self.description = description
        self.programme = programme
        self.speakers = speakers
        self.capacity = capacity
        self.notes = notes
        self.slidesURL = slidesURL
        self.recordingURL = recordingURL
    }

    public struct Valid: Equatable, Sendable {
        public var title: String
        public var date: Day
        public var starts: TimeOfDay
        public var ends: TimeOfDay
        public var meetingURL: String?
        public var description: String
        public var programme: [String]
        public var speakers: [Speaker]
        public var capacity: Int?
        public var notes: String?
        public var slidesURL: String?
        public var recordingURL: String?
        public init(title: String, date: Day, starts: TimeOfDay, ends: TimeOfDay, meetingURL: String?, description: String, programme: [String],
                    speakers: [Speaker], capacity: Int?, notes: String?, slidesURL: String?, recordingURL: String?) {
            self.title = title
            self.date = date
            self.starts = starts
            self.ends = ends
            self.meetingURL = meetingURL
            self.description = description
            self.programme = programme
            self.speakers = speakers
            self.capacity = capacity
            self.notes = notes
            self.slidesURL = slidesURL
            self.recordingURL = recordingURL
        }
    }

    public static let maximumText = 4000
    public static let maximumSpeakers = 4

    /// An address people may be sent to: https, no spaces.
    public static func isWebAddress(_ text: String) -> Bool {
        text.lowercased().hasPrefix("https://") && text.count > 8 && text.count <= 500
            && !text.contains(where: { $0.isWhitespace || $0 == "\"" || $0 == "<" || $0 == ">" })
            && !Validate.hasControlCharacters(text, allowingLineBreaks: false)
    }

    public func validate() -> Result<Valid, FieldErrorsBox> {
        var errors: FieldErrors = [:]
        Validate.requiredText(title, field: "title", maxLength: 140, into: &errors)
        let day = Day(iso: date)
        if date.trimmingCharacters(in: .whitespaces).isEmpty { errors["date"] = "error.required" } else if day == nil { errors["date"] = "error.date" }
        let start = TimeOfDay(starts), end = TimeOfDay(ends)
        if starts.trimmingCharacters(in: .whitespaces).isEmpty { errors["starts"] = "error.required" } else if start == nil { errors["starts"] = "error.time" }
        if ends.trimmingCharacters(in: .whitespaces).isEmpty { errors["ends"] = "error.required" } else if end == nil { errors["ends"] = "error.time" }
        if let start, let end, end <= start { errors["ends"] = "error.event_order" }
        func url(_ value: String, _ field: String) -> String? {
            let trimmed = value.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { return nil }
            if !Self.isWebAddress(trimmed) { errors[field] = "error.web_address" }
            return trimmed
        }
        let meeting = url(meetingURL, "meeting_url"), slides = url(slidesURL, "slides_url"), recording = url(recordingURL, "recording_url")
        for (field, value) in [("description", description), ("programme", programme), ("notes", notes)] {
            if value.count > Self.maximumText { errors[field] = "error.too_long" }
            else if Validate.hasControlCharacters(value) { errors[field] = "error.invalid_characters" }
        }
        var capacityValue: Int?
        let capacityText = capacity.trimmingCharacters(in: .whitespaces)
        if !capacityText.isEmpty {
            if let n = Int(capacityText), (1...10_000).contains(n) { capacityValue = n } else { errors["capacity"] = "error.capacity" }
        }
        let named = speakers.filter { !$0.isEmpty }
        for (index, speaker) in named.enumerated() where speaker.name.trimmingCharacters(in: .whitespaces).isEmpty {
            errors["speaker_name_\(index + 1)"] = "error.speaker_name"
        }
        if named.count > Self.maximumSpeakers { errors["speakers"] = "error.too_many_speakers" }
        for (index, speaker) in named.enumerated()
        where Validate.hasControlCharacters(speaker.name, allowingLineBreaks: false) || Validate.hasControlCharacters(speaker.role, allowingLineBreaks: false)
            || Validate.hasControlCharacters(speaker.bio) {
            errors["speaker_name_\(index + 1)"] = "error.invalid_characters"
        }
        guard errors.isEmpty, let day, let start, let end else { return .failure(FieldErrorsBox(errors)) }
        func clean(_ text: String) -> String { text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n") }
        return .success(Valid(title: clean(title), date: day, starts: start, ends: end, meetingURL: meeting, description: clean(description),
                              programme: clean(programme).split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty },
                              speakers: named.map { Speaker(name: clean($0.name), role: clean($0.role), bio: clean($0.bio)) },
                              capacity: capacityValue, notes: clean(notes).isEmpty ? nil : clean(notes), slidesURL: slides, recordingURL: recording))
    }
}

/// How many places a registration takes and whether it fits.
public enum EventSeats {
    public static let maximumColleagues = 20

    /// Whether `seats` more fit beside `taken`, under `capacity` (no capacity: always).
    public static func fits(_ seats: Int, taken: Int, capacity: Int?) -> Bool {
        guard let capacity else { return true }
        return taken + seats <= capacity
    }
}

/// An iCalendar (RFC 5545) file for one event: times in UTC, text escaped, lines folded at 75 octets, CRLF.
public enum ICalendar {
    public struct Event: Equatable, Sendable {
        public var uid: String
        public var title: String
        public var description: String
        public var day: Day
        public var starts: TimeOfDay
        public var ends: TimeOfDay
        public var url: String?
        public var stamp: Int
        public init(uid: String, title: String, description: String, day: Day, starts: TimeOfDay, ends: TimeOfDay, url: String?, stamp: Int) {
            self.uid = uid
            self.title = title
            self.description = description
            self.day = day
            self.starts = starts
            self.ends = ends
            self.url = url
            self.stamp = stamp
        }
    }

    static func utcStamp(_ seconds: Int) -> String {
        let day = Day(ordinal: Int((Double(seconds) / 86_400).rounded(.down)))
        let rest = seconds - day.ordinal * 86_400
        return String(format: "%04d%02d%02dT%02d%02d%02dZ", day.year, day.month, day.day, rest / 3600, rest % 3600 / 60, rest % 60)
    }

    public static func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: ";", with: "\\;").replacingOccurrences(of: ",", with: "\\,")
            .replacingOccurrences(of: "\r\n", with: "\\n").replacingOccurrences(of: "\n", with: "\\n").replacingOccurrences(of: "\r", with: "")
    }

    /// Folds a content line into pieces of at most 75 octets, never splitting a character.
    public static func fold(_ line: String) -> String {
        var pieces: [String] = []
        var current = ""
        var octets = 0
        for character in line {
            let size = String(character).utf8.count
            let limit = pieces.isEmpty ? 75 : 74
            if octets + size > limit {
                pieces.append(current)
                current = ""
                octets = 0
            }
            current.append(character)
            octets += size
        }
        pieces.append(current)
        return pieces.joined(separator: "\r\n ")
    }

    public static func file(_ event: Event) -> String {
        var lines = [
            "BEGIN:VCALENDAR", "VERSION:2.0", "PRODID:-//Samenspraak//Workshop//NL", "CALSCALE:GREGORIAN", "METHOD:PUBLISH",
            "BEGIN:VEVENT",
            "UID:\(event.uid)",
            "DTSTAMP:\(utcStamp(event.stamp))",
            "DTSTART:\(utcStamp(Brussels.utc(event.day, event.starts)))",
            "DTEND:\(utcStamp(Brussels.utc(event.day, event.ends)))",
            "SUMMARY:\(escape(event.title))",
            "DESCRIPTION:\(escape(event.description))",
        ]
        if let url = event.url {
            lines.append("URL:\(url)")
            lines.append("LOCATION:\(escape(url))")
        }
        lines += ["END:VEVENT", "END:VCALENDAR"]
        return lines.map(fold).joined(separator: "\r\n") + "\r\n"
    }
}
