import Foundation

/// A value that stands in one segment of a path: an id, a token, a slug, a number.
///
/// Its type says what it names, and the type carries the segment's name in the router's pattern
/// (`:waveID`), so a route's definition in `SiteRoute` and the handler that reads it share one spelling:
/// the handler asks for `WaveID.self`, never for the string `"waveID"`, and a route cannot be given a
/// school's id where a wave's belongs.
public struct RouteParameter<Kind: RouteParameterKind>: Hashable, Sendable, CustomStringConvertible, ExpressibleByStringLiteral {
    /// The segment as it appears in a path.
    public let rawValue: String

    public init(_ rawValue: String) {
        self.rawValue = rawValue
    }

    public init(stringLiteral value: String) {
        self.init(value)
    }

    /// The segment's name in the router's pattern, without the colon.
    public static var name: String { Kind.name }

    /// A database id as links carry it (lower case).
    public init(_ id: UUID) {
        self.init(id.uuidString.lowercased())
    }

    /// Stands for every value when a route is registered: `routes.get(.wave(id: .any), use: show)`.
    public static var any: Self { Self(":" + Kind.name) }

    public var description: String { rawValue }
}

/// What a `RouteParameter` names; each kind has one name in the router's patterns.
public protocol RouteParameterKind: Sendable {
    static var name: String { get }
}

/// The kinds of path parameter the site has.
public enum RouteParameterKinds {
    public enum Trajectory: RouteParameterKind { public static let name = "trajectoryID" }
    public enum School: RouteParameterKind { public static let name = "schoolID" }
    public enum Wave: RouteParameterKind { public static let name = "waveID" }
    public enum OpenText: RouteParameterKind { public static let name = "textID" }
    public enum Moment: RouteParameterKind { public static let name = "momentID" }
    public enum Rating: RouteParameterKind { public static let name = "ratingID" }
    public enum PlanAction: RouteParameterKind { public static let name = "actionID" }
    public enum Story: RouteParameterKind { public static let name = "storyID" }
    public enum StoryPhoto: RouteParameterKind { public static let name = "photoID" }
    public enum Event: RouteParameterKind { public static let name = "eventID" }
    /// A staff account.
    public enum Account: RouteParameterKind { public static let name = "userID" }
    public enum Invitation: RouteParameterKind { public static let name = "invitationID" }
    /// An unguessable token in a link (an invitation, a survey draft, a conversation card).
    public enum Token: RouteParameterKind { public static let name = "token" }
    /// A short public name in a link (a survey, a moment, a school profile, a story).
    public enum Slug: RouteParameterKind { public static let name = "slug" }
    /// A page of a survey draft, counted from 1.
    public enum Page: RouteParameterKind { public static let name = "page" }
    /// One of the 12 keys.
    public enum Key: RouteParameterKind { public static let name = "key" }
    /// A class's welcome round.
    public enum WelcomeRound: RouteParameterKind { public static let name = "roundID" }
    /// A seat (a family, by its number on the teacher's class list) of a welcome round, counted from 1.
    public enum Seat: RouteParameterKind { public static let name = "seat" }
    /// A language code, kept as text so an unknown code can be routed and refused.
    public enum Language: RouteParameterKind { public static let name = "code" }
    /// A part of the parent pages a recording belongs to (`VoicePart`: survey, rating, card).
    public enum VoicePart: RouteParameterKind { public static let name = "part" }
    /// The catalog key of a recorded text (`item.k1_greet`); only keys of the script are answered.
    public enum VoiceKey: RouteParameterKind { public static let name = "textKey" }
    /// A recording, by its random id.
    public enum Recording: RouteParameterKind { public static let name = "recordingID" }
}

public typealias TrajectoryID = RouteParameter<RouteParameterKinds.Trajectory>
public typealias SchoolID = RouteParameter<RouteParameterKinds.School>
public typealias WaveID = RouteParameter<RouteParameterKinds.Wave>
public typealias OpenTextID = RouteParameter<RouteParameterKinds.OpenText>
public typealias MomentID = RouteParameter<RouteParameterKinds.Moment>
public typealias RatingID = RouteParameter<RouteParameterKinds.Rating>
public typealias PlanActionID = RouteParameter<RouteParameterKinds.PlanAction>
public typealias StoryID = RouteParameter<RouteParameterKinds.Story>
public typealias StoryPhotoID = RouteParameter<RouteParameterKinds.StoryPhoto>
public typealias EventID = RouteParameter<RouteParameterKinds.Event>
public typealias AccountID = RouteParameter<RouteParameterKinds.Account>
public typealias InvitationID = RouteParameter<RouteParameterKinds.Invitation>
public typealias LinkToken = RouteParameter<RouteParameterKinds.Token>
public typealias LinkSlug = RouteParameter<RouteParameterKinds.Slug>
public typealias PageNumber = RouteParameter<RouteParameterKinds.Page>
public typealias KeyNumber = RouteParameter<RouteParameterKinds.Key>
public typealias WelcomeRoundID = RouteParameter<RouteParameterKinds.WelcomeRound>
public typealias SeatNumber = RouteParameter<RouteParameterKinds.Seat>
public typealias LanguageSegment = RouteParameter<RouteParameterKinds.Language>
public typealias VoicePartSegment = RouteParameter<RouteParameterKinds.VoicePart>
public typealias VoiceKeySegment = RouteParameter<RouteParameterKinds.VoiceKey>
public typealias RecordingID = RouteParameter<RouteParameterKinds.Recording>

extension RouteParameter where Kind == RouteParameterKinds.Page {
    public init(_ page: Int) { self.init(String(page)) }
}

extension RouteParameter where Kind == RouteParameterKinds.Key {
    public init(_ key: Int) { self.init(String(key)) }
}

extension RouteParameter where Kind == RouteParameterKinds.Seat {
    public init(_ seat: Int) { self.init(String(seat)) }
}
