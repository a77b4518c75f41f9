import Fluent
import Foundation
import SamenspraakCore
import Vapor

/// The demo trajectory: four schools of a Ghent neighbourhood, a coordinator, and staff for each school.
/// Seeding twice does not duplicate anything: the second run gives the demo accounts fresh passwords.
enum Demo {
    struct StaffLogin: Codable, Equatable {
        var email: String
        var password: String
        var role: String
        var school: String?
    }

    struct Summary: Codable, Equatable {
        var staff: [StaffLogin]
        var trajectoryID: String
        var trajectoryPath: String
        var schoolIDs: [String]
        var loginPath: String
        /// The open wave of the first school, its open link, and fresh one-time codes for it.
        var waveID: String
        var parentSurveyPath: String
        var codeEntryPath: String
        var oneTimeCodes: [String]
        var waveIDs: [String]
        /// The first school's open moment (an oudercontact of two days ago) and its rating link.
        var momentID: String
        var ratingMomentPath: String
        /// The first school's published public profile.
        var profilePath: String
        /// The public stories website.
        var storiesPath: String
        /// The trajectory's next session (open for registration) and its kick-off workshop (over, with notes).
        var eventPath: String
        var workshopPath: String
        /// An oudercontact next week of the third school's teacher: the link of its one unfilled conversation card,
        /// and the teacher's page with the three cards parents filled.
        var conversationCardPath: String
        var conversationCardsPath: String
        /// A teacher who left the first school: the account is deactivated (sign-in is refused), and the stories
        /// they wrote show their name as a former staff member.
        var formerStaff: StaffLogin
        /// The first school's teacher's welcome round (class 3B): some families reached warmly, one whose first contact
        /// was a concern, and a good-news card answered; and the parent page of a good-news card not answered yet.
        var welcomeRoundPath: String
        var goodNewsCardPath: String
        /// The parents' page of the first school's earlier, closed wave ("you told us — we are doing this"); nil without answers.
        var resultsForParentsPath: String?
        /// The spoken-only language the first school offers, every text recorded (clips made by espeak-ng and marked
        /// as generated); nil when espeak-ng or opusenc is not installed.
        var spokenLanguage: String?
    }

    /// The demo's spoken-only language: Moroccan Arabic (Darija), spoken by many Flemish families and rarely read.
    /// Its clips are the Arabic texts said by espeak-ng's Arabic voice: there is no human recording at hand.
    static let spokenLanguage = LanguageCode(rawValue: "ary")

    /// Records every text of the script in the spoken language at `school` (those not recorded yet), then offers it.
    /// Returns the language, or nil when the clips cannot be made here.
    static func seedSpokenLanguage(_ app: Application, school: School) async throws -> LanguageCode? {
        guard let spoken = spokenLanguage, DemoVoice.available else { return nil }
        let schoolID = try school.requireID()
        let recorded = try await Recording.recordedTexts(schoolID: schoolID, on: app.db)[spoken.rawValue] ?? []
        let missing = app.voiceScript.missing(from: recorded)
        let texts = missing.compactMap { text -> (key: String, text: String)? in
            let words = text == VoiceScript.languageName ? spoken.endonym : app.writtenText(text, in: .ar)
            return words.map { ("\(text.part.rawValue)|\(text.key)", $0) }
        }
        let clips = await DemoVoice.clips(texts, voice: "ar")
        for text in missing {
            guard let bytes = clips["\(text.part.rawValue)|\(text.key)"], case let .success(clip) = AudioCheck.inspect(bytes) else { return nil }
            try await Recording.replace(with: Recording(schoolID: schoolID, language: spoken, text: text, clip: clip, bytes: bytes,
                                                        recordedBy: nil, generated: true), on: app.db)
        }
        if !school.languages.contains(spoken) {
            school.languagesValue = LanguageCode.storedList(school.languages + [spoken])
            try await school.save(on: app.db)
        }
        return spoken
    }

    static let schools: [(String, [SchoolLevel], Int, [LanguageCode])] = [
        // The first school offers every language shipped (and, with generated clips, a spoken-only one).
        ("Basisschool De Regenboog", [.kleuter, .lager], 180, LanguageCode.builtIn),
        ("Kleuterschool Het Klavertje", [.kleuter], 64, [.nl, .ar, .ro, .sk]),
        ("Basisschool Sint-Pieter", [.kleuter, .lager], 240, [.nl, .en, .pl, .uk, .tr]),
        ("Lagere school De Wijze Boom", [.lager], 120, [.nl, .fr, .ar, .bg, .ro]),
    ]

    static let trajectoryName = "Warme partnerschappen met ouders 2026–2027"
    static let coordinatorEmail = "coordinator@demo.samenspraak.be"
    static let formerStaffEmail = "oud-teamlid.regenboog@demo.samenspraak.be"

