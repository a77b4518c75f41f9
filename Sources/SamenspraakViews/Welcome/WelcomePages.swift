import Foundation
import Plot
import SamenspraakCore

/// A school's welcome rounds: the teacher's own classes (with a form to open one), or for the lead and the
/// coordinator the classes without their seats.
public enum WelcomeListPage {
    public struct Round: Equatable, Sendable {
        public var id: String
        public var className: String
        public var families: Int
        public var year: String
        public var warmFamilies: Int
        /// The teacher's own round: its seats can be opened.
        public var isOwn: Bool
        public init(id: String, className: String, families: Int, year: String, warmFamilies: Int, isOwn: Bool) {
            self.id = id
            self.className = className
            self.families = families
            self.year = year
            self.warmFamilies = warmFamilies
            self.isOwn = isOwn
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var rounds: [Round]
        public var canCreate: Bool
        public var canSeeFigures: Bool
        public var year: String
        /// The day everything of this school year's rounds is deleted.
        public var deletedOn: Day
        public var draft: WelcomeRoundDraft
        public var errors: FieldErrors
        public var notice: String?

        public init(shell: PageShell, schoolID: String, schoolName: String, rounds: [Round], canCreate: Bool, canSeeFigures: Bool,
                    year: String, deletedOn: Day, draft: WelcomeRoundDraft = .init(), errors: FieldErrors = [:], notice: String? = nil) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.rounds = rounds
            self.canCreate = canCreate
            self.canSeeFigures = canSeeFigures
            self.year = year
            self.deletedOn = deletedOn
            self.draft = draft
            self.errors = errors
            self.notice = notice
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolID: text, schoolName: text,
                  rounds: [Round(id: text, className: text, families: 22, year: text, warmFamilies: 3, isOwn: true),
                           Round(id: text, className: text, families: 20, year: text, warmFamilies: 0, isOwn: false)],
                  canCreate: true, canSeeFigures: true, year: text, deletedOn: Day(year: 2027, month: 9, day: 1),
                  draft: WelcomeRoundDraft(className: text, families: text), errors: ["class_name": text], notice: text)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let school = SchoolID(model.schoolID)
        return Layout.document(model.shell, title: t("welcome.title"), main: .div(
            .class("narrow"),
            .h1(.plainText(t("welcome.title"))),
            .p(.class("muted"), .a(.attr("href", SiteRoute.school(id: school).path), .plainText(model.schoolName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.plainText(t("welcome.intro"))),
            .p(.class("muted"), .plainText(t("welcome.privacy", ["day": Dates.long(model.deletedOn, t)]))),
            .if(model.canSeeFigures, .p(.a(.attr("href", SiteRoute.welcomeFigures(schoolID: school).path), .plainText(t("welcome.figures_link"))))),
            .section(
                .attr("aria-labelledby", "rounds-title"),
                .h2(.id("rounds-title"), .plainText(t(model.canCreate ? "welcome.own_rounds" : "welcome.rounds"))),
                model.rounds.isEmpty ? .p(.plainText(t("welcome.none"))) : .ul(.class("cards"), .forEach(model.rounds) { round in
                    .li(.h3(round.isOwn ? .a(.attr("href", SiteRoute.welcomeRound(id: WelcomeRoundID(round.id)).path), .plainText(round.className))
                                        : .plainText(round.className)),
                        .p(.plainText(round.year + " · " + t("welcome.reached", ["count": String(round.warmFamilies),
                                                                                 "total": String(round.families)]))))
                })
            ),
            .if(model.canCreate, .section(
                .attr("aria-labelledby", "new-round-title"),
                .h2(.id("new-round-title"), .plainText(t("welcome.new.title"))),
                .p(.plainText(t("welcome.new.intro"))),
                Forms.errorSummary(model.errors, order: ["class_name", "families"], t: t),
                .form(
                    .method(.post), .attr("action", SiteRoute.welcomeRounds(schoolID: school).path), .attr("novalidate", "novalidate"),
                    Forms.csrf(model.shell.csrfToken),
                    Forms.field(.init(name: "class_name", label: t("welcome.field.class_name"), value: model.draft.className,
                                      error: model.errors["class_name"], hint: t("welcome.field.class_name_hint"),
                                      extra: [("maxlength", String(WelcomeRoundDraft.maximumClassName))]), t: t),
                    Forms.field(.init(name: "families", label: t("welcome.field.families"), value: model.draft.families, type: "number",
                                      error: model.errors["families"], hint: t("welcome.field.families_hint"),
                                      extra: [("min", "1"), ("max", String(WelcomeRoundDraft.familyRange.upperBound)), ("inputmode", "numeric")]), t: t),
                    Forms.submit(t("welcome.new.submit"))
                )
            ))
        ))
    }
}

/// A teacher's round: the seats 1…N as a compact grid, each with ✓ (a warm contact) and ! (a concern).
public enum WelcomeRoundPage {
    /// A parent's answer to a good-news card, as its seat shows it: "seat 3: would like to talk".
    public struct CardAnswer: Equatable, Sendable {
        public var seat: Int
        public var reply: GoodNewsReply
        public var day: Day
        public init(seat: Int, reply: GoodNewsReply, day: Day) {
            self.seat = seat
            self.reply = reply
            self.day = day
        }
    }

