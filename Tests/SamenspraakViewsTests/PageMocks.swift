import Plot
import SamenspraakCore
@testable import SamenspraakViews

/// Every page of the site, rendered from a mock whose strings are all `text`.
/// A new page must be added here, so the hostile-input and budget tests cover it.
enum PageMocks {
    static func all(text: String) -> [(name: String, html: HTML)] {
        [
            ("home", HomePage.view(.mock(text: text))),
            ("error", ErrorPage.view(.mock(text: text))),
            ("login", LoginPage.view(.mock(text: text))),
            ("forgot-password", ForgotPasswordPage.view(.mock(text: text))),
            ("reset-password", ResetPasswordPage.view(.mock(text: text))),
            ("kiosk-unlock", KioskUnlockPage.view(.mock(text: text))),
            ("setup", SetupPage.view(.mock(text: text))),
            ("password", PasswordPage.view(.mock(text: text))),
            ("trajectories", TrajectoryListPage.view(.mock(text: text))),
            ("trajectory-form", TrajectoryFormPage.view(.mock(text: text))),
            ("trajectory", TrajectoryShowPage.view(.mock(text: text))),
            ("welcome-rounds", WelcomeListPage.view(.mock(text: text))),
            ("welcome-round", WelcomeRoundPage.view(.mock(text: text))),
            ("welcome-seat", WelcomeSeatPage.view(.mock(text: text))),
            ("welcome-figures", WelcomeFiguresPage.view(.mock(text: text))),
            ("welcome-trajectory", WelcomeTrajectoryPage.view(.mock(text: text))),
            ("trajectory-phases", TrajectoryPhasesPage.view(.mock(text: text))),
            ("school-form", SchoolFormPage.view(.mock(text: text))),
            ("school", SchoolShowPage.view(.mock(text: text))),
            ("staff", SchoolStaffPage.view(.mock(text: text))),
            ("invitation-issued", InvitationIssuedPage.view(.mock(text: text))),
            ("account", StaffAccountPage.view(.mock(text: text))),
            ("account-password-issued", AccountPasswordIssuedPage.view(.mock(text: text))),
            ("coordinators", CoordinatorListPage.view(.mock(text: text))),
            ("audit", AuditLogPage.view(.mock(text: text))),
            ("languages", LanguageListPage.view(.mock(text: text))),
            ("language-import-preview", LanguageImportPreviewPage.view(.mock(text: text))),
            ("accept-invitation", AcceptInvitationPage.view(.mock(text: text))),
            ("wave-form", WaveFormPage.view(.mock(text: text))),
            ("wave", WaveShowPage.view(.mock(text: text))),
            ("moments", MomentListPage.view(.mock(text: text))),
            ("moment-form", MomentFormPage.view(.mock(text: text))),
            ("moment", MomentShowPage.view(.mock(text: text))),
            ("profile", SchoolProfilePage.view(.mock(text: text))),
            ("plan", PlanPage.view(.mock(text: text))),
            ("plan-action", ActionEditPage.view(.mock(text: text))),
            ("plan-print", PlanPrintPage.view(.mock(text: text))),
            ("plans", TrajectoryPlansPage.view(.mock(text: text))),
            ("stories-home", StoriesHomePage.view(.mock(text: text))),
            ("story-list", StoryListPage.view(.mock(text: text))),
            ("story", StoryPage.view(.mock(text: text))),
            ("school-stories", SchoolStoriesPage.view(.mock(text: text))),
            ("story-form", StoryFormPage.view(.mock(text: text))),
            ("story-staff", StoryStaffPage.view(.mock(text: text))),
            ("story-queue", StoryQueuePage.view(.mock(text: text))),
            ("events", EventListPage.view(.mock(text: text))),
            ("event-form", EventFormPage.view(.mock(text: text))),
            ("event", EventShowPage.view(.mock(text: text))),
            ("voice", VoiceIndexPage.view(.mock(text: text))),
            ("voice-language", VoiceLanguagePage.view(.mock(text: text))),
        ] + survey(text: text) + rating(text: text) + voiced(text: text) + [("meeting", MeetingPage.view(report(text: text)))]
    }

