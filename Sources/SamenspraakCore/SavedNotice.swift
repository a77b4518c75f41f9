/// What a page says after a form saved something and sent the browser back to it: the page's address carries
/// `?saved=VALUE`, and the page shows the text behind `catalogKey`. Each page has its own enum, because the same
/// value means something else on another page (`saved=1` is "the school is saved" on a school's page and "the
/// moment is made" on a moment's page); a page reads only its own notices.
public protocol SavedNotice: RawRepresentable, CaseIterable, Sendable where RawValue == String {
    /// The catalog key of the text the page shows.
    var catalogKey: String { get }
    /// The notice for a `saved` value this page does not know (nil: none). School and wave pages have always shown
    /// their one notice for any value.
    static var forOtherValues: Self? { get }
    /// The name of the query parameter that carries it.
    static var queryName: String { get }
}

public extension SavedNotice {
    static var queryName: String { "saved" }

    static var forOtherValues: Self? { nil }

    /// The notice a `?saved=` value stands for; nil when there is none.
    static func read(_ value: String?) -> Self? {
        guard let value else { return nil }
        return Self(rawValue: value) ?? forOtherValues
    }
}

/// A school's page, after its settings were saved or it was added to a trajectory.
public enum SchoolNotice: String, SavedNotice {
    case saved = "1"
    public var catalogKey: String { "school.saved" }
    public static var forOtherValues: SchoolNotice? { .saved }
}

/// A trajectory's page, after the coordinator moved its phases.
public enum TrajectoryNotice: String, SavedNotice {
    case phases
    public var catalogKey: String { "trajectory.phases_saved" }
}

/// A wave's page, after it was opened.
public enum WaveNotice: String, SavedNotice {
    case opened = "1"
    public var catalogKey: String { "wave.saved" }
    public static var forOtherValues: WaveNotice? { .opened }
}

/// An action plan (and the coordinator's page of all plans, which shows only `comment`).
public enum PlanNotice: String, SavedNotice {
    case keys, action, comment
    public var catalogKey: String {
        switch self {
        case .keys: "plan.keys_saved"
        case .action: "plan.saved"
        case .comment: "plan.comment_saved"
        }
    }
}

/// A rating moment's page, after it was made or the school replied.
public enum MomentNotice: String, SavedNotice {
    case created = "1"
    case reply
    public var catalogKey: String {
        switch self {
        case .created: "moment.saved"
        case .reply: "moment.reply.saved"
        }
    }
}

/// An event's page, after it was saved or someone registered, joined the waiting list or cancelled.
public enum EventNotice: String, SavedNotice {
    case saved = "1"
    case registered, waiting, cancelled
    public var catalogKey: String {
        switch self {
        case .saved: "event.saved"
        case .registered: "event.registered"
        case .waiting: "event.waiting_notice"
        case .cancelled: "event.cancelled"
        }
    }
}

/// A story's staff page, after it was saved, submitted or reviewed.
public enum StoryNotice: String, SavedNotice {
    case saved = "1"
    case submitted, published, returned, withdrawn
    public var catalogKey: String {
        switch self {
        case .saved: "story.saved"
        case .submitted: "story.submitted"
        case .published: "story.published"
        case .returned: "story.returned"
        case .withdrawn: "story.withdrawn"
        }
    }
}

/// A school's moments page, after the lead published the public profile or took it offline.
public enum ProfileNotice: String, SavedNotice {
    case published, unpublished
    public static var queryName: String { "profile" }
    public var catalogKey: String { "profile.\(rawValue)" }
}

/// A language's page of a school's recordings, after a recording was saved or deleted.
public enum VoiceNotice: String, SavedNotice {
    case saved, deleted
    public var catalogKey: String {
        switch self {
        case .saved: "voice.saved"
        case .deleted: "voice.deleted"
        }
    }
}

/// A welcome round's pages, after a round was opened or a contact recorded.
public enum WelcomeNotice: String, SavedNotice {
    case opened = "1"
    case warm
    case concern
    /// A concern for a seat that has heard nothing good yet: said kindly, with a good-news card suggested.
    case concernFirst = "concern-first"
    case repeated
    public var catalogKey: String {
        switch self {
        case .opened: "welcome.saved"
        case .warm: "welcome.saved_warm"
        case .concern: "welcome.saved_concern"
        case .concernFirst: "welcome.saved_concern"
        case .repeated: "welcome.saved_repeat"
        }
    }
}

/// After the parents' page of a wave was published or updated, or taken offline.
public enum ResultsNotice: String, SavedNotice {
    case published, offline
    public var catalogKey: String {
        switch self {
        case .published: "results.saved"
        case .offline: "results.offline_saved"
        }
    }
}
