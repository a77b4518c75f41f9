import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// A school's rating moments as staff run them: make one, hand out its link, read the results, reply to parents,
/// and follow the index over the school year.
struct StaffMomentController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.moments(schoolID: .any), use: index)
        routes.get(.newMoment(schoolID: .any), use: new)
        routes.post(.moments(schoolID: .any), use: create)
        routes.get(.moment(id: .any), use: show)
        routes.get(.momentCards(id: .any), use: cards)
        routes.get(.momentPoster(id: .any), use: poster)
        routes.post(.momentReply(id: .any), use: reply)
        routes.post(.momentText(momentID: .any, ratingID: .any), use: moderate)
        routes.post(.profileSettings(schoolID: .any), use: profile)
    }

    static func summary(_ moment: Moment, counts: FaceCounts, threshold: Int) -> MomentSummary {
        let shown = counts.total >= threshold
        return MomentSummary(id: moment.publicID, kind: moment.momentKind, title: moment.title, window: moment.window, group: moment.group,
                             keys: moment.keys, ratings: shown ? counts.total : nil, index: shown ? HappinessIndex.score(counts) : nil,
                             hasReply: moment.reply != nil)
    }

    // MARK: list and trend

    @Sendable func index(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewMoments)
        return .html(MomentListPage.view(try await Self.listModel(req, user: user, school: school)), status: .ok)
    }

    static func listModel(_ req: Request, user: User, school: School) async throws -> MomentListPage.Model {
        let moments = try await Moment.query(on: req.db).filter(\.$school.$id == school.requireID()).with(\.$keyRows)
            .sort(\.$starts, .descending).sort(\.$createdAt, .descending).all()
        let counts = try await MomentRating.faceCounts(ofMoments: moments.compactMap(\.id), on: req.db)
        let threshold = req.application.figureThreshold
        let today = Day(date: req.now)
        let trend = RatingTrend.build(moments.map { .init(kind: $0.momentKind, keys: $0.keys, day: $0.starts, counts: counts[$0.id!] ?? FaceCounts()) },
                                      today: today, threshold: threshold)
        var names: [String: String] = [:]
        for kind in MomentKind.allCases { names["kind.\(kind.rawValue)"] = req.t("moment.kind.\(kind.rawValue)") }
        for (key, name) in req.keyNames { names["key.\(key)"] = "\(key). \(name)" }
        let notice = req.notice(ProfileNotice.self)?.catalogKey
        let profile = MomentListPage.Profile(published: school.profilePublished,
                                             path: school.profileSlug.map { SiteRoute.schoolProfile(slug: LinkSlug($0)).path },
                                             canPublish: Access.allows(user.actor, .publishProfile, schoolID: school.publicID))
        return MomentListPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name,
                                    moments: moments.map { Self.summary($0, counts: counts[$0.id!] ?? FaceCounts(), threshold: threshold) },
                                    trend: trend, seriesNames: names, threshold: threshold,
                                    canCreate: Access.allows(user.actor, .manageMoments, schoolID: school.publicID),
                                    profile: profile, today: today, notice: notice)
    }

    // MARK: making a moment

    @Sendable func new(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .manageMoments)
        let draft = MomentDraft(startsOn: Day(date: req.now).description)
        let model = MomentFormPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, draft: draft,
                                         keyNames: req.keyNames)
        return .html(MomentFormPage.view(model), status: .ok)
    }

    struct MomentForm: Content {
        var kind: String?
        var title: String?
        var starts_on: String?
        var ends_on: String?
        var group: String?
        var keys: [String]?
        var window_days: String?
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .manageMoments)
        let form = try req.content.decode(MomentForm.self)
        let draft = MomentDraft(kind: form.kind ?? "", title: form.title ?? "", startsOn: form.starts_on ?? "", endsOn: form.ends_on ?? "",
                                group: form.group ?? "", keys: form.keys ?? [], windowDays: form.window_days ?? "")
        switch draft.validate() {
        case let .failure(box):
            let model = MomentFormPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name, draft: draft,
                                             keyNames: req.keyNames, errors: box.errors)
            return .html(MomentFormPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let slug = try await Moment.freeSlug(on: req.db, randomBytes: req.services.randomBytes)
            let moment = Moment(schoolID: try school.requireID(), creatorID: user.id, valid: valid, slug: slug)
            try await req.db.transaction { db in
                try await moment.create(on: db)
                try await moment.setKeys(valid.keys, on: db)
            }
            return .redirect(to: SiteRoute.moment(id: moment.routeID).with(notice: MomentNotice.created))
        }
    }

    // MARK: one moment

    static func link(_ req: Request, _ moment: Moment) -> String { req.absoluteURL(SiteRoute.momentRate(slug: LinkSlug(moment.slug)).path) }

    static func result(_ req: Request, moment: Moment) async throws -> MomentResult {
        let momentID = try moment.requireID()
        let ratings = try await MomentRating.released(on: req.db).filter(\.$moment.$id == momentID).all()
        var counts = FaceCounts()
        var chipCounts: [String: Int] = [:]
        for rating in ratings where RatingAnswer.faces.contains(rating.face) {
            counts.add(face: rating.face)
            for chip in rating.chips { chipCounts[chip, default: 0] += 1 }
        }
        // In the order of their text: the order they came in would tell which sentence came last.
        let withText = ratings.filter { $0.text != nil }.sorted { ($0.text ?? "", $0.publicID) < ($1.text ?? "", $1.publicID) }
        let hiddenIDs = withText.filter(\.textHidden).compactMap(\.id)
        var lastHiding: [UUID: RatingModeration] = [:]
        if !hiddenIDs.isEmpty {
            for entry in try await RatingModeration.query(on: req.db).filter(\.$rating.$id ~~ hiddenIDs)
                .filter(\.$action == RatingModeration.Action.hide.rawValue).with(\.$user).sort(\.$at, .descending).all()
            where lastHiding[entry.$rating.id] == nil {
                lastHiding[entry.$rating.id] = entry
            }
        }
        let sentences = withText.map { rating in
            let hiding = rating.id.flatMap { lastHiding[$0] }
            return MomentResult.Sentence(id: rating.publicID, text: rating.text ?? "", hidden: rating.textHidden, shownPublicly: rating.textPublic,
                                         hiddenBy: hiding.map { $0.user?.shownName(req.t) ?? "–" }, hiddenOn: hiding.map { Day(date: $0.at) })
        }
        return MomentResult.build(counts: counts, chipCounts: chipCounts, chips: req.application.ratingCatalog.chips(moment.momentKind),
                                  sentences: sentences, threshold: req.application.figureThreshold)
    }

    static func showModel(_ req: Request, user: User, moment: Moment, reply: String? = nil, errors: FieldErrors = [:]) async throws -> MomentShowPage.Model {
        let result = try await Self.result(req, moment: moment)
        let link = Self.link(req, moment)
        let texts = req.application.ratingCatalog.texts(req.language)
        let chipNames = Dictionary(uniqueKeysWithValues: req.application.ratingCatalog.chips(moment.momentKind).all.map { ($0, texts("chip.\($0)")) })
        let notice = req.notice(MomentNotice.self)?.catalogKey
        let summary = Self.summary(moment, counts: result.counts ?? FaceCounts(), threshold: result.threshold)
        return MomentShowPage.Model(shell: req.shell(), schoolID: moment.school.publicID, schoolName: moment.school.name, moment: summary,
                                    today: Day(date: req.now), link: link, qr: QRCode.matrix(link), result: result, chipNames: chipNames,
                                    keyNames: req.keyNames, reply: reply ?? moment.reply ?? "",
                                    replyOn: moment.replyOn,
                                    canManage: Access.allows(user.actor, .manageMoments, schoolID: moment.school.publicID),
                                    canPublish: Access.allows(user.actor, .publishProfile, schoolID: moment.school.publicID),
                                    notice: notice, errors: errors)
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, moment) = try await req.authorized(Moment.self, .viewMoments)
        var model = try await Self.showModel(req, user: user, moment: moment)
        model.isCreator = moment.$creator.id != nil && moment.$creator.id == user.id
        if model.isCreator { model.cardCount = try await ConversationCard.query(on: req.db).filter(\.$moment.$id == moment.requireID()).count() }
        return .html(MomentShowPage.view(model), status: .ok)
    }

    static func printModel(_ req: Request, _ moment: Moment, poster: Bool) -> MomentPrintPage.Model {
        let catalog = req.application.ratingCatalog
        let link = Self.link(req, moment)
        return MomentPrintPage.Model(schoolName: moment.school.name, moment: moment.heading, link: link, qr: QRCode.matrix(link),
                                     texts: moment.school.offeredLanguages(among: catalog.languages).filter { !$0.isSpokenOnly }.map(catalog.texts), staffLanguage: req.language,
                                     printHint: req.t("print.hint"), poster: poster)
    }

    @Sendable func cards(req: Request) async throws -> Response {
        let (_, moment) = try await req.authorized(Moment.self, .viewMoments)
        return .html(MomentPrintPage.view(Self.printModel(req, moment, poster: false)), status: .ok)
    }

    @Sendable func poster(req: Request) async throws -> Response {
        let (_, moment) = try await req.authorized(Moment.self, .viewMoments)
        return .html(MomentPrintPage.view(Self.printModel(req, moment, poster: true)), status: .ok)
    }

    // MARK: the school's reply and the sentences

    struct ReplyForm: Content { var reply: String? }

    @Sendable func reply(req: Request) async throws -> Response {
        let (user, moment) = try await req.authorized(Moment.self, .manageMoments)
        let text = (try req.content.decode(ReplyForm.self).reply ?? "")
        if let problem = MomentReply.problem(text) {
            let model = try await Self.showModel(req, user: user, moment: moment, reply: text, errors: ["reply": problem])
            return .html(MomentShowPage.view(model), status: .unprocessableEntity)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "\r\n", with: "\n")
        moment.reply = trimmed.isEmpty ? nil : trimmed
        moment.replyOn = trimmed.isEmpty ? nil : Day(date: req.now)
        try await moment.save(on: req.db)
        return .redirect(to: SiteRoute.moment(id: moment.routeID).with(notice: MomentNotice.reply))
    }

    struct ModerationForm: Content { var action: String? }

    @Sendable func moderate(req: Request) async throws -> Response {
        let form = try? req.content.decode(ModerationForm.self)
        guard let action = form?.action.flatMap(RatingModeration.Action.init(rawValue:)) else {
            _ = try await req.authorized(Moment.self, .manageMoments)
            throw Abort(.badRequest)
        }
        let needed: StaffAction = (action == .publish || action == .unpublish) ? .publishProfile : .manageMoments
        let (user, moment) = try await req.authorized(Moment.self, needed)
        let ratingID = try req.uuid(RatingID.self)
        // A pending rating is shown nowhere, so there is nothing of it to moderate.
        guard let rating = try await MomentRating.released(on: req.db).filter(\.$id == ratingID).first(),
              rating.$moment.id == moment.id, rating.text != nil else { throw Abort(.notFound) }
        if action == .publish {
            // Only a sentence staff can see may go public: the moment must have enough ratings, and it must not be hidden.
            let counts = try await MomentRating.faceCounts(ofMoments: [try moment.requireID()], on: req.db)[try moment.requireID()] ?? FaceCounts()
            guard counts.total >= req.application.figureThreshold, !rating.textHidden else { throw Abort(.conflict) }
        }
        let now = req.now
        try await req.db.transaction { db in
            switch action {
            case .hide:
                rating.textHidden = true
                rating.textPublic = false
            case .show: rating.textHidden = false
            case .publish: rating.textPublic = true
            case .unpublish: rating.textPublic = false
            }
            try await rating.save(on: db)
            try await RatingModeration(ratingID: ratingID, userID: user.id, action: action, at: now).create(on: db)
        }
        req.logger.info("rating sentence moderated", metadata: ["action": .string(action.rawValue)])
        return .redirect(to: SiteRoute.moment(id: moment.routeID).path + "#results-title")
    }

    // MARK: the public profile

    struct ProfileForm: Content { var published: String? }

    @Sendable func profile(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .publishProfile)
        guard let value = try? req.content.decode(ProfileForm.self).published, value == "1" || value == "0" else { throw Abort(.badRequest) }
        if value == "1" {
            try await school.claimProfileSlug(randomBytes: req.services.randomBytes, on: req.db)
            school.profilePublished = true
        } else {
            school.profilePublished = false
        }
        try await school.save(on: req.db)
        req.logger.info("public profile changed", metadata: ["published": .string(value)])
        return .redirect(to: SiteRoute.moments(schoolID: school.routeID).with(notice: value == "1" ? ProfileNotice.published : ProfileNotice.unpublished))
    }
}
