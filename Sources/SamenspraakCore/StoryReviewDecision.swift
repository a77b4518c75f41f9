/// What the coordinator decides about a story: publish a submitted one, send a submitted one back, or take a
/// published one off the site (it goes back to the school too). The raw value is what the review form sends.
public enum StoryReviewDecision: String, CaseIterable, Sendable {
    case publish
    case sendBack = "return"
    case withdraw

    /// The catalog key of the button's label.
    public var catalogKey: String { "story.\(rawValue)" }

    /// The status a story must have for this decision.
    public var appliesTo: StoryStatus {
        switch self {
        case .publish, .sendBack: .submitted
        case .withdraw: .published
        }
    }

    /// The story's status afterwards.
    public var result: StoryStatus { self == .publish ? .published : .returned }

    /// Sending back and withdrawing tell the school why.
    public var requiresComment: Bool { self != .publish }

    /// What the story's history records (`story.event.…` in the catalog), also the notice afterwards.
    public var notice: StoryNotice {
        switch self {
        case .publish: .published
        case .sendBack: .returned
        case .withdraw: .withdrawn
        }
    }

    public var event: String { notice.rawValue }
}
