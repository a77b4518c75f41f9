import Foundation
import Plot
import SamenspraakCore

/// A school's stories for its staff, with their state, and the button to write one.
public enum SchoolStoriesPage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolID: String
        public var schoolName: String
        public var stories: [StoryCard]
        public var canWrite: Bool
        public init(shell: PageShell, schoolID: String, schoolName: String, stories: [StoryCard], canWrite: Bool) {
            self.shell = shell
            self.schoolID = schoolID
            self.schoolName = schoolName
            self.stories = stories
            self.canWrite = canWrite
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolID: text, schoolName: text, stories: [.mock(text)], canWrite: true)
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        return Layout.document(model.shell, title: t("school_stories.title"), main: .div(
            .h1(.plainText(t("school_stories.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.school(id: SchoolID(model.schoolID)).path), .plainText(model.schoolName))),
            .p(.plainText(t("school_stories.intro"))),
            .if(model.canWrite, .p(.a(.class("button"), .attr("href", SiteRoute.newStory(schoolID: SchoolID(model.schoolID)).path), .plainText(t("school_stories.new"))))),
            StoryStaffBits.table(model.stories, t: t, showSchool: false)
        ))
    }
}

enum StoryStaffBits {
    static func table(_ stories: [StoryCard], t: Localizer, showSchool: Bool) -> Node<HTML.BodyContext> {
        guard !stories.isEmpty else { return .p(.class("muted"), .plainText(t("school_stories.none"))) }
        return .div(.class("table-wrap"), .attr("tabindex", "0"), .attr("role", "group"), .attr("aria-label", t("table.scrolls")), .table(
            .thead(.tr(.th(.attr("scope", "col"), .plainText(t("story.title_column"))),
                       .if(showSchool, .th(.attr("scope", "col"), .plainText(t("story.school_column")))),
                       .th(.attr("scope", "col"), .plainText(t("story.status_column"))))),
            .tbody(.forEach(stories) { story in
                .tr(.td(.a(.attr("href", SiteRoute.staffStory(id: StoryID(story.id)).path), .plainText(story.title))),
                    .if(showSchool, .td(.plainText(story.schoolName ?? ""))),
                    .td(.plainText(t("story.status.\(story.status.rawValue)"))))
            })
        ))
    }
}

/// Writing or changing a story: title, summary, Markdown body, keys, anonymous or not, a photo with its alt text.
public enum StoryFormPage {
    /// A photo that passed its checks when the form came back with an error: saved with the story when the corrected
    /// form is sent, without choosing the file again.
    public struct KeptPhoto: Equatable, Sendable {
        /// What the form sends back to use it (`pending_photo`).
        public var id: String
        public var name: String
        public var width: Int
        public var height: Int
        public init(id: String, name: String, width: Int, height: Int) {
            self.id = id
            self.name = name
            self.width = width
            self.height = height
        }
    }

    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var schoolName: String
        /// Where the form posts: a new story of the school, or an existing story.
        public var action: String
        public var isNew: Bool
        public var draft: StoryDraft
        public var keyNames: [Int: String]
        /// The story's current photo, to keep or remove.
        public var photoPath: String?
        /// A new photo kept from the form's earlier try.
        public var keptPhoto: KeptPhoto?
        public var errors: FieldErrors
        public init(shell: PageShell, schoolName: String, action: String, isNew: Bool, draft: StoryDraft, keyNames: [Int: String],
                    photoPath: String?, keptPhoto: KeptPhoto? = nil, errors: FieldErrors = [:]) {
            self.shell = shell
            self.schoolName = schoolName
            self.action = action
            self.isNew = isNew
            self.draft = draft
            self.keyNames = keyNames
            self.photoPath = photoPath
            self.keptPhoto = keptPhoto
            self.errors = errors
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), schoolName: text, action: text, isNew: false,
                  draft: StoryDraft(title: text, summary: text, body: text, keys: [text], anonymous: true, photoAlt: text), keyNames: [9: text],
                  photoPath: text, keptPhoto: KeptPhoto(id: text, name: text, width: 2, height: 3), errors: ["title": text, "photo": text])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let draft = model.draft
        let title = t(model.isNew ? "story.new_title" : "story.edit_title")
        let keptText = model.keptPhoto.map { kept -> String in
            let values: [String: String] = ["name": kept.name.isEmpty ? "–" : kept.name, "size": "\(kept.width) × \(kept.height)"]
            return t("story.kept_photo", values)
        } ?? ""
        func area<C: HTML.BodyContext>(_ name: String, _ label: String, _ hint: String, _ value: String, rows: Int, max: Int) -> Node<C> {
            let error = model.errors[name]
            return .div(.attr("class", error == nil ? "field" : "field invalid"),
                        .label(.attr("for", name), .plainText(label)),
                        .p(.class("hint"), .attr("id", "\(name)-hint"), .plainText(hint)),
                        .unwrap(error) { .p(.class("error"), .attr("id", "\(name)-error"), .plainText(t($0))) },
                        .textarea(.attr("id", name), .attr("name", name), .attr("rows", String(rows)), .attr("maxlength", String(max)),
                                  .attr("dir", "auto"), .attr("aria-describedby", error == nil ? "\(name)-hint" : "\(name)-hint \(name)-error"),
                                  .if(error != nil, .attr("aria-invalid", "true")), .plainText(value)))
        }
        return Layout.document(model.shell, title: title, main: .div(
            .class("narrow"),
            .h1(.plainText(title)),
            .p(.class("muted"), .plainText(model.schoolName)),
            Forms.errorSummary(model.errors, order: ["title", "summary", "body", "keys", "photo", "photo_alt"], t: t),
            .form(
                .method(.post), .attr("action", Forms.uploadAction(model.action, token: model.shell.csrfToken)), .attr("enctype", "multipart/form-data"), .attr("novalidate", "novalidate"),
                Forms.csrf(model.shell.csrfToken),
                .div(
                    Forms.field(.init(name: "title", label: t("field.story_title"), value: draft.title, error: model.errors["title"],
                                      extra: [("maxlength", String(StoryDraft.maximumTitle))]), t: t),
                    area("summary", t("field.story_summary"), t("field.story_summary_hint"), draft.summary, rows: 3, max: StoryDraft.maximumSummary),
                    area("body", t("field.story_body"), t("field.story_body_hint"), draft.body, rows: 14, max: StoryDraft.maximumBody),
                    Forms.choices(name: "keys", legend: t("field.story_keys"), type: "checkbox",
                                  options: Questionnaire.keys.map { .init(value: String($0), label: "\($0). \(model.keyNames[$0] ?? "")") },
                                  selected: draft.keys, error: model.errors["keys"], t: t),
                    .div(.class("choice"),
                         .input(.type(.checkbox), .attr("id", "anonymous"), .attr("name", "anonymous"), .attr("value", "1"),
                                .flag("checked", draft.anonymous)),
                         .label(.attr("for", "anonymous"), .plainText(t("field.story_anonymous")))),
                    .unwrap(model.photoPath) { path in
                        .div(.class("field"),
                             .img(.attr("src", path), .attr("alt", draft.photoAlt), .attr("width", "240"), .class("story-thumb")),
                             .div(.class("choice"),
                                  .input(.type(.checkbox), .attr("id", "remove_photo"), .attr("name", "remove_photo"), .attr("value", "1")),
                                  .label(.attr("for", "remove_photo"), .plainText(t("field.story_remove_photo")))))
                    },
                    .unwrap(model.keptPhoto) { kept in
                        .div(.class("field kept-photo"), .attr("id", "kept-photo"),
                             .input(.type(.hidden), .attr("name", "pending_photo"), .attr("value", kept.id)),
                             .p(.strong(.plainText(keptText))),
                             .p(.class("hint"), .plainText(t("story.kept_photo_hint"))),
                             .div(.class("choice"),
                                  .input(.type(.checkbox), .attr("id", "drop_pending_photo"), .attr("name", "drop_pending_photo"), .attr("value", "1")),
                                  .label(.attr("for", "drop_pending_photo"), .plainText(t("field.story_drop_kept_photo")))))
                    },
                    .div(.attr("class", model.errors["photo"] == nil ? "field" : "field invalid"),
                         .label(.attr("for", "photo"), .plainText(t(model.photoPath == nil && model.keptPhoto == nil
                                                                     ? "field.story_photo" : "field.story_photo_replace"))),
                         .p(.class("hint"), .attr("id", "photo-hint"), .plainText(t("field.story_photo_hint"))),
                         .unwrap(model.errors["photo"]) { .p(.class("error"), .attr("id", "photo-error"), .plainText(t($0))) },
                         .input(.type(.file), .attr("id", "photo"), .attr("name", "photo"), .attr("accept", "image/jpeg,image/png"),
                                .attr("aria-describedby", model.errors["photo"] == nil ? "photo-hint" : "photo-hint photo-error"))),
                    Forms.field(.init(name: "photo_alt", label: t("field.story_photo_alt"), value: draft.photoAlt, error: model.errors["photo_alt"],
                                      hint: t("field.story_photo_alt_hint"), required: false,
                                      extra: [("maxlength", String(StoryDraft.maximumAlt))]), t: t),
                    Forms.submit(t("story.save"))
                )
            )
        ))
    }
}

