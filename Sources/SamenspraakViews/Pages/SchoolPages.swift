import Plot
import SamenspraakCore

/// A language a school may offer parents, and whether its texts are the source, reviewed or a draft.
public struct LanguageOffer: Equatable, Sendable {
    public var code: LanguageCode
    public var status: Questionnaire.TranslationStatus?
    /// Heard, not read: it can be offered once the school recorded every text in it.
    public var spokenOnly: Bool
    public init(code: LanguageCode, status: Questionnaire.TranslationStatus?, spokenOnly: Bool = false) {
        self.code = code
        self.status = status
        self.spokenOnly = spokenOnly
    }
}

public enum SchoolFormPage {
    public enum Mode: Equatable, Sendable {
        case create(trajectoryID: String)
        case edit(schoolID: String)
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var mode: Mode
        public var trajectoryName: String
        public var draft: SchoolDraft
        public var errors: FieldErrors
        /// The languages a school can offer parents, each with how far its translation is (`nil`: not said).
        public var offered: [LanguageOffer]

        public init(shell: PageShell, mode: Mode, trajectoryName: String, draft: SchoolDraft = SchoolDraft(), errors: FieldErrors = [:],
                    offered: [LanguageOffer] = LanguageCode.allCases.map { LanguageOffer(code: $0, status: nil) }) {
            self.offered = offered
            self.shell = shell
            self.mode = mode
            self.trajectoryName = trajectoryName
            self.draft = draft
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, mode: .edit(schoolID: text), trajectoryName: text,
                         draft: SchoolDraft(name: text, levels: [text], families: text, languages: [text]),
                         errors: ["name": text, "families": text, "levels": text, "languages": text],
                         offered: [LanguageOffer(code: .nl, status: .source), LanguageOffer(code: .ar, status: .draft)])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let (title, action, cancel): (String, String, String) = switch model.mode {
        case let .create(trajectoryID):
            (t("school.new.title"), SiteRoute.schools(trajectoryID: TrajectoryID(trajectoryID)).path, SiteRoute.trajectory(id: TrajectoryID(trajectoryID)).path)
        case let .edit(schoolID):
            (t("school.edit.title"), SiteRoute.school(id: SchoolID(schoolID)).path, SiteRoute.school(id: SchoolID(schoolID)).path)
        }
        return Layout.document(model.shell, title: title, main: .div(
            .class("narrow"),
            .h1(.plainText(title)),
            .p(.class("muted"), .plainText(model.trajectoryName)),
            Forms.errorSummary(model.errors, order: ["name", "levels", "families", "languages"], t: t),
            .form(
                .method(.post), .attr("action", action), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "name", label: t("field.school_name"), value: model.draft.name,
                                      error: model.errors["name"], autocomplete: "organization"), t: t),
                    Forms.choices(name: "levels", legend: t("field.levels"), type: "checkbox",
                                  options: SchoolLevel.allCases.map { .init(value: $0.rawValue, label: t("level.\($0.rawValue)")) },
                                  selected: model.draft.levels, error: model.errors["levels"], t: t),
                    Forms.field(.init(name: "families", label: t("field.families"), value: model.draft.families,
                                      type: "number", error: model.errors["families"], hint: t("field.families_hint"),
                                      required: false, extra: [("min", "1"), ("max", String(SchoolDraft.maximumFamilies)),
                                                               ("inputmode", "numeric")]), t: t),
                    Forms.choices(name: "languages", legend: t("field.languages"), type: "checkbox",
                                  options: model.offered.map { offer in
                                      .init(value: offer.code.rawValue, label: offer.code.endonym, lang: offer.code.rawValue,
                                            note: offer.spokenOnly ? t("language.status.spoken", ["name": t("language.name.\(offer.code.rawValue)")])
                                                : offer.status.map { t("language.status.\($0.rawValue)") })
                                  },
                                  selected: model.draft.languages, error: model.errors["languages"],
                                  hint: t("field.languages_hint"), t: t),
                    Forms.choices(name: "share_name", legend: t("field.share_name"), type: "checkbox",
                                  options: [.init(value: "1", label: t("field.share_name_yes"))],
                                  selected: model.draft.shareName ? ["1"] : [], error: nil, hint: t("field.share_name_hint"), t: t),
                    .div(.class("actions"),
                         .button(.type(.submit), .class("primary"), .plainText(t("school.save"))),
                         .a(.attr("href", cancel), .plainText(t("form.cancel"))))
                )
            )
        ))
    }
}