    /// Seeds the demo; with `answers`, the first school's wave gets 36 responses (a full report on first run)
    /// and the second school's 3 (to show what a report with too few answers looks like).
    /// With `voice`, the first school also offers a spoken-only language with generated clips (a few seconds).
    static func seed(_ app: Application, answers: Bool = true, voice: Bool = false) async throws -> Summary {
        let db = app.db
        let services = app.services
        var logins: [StaffLogin] = []

        func account(_ email: String, name: String, role: Role, school: School?) async throws {
            let password = services.oneTimePassword()
            let hash = try app.password.hash(password)
            if let existing = try await User.query(on: db).filter(\.$email == email).first() {
                existing.passwordHash = hash
                existing.mustChangePassword = false
                try await existing.save(on: db)
            } else {
                try await User(email: email, name: name, passwordHash: hash, role: role, schoolID: school?.id,
                               mustChangePassword: false).create(on: db)
            }
            logins.append(StaffLogin(email: email, password: password, role: role.rawValue, school: school?.publicID))
        }

        let trajectory: Trajectory
        if let existing = try await Trajectory.query(on: db).filter(\.$name == trajectoryName).first() {
            trajectory = existing
        } else {
            let starts = Day(year: 2026, month: 9, day: 1), ends = Day(year: 2026, month: 12, day: 18)
            trajectory = Trajectory(name: trajectoryName, starts: starts, ends: ends)
            try await trajectory.create(on: db)
            for (position, phase) in Timeline.defaultPhases(from: starts, to: ends).enumerated() {
                try await TrajectoryPhase(trajectoryID: try trajectory.requireID(), phase: phase, position: position).create(on: db)
            }
        }
        let trajectoryID = try trajectory.requireID()
        try await account(coordinatorEmail, name: "Annemie Coördinator", role: .coordinator, school: nil)

        var schoolIDs: [String] = []
        var waves: [Wave] = []
        let today = Day(date: services.now())
        let slugs = ["regenboog", "klavertje", "sintpieter", "wijzeboom"]
        for (index, (name, levels, families, languages)) in schools.enumerated() {
            let school: School
            if let existing = try await School.query(on: db).filter(\.$trajectory.$id == trajectoryID).filter(\.$name == name).first() {
                school = existing
            } else {
                school = School(trajectoryID: trajectoryID,
                                valid: .init(name: name, levels: levels, families: families, languages: languages))
                try await school.create(on: db)
            }
            schoolIDs.append(school.publicID)
            // An open parent survey per school: opened a week ago, open three more weeks.
            if let wave = try await Wave.query(on: db).filter(\.$school.$id == school.requireID()).sort(\.$opens, .descending).first() {
                waves.append(wave)
            } else {
                waves.append(try await Wave.open(on: db, services: services, schoolID: school.requireID(),
                                                               questionnaire: app.currentParentQuestionnaire.id,
                                                               opens: today.adding(days: -7), closes: today.adding(days: 21),
                                                               families: families))
            }
            try await account("directie.\(slugs[index])@demo.samenspraak.be", name: "Directie \(name)", role: .lead, school: school)
            try await account("juf.\(slugs[index])@demo.samenspraak.be", name: "Leerkracht \(name)", role: .member, school: school)
        }
        // A teacher of the first school who left in the summer: deactivated, with the password they had.
        let formerPassword = services.oneTimePassword()
        let formerHash = try app.password.hash(formerPassword)
        let left = Date(timeIntervalSince1970: TimeInterval(Brussels.utc(today.adding(days: -30), TimeOfDay(hour: 9, minute: 0))))
        if let existing = try await User.query(on: db).filter(\.$email == formerStaffEmail).first() {
            existing.passwordHash = formerHash
            existing.deactivatedAt = existing.deactivatedAt ?? left
            try await existing.save(on: db)
        } else {
            let former = User(email: formerStaffEmail, name: "Meester Jonas", passwordHash: formerHash, role: .member,
                              schoolID: UUID(uuidString: schoolIDs[0]), mustChangePassword: false)
            former.deactivatedAt = left
            former.lastSignInOn = today.adding(days: -31)
            try await former.create(on: db)
        }
        let formerLogin = StaffLogin(email: formerStaffEmail, password: formerPassword, role: Role.member.rawValue, school: schoolIDs[0])
        let id = trajectoryID.uuidString.lowercased()
        if answers {
            // An earlier wave of the first school, closed, a little cooler: the report shows what changed.
            let firstSchool = waves[0].$school.id
            let earlier: Wave
            if let existing = try await Wave.query(on: db).filter(\.$school.$id == firstSchool).filter(\.$opens < waves[0].opens).first() {
                earlier = existing
            } else {
                earlier = try await Wave.open(on: db, services: services, schoolID: firstSchool,
                                                            questionnaire: app.currentParentQuestionnaire.id,
                                                            opens: today.adding(days: -75), closes: today.adding(days: -54), families: 180)
            }
            try await seedAnswers(app, wave: earlier, count: 30, today: today.adding(days: -60), warmth: -2, texts: false)
            try await seedAnswers(app, wave: waves[0], count: 36, today: today)
            // The first school's team answered too: warmer than parents on fathers (a blind spot),
            // cooler than parents on speaking and showing (a hidden strength).
            let teamWave: Wave
            if let existing = try await Wave.query(on: db).filter(\.$school.$id == firstSchool)
                .filter(\.$questionnaire == app.currentTeamQuestionnaire.id).first() {
                teamWave = existing
            } else {
                teamWave = try await Wave.open(on: db, services: services, schoolID: firstSchool,
                                                             questionnaire: app.currentTeamQuestionnaire.id,
                                                             opens: today.adding(days: -10), closes: today.adding(days: 10), families: nil)
            }
            try await seedAnswers(app, wave: teamWave, count: 14, today: today, texts: false, questionnaire: app.currentTeamQuestionnaire,
                                  warmthByKey: [9: 8, 6: -8, 11: 6])
            try await seedAnswers(app, wave: waves[1], count: 3, today: today)
        }
        let codes = try await Wave.makeCodes(10, for: waves[0], app: app, on: db)
        let firstSchool = try await School.query(on: db).filter(\.$id == waves[0].$school.id).first()
        guard let firstSchool else { throw Abort(.internalServerError) }
        let moment = try await seedMoments(app, school: firstSchool, today: today, ratings: answers)
        var resultsPath: String?
        if answers {
            try await seedPlan(app, school: firstSchool, today: today)
            resultsPath = try await seedResults(app, school: firstSchool, today: today)
            try await seedStories(app, trajectoryID: trajectoryID, today: today)
        }
        let (workshop, session) = try await seedEvents(app, trajectoryID: trajectoryID, firstSchool: firstSchool, registrations: answers)
        // The third school offers Polish and Ukrainian: its teacher's oudercontact next week has conversation cards.
        guard let cardSchool = try await School.find(UUID(uuidString: schoolIDs[2]), on: db) else { throw Abort(.internalServerError) }
        let (talk, cardToken) = try await seedCards(app, school: cardSchool, today: today)
        if firstSchool.profileSlug == nil { firstSchool.profileSlug = Slug.make(firstSchool.name) }
        firstSchool.profilePublished = true
        try await firstSchool.save(on: db)
        let (round, goodNewsToken) = try await seedWelcome(app, school: firstSchool, today: today)
        let spoken = voice ? try await seedSpokenLanguage(app, school: firstSchool) : nil
        return Summary(staff: logins, trajectoryID: id, trajectoryPath: "/staff/trajectories/\(id)", schoolIDs: schoolIDs,
                       loginPath: "/login", waveID: waves[0].publicID, parentSurveyPath: "/o/\(waves[0].slug)",
                       codeEntryPath: "/c", oneTimeCodes: codes.map(OneTimeCode.formatted), waveIDs: waves.map(\.publicID),
                       momentID: moment.publicID, ratingMomentPath: "/m/\(moment.slug)",
                       profilePath: "/school/\(firstSchool.profileSlug ?? "")", storiesPath: "/stories",
                       eventPath: "/staff/events/\(session.publicID)", workshopPath: "/staff/events/\(workshop.publicID)",
                       conversationCardPath: "/k/\(cardToken)", conversationCardsPath: "/staff/moments/\(talk.publicID)/conversation-cards",
                       formerStaff: formerLogin, welcomeRoundPath: "/staff/welcome/\(round.publicID)", goodNewsCardPath: "/g/\(goodNewsToken)",
                       resultsForParentsPath: resultsPath,
                       spokenLanguage: spoken?.rawValue)
    }

