/// What a staff member asks on an event's page: a place, a place or else the waiting list, or to cancel.
public enum EventRegistrationAction: String, CaseIterable, Sendable {
    case register, waitlist, cancel
}

/// How a request for places ends.
public enum EventRegistrationOutcome: String, CaseIterable, Sendable {
    /// The places were taken.
    case registered
    /// It did not fit; the person is on the waiting list.
    case waiting
    /// It did not fit and the person did not ask for the waiting list: nothing is stored.
    case full
    /// The person was registered (or waiting) already: nothing changes.
    case already

    /// `fits`: the places asked for fit beside those taken.
    public static func deciding(_ action: EventRegistrationAction, alreadyRegistered: Bool, fits: Bool) -> EventRegistrationOutcome {
        if alreadyRegistered { return .already }
        if fits { return .registered }
        return action == .waitlist ? .waiting : .full
    }

    /// The notice the event's page shows afterwards; nil when it shows none.
    public var notice: EventNotice? {
        switch self {
        case .registered: .registered
        case .waiting: .waiting
        case .full, .already: nil
        }
    }

    /// The catalog key of the message when the request is refused.
    public var errorKey: String? { self == .full ? "error.event_full" : nil }
}