/// A story for staff: its state, the coordinator's comment, a preview, what can be done next, and its history.
public enum StoryStaffPage {
    public struct Version: Equatable, Sendable {
        public var number: Int
        public var event: String
        public var by: String
        public var on: Day
        public var comment: String?
        public init(number: Int, event: String, by: String, on: Day, comment: String?) {
            self.number = number
            self.event = event
            self.by = by
            self.on = on
            self.comment = comment
        }
    }

    public struct Model: Equatable, Sendable {
        public var preview: StoryPage.Model
        public var schoolID: String
        public var status: StoryStatus
        public var reviewComment: String?
        public var versions: [Version]
        public var canWrite: Bool
        public var canReview: Bool
        public var notice: String?
        public var reviewError: String?
        /// For a reviewer: the trajectory's queue of stories, where the way back leads (else the school's stories).
        public var queuePath: String?
        /// The coordinator's comment as typed, when it came back with an error.
        public var typedComment = ""
        public init(preview: StoryPage.Model, schoolID: String, status: StoryStatus, reviewComment: String?, versions: [Version],
                    canWrite: Bool, canReview: Bool, notice: String? = nil, reviewError: String? = nil) {
            self.preview = preview
            self.schoolID = schoolID
            self.status = status
            self.reviewComment = reviewComment
            self.versions = versions
            self.canWrite = canWrite
            self.canReview = canReview
            self.notice = notice
            self.reviewError = reviewError
        }
        public static func mock(text: String) -> Model {
            var preview = StoryPage.Model.mock(text: text)
            preview.shell = .mock(text: text)
            return Model(preview: preview, schoolID: text, status: .submitted, reviewComment: text,
                         versions: [Version(number: 1, event: "created", by: text, on: Day(year: 2026, month: 11, day: 1), comment: text)],
                         canWrite: true, canReview: true, notice: "story.saved", reviewError: "error.required")
        }
    }