    /// The first school's teacher opened a welcome round for class 3B three weeks ago (or on the first school day, if
    /// later): warm contacts of several kinds and languages, one family first contacted about a concern and reached
    /// warmly after, a good-news card answered ("would like to talk") and one waiting in Arabic. Returns the round
    /// and the waiting card's token.
    static func seedWelcome(_ app: Application, school: School, today: Day) async throws -> (WelcomeRound, String) {
        let db = app.db
        let schoolID = try school.requireID()
        let year = SchoolYear.containing(today, end: app.samenspraakConfig.schoolYearEnd)
        let teacher = try await User.query(on: db).filter(\.$school.$id == schoolID).filter(\.$roleValue == Role.member.rawValue)
            .filter(\.$deactivatedAt == nil).first()
        let round: WelcomeRound
        if let existing = try await WelcomeRound.query(on: db).filter(\.$school.$id == schoolID).filter(\.$className == "3B")
            .filter(\.$schoolYear == year.startYear).first() {
            round = existing
        } else {
            let started = max(year.starts, today.adding(days: -21))
            round = WelcomeRound(schoolID: schoolID, creatorID: teacher?.id, valid: .init(className: "3B", families: 22), schoolYear: year,
                                 startedOn: started)
            try await round.create(on: db)
            let roundID = try round.requireID()
            let span = max(today.ordinal - started.ordinal, 0)
            func day(_ fraction: Double) -> Day { started.adding(days: Int(Double(span) * fraction)) }
            let warm: [(Int, Double, WelcomeContactHow, String, Bool)] = [
                (1, 0.0, .gate, "nl", false), (2, 0.1, .phone, "ar", true), (4, 0.2, .homeVisit, "tr", false),
                (5, 0.3, .koffiemoment, "nl", false), (7, 0.4, .gate, "pl", false), (9, 0.5, .phone, "so", true),
                (10, 0.6, .gate, "nl", false), (12, 0.7, .koffiemoment, "ar", false), (3, 0.9, .phone, "ro", true),
            ]
            for (seat, at, how, language, interpreter) in warm {
                try await WelcomeContactRow(roundID: roundID, contact: WelcomeContact(seat: seat, kind: .warm, day: day(at), how: how, language: language,
                                                                                      withInterpreter: interpreter)).create(on: db)
            }
            // Seat 3 first heard from the school about a problem; the warm call came after.
            try await WelcomeContactRow(roundID: roundID, contact: WelcomeContact(seat: 3, kind: .concern, day: day(0.5))).create(on: db)
            // Seat 2 answered a good-news card: it would like to talk.
            let answered = GoodNewsCard(roundID: roundID, card: .init(seat: 2, language: .ar, sentence: .helpedFriend), teacher: "juf Sara",
                                        tokenHash: AppServices.hash(token: app.services.token()), madeOn: day(0.1))
            answered.reply = GoodNewsReply.talk.rawValue
            answered.repliedOn = day(0.2)
            try await answered.create(on: db)
        }
        let roundID = try round.requireID()
        try await GoodNewsCard.query(on: db).filter(\.$round.$id == roundID).filter(\.$seat == 8).filter(\.$reply == nil).delete()
        let token = app.services.token()
        try await GoodNewsCard(roundID: roundID, card: .init(seat: 8, language: .ar, sentence: .goodStart), teacher: "juf Sara",
                               tokenHash: AppServices.hash(token: token), madeOn: today).create(on: db)
        return (round, token)
    }