    public struct Seat: Equatable, Sendable {
        public var number: Int
        public var warm: Bool
        public var concern: Bool
        public init(number: Int, warm: Bool, concern: Bool) {
            self.number = number
            self.warm = warm
            self.concern = concern
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var roundID: String
        public var schoolID: String
        public var className: String
        public var year: String
        public var deletedOn: Day
        public var seats: [Seat]
        public var figures: WelcomeFigures
        public var notice: String?
        /// A seat asked for that the class does not have.
        public var missingSeat: String?
        /// The newest answer to a good-news card per seat that has one, by seat.
        public var cardAnswers: [CardAnswer] = []

        public init(shell: PageShell, roundID: String, schoolID: String, className: String, year: String, deletedOn: Day, seats: [Seat],
                    figures: WelcomeFigures, notice: String? = nil, missingSeat: String? = nil) {
            self.shell = shell
            self.roundID = roundID
            self.schoolID = schoolID
            self.className = className
            self.year = year
            self.deletedOn = deletedOn
            self.seats = seats
            self.figures = figures
            self.notice = notice
            self.missingSeat = missingSeat
        }

        public static func mock(text: String) -> Model {
            var model = Model(shell: .mock(text: text), roundID: text, schoolID: text, className: text, year: text,
                              deletedOn: Day(year: 2027, month: 9, day: 1),
                              seats: [Seat(number: 1, warm: true, concern: false), Seat(number: 2, warm: false, concern: true)],
                              figures: WelcomeFigures(families: 2, warmFamilies: 1, byLanguage: [.init(key: text, count: nil)],
                                                      weeks: [.init(starts: Day(year: 2026, month: 9, day: 1), warm: 1, concern: 1)]),
                              notice: text, missingSeat: text)
            model.cardAnswers = [CardAnswer(seat: 2, reply: .talk, day: Day(year: 2026, month: 9, day: 3))]
            return model
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let round = WelcomeRoundID(model.roundID)
        return Layout.document(model.shell, title: model.className, main: .div(
            .h1(.plainText(model.className)),
            .p(.class("muted"), .plainText(t("welcome.title") + " · " + model.year)),
            Forms.notice(model.notice, t: t, kind: "success"),
            .unwrap(model.missingSeat) { seat in
                .div(.class("notice error"), .attr("role", "alert"),
                     .p(.plainText(t("welcome.no_such_seat", ["seat": seat, "count": String(model.seats.count)]))))
            },
            .p(.plainText(t("welcome.grid_intro"))),
            .ul(.class("seats"), .attr("aria-label", t("welcome.seats")), .forEach(model.seats) { seat in
                let state = [seat.warm ? t("welcome.seat_warm") : nil, seat.concern ? t("welcome.seat_concern") : nil].compactMap { $0 }
                return .li(.a(
                    .attr("class", seat.warm ? "seat warm" : (seat.concern ? "seat concern" : "seat")),
                    .attr("href", SiteRoute.welcomeSeat(roundID: round, seat: SeatNumber(seat.number)).path),
                    .attr("aria-label", t("welcome.seat_label", ["seat": String(seat.number)]) + (state.isEmpty ? "" : ": " + state.joined(separator: ", "))),
                    .span(.class("number"), .plainText(String(seat.number))),
                    .span(.attr("aria-hidden", "true"), .plainText((seat.warm ? "✓" : "") + (seat.concern ? "!" : "")))
                ))
            }),
            .p(.a(.class("button"), .attr("href", SiteRoute.welcomeCards(roundID: round).path), .plainText(t("welcome.cards.make_link")))),
            .if(!model.cardAnswers.isEmpty, .section(
                .attr("aria-labelledby", "answers-title"),
                .h2(.id("answers-title"), .plainText(t("welcome.cards.answers"))),
                .ul(.forEach(model.cardAnswers) { answer in
                    .li(.a(.attr("href", SiteRoute.welcomeSeat(roundID: round, seat: SeatNumber(answer.seat)).path),
                           .plainText(t("welcome.seat_label", ["seat": String(answer.seat)]) + ": " + t(answer.reply.staffKey))),
                        .plainText(" · " + Dates.long(answer.day, t)))
                })
            )),
            .section(
                .attr("aria-labelledby", "figures-title"),
                .h2(.id("figures-title"), .plainText(t("welcome.figures_class"))),
                WelcomeFiguresView.all(model.figures, t)
            ),
            .p(.class("muted"), .plainText(t("welcome.privacy", ["day": Dates.long(model.deletedOn, t)]))),
            .p(.a(.attr("href", SiteRoute.welcomeRounds(schoolID: SchoolID(model.schoolID)).path), .plainText(t("welcome.back"))))
        ))
    }
}

/// One seat on a phone: what was recorded, and a short form for a warm or a concern contact.
public enum WelcomeSeatPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var roundID: String
        public var className: String
        public var seat: Int
        public var contacts: [WelcomeContact]
        public var draft: WelcomeContactDraft
        public var errors: FieldErrors
        public var notice: String?
        /// The seat has a concern and no warm contact yet: said kindly, with a good-news card suggested.
        public var noWarmYet: Bool
        /// The seat's good-news cards, newest first, with the parent's answer where there is one.
        public var cards: [GoodNewsCardState] = []
        public var today = Day(year: 2026, month: 1, day: 1)