    /// A report of one key with figures (the mock questionnaire has one statement), the team beside it, an earlier
    /// survey, and open answers: one shown and one hidden of each question.
    static func report(text: String, hiddenText: String? = nil) -> ReportPage.Model {
        let questionnaire = Questionnaire(id: "q", audience: .parents, items: [.init(id: "k1_greet", key: 1)], openQuestions: ["well", "help"], texts: [:])
        func build(_ faces: [Int], answers: [WaveReport.OpenAnswer] = []) -> WaveReport {
            WaveReport.build(questionnaire: questionnaire, itemCounts: ["k1_greet": FaceCounts(faces)], keyRespondents: [1: faces.reduce(0, +) - faces[0]],
                             responses: faces.reduce(0, +), families: 40, languages: ["nl": faces.reduce(0, +)], channels: ["link": faces.reduce(0, +)],
                             openAnswers: answers, threshold: 5)
        }
        let answers = ["well", "help"].flatMap { question in
            [WaveReport.OpenAnswer(id: "a-\(question)", question: question, text: text, hidden: false, language: "ar"),
             WaveReport.OpenAnswer(id: "h-\(question)", question: question, text: hiddenText ?? text, hidden: true, hiddenBy: text,
                                   hiddenOn: Day(year: 2026, month: 10, day: 2))]
        }
        let now = build([1, 1, 2, 6, 10], answers: answers)
        var shell = PageShell.mock(text: text)
        shell.currentPath = "/staff/waves/w/meeting"
        var model = ReportPage.Model(shell: shell, waveID: text, schoolName: text, period: text, report: now, texts: texts(text),
                                     canModerate: true, previous: (text, build([0, 4, 6, 6, 4])))
        model.mirror = (text, MirrorRow.rows(parents: now, team: build([0, 0, 0, 2, 8])))
        model.schoolID = text
        return model
    }

    /// Parent pages with a recording of their texts (the addresses are `text` too).
    static func voiced(text: String) -> [(name: String, html: HTML)] {
        let links = [LanguageLink(language: .nl, href: text), LanguageLink(language: .ar, href: text)]
        var question = SurveyQuestionPage.Model(texts: texts(text), schoolName: text, number: 1, total: 23, itemID: "k1_greet", selected: nil,
                                                action: text)
        question.voice = .mock(text: text)
        var start = SurveyStartPage.Model(texts: texts(text), schoolName: text, languages: [(.nl, text)], chosen: true, action: text)
        start.voice = .mock(text: text)
        var rating = RatingPage.Model(texts: ratingTexts(text), schoolName: text, moment: MomentHeading(title: text, date: text), chips: .init(good: ["welcome"], better: []),
                                      languages: links, action: text, check: text)
        rating.voice = .mock(text: text)
        var card = CardPage.Model(texts: cardTexts(text), schoolName: text, moment: MomentHeading(title: text, date: text), languages: links, action: text)
        card.voice = .mock(text: text)
        var goodNews = GoodNewsPage.Model(texts: cardTexts(text), schoolName: text, teacher: text, sentence: .helpedFriend, languages: links,
                                          action: text, expiresOn: Day(year: 2026, month: 10, day: 2))
        goodNews.voice = Voice(["goodnews.title": text, "goodnews.sentence.helped_friend": text, "goodnews.reply.talk": text])
        return [
            ("survey-question-voice", SurveyQuestionPage.view(question)),
            ("survey-intro-voice", SurveyStartPage.view(start)),
            ("rating-voice", RatingPage.view(rating)),
            ("card-voice", CardPage.view(card)),
            ("goodnews-voice", GoodNewsPage.view(goodNews)),
        ]
    }

    /// Questionnaire texts in which every text is `text`.
    static func texts(_ text: String, language: LanguageCode = .nl) -> Questionnaire.Texts {
        let questionnaire = Questionnaire(id: "q", audience: .parents, items: [.init(id: "k1_greet", key: 1)],
                                          openQuestions: ["well", "help"], texts: [:])
        return Questionnaire.Texts(language: language, status: .draft,
                                   entries: Dictionary(uniqueKeysWithValues: questionnaire.expectedTextKeys.map { ($0, text) }))
    }

