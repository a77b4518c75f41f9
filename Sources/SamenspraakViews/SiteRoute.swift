import Foundation

/// Every path of the site, in one place: links are built from it and routes are registered from it,
/// so a link cannot point at a route that does not exist.
public enum SiteRoute: Equatable, Sendable {
    case home
    case stylesheet
    case readAloudScript
    case login
    case logout
    case setup
    case language(LanguageCodeValue)
    case staffHome
    case trajectories
    case newTrajectory
    case trajectory(id: String)
    case newSchool(trajectoryID: String)
    case schools(trajectoryID: String)
    case school(id: String)
    case editSchool(id: String)
    case schoolStaff(id: String)
    case invitations(schoolID: String)
    case invitation(token: String)
    case accountPassword
    case healthz
    case metrics
    // parents
    case surveyStart(slug: String)
    case surveyBegin(slug: String)
    case surveyThanks(slug: String)
    case codeEntry
    case draftStart(token: String)
    case draftPage(token: String, page: Int)
    case draftSubmit(token: String)
    // staff: waves
    case newWave(schoolID: String)
    case waves(schoolID: String)
    case wave(id: String)
    case wavePoster(id: String)
    case waveCodes(id: String)
    case wavePaper(id: String)
    case wavePaperEntry(id: String)
    case waveAssisted(id: String)
    case report(waveID: String)
    case trajectoryComparison(trajectoryID: String)
    case schoolComparison(schoolID: String)
    case reportCSV(waveID: String)
    case reportText(waveID: String, textID: String)
    // parents: rating moments
    case momentRate(slug: String)
    case momentThanks(slug: String)
    // public
    case schoolProfile(slug: String)
    // staff: moments and the public profile
    case moments(schoolID: String)
    case newMoment(schoolID: String)
    case moment(id: String)
    case momentCards(id: String)
    case momentPoster(id: String)
    case momentReply(id: String)
    case momentText(momentID: String, ratingID: String)
    case profileSettings(schoolID: String)
    // staff: action plans
    case plan(schoolID: String)
    case planKeys(schoolID: String)
    case planActions(schoolID: String)
    case planPrint(schoolID: String)
    case planCSV(schoolID: String)
    case planAction(id: String)
    case editPlanAction(id: String)
    case planComments(actionID: String)
    case trajectoryPlans(trajectoryID: String)
    // staff: stories
    case schoolStories(schoolID: String)
    case newStory(schoolID: String)
    case staffStory(id: String)
    case editStory(id: String)
    case submitStory(id: String)
    case reviewStory(id: String)
    case staffStoryPhoto(id: String)
    case trajectoryStories(trajectoryID: String)
    // public: the stories website
    case stories
    case storiesForKey(key: Int)
    case storiesOfSchool(slug: String)
    case storySearch
    case storyFeed
    case storyPhoto(id: String)
    case story(slug: String)
    // staff: the trajectory's events
    case events
    case newEvent(trajectoryID: String)
    case trajectoryEvents(trajectoryID: String)
    case event(id: String)
    case editEvent(id: String)
    case eventRegistration(id: String)
    case eventCalendar(id: String)
    // parents: conversation cards; staff: the teacher's cards of a talk
    case card(token: String)
    case cardThanks(token: String)
    case conversationCards(momentID: String)
    /// Only used to build the route pattern of `draftPage`, whose page is a number.
    case draftPageParameterized

    /// A language code as it appears in a URL; kept as a string so unknown codes can be routed and refused.
    public typealias LanguageCodeValue = String