        public init(shell: PageShell, roundID: String, className: String, seat: Int, contacts: [WelcomeContact], draft: WelcomeContactDraft,
                    errors: FieldErrors = [:], notice: String? = nil, noWarmYet: Bool = false) {
            self.shell = shell
            self.roundID = roundID
            self.className = className
            self.seat = seat
            self.contacts = contacts
            self.draft = draft
            self.errors = errors
            self.notice = notice
            self.noWarmYet = noWarmYet
        }

        public static func mock(text: String) -> Model {
            var model = Model(shell: .mock(text: text), roundID: text, className: text, seat: 3,
                  contacts: [WelcomeContact(seat: 3, kind: .warm, day: Day(year: 2026, month: 9, day: 2), how: .gate, language: text,
                                            withInterpreter: true),
                             WelcomeContact(seat: 3, kind: .concern, day: Day(year: 2026, month: 9, day: 3))],
                  draft: WelcomeContactDraft(kind: text, day: text, how: text, language: text, interpreter: text, first: text),
                  errors: ["day": text, "first": text], notice: text, noWarmYet: true)
            model.cards = [GoodNewsCardState(madeOn: Day(year: 2026, month: 9, day: 2), expiresOn: Day(year: 2026, month: 10, day: 2), language: .ar,
                                             sentence: .helpedFriend, answer: GoodNewsAnswer(reply: .call, text: text),
                                             answeredOn: Day(year: 2026, month: 9, day: 3)),
                           GoodNewsCardState(madeOn: Day(year: 2026, month: 9, day: 2), expiresOn: Day(year: 2026, month: 10, day: 2), language: .nl,
                                             sentence: .brave)]
            return model
        }
    }