    /// A season of moments at the first school, from the information evening in September to an oudercontact two days
    /// ago (still open): some well rated, one with too few ratings to show, replies on two. Returns the open one.
    static func seedMoments(_ app: Application, school: School, today: Day, ratings: Bool) async throws -> Moment {
        let db = app.db
        let schoolID = try school.requireID()
        let plan: [(MomentKind, String, Int, Int, [Int], String?, Int, Int, String?)] = [
            // kind, title, days ago, length in days, keys, group, ratings, warmth, reply
            (.infoavond, "Infoavond nieuw schooljaar", 80, 1, [6, 7, 8], nil, 28, 1,
             "Dank voor jullie reacties. Volgend jaar zorgen we voor opvang voor kleine broers en zussen, en een tolk Arabisch en Turks."),
            (.koffiemoment, "Koffiemoment september", 70, 1, [1, 5, 10], nil, 9, 2, nil),
            (.oudercontact, "Oudercontact eerste trimester", 55, 3, [4, 5, 6], nil, 24, 1,
             "Veel ouders vroegen meer tijd. Bij het volgende oudercontact plannen we 20 minuten per gezin in plaats van 10."),
            (.schoolfeest, "Herfstfeest", 40, 1, [1, 10, 11], nil, 31, 2, nil),
            (.koffiemoment, "Koffiemoment oktober", 25, 1, [1, 9], nil, 4, 1, nil),
            (.huisbezoek, "Huisbezoeken instappers", 14, 4, [3, 4, 5], "Instapklas", 7, 2, nil),
            (.oudercontact, "Oudercontact 2de leerjaar", 2, 1, [4, 6, 8], "2de leerjaar", 6, 2, nil),
        ]
        var moments: [Moment] = []
        let titles = Set(plan.map(\.1))
        let existing = try await Moment.query(on: db).filter(\.$school.$id == schoolID).sort(\.$starts).all().filter { titles.contains($0.title) }
        if existing.count == plan.count {
            moments = existing
        } else {
            for (kind, title, ago, length, keys, group, _, _, reply) in plan {
                let starts = today.adding(days: -ago)
                let valid = MomentDraft.Valid(kind: kind, title: title, starts: starts, ends: starts.adding(days: length - 1), group: group,
                                              keys: keys, windowDays: MomentWindow.defaultDays)
                let moment = Moment(schoolID: schoolID, creatorID: nil, valid: valid, slug: try await freeMomentSlug(app))
                moment.reply = reply
                moment.replyOn = reply.map { _ in starts.adding(days: length + 3) }
                try await moment.create(on: db)
                try await moment.setKeys(keys, on: db)
                moments.append(moment)
            }
        }
        if ratings {
            for (moment, entry) in zip(moments, plan) {
                try await seedRatings(app, moment: moment, count: entry.6, warmth: entry.7, today: today)
            }
        }
        return moments[moments.count - 1]
    }

