import Foundation

/// Every path of the site, in one place: links are built from it and routes are registered from it,
/// so a link cannot point at a route that does not exist.
public enum SiteRoute: Equatable, Sendable {
    case home
    case stylesheet
    case readAloudScript
    case copyLinkScript
    case login
    case logout
    case setup
    case language(LanguageSegment)
    case staffHome
    case trajectories
    case newTrajectory
    case trajectory(id: TrajectoryID)
    case trajectoryPhases(trajectoryID: TrajectoryID)
    case newSchool(trajectoryID: TrajectoryID)
    case schools(trajectoryID: TrajectoryID)
    case school(id: SchoolID)
    case editSchool(id: SchoolID)
    case schoolStaff(id: SchoolID)
    case invitations(schoolID: SchoolID)
    case invitation(token: LinkToken)
    case accountPassword
    case forgotPassword
    case resetPassword(token: LinkToken)
    // staff: accounts, their lifecycle and the audit log
    case account(id: AccountID)
    case accountDeactivate(id: AccountID)
    case accountReactivate(id: AccountID)
    case accountRole(id: AccountID)
    case accountOneTimePassword(id: AccountID)
    case accountSignOut(id: AccountID)
    case revokeInvitation(schoolID: SchoolID, invitationID: InvitationID)
    case coordinators
    case schoolAudit(schoolID: SchoolID)
    case audit
    // staff: parent languages, their PO export and the import of a reviewed file (the coordinator)
    case languages
    case languagePO(code: LanguageSegment)
    case languageImport(code: LanguageSegment)
    case languageImportSave(code: LanguageSegment)
    case healthz
    case metrics
    // parents
    case surveyStart(slug: LinkSlug)
    case surveyBegin(slug: LinkSlug)
    case surveyThanks(slug: LinkSlug)
    case codeEntry
    case draftStart(token: LinkToken)
    case draftPage(token: LinkToken, page: PageNumber)
    case draftSubmit(token: LinkToken)
    // staff: waves
    case newWave(schoolID: SchoolID)
    case waves(schoolID: SchoolID)
    case wave(id: WaveID)
    case wavePoster(id: WaveID)
    case waveCodes(id: WaveID)
    case wavePaper(id: WaveID)
    case wavePaperEntry(id: WaveID)
    case waveAssisted(id: WaveID)
    // the assisted kiosk: the parent's side, and the staff member's way out
    case kiosk
    case kioskThanks
    case kioskUnlock
    case report(waveID: WaveID)
    case trajectoryComparison(trajectoryID: TrajectoryID)
    case schoolComparison(schoolID: SchoolID)
    case reportCSV(waveID: WaveID)
    case reportText(waveID: WaveID, textID: OpenTextID)
    /// The report for the team meeting: one key per screen, printable as slides.
    case reportMeeting(waveID: WaveID)
    case meetingScript
    // staff: the wave's page for parents ("you told us — we are doing this"); parents: the page itself
    case results(waveID: WaveID)
    case resultsPoster(waveID: WaveID)
    case resultsForParents(slug: LinkSlug)
    // parents: rating moments
    case momentRate(slug: LinkSlug)
    case momentThanks(slug: LinkSlug)
    // public
    case schoolProfile(slug: LinkSlug)
    // staff: moments and the public profile
    case moments(schoolID: SchoolID)
    case newMoment(schoolID: SchoolID)
    case moment(id: MomentID)
    case momentCards(id: MomentID)
    case momentPoster(id: MomentID)
    case momentReply(id: MomentID)
    case momentText(momentID: MomentID, ratingID: RatingID)
    case profileSettings(schoolID: SchoolID)
    // staff: action plans
    case plan(schoolID: SchoolID)
    case planKeys(schoolID: SchoolID)
    case planActions(schoolID: SchoolID)
    case planPrint(schoolID: SchoolID)
    case planCSV(schoolID: SchoolID)
    case planAction(id: PlanActionID)
    case editPlanAction(id: PlanActionID)
    case planComments(actionID: PlanActionID)
    case trajectoryPlans(trajectoryID: TrajectoryID)
    // staff: stories
    case schoolStories(schoolID: SchoolID)
    case newStory(schoolID: SchoolID)
    case staffStory(id: StoryID)
    case editStory(id: StoryID)
    case submitStory(id: StoryID)
    case reviewStory(id: StoryID)
    case staffStoryPhoto(id: StoryID)
    case trajectoryStories(trajectoryID: TrajectoryID)
    // public: the stories website
    case stories
    case storiesForKey(key: KeyNumber)
    case storiesOfSchool(slug: LinkSlug)
    case storySearch
    case storyFeed
    case storyPhoto(id: StoryPhotoID)
    case story(slug: LinkSlug)
    // staff: the trajectory's events
    case events
    case newEvent(trajectoryID: TrajectoryID)
    case trajectoryEvents(trajectoryID: TrajectoryID)
    case event(id: EventID)
    case editEvent(id: EventID)
    case eventRegistration(id: EventID)
    case eventCalendar(id: EventID)
    // parents: conversation cards; staff: the teacher's cards of a talk
    case card(token: LinkToken)
    case cardThanks(token: LinkToken)
    // parents: a good-news card's answer page (its QR code)
    case goodNews(token: LinkToken)
    case goodNewsThanks(token: LinkToken)
    case conversationCards(momentID: MomentID)
    // staff: a school's recordings of the parent texts; the address a recording is played from
    case voice(schoolID: SchoolID)
    case voiceLanguage(schoolID: SchoolID, language: LanguageSegment)
    case voiceRecording(schoolID: SchoolID, language: LanguageSegment, part: VoicePartSegment, key: VoiceKeySegment)
    case deleteVoiceRecording(schoolID: SchoolID, language: LanguageSegment, part: VoicePartSegment, key: VoiceKeySegment)
    case voiceRecorderScript
    case audio(id: RecordingID)
    // staff: the welcome round (a teacher's own class; figures for the lead and the coordinator)
    case welcomeRounds(schoolID: SchoolID)
    case welcomeFigures(schoolID: SchoolID)
    case welcomeRound(id: WelcomeRoundID)
    case welcomeSeat(roundID: WelcomeRoundID, seat: SeatNumber)
    case welcomeCards(roundID: WelcomeRoundID)
    case trajectoryWelcome(trajectoryID: TrajectoryID)
    // the read-only API (bearer tokens)
    case apiReport(waveID: WaveID)

