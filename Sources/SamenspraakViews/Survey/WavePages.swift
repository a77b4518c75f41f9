import Plot
import SamenspraakCore

/// A wave as staff see it in lists and on its page.
public struct WaveSummary: Equatable, Sendable {
    public var id: String
    public var opens: Day
    public var closes: Day
    public var questionnaire: String
    public var responses: Int
    public var families: Int?
    public init(id: String, opens: Day, closes: Day, questionnaire: String, responses: Int, families: Int?) {
        self.id = id
        self.opens = opens
        self.closes = closes
        self.questionnaire = questionnaire
        self.responses = responses
        self.families = families
    }

    public func status(on today: Day) -> Phase.Status {
        today < opens ? .later : (today > closes ? .done : .now)
    }
}

public enum WaveFormPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var questionnaire: String
        public var opensOn: String
        public var closesOn: String
        public var families: String
        public var errors: FieldErrors
        /// The questionnaires a wave can be of: the parents' and the team's.
        public var choices: [String] = ["parents-v1", "team-v1"]
        public init(shell: PageShell, schoolID: String, schoolName: String, questionnaire: String, opensOn: String, closesOn: String,
                    families: String, errors: FieldErrors = [:]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.questionnaire = questionnaire
            self.opensOn = opensOn
            self.closesOn = closesOn
            self.families = families
            self.errors = errors
        }
        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            return Model(shell: shell, schoolID: text, schoolName: text, questionnaire: text, opensOn: text, closesOn: text,
                         families: text, errors: ["opens_on": text, "families": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("wave.new.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("wave.new.title"))),
            .p(.class("muted"), .plainText(model.schoolName)),
            .p(.plainText(t("wave.new.intro"))),
            Forms.errorSummary(model.errors, order: ["questionnaire", "opens_on", "closes_on", "families"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.waves(schoolID: SchoolID(model.schoolID)).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.choices(name: "questionnaire", legend: t("field.questionnaire"), type: "radio",
                                  options: model.choices.map { .init(value: $0, label: t("questionnaire.\($0)")) },
                                  selected: [model.questionnaire], error: model.errors["questionnaire"], t: t),
                    Forms.field(.init(name: "opens_on", label: t("field.opens_on"), value: model.opensOn, type: "date",
                                      error: model.errors["opens_on"], hint: t("field.date_hint")), t: t),
                    Forms.field(.init(name: "closes_on", label: t("field.closes_on"), value: model.closesOn, type: "date",
                                      error: model.errors["closes_on"], hint: t("field.date_hint")), t: t),
                    Forms.field(.init(name: "families", label: t("field.families"), value: model.families, type: "number",
                                      error: model.errors["families"], hint: t("field.families_hint"), required: false,
                                      extra: [("min", "1"), ("max", String(SchoolDraft.maximumFamilies)), ("inputmode", "numeric")]), t: t),
                    Forms.submit(t("wave.new.submit"))
                )
            )
        ))
    }
}

public enum WaveShowPage {
    public struct VoiceLine: Equatable, Sendable {
        public var language: LanguageCode
        public var recorded: Int
        public var total: Int
        /// The Dutch texts of the script that have no recording in this language, in script order.
        public var missing: [String]
        public init(language: LanguageCode, recorded: Int, total: Int, missing: [String]) {
            self.language = language
            self.recorded = recorded
            self.total = total
            self.missing = missing
        }
    }

