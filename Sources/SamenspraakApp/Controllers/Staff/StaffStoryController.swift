import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Stories as staff write and review them: draft → submitted → published, or sent back with a comment.
/// Every change keeps a copy of the story as it became (`story_versions`).
struct StaffStoryController: RouteCollection {
    /// Largest request body of the story forms (a photo of up to 5 MB and the text around it).
    static let uploadMaxBytes = ImageCheck.maximumBytes + 512 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.schoolStories(schoolID: .any), use: index)
        routes.get(.newStory(schoolID: .any), use: new)
        routes.on(.POST, SiteRoute.schoolStories(schoolID: .any).pattern.map { PathComponent(stringLiteral: $0) },
                  body: .collect(maxSize: ByteCount(value: Self.uploadMaxBytes)), use: create)
        routes.get(.staffStory(id: .any), use: show)
        routes.get(.editStory(id: .any), use: edit)
        routes.on(.POST, SiteRoute.staffStory(id: .any).pattern.map { PathComponent(stringLiteral: $0) },
                  body: .collect(maxSize: ByteCount(value: Self.uploadMaxBytes)), use: update)
        routes.post(.submitStory(id: .any), use: submit)
        routes.post(.reviewStory(id: .any), use: review)
        routes.get(.staffStoryPhoto(id: .any), use: photo)
        routes.get(.trajectoryStories(trajectoryID: .any), use: queue)
    }

    /// Whether a request may carry a photo: the two story forms.
    static func isUpload(_ request: Request) -> Bool {
        guard request.method == .POST else { return false }
        let parts = request.url.path.split(separator: "/")
        return (parts.count == 4 && parts[0] == "staff" && parts[1] == "schools" && parts[3] == "stories")
            || (parts.count == 3 && parts[0] == "staff" && parts[1] == "stories")
    }

    /// Whether a story form's body may be read at all, told from its headers before a byte of it is: someone is
    /// signed in (not a kiosk) and the form's token, which the form carries in its address for this reason, matches
    /// the cookie. The token in the body is checked again by `CSRFMiddleware` once the body is read.
    @Sendable static func admitUpload(_ request: Request) throws {
        guard request.signedIn != nil else { throw SignInRequired(next: SiteRoute.staffHome.path) }
        let sent = request.query[String.self, at: CSRFMiddleware.fieldName] ?? ""
        guard let expected = request.cookie(CSRFMiddleware.cookieName)?.string, !expected.isEmpty,
              CSRFMiddleware.constantTimeEquals(sent, expected) else { throw CSRFRefused() }
    }

    // MARK: the school's stories

    @Sendable func index(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .viewStories)
        let stories = try await Story.query(on: req.db).filter(\.$school.$id == school.requireID()).with(\.$keyRows)
            .sort(\.$updatedAt, .descending).all()
        for story in stories { story.$school.value = school }
        let model = SchoolStoriesPage.Model(shell: req.shell(), schoolID: school.publicID, schoolName: school.name,
                                            stories: stories.map { $0.card() },
                                            canWrite: Access.allows(user.actor, .writeStories, schoolID: school.publicID))
        return .html(SchoolStoriesPage.view(model), status: .ok)
    }

    @Sendable func new(req: Request) async throws -> Response {
        let (_, school) = try await req.authorized(School.self, .writeStories)
        let model = StoryFormPage.Model(shell: req.shell(), schoolName: school.name, action: SiteRoute.schoolStories(schoolID: school.routeID).path,
                                        isNew: true, draft: StoryDraft(), keyNames: req.keyNames, photoPath: nil)
        return .html(StoryFormPage.view(model), status: .ok)
    }

    struct StoryForm: Content {
        var title: String?
        var summary: String?
        var body: String?
        var keys: [String]?
        var anonymous: String?
        var photo_alt: String?
        var remove_photo: String?
        var photo: File?
        /// The id of a photo kept from an earlier try of this form (`PendingStoryPhoto`), and whether to drop it.
        var pending_photo: String?
        var drop_pending_photo: String?

        var draft: StoryDraft {
            StoryDraft(title: title ?? "", summary: summary ?? "", body: body ?? "", keys: keys ?? [], anonymous: anonymous == "1",
                       photoAlt: photo_alt ?? "")
        }
    }

    /// A story form as read: the typed fields, their check, and the photo it brings — a new upload that passed its
    /// checks, or one kept from an earlier try of the form.
    struct ReadForm: Sendable {
        var form: StoryForm
        var result: Result<StoryDraft.Valid, FieldErrorsBox>
        /// A new upload that passed its checks.
        var image: ImageCheck.Image?
        /// A photo kept from an earlier try, to save with the story (none when a new upload replaces it or it is dropped).
        var kept: PendingStoryPhoto?
        /// Kept photos the form no longer wants (replaced or dropped): deleted when the form is answered.
        var discarded: [PendingStoryPhoto]
    }

    /// The form, its photo checked by its bytes; errors per field, nothing stored yet. `existing`: the story already
    /// has a photo.
    static func read(_ req: Request, user: User, schoolID: UUID, hasPhoto existing: Bool) async throws -> ReadForm {
        guard let form = try? req.content.decode(StoryForm.self) else { throw Abort(.badRequest) }
        var photoErrors: FieldErrors = [:]
        var image: ImageCheck.Image?
        if let file = form.photo, file.data.readableBytes > 0 {
            switch ImageCheck.inspect(Array(file.data.readableBytesView)) {
            case let .success(checked): image = checked
            case .failure(.tooLarge): photoErrors["photo"] = "error.photo_too_large"
            case .failure(.tooManyPixels): photoErrors["photo"] = "error.photo_too_many_pixels"
            case .failure: photoErrors["photo"] = "error.photo_not_image"
            }
        }
        var kept: PendingStoryPhoto?
        var discarded: [PendingStoryPhoto] = []
        if let typed = form.pending_photo, !typed.isEmpty {
            let owned = try await PendingStoryPhoto.owned(typed, schoolID: schoolID, userID: try user.requireID(), now: req.now, on: req.db)
            if let owned {
                if image != nil || form.drop_pending_photo == "1" { discarded.append(owned) } else { kept = owned }
            } else if image == nil, form.drop_pending_photo != "1", photoErrors["photo"] == nil {
                // Someone else's, another school's, expired or made up: never used, and said so rather than
                // saving the story without the photo its author believes is kept.
                photoErrors["photo"] = "error.photo_kept_gone"
            }
        }
        let keepsPhoto = existing && form.remove_photo != "1"
        let hasPhoto = image != nil || kept != nil || keepsPhoto || photoErrors["photo"] != nil
        var result = form.draft.validate(hasPhoto: hasPhoto)
        if !photoErrors.isEmpty {
            var errors = photoErrors
            if case let .failure(box) = result { errors.merge(box.errors) { a, _ in a } }
            result = .failure(FieldErrorsBox(errors))
        }
        return ReadForm(form: form, result: result, image: image, kept: kept, discarded: discarded)
    }

    /// After a failed check: a new upload that passed is kept for the next try (replacing an earlier one), so the
    /// form can show it and send its id back; returns what the form shows.
    static func keepForRetry(_ read: ReadForm, _ req: Request, user: User, schoolID: UUID) async throws -> StoryFormPage.KeptPhoto? {
        var kept = read.kept
        if let image = read.image {
            let pending = PendingStoryPhoto(schoolID: schoolID, userID: try user.requireID(), fileName: read.form.photo?.filename ?? "",
                                            image: image, now: req.now)
            try await pending.create(on: req.db)
            kept = pending
        }
        for old in read.discarded { try await old.delete(on: req.db) }
        return kept.map { .init(id: $0.id?.uuidString.lowercased() ?? "", name: $0.fileName, width: $0.width, height: $0.height) }
    }

    /// The story photo a valid form brings, created in the caller's transaction; a kept photo it uses is deleted.
    static func savePhoto(_ read: ReadForm, schoolID: UUID, on db: any Database) async throws -> StoryPhoto? {
        for old in read.discarded { try await old.delete(on: db) }
        let photo: StoryPhoto
        if let image = read.image {
            photo = StoryPhoto(schoolID: schoolID, image: image)
        } else if let kept = read.kept {
            photo = kept.storyPhoto
            try await kept.delete(on: db)
        } else {
            return nil
        }
        try await photo.create(on: db)
        return photo
    }

    static func storySlug(_ title: String, _ req: Request) async throws -> String {
        let base = Slug.make(title, maximumLength: 50)
        while true {
            let suffix = ShortSlug.generate(length: 4, randomBytes: req.services.randomBytes)
            let candidate = base.isEmpty ? "verhaal-\(suffix)" : "\(base)-\(suffix)"
            if try await Story.query(on: req.db).filter(\.$slug == candidate).count() == 0 { return candidate }
        }
    }

    @Sendable func create(req: Request) async throws -> Response {
        let (user, school) = try await req.authorized(School.self, .writeStories)
        let schoolID = try school.requireID()
        let read = try await Self.read(req, user: user, schoolID: schoolID, hasPhoto: false)
        switch read.result {
        case let .failure(box):
            let kept = try await Self.keepForRetry(read, req, user: user, schoolID: schoolID)
            let model = StoryFormPage.Model(shell: req.shell(), schoolName: school.name,
                                            action: SiteRoute.schoolStories(schoolID: school.routeID).path, isNew: true, draft: read.form.draft,
                                            keyNames: req.keyNames, photoPath: nil, keptPhoto: kept, errors: box.errors)
            return .html(StoryFormPage.view(model), status: .unprocessableEntity)
        case let .success(valid):
            let slug = try await Self.storySlug(valid.title, req)
            let now = req.now
            let story = try await req.db.transaction { db -> Story in
                let story = Story(schoolID: schoolID, authorID: user.id, slug: slug, valid: valid)
                story.photoID = try await Self.savePhoto(read, schoolID: schoolID, on: db)?.id
                try await story.create(on: db)
                try await story.setKeys(valid.keys, on: db)
                try await StoryVersion.keep(story, event: "created", user: user, on: db, at: now)
                return story
            }
            return .redirect(to: SiteRoute.staffStory(id: story.routeID).with(notice: StoryNotice.saved))
        }
    }

    static func showModel(_ req: Request, user: User, story: Story, notice: String? = nil, reviewError: String? = nil) async throws -> StoryStaffPage.Model {
        var photoSize: (Int, Int)?
        if let photoID = story.photoID, let photo = try await StoryPhoto.find(photoID, on: req.db) { photoSize = (photo.width, photo.height) }
        let preview = StoryPage.Model(shell: req.shell(), card: story.card(), body: Markdown.render(story.body),
                                      photoPath: story.photoID.map { _ in SiteRoute.staffStoryPhoto(id: story.routeID).path },
                                      photoAlt: story.photoAlt, photoSize: photoSize, keyNames: req.keyNames)
        let versions = try await StoryVersion.query(on: req.db).filter(\.$story.$id == story.requireID()).with(\.$user)
            .sort(\.$number, .descending).all()
        let canReview = Access.allows(user.actor, .reviewStories, schoolID: story.school.publicID)
        var model = StoryStaffPage.Model(preview: preview, schoolID: story.school.publicID, status: story.storyStatus, reviewComment: story.reviewComment,
                                    versions: versions.map { .init(number: $0.number, event: $0.event, by: $0.user?.shownName(req.t) ?? "–",
                                                                   on: Day(date: $0.at), comment: $0.comment) },
                                    canWrite: Access.allows(user.actor, .writeStories, schoolID: story.school.publicID),
                                    canReview: canReview, notice: notice, reviewError: reviewError)
        if canReview {
            model.queuePath = SiteRoute.trajectoryStories(trajectoryID: TrajectoryID(story.school.$trajectory.id)).path
        }
        return model
    }

    @Sendable func show(req: Request) async throws -> Response {
        let (user, story) = try await req.authorized(Story.self, .viewStories)
        let notice = req.notice(StoryNotice.self)?.catalogKey
        return .html(StoryStaffPage.view(try await Self.showModel(req, user: user, story: story, notice: notice)), status: .ok)
    }

    static func formModel(_ req: Request, story: Story, draft: StoryDraft, keptPhoto: StoryFormPage.KeptPhoto? = nil,
                          errors: FieldErrors = [:]) -> StoryFormPage.Model {
        StoryFormPage.Model(shell: req.shell(), schoolName: story.school.name, action: SiteRoute.staffStory(id: story.routeID).path, isNew: false,
                            draft: draft, keyNames: req.keyNames,
                            photoPath: story.photoID.map { _ in SiteRoute.staffStoryPhoto(id: story.routeID).path }, keptPhoto: keptPhoto,
                            errors: errors)
    }

    @Sendable func edit(req: Request) async throws -> Response {
        let (_, story) = try await req.authorized(Story.self, .writeStories)
        guard story.storyStatus.isEditable else { return .redirect(to: SiteRoute.staffStory(id: story.routeID).path) }
        return .html(StoryFormPage.view(Self.formModel(req, story: story, draft: story.draft)), status: .ok)
    }

    @Sendable func update(req: Request) async throws -> Response {
        let (user, story) = try await req.authorized(Story.self, .writeStories)
        guard story.storyStatus.isEditable else { throw Abort(.conflict) }
        let schoolID = story.$school.id
        let read = try await Self.read(req, user: user, schoolID: schoolID, hasPhoto: story.photoID != nil)
        switch read.result {
        case let .failure(box):
            let kept = try await Self.keepForRetry(read, req, user: user, schoolID: schoolID)
            return .html(StoryFormPage.view(Self.formModel(req, story: story, draft: read.form.draft, keptPhoto: kept, errors: box.errors)),
                         status: .unprocessableEntity)
        case let .success(valid):
            let now = req.now
            let oldPhotoID = story.photoID
            try await req.db.transaction { db in
                story.apply(valid)
                if let photo = try await Self.savePhoto(read, schoolID: schoolID, on: db) {
                    story.photoID = photo.id
                } else if read.form.remove_photo == "1" {
                    story.photoID = nil
                    story.photoAlt = nil
                }
                try await story.save(on: db)
                // A photo that was replaced or removed is deleted with its bytes: a story keeps no picture it no
                // longer shows (the versions keep only its id).
                if let oldPhotoID, oldPhotoID != story.photoID {
                    try await StoryPhoto.query(on: db).filter(\.$id == oldPhotoID).delete()
                }
                try await story.setKeys(valid.keys, on: db)
                try await StoryVersion.keep(story, event: "edited", user: user, on: db, at: now)
            }
            return .redirect(to: SiteRoute.staffStory(id: story.routeID).with(notice: StoryNotice.saved))
        }
    }

    @Sendable func submit(req: Request) async throws -> Response {
        let (user, story) = try await req.authorized(Story.self, .writeStories)
        guard story.storyStatus.isEditable else { throw Abort(.conflict) }
        let now = req.now
        try await req.db.transaction { db in
            story.status = StoryStatus.submitted.rawValue
            try await story.save(on: db)
            try await StoryVersion.keep(story, event: "submitted", user: user, on: db, at: now)
        }
        return .redirect(to: SiteRoute.staffStory(id: story.routeID).with(notice: StoryNotice.submitted))
    }

    struct ReviewForm: Content {
        var decision: String?
        var comment: String?
    }

    @Sendable func review(req: Request) async throws -> Response {
        let (user, story) = try await req.authorized(Story.self, .reviewStories)
        let form = (try? req.content.decode(ReviewForm.self)) ?? ReviewForm()
        let comment = (form.comment ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard comment.count <= 1000, !Validate.hasControlCharacters(comment) else {
            let problem = comment.count > 1000 ? "error.too_long" : "error.invalid_characters"
            var model = try await Self.showModel(req, user: user, story: story, reviewError: problem)
            model.typedComment = String(comment.prefix(2000))
            return .html(StoryStaffPage.view(model), status: .unprocessableEntity)
        }
        guard let decision = form.decision.flatMap(StoryReviewDecision.init(rawValue:)), decision.appliesTo == story.storyStatus else {
            throw Abort(.conflict)
        }
        if decision.requiresComment, comment.isEmpty {
            return .html(StoryStaffPage.view(try await Self.showModel(req, user: user, story: story, reviewError: "error.review_comment")),
                         status: .unprocessableEntity)
        }
        let next = (decision.result, decision.event)
        let now = req.now
        let school = story.school
        if next.0 == .published, school.profileSlug == nil {
            // The school's stories get an address of their own; the public profile stays as the lead set it.
            try await school.claimProfileSlug(randomBytes: req.services.randomBytes, on: req.db)
            try await school.save(on: req.db)
        }
        try await req.db.transaction { db in
            story.status = next.0.rawValue
            story.reviewComment = next.0 == .returned ? comment : nil
            if next.0 == .published { story.publishedAt = now }
            try await story.save(on: db)
            try await StoryVersion.keep(story, event: next.1, comment: comment.isEmpty ? nil : comment, user: user, on: db, at: now)
            try await StorySearch.update(story, on: db)
        }
        req.logger.info("story reviewed", metadata: ["decision": .string(next.1)])
        return .redirect(to: SiteRoute.staffStory(id: story.routeID).with(notice: decision.notice))
    }

    @Sendable func photo(req: Request) async throws -> Response {
        let (_, story) = try await req.authorized(Story.self, .viewStories)
        guard let photoID = story.photoID, let photo = try await StoryPhoto.find(photoID, on: req.db) else { throw Abort(.notFound) }
        return Self.photoResponse(photo, cache: "private, no-cache")
    }

    static func photoResponse(_ photo: StoryPhoto, cache: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: photo.contentType)
        headers.replaceOrAdd(name: .cacheControl, value: cache)
        headers.replaceOrAdd(name: .eTag, value: "\"\(photo.id?.uuidString.lowercased() ?? "")\"")
        return Response(status: .ok, headers: headers, body: .init(data: photo.data))
    }

    @Sendable func queue(req: Request) async throws -> Response {
        _ = try req.staff(for: .viewTrajectory)
        let trajectory = try await req.found(Trajectory.self)
        let schools = try await School.query(on: req.db).filter(\.$trajectory.$id == trajectory.requireID()).all()
        let stories = schools.isEmpty ? [] : try await Story.query(on: req.db).filter(\.$school.$id ~~ schools.compactMap(\.id)).with(\.$school)
            .with(\.$keyRows)
            .sort(\.$updatedAt, .descending).all()
        let model = StoryQueuePage.Model(shell: req.shell(), trajectoryID: try trajectory.requireID().uuidString.lowercased(),
                                         trajectoryName: trajectory.name, stories: stories.map { $0.card(forStaff: true) })
        return .html(StoryQueuePage.view(model), status: .ok)
    }
}