    static func contactText(_ contact: WelcomeContact, _ t: Localizer) -> String {
        var parts = [Dates.long(contact.day, t), t("welcome.kind.\(contact.kind.rawValue)")]
        if let how = contact.how { parts.append(t(how.catalogKey)) }
        if let language = contact.language { parts.append(WelcomeFiguresView.languageName(language, t)) }
        if contact.withInterpreter == true { parts.append(t("welcome.with_interpreter")) }
        return parts.joined(separator: " · ")
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let draft = model.draft
        let askFirst = model.errors["first"] != nil || !draft.first.isEmpty
        let title = t("welcome.seat_label", ["seat": String(model.seat)])
        let cardLink = SiteRoute.welcomeCards(roundID: WelcomeRoundID(model.roundID)).with(query: "seat", String(model.seat))
        return Layout.document(model.shell, title: title + " · " + model.className, main: .div(
            .class("narrow seat-page"),
            .p(.a(.attr("href", SiteRoute.welcomeRound(id: WelcomeRoundID(model.roundID)).path), .plainText(t("welcome.back_grid", ["class": model.className])))),
            .h1(.plainText(title)),
            Forms.notice(model.notice, t: t, kind: "success"),
            .if(model.noWarmYet, .section(
                .class("notice info"), .attr("aria-labelledby", "no-warm-title"),
                .h2(.id("no-warm-title"), .plainText(t("welcome.no_warm_yet"))),
                .p(.plainText(t("welcome.suggest_card"))),
                .p(.a(.attr("href", cardLink), .plainText(t("welcome.cards.make_one"))))
            )),
            model.contacts.isEmpty ? .p(.class("muted"), .plainText(t("welcome.seat_empty")))
                : .ul(.class("contacts"), .forEach(model.contacts) { contact in .li(.plainText(contactText(contact, t))) }),
            Forms.errorSummary(model.errors, order: ["kind", "day", "first", "how", "language", "interpreter"], t: t),
            .form(
                .method(.post), .attr("action", SiteRoute.welcomeSeat(roundID: WelcomeRoundID(model.roundID), seat: SeatNumber(model.seat)).path),
                .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                Forms.choices(name: "kind", legend: t("welcome.field.kind"), type: "radio",
                              options: WelcomeContactKind.allCases.map { .init(value: $0.rawValue, label: t("welcome.kind_choice.\($0.rawValue)")) },
                              selected: [draft.kind], error: model.errors["kind"], t: t),
                Forms.field(.init(name: "day", label: t("welcome.field.day"), value: draft.day, type: "date", error: model.errors["day"],
                                  hint: t("field.date_hint")), t: t),
                .if(askFirst, Forms.choices(name: "first", legend: t("welcome.field.first"), type: "radio",
                                            options: WelcomeContactKind.allCases.map { .init(value: $0.rawValue, label: t("welcome.first.\($0.rawValue)")) },
                                            selected: [draft.first], error: model.errors["first"], t: t)),
                .fieldset(
                    .class("warm-only"),
                    .element(named: "legend", nodes: [.plainText(t("welcome.field.warm_only"))]),
                    Forms.choices(name: "how", legend: t("welcome.field.how"), type: "radio",
                                  options: WelcomeContactHow.allCases.map { .init(value: $0.rawValue, label: t($0.catalogKey)) },
                                  selected: [draft.how], error: model.errors["how"], t: t),
                    languageSelect(draft.language, error: model.errors["language"], t),
                    Forms.choices(name: "interpreter", legend: t("welcome.field.interpreter"), type: "radio",
                                  options: [.init(value: "no", label: t("welcome.no")), .init(value: "yes", label: t("welcome.yes"))],
                                  selected: [draft.interpreter], error: model.errors["interpreter"], t: t)
                ),
                Forms.submit(t("welcome.record"))
            ),
            .section(
                .attr("aria-labelledby", "cards-title"),
                .h2(.id("cards-title"), .plainText(t("welcome.cards.of_seat"))),
                model.cards.isEmpty ? .p(.class("muted"), .plainText(t("welcome.cards.none")))
                    : .ul(.class("contacts"), .forEach(model.cards) { card in .li(cardText(card, today: model.today, t)) }),
                .if(!model.noWarmYet, .p(.a(.attr("href", cardLink), .plainText(t("welcome.cards.make_one")))))
            ),
            .p(.class("muted"), .plainText(t("welcome.no_names")))
        ))
    }