    /// The first school's action plan: fathers (key 9) and the organisations around the school (key 11), four
    /// actions at different stages, and a comment of the coordinator.
    /// The lead published the earlier, closed wave's page for parents: every action of the plan that is not dropped,
    /// and a sentence of thanks in Dutch. Returns its address (the wave's short link leads there too).
    static func seedResults(_ app: Application, school: School, today: Day) async throws -> String? {
        let db = app.db
        guard let wave = try await Wave.query(on: db).filter(\.$school.$id == school.requireID())
            .filter(\.$questionnaire == app.currentParentQuestionnaire.id).filter(\.$closes < today).sort(\.$closes, .descending)
            .with(\.$school).first() else { return nil }
        let path = "/r/\(wave.slug)"
        if try await ResultsPage.of(wave, on: db) != nil { return path }
        let actions = try await ActionPlan.actions(of: ActionPlan.current(of: school, on: db), on: db)
            .filter { $0.status != ActionStatus.dropped.rawValue }.sorted { $0.due < $1.due }
        let valid = ResultsDraft.Valid(thanks: "Dank je wel aan alle ouders die de tijd namen om te antwoorden. We horen graag hoe het verder loopt, aan de poort of op het koffiemoment.",
                                       language: .nl, actionIDs: actions.map(\.publicID), quoteIDs: [])
        try await ResultsPage(waveID: wave.requireID(), valid: valid, on: today).create(on: db)
        return path
    }

    static func seedPlan(_ app: Application, school: School, today: Day) async throws {
        let db = app.db
        guard try await ActionPlan.query(on: db).filter(\.$school.$id == school.requireID()).count() == 0 else { return }
        let plan = ActionPlan(schoolID: try school.requireID(), trajectoryID: school.$trajectory.id, keys: [9, 11])
        try await plan.create(on: db)
        let actions: [(Int, String, String, Int, ActionStatus, String?)] = [
            (9, "Papa's persoonlijk uitnodigen voor het oudercontact, aan de schoolpoort", "Juf Sarah en meester Tom", 14, .busy,
             "Eerste ronde gedaan in de kleuterklassen."),
            (9, "Een ontbijt voor vaders op zaterdag", "Ouderwerking", 40, .planned, nil),
            (11, "Kennismaken met het buurtcentrum en de brugfiguur", "Zorgcoördinator", -10, .done, "Afspraak: elke maand een koffiemoment samen."),
            (11, "Flyer van de huiswerkklas in vijf talen", "Directie", 30, .planned, nil),
        ]
        var first: PlanAction?
        for (key, what, who, days, status, note) in actions {
            let action = PlanAction(planID: try plan.requireID(),
                                    valid: .init(key: key, what: what, who: who, due: today.adding(days: days), status: status, note: note))
            try await action.create(on: db)
            if first == nil { first = action }
        }
        let coordinator = try await User.query(on: db).filter(\.$email == coordinatorEmail).first()
        if let first {
            try await PlanComment(actionID: try first.requireID(), userID: coordinator?.id,
                                  text: "Mooi begin. Vraag ook de vaders wat voor hen een goed moment is.", at: app.services.now()).create(on: db)
        }
    }

    /// A dozen published stories across the keys from the four schools (two anonymous), one waiting for review
    /// and one draft.
    static let demoStories: [(school: Int, title: String, summary: String, body: String, keys: [Int], anonymous: Bool, status: StoryStatus)] = [
        (0, "Goedemorgen in tien talen", "Elke ochtend staat er iemand aan de poort die elke ouder bij naam begroet, in de eigen taal als het kan.",
         "We begonnen klein: **elke ochtend** staat de directeur of een leerkracht aan de poort.\n\n- we leerden goedemorgen in tien talen\n- we vragen de naam van elke ouder\n\nOuders zeggen nu vaker iets terug.", [1, 7], false, .published),
        (0, "Papa's aan de poort", "We nodigen vaders persoonlijk uit, aan de poort, in plaats van met een brief in de boekentas.",
         "Een brief bereikt vooral mama's. Daarom spreken we **papa's** aan als ze hun kind brengen.\n\nHet vadercafé op zaterdag kreeg twaalf vaders over de vloer.", [9, 4], false, .published),
        (1, "Het koffiemoment op vrijdag", "Elke vrijdag na het brengen is er koffie in de refter. Geen agenda, wel tijd.",
         "Ouders komen en gaan. De zorgjuf schuift aan. Soms komt er een vraag die anders nooit gesteld werd.", [5, 10], false, .published),
        (1, "Tekeningen in plaats van brieven", "Onze nieuwsbrief bestaat uit foto's en pictogrammen, met één zin in het Nederlands.",
         "Ouders die weinig Nederlands lezen, weten nu ook wanneer het zwemmen is.\n\n1. een foto van de activiteit\n2. een pictogram voor wat mee moet\n3. de datum in cijfers", [6, 7, 8], false, .published),
        (2, "Een brugfiguur in de klas", "Een brugfiguur van de buurt helpt bij oudercontacten en gaat mee op huisbezoek.",
         "Met de [brugfiguren van de stad](https://stad.gent) leggen we contact vóór er problemen zijn.", [11, 5], false, .published),
        (2, "Huisbezoek voor de eerste schooldag", "Elke instapper krijgt een huisbezoek voor de eerste schooldag.",
         "We brengen een foto van de klas mee en vragen wat het kind graag doet. De ouder weet het meest over het eigen kind.", [4, 3], false, .published),
        (3, "Oudercontact met tolk", "Voor elk oudercontact vragen we wie een tolk wil, en we plannen die mee in.",
         "Het gesprek duurt wat langer, maar de ouder vertelt veel meer over thuis.", [7, 6], false, .published),
        (3, "Uitleggen wat we verwachten", "We leggen uit wat 'een boekentas' en 'een turnzak' betekenen, met echte voorwerpen.",
         "Wat voor ons vanzelf spreekt, is dat niet voor iedereen. Op de infoavond tonen we de dingen.", [8], false, .published),
        (0, "Meer deuren naar de school", "Ouders kunnen ons bereiken aan de poort, op de koffie, via een briefje of met een spraakbericht.",
         "Niet iedereen belt of mailt. Een *spraakbericht* in de eigen taal werkt voor veel ouders.", [10, 6], true, .published),
        (1, "Tijd geven aan nieuwe ouders", "We verwachten niet alles in de eerste week: nieuwe ouders krijgen de tijd.",
         "Vertrouwen groeit langzaam. We plannen drie korte gesprekken in het eerste trimester.", [12, 3], true, .published),
        (2, "Samen met het buurtcentrum", "Het buurtcentrum en de school organiseren samen een huiswerkklas.",
         "Ouders kennen het buurtcentrum al; via daar komen ze ook naar school.", [11], false, .published),
        (3, "Het team bespreekt elke maand één sleutel", "Op de personeelsvergadering staat elke maand één sleutel op de agenda.",
         "Zo denken we als team na, niet elk apart.", [2], false, .published),
        (0, "Een ontbijt voor vaders", "Ons plan voor een vaderontbijt op zaterdag.", "Nog in voorbereiding.", [9], false, .submitted),
        (1, "Klad: onze eerste stappen", "Nog te schrijven.", "Nog te schrijven.", [1], false, .draft),
    ]