    /// The one definition of every route: its segments, each literal or a typed parameter. Both the path
    /// (`/staff/waves/3f…`) and the router's pattern (`staff/waves/:waveID`) come from it.
    var segments: [RouteSegment] {
        switch self {
        case .home: []
        case .stylesheet: ["static", "samenspraak.css"]
        case .readAloudScript: ["static", "read-aloud.js"]
        case .copyLinkScript: ["static", "copy-link.js"]
        case .login: ["login"]
        case .logout: ["logout"]
        case .setup: ["setup"]
        case let .language(code): ["language", .init(code)]
        case .staffHome: ["staff"]
        case .trajectories: ["staff", "trajectories"]
        case .newTrajectory: ["staff", "trajectories", "new"]
        case let .trajectory(id): ["staff", "trajectories", .init(id)]
        case let .trajectoryPhases(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "phases"]
        case let .newSchool(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "schools", "new"]
        case let .schools(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "schools"]
        case let .school(id): ["staff", "schools", .init(id)]
        case let .editSchool(id): ["staff", "schools", .init(id), "edit"]
        case let .schoolStaff(id): ["staff", "schools", .init(id), "staff"]
        case let .invitations(schoolID): ["staff", "schools", .init(schoolID), "invitations"]
        case let .invitation(token): ["invite", .init(token)]
        case .accountPassword: ["account", "password"]
        case .forgotPassword: ["password", "forgot"]
        case let .resetPassword(token): ["password", "reset", .init(token)]
        case let .account(id): ["staff", "accounts", .init(id)]
        case let .accountDeactivate(id): ["staff", "accounts", .init(id), "deactivate"]
        case let .accountReactivate(id): ["staff", "accounts", .init(id), "reactivate"]
        case let .accountRole(id): ["staff", "accounts", .init(id), "role"]
        case let .accountOneTimePassword(id): ["staff", "accounts", .init(id), "one-time-password"]
        case let .accountSignOut(id): ["staff", "accounts", .init(id), "sign-out-everywhere"]
        case let .revokeInvitation(schoolID, invitationID): ["staff", "schools", .init(schoolID), "invitations", .init(invitationID), "revoke"]
        case .coordinators: ["staff", "coordinators"]
        case let .schoolAudit(schoolID): ["staff", "schools", .init(schoolID), "audit"]
        case .audit: ["staff", "audit"]
        case .languages: ["staff", "languages"]
        case let .languagePO(code): ["staff", "languages", .init(code), "po"]
        case let .languageImport(code): ["staff", "languages", .init(code), "import"]
        case let .languageImportSave(code): ["staff", "languages", .init(code), "import", "save"]
        case .healthz: ["healthz"]
        case .metrics: ["metrics"]
        case let .surveyStart(slug): ["o", .init(slug)]
        case let .surveyBegin(slug): ["o", .init(slug), "start"]
        case let .surveyThanks(slug): ["o", .init(slug), "thanks"]
        case .codeEntry: ["c"]
        case let .draftStart(token): ["d", .init(token)]
        case let .draftPage(token, page): ["d", .init(token), .init(page)]
        case let .draftSubmit(token): ["d", .init(token), "submit"]
        case let .newWave(schoolID): ["staff", "schools", .init(schoolID), "waves", "new"]
        case let .waves(schoolID): ["staff", "schools", .init(schoolID), "waves"]
        case let .wave(id): ["staff", "waves", .init(id)]
        case let .wavePoster(id): ["staff", "waves", .init(id), "poster"]
        case let .waveCodes(id): ["staff", "waves", .init(id), "codes"]
        case let .wavePaper(id): ["staff", "waves", .init(id), "paper"]
        case let .wavePaperEntry(id): ["staff", "waves", .init(id), "paper-entry"]
        case let .waveAssisted(id): ["staff", "waves", .init(id), "assisted"]
        case .kiosk: ["kiosk"]
        case .kioskThanks: ["kiosk", "thanks"]
        case .kioskUnlock: ["kiosk", "unlock"]
        case let .report(waveID): ["staff", "waves", .init(waveID), "report"]
        case let .trajectoryComparison(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "comparison"]
        case let .schoolComparison(schoolID): ["staff", "schools", .init(schoolID), "comparison"]
        case let .reportCSV(waveID): ["staff", "waves", .init(waveID), "report.csv"]
        case let .reportText(waveID, textID): ["staff", "waves", .init(waveID), "texts", .init(textID)]
        case let .reportMeeting(waveID): ["staff", "waves", .init(waveID), "meeting"]
        case .meetingScript: ["static", "meeting.js"]
        case let .momentRate(slug): ["m", .init(slug)]
        case let .momentThanks(slug): ["m", .init(slug), "thanks"]
        case let .schoolProfile(slug): ["school", .init(slug)]
        case let .moments(schoolID): ["staff", "schools", .init(schoolID), "moments"]
        case let .newMoment(schoolID): ["staff", "schools", .init(schoolID), "moments", "new"]
        case let .moment(id): ["staff", "moments", .init(id)]
        case let .momentCards(id): ["staff", "moments", .init(id), "cards"]
        case let .momentPoster(id): ["staff", "moments", .init(id), "poster"]
        case let .momentReply(id): ["staff", "moments", .init(id), "reply"]
        case let .momentText(momentID, ratingID): ["staff", "moments", .init(momentID), "texts", .init(ratingID)]
        case let .profileSettings(schoolID): ["staff", "schools", .init(schoolID), "profile"]
        case let .plan(schoolID): ["staff", "schools", .init(schoolID), "plan"]
        case let .planKeys(schoolID): ["staff", "schools", .init(schoolID), "plan", "keys"]
        case let .planActions(schoolID): ["staff", "schools", .init(schoolID), "plan", "actions"]
        case let .planPrint(schoolID): ["staff", "schools", .init(schoolID), "plan", "print"]
        case let .planCSV(schoolID): ["staff", "schools", .init(schoolID), "plan.csv"]
        case let .planAction(id): ["staff", "plan-actions", .init(id)]
        case let .editPlanAction(id): ["staff", "plan-actions", .init(id), "edit"]
        case let .planComments(actionID): ["staff", "plan-actions", .init(actionID), "comments"]
        case let .trajectoryPlans(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "plans"]
        case let .schoolStories(schoolID): ["staff", "schools", .init(schoolID), "stories"]
        case let .newStory(schoolID): ["staff", "schools", .init(schoolID), "stories", "new"]
        case let .staffStory(id): ["staff", "stories", .init(id)]
        case let .editStory(id): ["staff", "stories", .init(id), "edit"]
        case let .submitStory(id): ["staff", "stories", .init(id), "submit"]
        case let .reviewStory(id): ["staff", "stories", .init(id), "review"]
        case let .staffStoryPhoto(id): ["staff", "stories", .init(id), "photo"]
        case let .trajectoryStories(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "stories"]
        case .stories: ["stories"]
        case let .storiesForKey(key): ["stories", "keys", .init(key)]
        case let .storiesOfSchool(slug): ["stories", "schools", .init(slug)]
        case .storySearch: ["stories", "search"]
        case .storyFeed: ["stories", "feed.atom"]
        case let .storyPhoto(id): ["stories", "photos", .init(id)]
        case let .story(slug): ["stories", .init(slug)]
        case .events: ["staff", "events"]
        case let .newEvent(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "events", "new"]
        case let .trajectoryEvents(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "events"]
        case let .event(id): ["staff", "events", .init(id)]
        case let .editEvent(id): ["staff", "events", .init(id), "edit"]
        case let .eventRegistration(id): ["staff", "events", .init(id), "registration"]
        case let .eventCalendar(id): ["staff", "events", .init(id), "event.ics"]
        case let .card(token): ["k", .init(token)]
        case let .cardThanks(token): ["k", .init(token), "thanks"]
        case let .goodNews(token): ["g", .init(token)]
        case let .results(waveID): ["staff", "waves", .init(waveID), "results"]
        case let .resultsPoster(waveID): ["staff", "waves", .init(waveID), "results", "poster"]
        case let .resultsForParents(slug): ["r", .init(slug)]
        case let .goodNewsThanks(token): ["g", .init(token), "thanks"]
        case let .conversationCards(momentID): ["staff", "moments", .init(momentID), "conversation-cards"]
        case let .voice(schoolID): ["staff", "schools", .init(schoolID), "voice"]
        case let .voiceLanguage(schoolID, language): ["staff", "schools", .init(schoolID), "voice", .init(language)]
        case let .voiceRecording(schoolID, language, part, key): ["staff", "schools", .init(schoolID), "voice", .init(language), .init(part), .init(key)]
        case let .deleteVoiceRecording(schoolID, language, part, key):
            ["staff", "schools", .init(schoolID), "voice", .init(language), .init(part), .init(key), "delete"]
        case .voiceRecorderScript: ["static", "voice-recorder.js"]
        case let .audio(id): ["audio", .init(id)]
        case let .welcomeRounds(schoolID): ["staff", "schools", .init(schoolID), "welcome"]
        case let .welcomeFigures(schoolID): ["staff", "schools", .init(schoolID), "welcome", "figures"]
        case let .welcomeRound(id): ["staff", "welcome", .init(id)]
        case let .welcomeSeat(roundID, seat): ["staff", "welcome", .init(roundID), "seats", .init(seat)]
        case let .welcomeCards(roundID): ["staff", "welcome", .init(roundID), "cards"]
        case let .trajectoryWelcome(trajectoryID): ["staff", "trajectories", .init(trajectoryID), "welcome"]
        case let .apiReport(waveID): ["api", "v1", "waves", .init(waveID), "report"]
        }
    }

