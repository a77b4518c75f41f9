import Foundation
import Plot
import SamenspraakCore

/// One moment for staff: its link and QR code, the results (or "too few"), the sentences and the school's reply.
public enum MomentShowPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var moment: MomentSummary
        public var today: Day
        public var link: String
        public var qr: QRMatrix?
        public var result: MomentResult
        /// Chip texts in the reader's language.
        public var chipNames: [String: String]
        public var keyNames: [Int: String]
        public var reply: String
        public var replyOn: Day?
        public var canManage: Bool
        public var canPublish: Bool
        public var notice: String?
        public var errors: FieldErrors
        /// The teacher who made this oudercontact: may make and read its conversation cards.
        public var isCreator = false
        public var cardCount = 0

        public init(shell: PageShell, schoolID: String, schoolName: String, moment: MomentSummary, today: Day, link: String, qr: QRMatrix?,
                    result: MomentResult, chipNames: [String: String], keyNames: [Int: String], reply: String, replyOn: Day?,
                    canManage: Bool, canPublish: Bool, notice: String? = nil, errors: FieldErrors = [:]) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.moment = moment
            self.today = today
            self.link = link
            self.qr = qr
            self.result = result
            self.chipNames = chipNames
            self.keyNames = keyNames
            self.reply = reply
            self.replyOn = replyOn
            self.canManage = canManage
            self.canPublish = canPublish
            self.notice = notice
            self.errors = errors
        }

        func withCards() -> Model {
            var copy = self
            copy.isCreator = true
            copy.cardCount = 4
            return copy
        }

        public static func mock(text: String) -> Model {
            let chips = RatingCatalog.Chips(good: ["welcome"], better: ["interpreter"])
            let result = MomentResult.build(counts: FaceCounts([0, 1, 2, 5, 6]), chipCounts: ["welcome": 9], chips: chips,
                                            sentences: [.init(id: text, text: text, hidden: false, shownPublicly: true),
                                                        .init(id: text, text: text, hidden: true, shownPublicly: false, hiddenBy: text,
                                                              hiddenOn: Day(year: 2026, month: 10, day: 20))])
            return Model(shell: .mock(text: text), schoolID: text, schoolName: text, moment: .mock(text), today: Day(year: 2026, month: 10, day: 20),
                         link: text, qr: QRMatrix(size: 1, modules: [true]), result: result, chipNames: ["welcome": text, "interpreter": text],
                         keyNames: [4: text, 5: text], reply: text, replyOn: Day(year: 2026, month: 10, day: 21), canManage: true, canPublish: true,
                         notice: "moment.saved", errors: ["reply": text]).withCards()
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let moment = model.moment
        let state = moment.window.state(on: model.today)
        return Layout.document(model.shell, title: moment.title, main: .div(
            .h1(.plainText(moment.title)),
            .p(.class("lead"), .a(.attr("href", SiteRoute.moments(schoolID: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            Forms.notice(model.notice, t: t, kind: "success"),
            .dl(.class("facts"),
                .dt(.plainText(t("moment.kind"))), .dd(.plainText(t("moment.kind.\(moment.kind.rawValue)"))),
                .dt(.plainText(t("moment.when"))), .dd(.plainText(MomentText.period(moment.window, t))),
                .unwrap(moment.group) { group in .group(.dt(.plainText(t("field.moment_group"))), .dd(.plainText(group))) },
                .dt(.plainText(t("moment.keys"))), .dd(.ul(.class("inline-list"), .forEach(moment.keys) { key in
                    .li(.plainText("\(key). \(model.keyNames[key] ?? "")"))
                })),
                .dt(.plainText(t("moment.state"))),
                .dd(.plainText(t("moment.state.\(state.rawValue)") + " · " + t("moment.closes", ["date": Dates.long(moment.window.closes, t)])))),
            .section(
                .attr("aria-labelledby", "link-title"),
                .h2(.id("link-title"), .plainText(t("moment.link.title"))),
                .p(.plainText(t("moment.link.intro"))),
                .p(.class("secret"), .a(.id("rating-link"), .attr("href", model.link), .plainText(model.link))),
                .unwrap(model.qr) { QRImage.svg($0, label: t("moment.qr_label"), size: 160) },
                .ul(.class("actions-list"),
                    .li(.a(.attr("href", SiteRoute.momentCards(id: MomentID(moment.id)).path), .plainText(t("moment.cards.link")))),
                    .li(.a(.attr("href", SiteRoute.momentPoster(id: MomentID(moment.id)).path), .plainText(t("moment.poster.link")))))
            ),
            cardsSection(model),
            results(model),
            replySection(model)
        ))
    }

    /// Conversation cards of an oudercontact, for the teacher who made it only: to anyone else the page says nothing
    /// of them, not even that they exist (they are between that teacher and the family).
    static func cardsSection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        guard model.isCreator, model.moment.kind == .oudercontact else { return .empty }
        return .section(
            .attr("aria-labelledby", "cards-title"),
            .h2(.id("cards-title"), .plainText(t("cards.section"))),
            .p(.plainText(t("cards.section_intro"))),
            .p(.a(.attr("href", SiteRoute.conversationCards(momentID: MomentID(model.moment.id)).path),
                  .plainText(t("cards.open", ["count": String(model.cardCount)])))),
            makeCards(momentID: model.moment.id, window: model.moment.window, today: model.today, csrfToken: model.shell.csrfToken,
                      errors: model.errors, t: t)
        )
    }

    /// The form that makes cards while the talk has not started, else the plain reason why no more can be made.
    static func makeCards(momentID: String, window: MomentWindow, today: Day, csrfToken: String, errors: FieldErrors,
                          t: Localizer) -> Node<HTML.BodyContext> {
        guard window.state(on: today) == .notYet else {
            return .p(.class("notice info"), .attr("id", "cards-why-not"),
                      .plainText(t("cards.too_late", ["date": Dates.long(window.starts, t)])))
        }
        return .form(
            .method(.post), .attr("action", SiteRoute.conversationCards(momentID: MomentID(momentID)).path), .attr("novalidate", "novalidate"),
            Forms.csrf(csrfToken),
            .div(Forms.field(.init(name: "count", label: t("field.card_count"), value: "10", type: "number", error: errors["count"],
                                   hint: t("field.card_count_hint"), extra: [("min", "1"), ("max", "60"), ("inputmode", "numeric")]), t: t),
                 Forms.submit(t("cards.make")))
        )
    }

    static func results(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let result = model.result
        guard let counts = result.counts else {
            return .section(.attr("aria-labelledby", "results-title"),
                            .h2(.id("results-title"), .plainText(t("moment.results"))),
                            .p(.class("notice info"), .plainText(t("moment.too_few_long", ["n": String(result.threshold)]))),
                            .p(.class("muted"), .plainText(t("moment.steps", ["n": String(result.threshold)]))))
        }
        return .section(
            .attr("aria-labelledby", "results-title"),
            .h2(.id("results-title"), .plainText(t("moment.results"))),
            .p(.plainText(t("moment.ratings_count", ["count": String(result.ratings)]))),
            .p(.class("score"), .plainText(t("moment.index") + ": " + MomentText.index(result.index, t))),
            .p(.class("muted"), .plainText(t("moment.index_method"))),
            .p(.class("muted"), .plainText(t("moment.steps", ["n": String(result.threshold)]))),
            bar(counts, t),
            .ul(.class("legend"), .forEach([4, 3, 2, 1]) { face in
                .li(.plainText("\(t("moment.face.\(face)")): \(counts[face])"))
            }),
            .div(.class("chip-results"),
                 chipList(result.good, title: t("moment.good"), id: "good-title", model: model),
                 chipList(result.better, title: t("moment.better"), id: "better-title", model: model)),
            sentences(model)
        )
    }

    /// The four faces as one bar, each part labelled with its count, so it reads without colour.
    static func bar(_ counts: FaceCounts, _ t: Localizer) -> Node<HTML.BodyContext> {
        ReportPage.bar(counts, faces: [1, 2, 3, 4], label: { t("moment.face.\($0)") }, id: nil)
    }

    static func chipList(_ chips: [MomentResult.ChipCount], title: String, id: String, model: Model) -> Node<HTML.BodyContext> {
        .div(.h3(.attr("id", id), .plainText(title)),
             .table(.class("data chip-table"), .attr("aria-labelledby", id),
                    .tbody(.forEach(chips) { chip in
                        .tr(.th(.attr("scope", "row"), .plainText(model.chipNames[chip.chip] ?? chip.chip)), .td(.plainText(String(chip.count))))
                    })))
    }

    static func sentences(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let sentences = model.result.sentences.filter { model.canManage || !$0.hidden }
        return .div(
            .h3(.plainText(t("moment.sentences"))),
            sentences.isEmpty ? .p(.class("muted"), .plainText(t("moment.sentences_none"))) : .ul(.class("open-answers"), .forEach(sentences) { sentence in
                .li(.attr("class", sentence.hidden ? "open-answer is-hidden" : "open-answer"),
                    .p(.attr("dir", "auto"), .plainText(sentence.text)),
                    .if(sentence.hidden, .span(.class("badge"), .plainText(hiddenNote(sentence, t) + " "))),
                    .if(sentence.shownPublicly && !sentence.hidden, .span(.class("badge"), .plainText(t("moment.on_profile") + " "))),
                    .if(model.canManage, moderationButton(model, sentence, action: sentence.hidden ? "show" : "hide")),
                    .if(model.canPublish && !sentence.hidden,
                        moderationButton(model, sentence, action: sentence.shownPublicly ? "unpublish" : "publish")))
            })
        )
    }

    static func moderationButton(_ model: Model, _ sentence: MomentResult.Sentence, action: String) -> Node<HTML.BodyContext> {
        .form(.method(.post), .class("inline"),
              .attr("action", SiteRoute.momentText(momentID: MomentID(model.moment.id), ratingID: RatingID(sentence.id)).path),
              Forms.csrf(model.shell.csrfToken),
              .input(.type(.hidden), .attr("name", "action"), .attr("value", action)),
              .button(.type(.submit), .class("link"), .plainText(model.shell.t("moment.sentence.\(action)"))))
    }

    static func hiddenNote(_ sentence: MomentResult.Sentence, _ t: Localizer) -> String {
        guard let by = sentence.hiddenBy, let on = sentence.hiddenOn else { return t("report.is_hidden") }
        return t("report.hidden_by", ["name": by, "date": Dates.long(on, t)])
    }

    static func replySection(_ model: Model) -> Node<HTML.BodyContext> {
        let t = model.shell.t
        let error = model.errors["reply"]
        return .section(
            .attr("aria-labelledby", "reply-title"),
            .h2(.id("reply-title"), .plainText(t("moment.reply.title"))),
            .p(.plainText(t("moment.reply.intro"))),
            .unwrap(model.replyOn) { day in .p(.class("muted"), .plainText(t("moment.reply.on", ["date": Dates.long(day, t)]))) },
            model.canManage ? .form(
                .method(.post), .attr("action", SiteRoute.momentReply(id: MomentID(model.moment.id)).path), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(.attr("class", error == nil ? "field" : "field invalid"),
                     .label(.attr("for", "reply"), .plainText(t("field.reply"))),
                     .p(.class("hint"), .attr("id", "reply-hint"), .plainText(t("field.reply_hint"))),
                     .unwrap(error) { .p(.class("error"), .attr("id", "reply-error"), .plainText(t($0))) },
                     .textarea(.attr("id", "reply"), .attr("name", "reply"), .attr("rows", "4"), .attr("dir", "auto"),
                               .attr("maxlength", String(MomentReply.maximumLength)),
                               .attr("aria-describedby", error == nil ? "reply-hint" : "reply-hint reply-error"),
                               .if(error != nil, .attr("aria-invalid", "true")), .plainText(model.reply))),
                Forms.submit(t("moment.reply.submit"))
            ) : (model.reply.isEmpty ? .p(.class("muted"), .plainText(t("moment.reply.none"))) : .p(.attr("dir", "auto"), .plainText(model.reply)))
        )
    }
}