    static func seedStories(_ app: Application, trajectoryID: UUID, today: Day) async throws {
        let db = app.db
        guard try await Story.query(on: db).count() == 0 else { return }
        let schools = try await School.query(on: db).filter(\.$trajectory.$id == trajectoryID).all()
        let ordered = Demo.schools.compactMap { entry in schools.first { $0.name == entry.0 } }
        guard ordered.count == Demo.schools.count else { return }
        let coordinator = try await User.query(on: db).filter(\.$email == coordinatorEmail).first()
        // The first school's stories were written by the teacher who has left since.
        let former = try await User.query(on: db).filter(\.$email == formerStaffEmail).first()
        let now = app.services.now()
        for (index, entry) in demoStories.enumerated() {
            let school = ordered[entry.school]
            if entry.status == .published, school.profileSlug == nil {
                school.profileSlug = Slug.make(school.name)
                try await school.save(on: db)
            }
            let valid = StoryDraft.Valid(title: entry.title, summary: entry.summary, body: entry.body, keys: entry.keys.sorted(),
                                         anonymous: entry.anonymous, photoAlt: nil)
            let author = entry.school == 0 ? former : nil
            let story = Story(schoolID: try school.requireID(), authorID: author?.id, slug: "\(Slug.make(entry.title, maximumLength: 50))-\(index + 1)",
                              valid: valid)
            story.status = entry.status.rawValue
            if entry.status == .published { story.publishedAt = now.addingTimeInterval(Double(index - demoStories.count) * 86_400) }
            try await story.create(on: db)
            try await story.setKeys(valid.keys, on: db)
            story.$school.value = school
            try await StoryVersion.keep(story, event: "created", user: author, on: db, at: now)
            if entry.status == .published {
                try await StoryVersion.keep(story, event: "published", user: coordinator, on: db, at: now)
                try await StorySearch.update(story, on: db)
            }
        }
    }