    public var path: String {
        "/" + segments.map(\.value).joined(separator: "/")
    }

    /// The path as route components, with `:name` for parameters (what Vapor's router takes), whatever
    /// values this route holds.
    public var pattern: [String] {
        segments.map(\.pattern)
    }

    /// A local path with a query string, for redirects back to where a person was.
    public func with(query name: String, _ value: String) -> String {
        with(queries: [(name, value)])
    }

    /// The path with several query values, each percent-encoded, in the order given.
    public func with(queries: [(String, String)]) -> String {
        let allowed = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-._~/")
        func encoded(_ value: String) -> String {
            value.unicodeScalars.map { scalar -> String in
                let character = Character(scalar)
                if allowed.contains(character) { return String(character) }
                return String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
            }.joined()
        }
        guard !queries.isEmpty else { return path }
        return path + "?" + queries.map { "\(encoded($0.0))=\(encoded($0.1))" }.joined(separator: "&")
    }

    /// Whether `target` is safe to redirect to after sign-in: a path on this site, not another host.
    public static func isLocalPath(_ target: String) -> Bool {
        target.hasPrefix("/") && !target.hasPrefix("//") && !target.hasPrefix("/\\")
            && !target.contains(where: { $0.isWhitespace || $0 == "\\" })
            && !target.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) && target.count <= 512
    }
}

/// One segment of a route: a fixed word, or a parameter with its name and (in a path) its value.
struct RouteSegment: ExpressibleByStringLiteral {
    let value: String
    let pattern: String

    init(stringLiteral literal: String) {
        value = literal
        pattern = literal
    }

    init<Kind>(_ parameter: RouteParameter<Kind>) {
        value = parameter.rawValue
        pattern = ":" + Kind.name
    }
}