    /// Rating texts in which every text is `text`.
    static func ratingTexts(_ text: String, language: LanguageCode = .nl) -> Questionnaire.Texts {
        let chips = [MomentKind.oudercontact: RatingCatalog.Chips(good: ["welcome"], better: ["interpreter"])]
        return Questionnaire.Texts(language: language, status: .draft,
                                   entries: Dictionary(uniqueKeysWithValues: RatingCatalog.expectedTextKeys(chips: chips).map { ($0, text) }))
    }

    static func cardTexts(_ text: String) -> Questionnaire.Texts {
        Questionnaire.Texts(language: .nl, status: .draft, entries: Dictionary(uniqueKeysWithValues: CardCatalog.expectedTextKeys.map { ($0, text) }))
    }

    static func shell(_ text: String) -> PageShell { PageShell.mock(text: text) }

    static func goodNewsCard(_ text: String) -> GoodNewsPrintPage.Card {
        var texts = cardTexts(text)
        texts = Questionnaire.Texts(language: .ar, status: .draft, entries: texts.entries)
        return GoodNewsPrintPage.Card(seat: 3, texts: texts, sentence: .kind, staffSentence: text, link: text, qr: QRMatrix(size: 1, modules: [true]),
                                      expiresOn: Day(year: 2026, month: 10, day: 2))
    }

    static func rating(text: String) -> [(name: String, html: HTML)] {
        let t = ratingTexts(text)
        let heading = MomentHeading(title: text, date: text, reply: text)
        let chips = RatingCatalog.Chips(good: ["welcome"], better: ["interpreter"])
        let links = [LanguageLink(language: .nl, href: text), LanguageLink(language: .ar, href: text)]
        return [
            ("rating", RatingPage.view(.init(texts: t, schoolName: text, moment: heading, chips: chips, languages: links, action: text,
                                             check: text, face: 3, chosen: ["welcome"], text: text, already: true, error: "rating.error.face"))),
            ("rating-message", RatingMessagePage.view(.init(texts: t, schoolName: text, titleKey: "rating.closed.title",
                                                            textKey: "rating.closed.text", values: ["date": text], moment: heading,
                                                            languages: links, link: .init(textKey: "rating.change", href: text)))),
            ("moment-cards", MomentPrintPage.view(.init(schoolName: text, moment: heading, link: text, qr: QRMatrix(size: 1, modules: [true]),
                                                        texts: [t], staffLanguage: .nl, printHint: text, poster: false))),
            ("card", CardPage.view(.init(texts: cardTexts(text), schoolName: text, moment: heading, languages: links, action: text,
                                         answers: CardAnswers(texts: ["loves": text], chips: ["interpreter"]), typed: ["ask": text], already: true,
                                         error: "card.error.value"))),
            ("talk-cards", TalkCardsPage.view(.init(shell: shell(text), momentID: text, momentTitle: text, when: text, labels: cardTexts(text),
                                                    cards: [.init(slot: 1, language: .ar, answers: CardAnswers(texts: ["loves": text],
                                                                                                               chips: ["interpreter"]))],
                                                    unfilled: 2, deletedOn: Day(year: 2026, month: 10, day: 7), notice: text))),
            ("goodnews", GoodNewsPage.view(.init(texts: cardTexts(text), schoolName: text, teacher: text, sentence: .brave, languages: links,
                                                 action: text, expiresOn: Day(year: 2026, month: 10, day: 2), answered: .call, typed: text,
                                                 error: "goodnews.error.value"))),
            ("goodnews-message", GoodNewsMessagePage.view(.init(texts: cardTexts(text), schoolName: text, titleKey: "goodnews.saved.title",
                                                                textKeys: ["goodnews.saved.text", "goodnews.saved.contact"], languages: links))),
            ("goodnews-order", GoodNewsOrderPage.view(.mock(text: text))),
            ("results-for-parents", ResultsForParentsPage.view(.mock(text: text))),
            ("results-message", ResultsMessagePage.view(.mock(text: text))),
            ("results-edit", ResultsEditPage.view(.mock(text: text))),
            ("results-poster", ResultsPosterPage.view(.mock(text: text))),
            ("goodnews-sheet", GoodNewsPrintPage.view(.init(cards: [goodNewsCard(text)], teacher: text, format: .sheet, staffLanguage: .nl, title: text,
                                                            hint: text, seatLabels: [3: text], tools: .init(back: text, backLabel: text, printLabel: text)))),
            ("goodnews-phone", GoodNewsPrintPage.view(.init(cards: [goodNewsCard(text)], teacher: text, format: .phone, staffLanguage: .nl, title: text,
                                                            hint: text, seatLabels: [3: text], tools: nil))),
            ("card-slips", CardSlipsPage.view(.init(schoolName: text, moment: heading, slips: [.init(slot: 1, link: text, qr: QRMatrix(size: 1, modules: [true]))],
                                                    texts: [cardTexts(text)], staffLanguage: .nl, printHint: text))),
            ("moment-poster", MomentPrintPage.view(.init(schoolName: text, moment: heading, link: text, qr: QRMatrix(size: 1, modules: [true]),
                                                         texts: [t], staffLanguage: .nl, printHint: text, poster: true))),
        ]
    }