    public var path: String {
        switch self {
        case .home: "/"
        case .stylesheet: "/static/samenspraak.css"
        case .readAloudScript: "/static/read-aloud.js"
        case .login: "/login"
        case .logout: "/logout"
        case .setup: "/setup"
        case let .language(code): "/language/\(code)"
        case .staffHome: "/staff"
        case .trajectories: "/staff/trajectories"
        case .newTrajectory: "/staff/trajectories/new"
        case let .trajectory(id): "/staff/trajectories/\(id)"
        case let .newSchool(trajectoryID): "/staff/trajectories/\(trajectoryID)/schools/new"
        case let .schools(trajectoryID): "/staff/trajectories/\(trajectoryID)/schools"
        case let .school(id): "/staff/schools/\(id)"
        case let .editSchool(id): "/staff/schools/\(id)/edit"
        case let .schoolStaff(id): "/staff/schools/\(id)/staff"
        case let .invitations(schoolID): "/staff/schools/\(schoolID)/invitations"
        case let .invitation(token): "/invite/\(token)"
        case .accountPassword: "/account/password"
        case .healthz: "/healthz"
        case .metrics: "/metrics"
        case let .surveyStart(slug): "/o/\(slug)"
        case let .surveyBegin(slug): "/o/\(slug)/start"
        case let .surveyThanks(slug): "/o/\(slug)/thanks"
        case .codeEntry: "/c"
        case let .draftStart(token): "/d/\(token)"
        case let .draftPage(token, page): "/d/\(token)/\(page)"
        case let .draftSubmit(token): "/d/\(token)/submit"
        case let .newWave(schoolID): "/staff/schools/\(schoolID)/waves/new"
        case let .waves(schoolID): "/staff/schools/\(schoolID)/waves"
        case let .wave(id): "/staff/waves/\(id)"
        case let .wavePoster(id): "/staff/waves/\(id)/poster"
        case let .waveCodes(id): "/staff/waves/\(id)/codes"
        case let .wavePaper(id): "/staff/waves/\(id)/paper"
        case let .wavePaperEntry(id): "/staff/waves/\(id)/paper-entry"
        case let .waveAssisted(id): "/staff/waves/\(id)/assisted"
        case let .report(waveID): "/staff/waves/\(waveID)/report"
        case let .trajectoryComparison(trajectoryID): "/staff/trajectories/\(trajectoryID)/comparison"
        case let .schoolComparison(schoolID): "/staff/schools/\(schoolID)/comparison"
        case let .reportCSV(waveID): "/staff/waves/\(waveID)/report.csv"
        case let .reportText(waveID, textID): "/staff/waves/\(waveID)/texts/\(textID)"
        case let .momentRate(slug): "/m/\(slug)"
        case let .momentThanks(slug): "/m/\(slug)/thanks"
        case let .schoolProfile(slug): "/school/\(slug)"
        case let .moments(schoolID): "/staff/schools/\(schoolID)/moments"
        case let .newMoment(schoolID): "/staff/schools/\(schoolID)/moments/new"
        case let .moment(id): "/staff/moments/\(id)"
        case let .momentCards(id): "/staff/moments/\(id)/cards"
        case let .momentPoster(id): "/staff/moments/\(id)/poster"
        case let .momentReply(id): "/staff/moments/\(id)/reply"
        case let .momentText(momentID, ratingID): "/staff/moments/\(momentID)/texts/\(ratingID)"
        case let .profileSettings(schoolID): "/staff/schools/\(schoolID)/profile"
        case let .plan(schoolID): "/staff/schools/\(schoolID)/plan"
        case let .planKeys(schoolID): "/staff/schools/\(schoolID)/plan/keys"
        case let .planActions(schoolID): "/staff/schools/\(schoolID)/plan/actions"
        case let .planPrint(schoolID): "/staff/schools/\(schoolID)/plan/print"
        case let .planCSV(schoolID): "/staff/schools/\(schoolID)/plan.csv"
        case let .planAction(id): "/staff/plan-actions/\(id)"
        case let .editPlanAction(id): "/staff/plan-actions/\(id)/edit"
        case let .planComments(actionID): "/staff/plan-actions/\(actionID)/comments"
        case let .trajectoryPlans(trajectoryID): "/staff/trajectories/\(trajectoryID)/plans"
        case let .schoolStories(schoolID): "/staff/schools/\(schoolID)/stories"
        case let .newStory(schoolID): "/staff/schools/\(schoolID)/stories/new"
        case let .staffStory(id): "/staff/stories/\(id)"
        case let .editStory(id): "/staff/stories/\(id)/edit"
        case let .submitStory(id): "/staff/stories/\(id)/submit"
        case let .reviewStory(id): "/staff/stories/\(id)/review"
        case let .staffStoryPhoto(id): "/staff/stories/\(id)/photo"
        case let .trajectoryStories(trajectoryID): "/staff/trajectories/\(trajectoryID)/stories"
        case .stories: "/stories"
        case let .storiesForKey(key): "/stories/keys/\(key)"
        case let .storiesOfSchool(slug): "/stories/schools/\(slug)"
        case .storySearch: "/stories/search"
        case .storyFeed: "/stories/feed.atom"
        case let .storyPhoto(id): "/stories/photos/\(id)"
        case let .story(slug): "/stories/\(slug)"
        case .events: "/staff/events"
        case let .newEvent(trajectoryID): "/staff/trajectories/\(trajectoryID)/events/new"
        case let .trajectoryEvents(trajectoryID): "/staff/trajectories/\(trajectoryID)/events"
        case let .event(id): "/staff/events/\(id)"
        case let .editEvent(id): "/staff/events/\(id)/edit"
        case let .eventRegistration(id): "/staff/events/\(id)/registration"
        case let .eventCalendar(id): "/staff/events/\(id)/event.ics"
        case let .card(token): "/k/\(token)"
        case let .cardThanks(token): "/k/\(token)/thanks"
        case let .conversationCards(momentID): "/staff/moments/\(momentID)/conversation-cards"
        case .draftPageParameterized: "/d/:token/:page"
        }
    }