    public static func view(_ model: Model) -> HTML {
        let shell = model.preview.shell
        let t = shell.t
        let id = model.preview.card.id
        return Layout.document(shell, title: model.preview.card.title, main: .div(
            Forms.notice(model.notice, t: t, kind: "success"),
            .p(.class("lead"), model.queuePath.map { .a(.attr("href", $0), .plainText(t("story_queue.title"))) }
                ?? .a(.attr("href", SiteRoute.schoolStories(schoolID: SchoolID(model.schoolID)).path), .plainText(t("school_stories.title"))),
               .plainText(" · "), .strong(.plainText(t("story.status.\(model.status.rawValue)")))),
            .if(model.status == .returned, .unwrap(model.reviewComment) { comment in
                .div(.class("notice info"), .p(.strong(.plainText(t("story.returned_with") + " ")), .span(.attr("dir", "auto"), .plainText(comment))))
            }),
            .if(model.status == .published, .p(.a(.attr("href", SiteRoute.story(slug: LinkSlug(model.preview.card.slug)).path), .plainText(t("story.public_link"))))),
            .div(.class("actions"),
                 .if(model.canWrite && model.status.isEditable,
                     .a(.class("button"), .attr("href", SiteRoute.editStory(id: StoryID(id)).path), .plainText(t("story.edit")))),
                 .if(model.canWrite && model.status.isEditable,
                     .form(.method(.post), .attr("action", SiteRoute.submitStory(id: StoryID(id)).path), Forms.csrf(shell.csrfToken),
                           .button(.type(.submit), .class("primary"), .plainText(t("story.submit")))))),
            .section(.class("preview"), .attr("aria-label", t("story.preview")), StoryPage.article(model.preview)),
            // Read first, then decide: the review comes after the story.
            .if(model.canReview && (model.status == .submitted || model.status == .published), .section(
                .attr("aria-labelledby", "review-title"),
                .h2(.id("review-title"), .plainText(t("story.review"))),
                Forms.notice(model.reviewError, t: t),
                .form(.method(.post), .attr("action", SiteRoute.reviewStory(id: StoryID(id)).path), .attr("novalidate", "novalidate"),
                      Forms.csrf(shell.csrfToken),
                      .div(.class("field"),
                           .label(.attr("for", "comment"), .plainText(t("field.review_comment"))),
                           .p(.class("hint"), .attr("id", "comment-hint"), .plainText(t(model.status == .published ? "field.review_comment_hint_withdraw" : "field.review_comment_hint"))),
                           .textarea(.attr("id", "comment"), .attr("name", "comment"), .attr("rows", "3"), .attr("maxlength", "1000"),
                                     .attr("aria-describedby", "comment-hint"), .plainText(model.typedComment))),
                      .div(.class("actions"),
                           .forEach(StoryReviewDecision.allCases.filter { $0.appliesTo == model.status }) { decision in
                               .button(.type(.submit), .attr("name", "decision"), .attr("value", decision.rawValue),
                                       .if(decision == .publish, .class("primary")), .plainText(t(decision.catalogKey)))
                           }))
            )),
            .section(
                .attr("aria-labelledby", "history-title"),
                .h2(.id("history-title"), .plainText(t("story.history"))),
                .ol(.class("history"), .forEach(model.versions) { version in
                    .li(.plainText(t("story.version", ["n": String(version.number), "event": t("story.event.\(version.event)"), "name": version.by,
                                                  "date": Dates.long(version.on, t)])),
                        .unwrap(version.comment) { comment in .group(.plainText(" — "), .span(.attr("dir", "auto"), .plainText(comment))) })
                })
            )
        ))
    }
}

