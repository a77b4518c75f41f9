import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The public website of stories: open to everyone, no account. Only published stories appear; an anonymous
/// story never names its school. Pages carry an ETag; the feed is Atom.
struct PublicStoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.stories, use: home)
        routes.get(.storiesForKey(key: .any), use: key)
        routes.get(.storiesOfSchool(slug: .any), use: school)
        routes.get(.storySearch, use: search)
        routes.get(.storyFeed, use: feed)
        routes.get(.storyPhoto(id: .any), use: photo)
        routes.get(.story(slug: .any), use: show)
    }

    static func cards(_ stories: [Story]) -> [StoryCard] { stories.map { $0.card() } }

    @Sendable func home(req: Request) async throws -> Response {
        let all = try await Story.published(on: req.db).sort(\.$publishedAt, .descending).all()
        var counts: [Int: Int] = [:]
        for story in all { for key in story.keys { counts[key, default: 0] += 1 } }
        let model = StoriesHomePage.Model(shell: req.publicShell(path: SiteRoute.stories.path), newest: Self.cards(Array(all.prefix(10))),
                                          keyNames: req.keyNames, counts: counts)
        return .cacheable(StoriesHomePage.view(model).render(), for: req)
    }

    @Sendable func key(req: Request) async throws -> Response {
        guard let key = req.parameter(KeyNumber.self).flatMap(Int.init), Questionnaire.keys.contains(key) else { throw Abort(.notFound) }
        let stories = try await Story.published(withKey: key, on: req.db)
        let names = req.keyNames
        let model = StoryListPage.Model(shell: req.publicShell(path: SiteRoute.storiesForKey(key: KeyNumber(key)).path),
                                        title: req.t("report.key", ["n": String(key), "name": names[key] ?? ""]),
                                        intro: req.t("stories.key_intro"), cards: Self.cards(stories), keyNames: names)
        return .cacheable(StoryListPage.view(model).render(), for: req)
    }

    @Sendable func school(req: Request) async throws -> Response {
        guard let slug = req.parameter(LinkSlug.self), slug.count <= 80,
              let school = try await School.query(on: req.db).filter(\.$profileSlug == slug).first() else { throw Abort(.notFound) }
        let stories = try await Story.published(on: req.db).filter(\.$school.$id == school.requireID()).filter(\.$anonymous == false)
            .sort(\.$publishedAt, .descending).all()
        guard !stories.isEmpty else { throw Abort(.notFound) }
        let model = StoryListPage.Model(shell: req.publicShell(path: SiteRoute.storiesOfSchool(slug: LinkSlug(slug)).path),
                                        title: req.t("stories.of_school", ["school": school.name]), intro: nil, cards: Self.cards(stories),
                                        keyNames: req.keyNames)
        return .cacheable(StoryListPage.view(model).render(), for: req)
    }

    @Sendable func search(req: Request) async throws -> Response {
        let typed = String((req.query[String.self, at: "q"] ?? "").prefix(200))
        let ids = try await StorySearch.search(SearchQuery.words(typed), on: req.db)
        let found = ids.isEmpty ? [] : try await Story.published(on: req.db).filter(\.$id ~~ ids).all()
        let ordered = ids.compactMap { id in found.first { $0.id == id } }
        let model = StoryListPage.Model(shell: req.publicShell(path: SiteRoute.storySearch.with(query: "q", typed)),
                                        title: req.t("stories.search_title"),
                                        intro: typed.isEmpty ? nil : req.t(ordered.count == 1 ? "stories.results_one" : "stories.results",
                                                                          ["count": String(ordered.count), "query": typed]),
                                        cards: Self.cards(ordered), keyNames: req.keyNames, query: typed)
        return .cacheable(StoryListPage.view(model).render(), for: req)
    }

    @Sendable func feed(req: Request) async throws -> Response {
        let stories = try await Story.published(on: req.db).sort(\.$publishedAt, .descending).limit(20).all()
        let entries = stories.map { story in
            StoryFeed.Entry(id: "urn:uuid:\(story.publicID)", url: req.absoluteURL(SiteRoute.story(slug: LinkSlug(story.slug)).path), title: story.title,
                            summary: story.summary, author: story.anonymous ? req.t("stories.anonymous_school") : story.school.name,
                            updated: story.publishedAt ?? story.updatedAt ?? Date(timeIntervalSince1970: 0))
        }
        let xml = StoryFeed.xml(title: req.t("stories.title"), siteURL: req.absoluteURL(SiteRoute.stories.path),
                                feedURL: req.absoluteURL(SiteRoute.storyFeed.path), entries: entries)
        return .cacheable(xml, contentType: HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"]), for: req)
    }

    @Sendable func photo(req: Request) async throws -> Response {
        let id = try req.uuid(StoryPhotoID.self)
        // A photo is public only while a published story shows it.
        guard try await Story.query(on: req.db).filter(\.$photoID == id).filter(\.$status == StoryStatus.published.rawValue).count() > 0,
              let photo = try await StoryPhoto.find(id, on: req.db) else { throw Abort(.notFound) }
        if req.headers.first(name: .ifNoneMatch) == "\"\(id.uuidString.lowercased())\"" {
            return Response(status: .notModified)
        }
        return StaffStoryController.photoResponse(photo, cache: "public, max-age=3600")
    }

    @Sendable func show(req: Request) async throws -> Response {
        guard let slug = req.parameter(LinkSlug.self), slug.count <= 80,
              let story = try await Story.published(on: req.db).filter(\.$slug == slug).first() else { throw Abort(.notFound) }
        var size: (Int, Int)?
        if let photoID = story.photoID, let photo = try await StoryPhoto.find(photoID, on: req.db) { size = (photo.width, photo.height) }
        let model = StoryPage.Model(shell: req.publicShell(path: SiteRoute.story(slug: LinkSlug(slug)).path), card: story.card(),
                                    body: Markdown.render(story.body), photoPath: story.photoID.map { SiteRoute.storyPhoto(id: StoryPhotoID($0)).path },
                                    photoAlt: story.photoAlt, photoSize: size, keyNames: req.keyNames)
        return .cacheable(StoryPage.view(model).render(), for: req)
    }
}