    static func survey(text: String) -> [(name: String, html: HTML)] {
        let t = texts(text)
        let languages: [(LanguageCode, String)] = [(.nl, text), (.ar, text)]
        var shell = PageShell.mock
        shell.csrfToken = text
        shell.person?.name = text
        return [
            ("survey-languages", SurveyStartPage.view(.init(texts: t, schoolName: text, languages: languages, chosen: false, action: text))),
            ("survey-intro", SurveyStartPage.view(.init(texts: t, schoolName: text, languages: languages, chosen: true, action: text))),
            ("survey-question", SurveyQuestionPage.view(.init(texts: t, schoolName: text, number: 1, total: 23, itemID: "k1_greet",
                                                              selected: 3, action: text, error: "survey.error.value"))),
            ("survey-open", SurveyOpenPage.view(.init(texts: t, schoolName: text, number: 22, total: 23, questions: ["well", "help"],
                                                      values: ["well": text], action: text, error: nil))),
            ("survey-review", SurveyReviewPage.view(.init(texts: t, schoolName: text, number: 23, total: 23, unanswered: 2,
                                                          action: text, backAction: text))),
            ("survey-message", SurveyMessagePage.view(.init(texts: t, schoolName: text, titleKey: "survey.thanks.title",
                                                            textKey: "survey.thanks.text"))),
            ("kiosk-welcome", KioskPage.view(.mock(text: text))),
            ("kiosk-thanks", KioskPage.view(.mock(text: text, content: .thanks))),
            ("code-entry", CodeEntryPage.view(.init(texts: t, languages: languages, code: text, error: "survey.code.used"))),
            ("poster", WavePosterPage.view({
                var model = WavePosterPage.Model(schoolName: text, link: text, qr: QRMatrix(size: 1, modules: [true]), texts: [t],
                                                 staffLanguage: .nl, printHint: text)
                model.tools = .init(back: text, backLabel: text, printLabel: text)
                return model
            }())),
            ("slips", CodeSlipsPage.view({
                var model = CodeSlipsPage.Model(schoolName: text, entryLink: text, slips: [.init(code: "ABCDEFGH", qr: nil)], texts: [t],
                                                staffLanguage: .nl, printHint: text)
                model.tools = .init(back: text, backLabel: text, printLabel: text)
                model.heading = text
                return model
            }())),
            ("paper", PaperFormPage.view({
                var model = PaperFormPage.Model(texts: t, schoolName: text, items: ["k1_greet"], openQuestions: ["well"])
                model.tools = .init(back: text, backLabel: text, printLabel: text)
                return model
            }())),
            ("paper-entry", PaperEntryPage.view(.init(shell: shell, waveID: text, schoolName: text, texts: t, items: ["k1_greet"],
                                                      openQuestions: ["well"], languages: [.nl, .ar], language: text,
                                                      answers: ["k1_greet": 2], openTexts: ["well": text], error: "paper.error.values", saved: 3))),
            ("paper-closed", PaperClosedPage.view(.mock(text: text))),
            ("survey-review-refused", SurveyReviewPage.view({
                var model = SurveyReviewPage.Model(texts: t, schoolName: text, number: 23, total: 23, unanswered: 0, action: text, backAction: text)
                model.error = "survey.busy.send"
                return model
            }())),
        ]
    }
}