/// The coordinator's queue: the stories of a trajectory's schools, those waiting for review first.
public enum StoryQueuePage {
    public struct Model: Equatable, Sendable {
        public var shell: PageShell
        public var trajectoryID: String
        public var trajectoryName: String
        public var stories: [StoryCard]
        public init(shell: PageShell, trajectoryID: String, trajectoryName: String, stories: [StoryCard]) {
            self.shell = shell
            self.trajectoryID = trajectoryID
            self.trajectoryName = trajectoryName
            self.stories = stories
        }
        public static func mock(text: String) -> Model {
            Model(shell: .mock(text: text), trajectoryID: text, trajectoryName: text, stories: [.mock(text)])
        }
    }

    public static func view(_ model: Model) -> HTML {
        let t = model.shell.t
        let waiting = model.stories.filter { $0.status == .submitted }
        return Layout.document(model.shell, title: t("story_queue.title"), main: .div(
            .h1(.plainText(t("story_queue.title"))),
            .p(.class("lead"), .a(.attr("href", SiteRoute.trajectory(id: TrajectoryID(model.trajectoryID)).path), .plainText(model.trajectoryName))),
            .section(.attr("aria-labelledby", "waiting"), .h2(.id("waiting"), .plainText(t("story_queue.waiting"))),
                     StoryStaffBits.table(waiting, t: t, showSchool: true)),
            .section(.attr("aria-labelledby", "all-stories"), .h2(.id("all-stories"), .plainText(t("story_queue.all"))),
                     StoryStaffBits.table(model.stories, t: t, showSchool: true))
        ))
    }
}