    /// The path as route components, with `:name` for parameters (what Vapor's router takes).
    public var pattern: [String] {
        let parameterized: SiteRoute = switch self {
        case .language: .language(":code")
        case .trajectory: .trajectory(id: ":trajectoryID")
        case .newSchool: .newSchool(trajectoryID: ":trajectoryID")
        case .schools: .schools(trajectoryID: ":trajectoryID")
        case .school: .school(id: ":schoolID")
        case .editSchool: .editSchool(id: ":schoolID")
        case .schoolStaff: .schoolStaff(id: ":schoolID")
        case .invitations: .invitations(schoolID: ":schoolID")
        case .invitation: .invitation(token: ":token")
        case .surveyStart: .surveyStart(slug: ":slug")
        case .surveyBegin: .surveyBegin(slug: ":slug")
        case .surveyThanks: .surveyThanks(slug: ":slug")
        case .draftStart: .draftStart(token: ":token")
        case .draftPage: .draftPageParameterized
        case .draftSubmit: .draftSubmit(token: ":token")
        case .newWave: .newWave(schoolID: ":schoolID")
        case .waves: .waves(schoolID: ":schoolID")
        case .wave: .wave(id: ":waveID")
        case .wavePoster: .wavePoster(id: ":waveID")
        case .waveCodes: .waveCodes(id: ":waveID")
        case .wavePaper: .wavePaper(id: ":waveID")
        case .wavePaperEntry: .wavePaperEntry(id: ":waveID")
        case .waveAssisted: .waveAssisted(id: ":waveID")
        case .report: .report(waveID: ":waveID")
        case .trajectoryComparison: .trajectoryComparison(trajectoryID: ":trajectoryID")
        case .schoolComparison: .schoolComparison(schoolID: ":schoolID")
        case .reportCSV: .reportCSV(waveID: ":waveID")
        case .reportText: .reportText(waveID: ":waveID", textID: ":textID")
        case .momentRate: .momentRate(slug: ":slug")
        case .momentThanks: .momentThanks(slug: ":slug")
        case .schoolProfile: .schoolProfile(slug: ":slug")
        case .moments: .moments(schoolID: ":schoolID")
        case .newMoment: .newMoment(schoolID: ":schoolID")
        case .moment: .moment(id: ":momentID")
        case .momentCards: .momentCards(id: ":momentID")
        case .momentPoster: .momentPoster(id: ":momentID")
        case .momentReply: .momentReply(id: ":momentID")
        case .momentText: .momentText(momentID: ":momentID", ratingID: ":ratingID")
        case .profileSettings: .profileSettings(schoolID: ":schoolID")
        case .plan: .plan(schoolID: ":schoolID")
        case .planKeys: .planKeys(schoolID: ":schoolID")
        case .planActions: .planActions(schoolID: ":schoolID")
        case .planPrint: .planPrint(schoolID: ":schoolID")
        case .planCSV: .planCSV(schoolID: ":schoolID")
        case .planAction: .planAction(id: ":actionID")
        case .editPlanAction: .editPlanAction(id: ":actionID")
        case .planComments: .planComments(actionID: ":actionID")
        case .trajectoryPlans: .trajectoryPlans(trajectoryID: ":trajectoryID")
        case .schoolStories: .schoolStories(schoolID: ":schoolID")
        case .newStory: .newStory(schoolID: ":schoolID")
        case .staffStory: .staffStory(id: ":storyID")
        case .editStory: .editStory(id: ":storyID")
        case .submitStory: .submitStory(id: ":storyID")
        case .reviewStory: .reviewStory(id: ":storyID")
        case .staffStoryPhoto: .staffStoryPhoto(id: ":storyID")
        case .trajectoryStories: .trajectoryStories(trajectoryID: ":trajectoryID")
        case .storiesOfSchool: .storiesOfSchool(slug: ":slug")
        case .storyPhoto: .storyPhoto(id: ":photoID")
        case .story: .story(slug: ":slug")
        case .newEvent: .newEvent(trajectoryID: ":trajectoryID")
        case .trajectoryEvents: .trajectoryEvents(trajectoryID: ":trajectoryID")
        case .event: .event(id: ":eventID")
        case .editEvent: .editEvent(id: ":eventID")
        case .eventRegistration: .eventRegistration(id: ":eventID")
        case .eventCalendar: .eventCalendar(id: ":eventID")
        case .card: .card(token: ":token")
        case .cardThanks: .cardThanks(token: ":token")
        case .conversationCards: .conversationCards(momentID: ":momentID")
        default: self
        }
        if case .draftPageParameterized = parameterized { return ["d", ":token", ":page"] }
        if case .storiesForKey = parameterized { return ["stories", "keys", ":key"] }
        return parameterized.path.split(separator: "/").map(String.init)
    }

    /// A local path with a query string, for redirects back to where a person was.
    public func with(query name: String, _ value: String) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        let encoded = value.unicodeScalars.map { scalar -> String in
            let character = Character(scalar)
            if allowed.contains(character) { return String(character) }
            return String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
        }.joined()
        return "\(path)?\(name)=\(encoded)"
    }

    /// Whether `target` is safe to redirect to after sign-in: a path on this site, not another host.
    public static func isLocalPath(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\")
            && !target.contains(where: { $0.isWhitespace || $0 == "\\" })
            && !target.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) && target.count <= 512
    }
}