    /// The kick-off workshop at the start of the school year (over: with notes, slides and a recording) and a
    /// session in December with few places, so the waiting list shows.
    static func seedEvents(_ app: Application, trajectoryID: UUID, firstSchool: School,
                           registrations: Bool) async throws -> (TrajectoryEvent, TrajectoryEvent) {
        let db = app.db
        let existing = try await TrajectoryEvent.query(on: db).filter(\.$trajectory.$id == trajectoryID).sort(\.$date).all()
        if existing.count >= 2 { return (existing[0], existing[1]) }
        let kickoff = EventDraft.Valid(
            title: "Kick-off: warme partnerschappen met ouders", date: Day(year: 2026, month: 9, day: 9),
            starts: TimeOfDay(hour: 19, minute: 0), ends: TimeOfDay(hour: 21, minute: 30),
            meetingURL: "https://meet.example.org/samenspraak-kickoff",
            description: "Een interactieve online workshop om het traject te starten: wat gaat al goed, en waar willen we groeien?",
            programme: ["19:00 Welkom en kennismaking", "19:20 De 12 sleutels in de praktijk", "20:15 Pauze", "20:30 In gesprek met ouders",
                        "21:15 Afspraken voor het traject"],
            speakers: [.init(name: "An De Smet", role: "Lector ouderbetrokkenheid, hogeschool", bio: "Onderzoekt samenwerking met ouders in kwetsbare situaties."),
                       .init(name: "Samira El Amrani", role: "Brugfiguur, stad Gent", bio: "Bouwt al tien jaar bruggen tussen scholen en gezinnen.")],
            capacity: 60, notes: "Dank aan alle scholen. De volgende stap: elke school start met de ouderbevraging.",
            slidesURL: "https://example.org/samenspraak/kickoff-slides.pdf", recordingURL: "https://example.org/samenspraak/kickoff-opname")
        let session = EventDraft.Valid(
            title: "Terugkomdag: van rapport naar actieplan", date: Day(year: 2026, month: 12, day: 3),
            starts: TimeOfDay(hour: 13, minute: 30), ends: TimeOfDay(hour: 16, minute: 0),
            meetingURL: "https://meet.example.org/samenspraak-terugkomdag",
            description: "We lezen samen de rapporten en kiezen groeikansen voor het actieplan.",
            programme: ["13:30 Wat zeggen de rapporten?", "14:30 Verhalen van andere scholen", "15:15 Aan de slag met het actieplan"],
            speakers: [], capacity: 4, notes: nil, slidesURL: nil, recordingURL: nil)
        let first = TrajectoryEvent(trajectoryID: trajectoryID, valid: kickoff)
        try await first.create(on: db)
        let second = TrajectoryEvent(trajectoryID: trajectoryID, valid: session)
        try await second.create(on: db)
        if registrations {
            for user in try await User.query(on: db).filter(\.$school.$id == firstSchool.requireID()).all() {
                try await EventRegistration(eventID: try first.requireID(), userID: try user.requireID(), schoolID: firstSchool.id, colleagues: 2,
                                            status: .registered).create(on: db)
            }
        }
        return (first, second)
    }

    /// Next week's oudercontact of a school's teacher, with four conversation cards: three filled (Dutch,
    /// Polish, Arabic with a request for an interpreter) and one still empty, whose fresh link is returned. Seeding
    /// again replaces the empty card (only hashes of links are kept).
    static func seedCards(_ app: Application, school: School, today: Day) async throws -> (Moment, String) {
        let db = app.db
        let schoolID = try school.requireID()
        let title = "Oudercontact 1ste leerjaar"
        let teacher = try await User.query(on: db).filter(\.$school.$id == schoolID).filter(\.$roleValue == Role.member.rawValue).first()
        let moment: Moment
        if let existing = try await Moment.query(on: db).filter(\.$school.$id == schoolID).filter(\.$title == title).first() {
            moment = existing
        } else {
            let valid = MomentDraft.Valid(kind: .oudercontact, title: title, starts: today.adding(days: 7), ends: today.adding(days: 8),
                                          group: "1ste leerjaar", keys: [4, 5, 6], windowDays: MomentWindow.defaultDays)
            moment = Moment(schoolID: schoolID, creatorID: teacher?.id, valid: valid, slug: try await freeMomentSlug(app))
            try await moment.create(on: db)
            try await moment.setKeys(valid.keys, on: db)
            let filled: [(LanguageCode, CardAnswers)] = [
                (.nl, CardAnswers(texts: ["loves": "Tekenen en voetballen met zijn neef.", "home": "Hij leest elke avond voor aan zijn zusje.",
                                          "ask": "Hoe gaat het op de speelplaats?"], chips: ["friends"])),
                (.pl, CardAnswers(texts: ["loves": "Lubi układać klocki i śpiewać.", "worries": "Ona mało śpi, bo boi się ciemności."],
                                  chips: ["sleep", "feelings"])),
                (.ar, CardAnswers(texts: ["home": "يساعدني في المطبخ كل يوم.", "ask": "كيف أساعده في الواجبات؟"],
                                  chips: ["homework", "interpreter"])),
            ]
            for (slot, entry) in filled.enumerated() {
                let card = ConversationCard(momentID: try moment.requireID(), tokenHash: AppServices.hash(token: app.services.token()), slot: slot + 1)
                card.language = entry.0.rawValue
                card.answers = entry.1
                try await card.create(on: db)
            }
        }
        let momentID = try moment.requireID()
        try await ConversationCard.query(on: db).filter(\.$moment.$id == momentID).filter(\.$answersJSON == nil).delete()
        let token = app.services.token()
        try await ConversationCard(momentID: momentID, tokenHash: AppServices.hash(token: token), slot: 4).create(on: db)
        return (moment, token)
    }

    static func freeMomentSlug(_ app: Application) async throws -> String {
        try await Moment.freeSlug(on: app.db, randomBytes: app.services.randomBytes)
    }

