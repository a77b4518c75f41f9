import Fluent
import Foundation
import SamenspraakCore
import SamenspraakViews
import Vapor

/// The coordinator's review of parent languages: a language's parent-facing texts exported as a PO file for a native
/// speaker, and the reviewed file imported back. An import is checked whole (every key, placeholder and line), shown
/// as the differences it would make, and saved only on "save": then its texts replace the shipped ones, on every
/// server within a few seconds (`ParentTextStore`), and the language is marked reviewed by whom and when.
struct LanguageController: RouteCollection {
    /// A PO file of every parent-facing text is some 60 kB; four times that is plenty.
    static let maximumFileBytes = 256 * 1024

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.languages, use: index)
        routes.get(.languagePO(code: .any), use: export)
        routes.on(.POST, SiteRoute.languageImport(code: .any).pattern.map { PathComponent(stringLiteral: $0) },
                  body: .collect(maxSize: ByteCount(value: StaffStoryController.uploadMaxBytes)), use: upload)
        routes.post(.languageImportSave(code: .any), use: save)
    }

    /// Whether a request may carry a file: the import form (multipart, its token in the address like the story form's).
    static func isUpload(_ request: Request) -> Bool {
        guard request.method == .POST else { return false }
        let parts = request.url.path.split(separator: "/")
        return parts.count == 4 && parts[0] == "staff" && parts[1] == "languages" && parts[3] == "import"
    }

    // MARK: the list

    @Sendable func index(req: Request) async throws -> Response {
        _ = try req.staff(for: .reviewTranslations)
        return .html(LanguageListPage.view(try await Self.listModel(req, notice: req.notice(LanguageNotice.self)?.catalogKey)), status: .ok)
    }

    static func listModel(_ req: Request, notice: String? = nil, refused: LanguageCode? = nil, refusal: String? = nil,
                          problems: [TranslationProblem] = []) async throws -> LanguageListPage.Model {
        let store = req.application.parentTexts
        let texts = store.current
        var latest: [String: LanguageReview] = [:]
        for review in try await LanguageReview.query(on: req.db).sort(\.$reviewedAt, .descending).all() where latest[review.language] == nil {
            latest[review.language] = review
        }
        let rows = texts.languages.map { code -> LanguageListPage.Row in
            let review = latest[code.rawValue]
            return LanguageListPage.Row(code: code, status: texts.status(code), reviewedBy: review?.reviewerName,
                                        reviewedOn: review.map { Day(date: $0.reviewedAt) },
                                        reviewedAt: review.map { StaffAccountController.brusselsTime($0.reviewedAt) },
                                        unreviewed: store.unreviewed(code) ?? 0)
        }
        return LanguageListPage.Model(shell: req.shell(), rows: rows, notice: notice, refusedLanguage: refused, refusal: refusal,
                                      problems: problems)
    }

    /// The language the address names: a parent language, or 404.
    static func language(_ req: Request) throws -> LanguageCode {
        guard let code = req.parameter(LanguageSegment.self), let language = LanguageCode(rawValue: code),
              req.application.parentTexts.current.languages.contains(language) else { throw Abort(.notFound) }
        return language
    }

    // MARK: export

    @Sendable func export(req: Request) async throws -> Response {
        _ = try req.staff(for: .reviewTranslations)
        let language = try Self.language(req)
        let file = TranslationReview.export(language: language, texts: req.application.parentTexts.current.reviewable(language))
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/x-gettext-translation; charset=utf-8")
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"samenspraak-\(language.rawValue).po\"")
        headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return Response(status: .ok, headers: headers, body: .init(string: file))
    }

    // MARK: import

    struct ImportForm: Content {
        var file: File?
    }

    /// Checks an uploaded file. A refusal comes back on the list with the reasons and lines (422), nothing stored;
    /// a file that passes is kept as a pending import and its differences are shown.
    @Sendable func upload(req: Request) async throws -> Response {
        let user = try req.staff(for: .reviewTranslations)
        let language = try Self.language(req)
        func refuse(_ refusal: String?, _ problems: [TranslationProblem] = []) async throws -> Response {
            .html(LanguageListPage.view(try await Self.listModel(req, refused: language, refusal: refusal, problems: problems)),
                  status: .unprocessableEntity)
        }
        let texts = req.application.parentTexts.current
        guard texts.status(language) != .source else { return try await refuse("languages.refused.source") }
        let form = try? req.content.decode(ImportForm.self)
        guard let file = form?.file, file.data.readableBytes > 0 else { return try await refuse("languages.refused.no_file") }
        guard file.data.readableBytes <= Self.maximumFileBytes else { return try await refuse("languages.refused.too_large") }
        guard let content = String(validating: file.data.readableBytesView, as: UTF8.self) else {
            return try await refuse("languages.refused.encoding")
        }
        let reviewable = texts.reviewable(language)
        let imported: [ParentTextID: String]
        switch TranslationReview.check(content, language: language, texts: reviewable) {
        case let .failure(refusal): return try await refuse(nil, refusal.problems)
        case let .success(found): imported = found
        }
        let now = req.now
        try await PendingTextImport.query(on: req.db).filter(\.$expiresAt <= now).delete()
        let pending = PendingTextImport(language: language, userID: try user.requireID(), content: content, now: now)
        try await pending.create(on: req.db)
        let model = LanguageImportPreviewPage.Model(shell: req.shell(), language: language,
                                                    difference: TranslationReview.difference(reviewable, imported: imported),
                                                    pendingID: try pending.requireID().uuidString.lowercased(), digest: pending.digest)
        let response = Response.html(LanguageImportPreviewPage.view(model), status: .ok)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    struct SaveForm: Content {
        var pending: String?
        var digest: String?
    }

    /// Saves a pending import: its texts replace those stored for the language, one review row and an audit entry
    /// record who reviewed it, in one transaction; then this server reloads at once (the others within seconds).
    @Sendable func save(req: Request) async throws -> Response {
        let user = try req.staff(for: .reviewTranslations)
        let language = try Self.language(req)
        let form = try req.content.decode(SaveForm.self)
        let now = req.now
        guard let pending = try await PendingTextImport.owned(id: form.pending ?? "", digest: form.digest ?? "", language: language,
                                                              userID: try user.requireID(), now: now, on: req.db) else {
            return .html(LanguageListPage.view(try await Self.listModel(req, refused: language, refusal: "languages.refused.expired")),
                         status: .unprocessableEntity)
        }
        // Checked again: the shipped texts may have changed since the preview (another server, a new version).
        let reviewable = req.application.parentTexts.current.reviewable(language)
        let imported: [ParentTextID: String]
        switch TranslationReview.check(pending.content, language: language, texts: reviewable) {
        case let .failure(refusal):
            try await pending.delete(on: req.db)
            return .html(LanguageListPage.view(try await Self.listModel(req, refused: language, problems: refusal.problems)),
                         status: .unprocessableEntity)
        case let .success(found): imported = found
        }
        let difference = TranslationReview.difference(reviewable, imported: imported)
        try await req.db.transaction { db in
            try await ReviewedText.query(on: db).filter(\.$language == language.rawValue).delete()
            try await reviewable.compactMap { text in
                imported[text.id].map { ReviewedText(language: language, id: text.id, text: $0, source: text.source) }
            }.create(on: db)
            try await LanguageReview(language: language, reviewer: user, at: now, changed: difference.changes.count,
                                     unchanged: difference.unchanged).create(on: db)
            try await AuditEntry(at: now, actor: user, action: .translationsReviewed, subjectID: nil, subjectName: "", subjectEmail: "",
                                 schoolID: nil, detail: "\(language.endonym) (\(language.rawValue))").create(on: db)
            try await pending.delete(on: db)
        }
        req.logger.info("reviewed texts imported", metadata: ["language": .string(language.rawValue),
                                                              "changed": .stringConvertible(difference.changes.count)])
        try await req.application.parentTexts.reload(on: req.db, force: true)
        return .redirect(to: SiteRoute.languages.with(notice: LanguageNotice.reviewed))
    }
}