    public struct LanguageLine: Equatable, Sendable {
        public var language: LanguageCode
        public var status: Questionnaire.TranslationStatus
        public init(language: LanguageCode, status: Questionnaire.TranslationStatus) {
            self.language = language
            self.status = status
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var wave: WaveSummary
        public var today: Day
        public var openLink: String
        public var qr: QRMatrix?
        public var languages: [LanguageLine]
        public var canManage: Bool
        public var canSeeReport: Bool = false
        /// A team wave: no families, no paper or tablet help for parents.
        public var isTeam: Bool = false
        public var suggestedSlips: Int
        public var notice: String?
        public var errors: FieldErrors
        /// Refused sends and paper forms typed in per staff member.
        public var intake: WaveIntake?
        /// The last day paper forms can be typed in.
        public var paperLastDay: Day?
        /// Code slips made so far for this wave, and the day of the latest batch, so nobody makes a second by mistake.
        public var slipsMade: Int = 0
        public var slipsMadeOn: Day?
        /// Per offered language, how many of the parent texts the school has recorded and which are missing.
        public var voice: [VoiceLine] = []
        /// The lead or a team member: may record, so the page links to the recordings.
        public var canRecord = false

        public init(shell: PageShell, schoolID: String, schoolName: String, wave: WaveSummary, today: Day, openLink: String,
                    qr: QRMatrix?, languages: [LanguageLine], canManage: Bool, suggestedSlips: Int, notice: String? = nil,
                    errors: FieldErrors = [:]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.wave = wave
            self.today = today
            self.openLink = openLink
            self.qr = qr
            self.languages = languages
            self.canManage = canManage
            self.suggestedSlips = suggestedSlips
            self.notice = notice
            self.errors = errors
        }

        public static func mock(text: String) -> Model {
            let shell = PageShell.mock(text: text)
            var model = Model(shell: shell, schoolID: text, schoolName: text,
                         wave: WaveSummary(id: text, opens: Day(year: 2026, month: 9, day: 8), closes: Day(year: 2026, month: 9, day: 29),
                                           questionnaire: text, responses: 12, families: 120),
                         today: Day(year: 2026, month: 9, day: 10), openLink: text, qr: QRMatrix(size: 1, modules: [true]),
                         languages: [.init(language: .nl, status: .source), .init(language: .ar, status: .draft)],
                         canManage: true, suggestedSlips: 120, notice: "wave.saved", errors: ["count": text])
            model.intake = .mock(text: text)
            model.paperLastDay = Day(year: 2026, month: 10, day: 13)
            model.slipsMade = 120
            model.slipsMadeOn = Day(year: 2026, month: 9, day: 9)
            model.voice = [VoiceLine(language: .ar, recorded: 40, total: 61, missing: [text])]
            model.canRecord = true
            return model
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let wave = model.wave
        let status = wave.status(on: model.today)
        let title = t(model.isTeam ? "wave.title_team" : "wave.title")
        return Layout.document(model.shell, title: title, main: .div(
            .h1(.plainText(title)),
            .p(.class("lead"), .a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .dl(.class("facts"),
                .dt(.plainText(t("wave.period"))), .dd(.plainText(Dates.period(wave.opens, wave.closes, t))),
                .dt(.plainText(t("wave.status"))), .dd(.plainText(t("wave.status.\(status.rawValue)"))),
                .dt(.plainText(t("wave.questionnaire"))), .dd(.plainText(t("questionnaire.\(wave.questionnaire)"))),
                .dt(.plainText(t("wave.responses"))),
                .dd(.plainText(wave.families.flatMap { model.isTeam ? nil : t("wave.responses_of", ["count": String(wave.responses), "families": String($0)]) }
                          ?? String(wave.responses)))),
            IntakeNotes.list(model.intake, t: t),
            .if(model.canSeeReport, .p(.a(.class("button"), .attr("href", SiteRoute.report(waveID: WaveID(wave.id)).path), .plainText(t("report.link"))))),
            .section(
                .attr("aria-labelledby", "link-title"),
                .h2(.id("link-title"), .plainText(t("wave.link.title"))),
                .p(.plainText(t(model.isTeam ? "wave.link.intro_team" : "wave.link.intro"))),
                .p(.class("secret"), .a(.id("open-link"), .attr("href", model.openLink), .plainText(model.openLink))),
                .unwrap(model.qr) { QRImage.svg($0, label: t("wave.qr_label"), size: 160) },
                .p(.a(.attr("href", SiteRoute.wavePoster(id: WaveID(wave.id)).path), .plainText(t("wave.poster.link"))))
            ),
            .if(model.canManage, .section(
                .attr("aria-labelledby", "codes-title"),
                .h2(.id("codes-title"), .plainText(t("wave.codes.title"))),
                .p(.plainText(t("wave.codes.intro"))),
                .if(model.slipsMade > 0, .p(.class("notice"), .attr("role", "status"), .plainText(
                    model.slipsMadeOn.map { t("wave.codes.made", ["count": String(model.slipsMade), "date": Dates.long($0, t)]) }
                        ?? t("wave.codes.made_undated", ["count": String(model.slipsMade)])))),
                .form(
                    .method(.post), .attr("action", SiteRoute.waveCodes(id: WaveID(wave.id)).path), .attr("novalidate", "novalidate"),
                    Forms.csrf(model.shell.csrfToken),
                    .div(
                        Forms.field(.init(name: "count", label: t("field.slip_count"), value: String(model.suggestedSlips), type: "number",
                                          error: model.errors["count"], hint: t("field.slip_count_hint"),
                                          extra: [("min", "1"), ("max", "2000"), ("inputmode", "numeric")]), t: t),
                        Forms.submit(t("wave.codes.submit"))
                    )
                )
            )),
            .if(!model.isTeam, .section(
                .attr("aria-labelledby", "paper-title"),
                .h2(.id("paper-title"), .plainText(t("wave.paper.title"))),
                .p(.plainText(t("wave.paper.intro"))),
                .ul(.class("inline-list"), .forEach(model.languages) { line in
                    .li(.a(.attr("href", SiteRoute.wavePaper(id: WaveID(wave.id)).with(query: "lang", line.language.rawValue)),
                           .attr("lang", line.language.rawValue), .plainText(line.language.endonym)),
                        .if(line.status == .draft, .span(.class("badge"), .plainText(" " + t("wave.translation_draft")))))
                }),
                paperEntry(model)
            )),
            voiceSection(model),
            .if(!model.isTeam, .section(
                .attr("aria-labelledby", "assisted-title"),
                .h2(.id("assisted-title"), .plainText(t("wave.assisted.title"))),
                .p(.plainText(t("wave.assisted.intro"))),
                .form(.method(.post), .attr("action", SiteRoute.waveAssisted(id: WaveID(wave.id)).path),
                      Forms.csrf(model.shell.csrfToken),
                      .button(.type(.submit), .plainText(t("wave.assisted.submit"))))
            ))
        ))
    }
}

extension WaveShowPage {
    /// What the school has recorded in each language it offers, so it knows what to record before the survey opens.
    static func voiceSection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        guard !model.isTeam, !model.voice.isEmpty else { return .empty }
        return .section(
            .attr("aria-labelledby", "voice-title"),
            .h2(.id("voice-title"), .plainText(t("wave.voice.title"))),
            .p(.plainText(t("wave.voice.intro"))),
            .ul(.forEach(model.voice) { line in
                .li(.span(.attr("lang", line.language.rawValue), .plainText(line.language.endonym)), .plainText(": "),
                    .if(model.canRecord,
                        .a(.attr("href", SiteRoute.voiceLanguage(schoolID: SchoolID(model.schoolID), language: LanguageSegment(line.language.rawValue)).path),
                           .plainText(t("wave.voice.count", ["recorded": String(line.recorded), "total": String(line.total)]))),
                        else: .plainText(t("wave.voice.count", ["recorded": String(line.recorded), "total": String(line.total)]))),
                    .if(!line.missing.isEmpty, .element(named: "details", nodes: [
                        .element(named: "summary", nodes: [.plainText(t("wave.voice.missing", ["count": String(line.missing.count)]))]),
                        .ul(.forEach(line.missing) { .li(.attr("lang", "nl"), .plainText($0)) }),
                    ])))
            })
        )
    }

    /// The way to type in paper forms while that is allowed, and until when; afterwards, since when it is not.
    static func paperEntry(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        guard let last = model.paperLastDay else {
            return .p(.a(.class("button"), .attr("href", SiteRoute.wavePaperEntry(id: WaveID(model.wave.id)).path), .plainText(t("wave.paper.entry"))))
        }
        guard model.today <= last else { return .p(.class("muted"), .plainText(t("wave.paper.ended", ["date": Dates.long(last, t)]))) }
        return .group(
            .p(.a(.class("button"), .attr("href", SiteRoute.wavePaperEntry(id: WaveID(model.wave.id)).path), .plainText(t("wave.paper.entry")))),
            .p(.class("muted"), .plainText(t("wave.paper.until", ["date": Dates.long(last, t)])))
        )
    }
}

/// An inline SVG QR code with a text alternative.
public enum QRImage {
    public static func svg<C: HTML.BodyContext>(_ matrix: QRMatrix, label: String, size: Int) -> Node<C> {
        .element(named: "svg", nodes: [
            .attr("class", "qr"), .attr("viewBox", "0 0 \(matrix.extent) \(matrix.extent)"),
            .attr("width", String(size)), .attr("height", String(size)), .attr("role", "img"), .attr("aria-label", label),
            .attr("shape-rendering", "crispEdges"),
            .element(named: "rect", nodes: [.attr("width", "100%"), .attr("height", "100%"), .attr("fill", "#fff")]),
            .element(named: "path", nodes: [.attr("d", matrix.svgPath), .attr("fill", "#000")]),
        ])
    }
}