    static let demoSentences: [(String, Bool)] = [
        ("Fijn dat de juf zoveel tijd nam voor onze zoon.", true),
        ("Merci pour l'accueil chaleureux, je me suis sentie bienvenue.", true),
        ("Keşke biraz daha geç olsaydı, işten geliyorum.", false),
        ("شكراً، شعرت بالترحيب.", true),
        ("Kan het volgende keer na 17 uur? Dan kan papa ook komen.", false),
    ]

    /// Plausible ratings: mostly happy, with `warmth` shifting the faces; chips that fit the face; a few sentences.
    static func seedRatings(_ app: Application, moment: Moment, count: Int, warmth: Int, today: Day) async throws {
        let momentID = try moment.requireID()
        guard try await MomentRating.query(on: app.db).filter(\.$moment.$id == momentID).count() == 0 else { return }
        let chips = app.ratingCatalog.chips(moment.momentKind)
        let languages: [LanguageCode] = [.nl, .nl, .fr, .ar, .tr, .nl, .bg]
        for index in 0..<count {
            var state = UInt64(index * 7_919 + moment.title.count + 1) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            state ^= state >> 29
            let roll = Int((state &* 0xBF58_476D_1CE4_E5B9) >> 60) % 10 + warmth
            let face = roll >= 6 ? 4 : roll >= 3 ? 3 : roll >= 1 ? 2 : 1
            let picked = face >= 3 ? [chips.good[index % chips.good.count], chips.good[(index + 2) % chips.good.count]]
                                   : [chips.better[index % chips.better.count]]
            var text: String?
            var shownPublicly = false
            if index % 6 == 1, count >= 5 {
                let sentence = demoSentences[(index / 6 + moment.title.count) % demoSentences.count]
                text = sentence.0
                shownPublicly = sentence.1
            }
            let answer = RatingAnswer(face: face, chips: chips.all.filter(picked.contains), text: text)
            let rating = MomentRating(momentID: momentID, deviceHash: AppServices.hash(token: app.services.token()), answer: answer,
                                      language: languages[index % languages.count], day: min(moment.ends.adding(days: index % 5), today))
            rating.textPublic = shownPublicly
            // The season's ratings are in: released, so the demo shows its figures.
            rating.released = 1
            try await rating.create(on: app.db)
        }
    }

    static let demoTexts: [(String, String)] = [
        ("well", "De juf begroet ons elke ochtend bij naam."),
        ("well", "Mijn zoon voelt zich hier thuis."),
        ("well", "Het koffiemoment op vrijdag is fijn."),
        ("well", "They explain things with pictures, that helps me."),
        ("well", "Öğretmen her zaman gülümsüyor."),
        ("help", "Meer uitleg over huiswerk, liefst in het Frans."),
        ("help", "Een vergadering na 17 uur, dan kan ik ook komen."),
        ("help", "Dat ze ook de papa aanspreken."),
        ("help", "أتمنى أن يكون هناك مترجم في اللقاءات."),
    ]

    /// Plausible answers: keys 1 and 6 warm, keys 9 and 11 cooler, a mix of languages and channels.
    static func seedAnswers(_ app: Application, wave: Wave, count: Int, today: Day, warmth shift: Int = 0, texts: Bool = true,
                            questionnaire given: Questionnaire? = nil, warmthByKey: [Int: Int]? = nil) async throws {
        guard try await SurveyResponse.query(on: app.db).filter(\.$wave.$id == wave.requireID()).count() == 0 else { return }
        let questionnaire = given ?? app.currentParentQuestionnaire
        let languages: [LanguageCode] = [.nl, .nl, .nl, .fr, .ar, .tr, .nl, .bg, .nl]
        let channels: [SurveyChannel] = [.link, .link, .code, .code, .paper, .link, .assisted, .code, .link]
        for index in 0..<count {
            var answers = SurveyAnswers()
            for (position, item) in questionnaire.items.enumerated() {
                let warmth = warmthByKey.map { $0[item.key] ?? 3 }
                    ?? (([1: 3, 6: 2, 9: -5, 11: -4, 7: -3, 12: -1][item.key] ?? 0) + (item.key == 9 ? shift * 2 : shift))
                var state = UInt64(index * 1_000 + position + 1) &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                state ^= state >> 29
                let base = Int((state &* 0xBF58_476D_1CE4_E5B9) >> 60) % 10
                let roll = base + warmth
                answers.faces[item.id] = base == 9 ? 0 : roll >= 6 ? 4 : roll >= 3 ? 3 : roll >= 1 ? 2 : 1
            }
            if texts, index < demoTexts.count { answers.texts[demoTexts[index].0] = demoTexts[index].1 }
            let sent = answers
            try await app.db.transaction { db in
                try await SurveyInbox.send(on: db, wave: wave, questionnaire: questionnaire,
                                           language: questionnaire.audience == .team ? .nl : languages[index % languages.count],
                                           channel: questionnaire.audience == .team ? .link : channels[index % channels.count],
                                           answers: sent, day: today, draftID: nil, threshold: .max)
            }
        }
        // Demo answers have no parents to protect: all of them show, however many.
        try await SurveyInbox.releaseAll(on: app.db, waveID: wave.requireID(), day: today)
    }
}