public enum SchoolShowPage {
    public struct Detail: Equatable, Sendable {
        public var summary: SchoolSummary
        public var trajectoryID: String
        public var trajectoryName: String
        public init(summary: SchoolSummary, trajectoryID: String, trajectoryName: String) {
            self.summary = summary
            self.trajectoryID = trajectoryID
            self.trajectoryName = trajectoryName
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var school: Detail
        public var canEdit: Bool
        public var canManageStaff: Bool
        public var canSeeTrajectory: Bool
        public var notice: String?
        public var waves: [WaveSummary]
        public var canOpenWave: Bool
        public var canSeeWaves: Bool
        public var today: Day
        /// No active lead yet: inviting one is the first step, ahead of opening a survey.
        public var needsLead = false
        /// The lead or a team member: may record the parent texts.
        public var canRecord = false
        /// The catalog key of the link to the welcome rounds (a teacher's own class, or the school's), or nil.
        public var welcomeLink: String?

        public init(shell: PageShell, school: Detail, canEdit: Bool, canManageStaff: Bool, canSeeTrajectory: Bool,
                    notice: String? = nil, waves: [WaveSummary] = [], canOpenWave: Bool = false, canSeeWaves: Bool = false,
                    today: Day = Day(year: 2026, month: 9, day: 1)) {
            self.waves = waves
            self.canOpenWave = canOpenWave
            self.canSeeWaves = canSeeWaves
            self.today = today
            self.shell = shell
            self.school = school
            self.canEdit = canEdit
            self.canManageStaff = canManageStaff
            self.canSeeTrajectory = canSeeTrajectory
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            var model = Model(shell: shell, school: Detail(summary: .mock(text: text), trajectoryID: text, trajectoryName: text),
                         canEdit: true, canManageStaff: true, canSeeTrajectory: true, notice: "school.saved",
                         waves: [WaveSummary(id: text, opens: Day(year: 2026, month: 9, day: 8), closes: Day(year: 2026, month: 9, day: 29),
                                             questionnaire: text, responses: 3, families: 120)],
                         canOpenWave: true, canSeeWaves: true)
            model.canRecord = true
            return model
        }
    }

    static func levelsText(_ levels: [SchoolLevel], _ t: Localizer) -> String {
        levels.map { t("level.\($0.rawValue)") }.joined(separator: ", ")
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let school = model.school.summary
        return Layout.document(model.shell, title: school.name, main: .div(
            .h1(.plainText(school.name)),
            .p(.class("lead"),
               model.canSeeTrajectory
                ? .a(.attr("href", SiteRoute.trajectory(id: TrajectoryID(model.school.trajectoryID)).path), .plainText(model.school.trajectoryName))
                : .plainText(model.school.trajectoryName)),
            Forms.notice(model.notice, t: t, kind: "success"),
            .if(model.needsLead && model.canManageStaff, .section(
                .class("notice info"), .id("first-step"),
                .attr("aria-labelledby", "first-step-title"),
                .h2(.id("first-step-title"), .plainText(t("school.no_lead.title"))),
                .p(.plainText(t("school.no_lead.text"))),
                .p(.a(.class("button"), .attr("href", SiteRoute.schoolStaff(id: SchoolID(school.id)).path), .plainText(t("school.no_lead.invite"))))
            )),
            .dl(
                .class("facts"),
                .dt(.plainText(t("field.levels"))), .dd(.plainText(levelsText(school.levels, t))),
                .dt(.plainText(t("field.families"))), .dd(.plainText(school.families.map(String.init) ?? t("schools.families_unknown"))),
                .dt(.plainText(t("field.languages"))),
                .dd(.ul(.class("inline-list"), .forEach(school.languages) { language in
                    .li(.attr("lang", language.rawValue), .plainText(language.endonym))
                }))
            ),
            .ul(
                .class("actions-list"),
                .if(model.canEdit, .li(.a(.attr("href", SiteRoute.editSchool(id: SchoolID(school.id)).path), .plainText(t("school.edit.link"))))),
                .if(model.canManageStaff, .li(.a(.attr("href", SiteRoute.schoolStaff(id: SchoolID(school.id)).path), .plainText(t("staff.link"))))),
                .if(model.canOpenWave, .li(.a(.attr("href", SiteRoute.schoolComparison(schoolID: SchoolID(school.id)).path), .plainText(t("compare.school_link"))))),
                .unwrap(model.welcomeLink) { key in .li(.a(.attr("href", SiteRoute.welcomeRounds(schoolID: SchoolID(school.id)).path), .plainText(t(key)))) },
                .if(model.canSeeWaves, .li(.a(.attr("href", SiteRoute.moments(schoolID: SchoolID(school.id)).path), .plainText(t("school.moments_link"))))),
                .if(model.canSeeWaves, .li(.a(.attr("href", SiteRoute.plan(schoolID: SchoolID(school.id)).path), .plainText(t("school.plan_link"))))),
                .if(model.canSeeWaves, .li(.a(.attr("href", SiteRoute.schoolStories(schoolID: SchoolID(school.id)).path), .plainText(t("school.stories_link"))))),
                .if(model.canRecord, .li(.a(.attr("href", SiteRoute.voice(schoolID: SchoolID(school.id)).path), .plainText(t("voice.link"))))),
                .if(model.canSeeWaves, .li(.a(.attr("href", SiteRoute.events.path), .plainText(t("school.events_link")))))
            ),
            .if(model.canSeeWaves, .section(
                .attr("aria-labelledby", "waves-title"),
                .h2(.id("waves-title"), .plainText(t("waves.title"))),
                model.waves.isEmpty ? .p(.plainText(t("waves.empty"))) : .ul(.class("cards"), .forEach(model.waves) { wave in
                    .li(.h3(.a(.attr("href", SiteRoute.wave(id: WaveID(wave.id)).path), .plainText(Dates.period(wave.opens, wave.closes, t)))),
                        .p(.plainText(t("wave.status.\(wave.status(on: model.today).rawValue)") + " · "
                                 + t("waves.response_count", ["count": String(wave.responses)]))))
                }),
                .if(model.canOpenWave, .p(.a(.attr("class", model.needsLead && model.canManageStaff ? "" : "button"), .attr("href", SiteRoute.newWave(schoolID: SchoolID(school.id)).path), .plainText(t("waves.new")))))
            )),
            // Only while nothing has been started: once a survey exists the page itself shows what comes next.
            .if(model.waves.isEmpty, .p(.class("muted"), .plainText(t("school.next_steps"))))
        ))
    }
}