    /// "Card of 3 December, in العربية: would like to talk (answered 4 December)", with the parent's sentence.
    static func cardText(_ card: GoodNewsCardState, today: Day, _ t: Localizer) -> Node<HTML.BodyContext> {
        let made = t("welcome.cards.card_of", ["day": Dates.long(card.madeOn, t), "language": card.language.endonym])
        guard let answer = card.answer, let answeredOn = card.answeredOn else {
            let state = GoodNewsCardRules.isOpen(expiresOn: card.expiresOn, today: today)
                ? t("welcome.cards.waiting", ["day": Dates.long(card.expiresOn, t)]) : t("welcome.cards.expired")
            return .group(.plainText(made + ": " + state))
        }
        return .group(
            .strong(.plainText(made + ": " + t(answer.reply.staffKey))),
            .plainText(" (" + t("welcome.cards.answered_on", ["day": Dates.long(answeredOn, t)]) + ")"),
            .unwrap(answer.text) { text in .blockquote(.attr("dir", "auto"), .plainText(text)) }
        )
    }

    static func languageSelect(_ selected: String, error: String?, _ t: Localizer) -> Node<HTML.FormContext> {
        .div(
            .attr("class", error == nil ? "field" : "field invalid"),
            .label(.attr("for", "language"), .plainText(t("welcome.field.language"))),
            .unwrap(error) { .p(.class("error"), .attr("id", "language-error"), .plainText(t($0))) },
            .select(
                .attr("id", "language"), .attr("name", "language"),
                .if(error != nil, .attr("aria-describedby", "language-error")),
                .element(named: "option", nodes: [.attr("value", ""), .plainText(t("welcome.choose"))]),
                .forEach(WelcomeLanguage.choices) { code in
                    .element(named: "option", nodes: [.attr("value", code), .flag("selected", code == selected),
                                                      .plainText(WelcomeFiguresView.languageName(code, t))])
                }
            )
        )
    }
}

/// A school's welcome figures for the lead and the coordinator: per class and for the whole school, never a seat.
public enum WelcomeFiguresPage {
    public struct ClassFigures: Equatable, Sendable {
        public var className: String
        public var figures: WelcomeFigures
        public init(className: String, figures: WelcomeFigures) {
            self.className = className
            self.figures = figures
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var year: String
        public var deletedOn: Day
        public var school: WelcomeFigures
        public var classes: [ClassFigures]

        public init(shell: PageShell, schoolID: String, schoolName: String, year: String, deletedOn: Day, school: WelcomeFigures,
                    classes: [ClassFigures]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.year = year
            self.deletedOn = deletedOn
            self.school = school
            self.classes = classes
        }

        public static func mock(text: String) -> Model {
            let figures = WelcomeFigures(families: 20, warmFamilies: 12, byKind: [.init(key: "gate", count: 7)],
                                         byLanguage: [.init(key: text, count: nil)], withInterpreter: .init(key: text, count: nil),
                                         weeks: [.init(starts: Day(year: 2026, month: 9, day: 1), warm: 4, concern: 1)])
            return Model(shell: .mock(text: text), schoolID: text, schoolName: text, year: text, deletedOn: Day(year: 2027, month: 9, day: 1),
                         school: figures, classes: [ClassFigures(className: text, figures: figures)])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("welcome.figures_title"), main: .div(
            .h1(.plainText(t("welcome.figures_title"))),
            .p(.class("muted"), .a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(model.schoolName)),
               .plainText(" · " + model.year)),
            .p(.plainText(t("welcome.figures_intro"))),
            .section(.attr("aria-labelledby", "school-title"),
                     .h2(.id("school-title"), .plainText(t("welcome.whole_school"))),
                     WelcomeFiguresView.all(model.school, t)),
            model.classes.isEmpty ? .p(.plainText(t("welcome.none"))) : .group(model.classes.enumerated().map { pair -> Node<HTML.BodyContext> in
                .section(.attr("aria-labelledby", "class-\(pair.offset)"),
                         .h2(.attr("id", "class-\(pair.offset)"), .plainText(pair.element.className)),
                         WelcomeFiguresView.all(pair.element.figures, t))
            }),
            .p(.class("muted"), .plainText(t("welcome.privacy", ["day": Dates.long(model.deletedOn, t)]))),
            .p(.a(.attr("href", SiteRoute.welcomeRounds(schoolID: SchoolID(model.schoolID)).path), .plainText(t("welcome.back"))))
        ))
    }
}

/// The coordinator's view: each school of the trajectory side by side, beside its parent survey's keys 4 and 5.
public enum WelcomeTrajectoryPage {
    public struct SchoolColumn: Equatable, Sendable {
        public var schoolID: String
        public var name: String
        public var figures: WelcomeFigures
        public var key4: Score?
        public var key5: Score?
        public init(schoolID: String, name: String, figures: WelcomeFigures, key4: Score?, key5: Score?) {
            self.schoolID = schoolID
            self.name = name
            self.figures = figures
            self.key4 = key4
            self.key5 = key5
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var trajectoryID: String
        public var trajectoryName: String
        public var year: String
        public var schools: [SchoolColumn]
        public var keyNames: [Int: String]

        public init(shell: PageShell, trajectoryID: String, trajectoryName: String, year: String, schools: [SchoolColumn], keyNames: [Int: String]) {
            self.shell = shell
            self.trajectoryID = trajectoryID
            self.trajectoryName = trajectoryName
            self.year = year
            self.schools = schools
            self.keyNames = keyNames
        }

        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), trajectoryID: text, trajectoryName: text, year: text,
                  schools: [SchoolColumn(schoolID: text, name: text, figures: WelcomeFigures(families: 10, warmFamilies: 4), key4: nil, key5: nil)],
                  keyNames: [4: text, 5: text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        func score(_ value: Score?) -> String { value.map { ReportPage.shortShare($0, t) } ?? t("compare.none") }
        return Layout.document(model.shell, title: t("welcome.trajectory_title"), main: .div(
            .h1(.plainText(t("welcome.trajectory_title"))),
            .p(.class("muted"), .a(.attr("href", SiteRoute.trajectory(id: TrajectoryID(model.trajectoryID)).path), .plainText(model.trajectoryName)),
               .plainText(" · " + model.year)),
            .p(.plainText(t("welcome.trajectory_intro"))),
            .div(.class("table-wrap"), .table(
                .thead(.tr(
                    .th(.attr("scope", "col"), .plainText(t("welcome.col.school"))),
                    .th(.attr("scope", "col"), .plainText(t("welcome.fig.warm"))),
                    .th(.attr("scope", "col"), .plainText(t("welcome.fig.before_concern"))),
                    .th(.attr("scope", "col"), .plainText(t("welcome.fig.before_oudercontact"))),
                    .th(.attr("scope", "col"), .plainText(t("welcome.fig.ratio"))),
                    .th(.attr("scope", "col"), .plainText("4. " + (model.keyNames[4] ?? ""))),
                    .th(.attr("scope", "col"), .plainText("5. " + (model.keyNames[5] ?? "")))
                )),
                .tbody(.forEach(model.schools) { school in
                    let f = school.figures
                    return .tr(
                        .th(.attr("scope", "row"), .a(.attr("href", SiteRoute.welcomeFigures(schoolID: SchoolID(school.schoolID)).path),
                                                      .plainText(school.name))),
                        .td(.plainText(t("welcome.fig.of", ["count": String(f.warmFamilies), "total": String(f.families)]))),
                        .td(.plainText(f.concernFamilies == 0 ? t("welcome.fig.no_concern")
                            : t("welcome.fig.of", ["count": String(f.warmBeforeConcern), "total": String(f.concernFamilies)]))),
                        .td(.plainText(f.warmBeforeOudercontact.map { t("welcome.fig.of", ["count": String($0), "total": String(f.families)]) }
                            ?? t("welcome.fig.no_oudercontact"))),
                        .td(.plainText(WelcomeFiguresView.ratioText(f, t))),
                        .td(.plainText(score(school.key4))),
                        .td(.plainText(score(school.key5)))
                    )
                })
            ))
        ))
    }
}
