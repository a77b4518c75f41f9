import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import SQLKit
import Vapor

/// Builds the application from a configuration; running it is the caller's business (tests call this too).
public func configure(_ app: Application, _ config: AppConfiguration, services: AppServices = .live) async throws {
    app.samenspraakConfig = config
    app.services = services
    app.catalogs = try CatalogLoader.load()
    let added = config.languagesDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
    try registerSpokenLanguages(added: added)
    app.parentTexts = ParentTextStore(shipped: ParentTexts(questionnaires: try QuestionnaireLoader.load(added: added),
                                                           rating: try RatingCatalogLoader.load(added: added),
                                                           cards: try CardCatalogLoader.load(added: added),
                                                           profiles: try ProfileCatalogLoader.load(added: added)))

    app.http.server.configuration.hostname = config.hostname
    app.http.server.configuration.port = config.port
    app.routes.defaultMaxBodySize = ByteCount(value: config.maxBodyBytes)
    app.routes.caseInsensitive = false
    app.http.server.configuration.responseCompression = .enabled
    // No form of Samenspraak sends a compressed body; one that comes anyway is refused (BodyLimitMiddleware),
    // never inflated.
    app.http.server.configuration.requestDecompression = .disabled

    switch config.database {
    case let .sqliteFile(path):
        app.databases.use(.sqlite(.file(path)), as: .sqlite)
    case .sqliteMemory:
        app.databases.use(.sqlite(.memory), as: .sqlite)
    case let .postgres(url):
        app.databases.use(try .postgres(url: url), as: .psql)
    }
    if case .sqliteFile = config.database, let sql = app.db as? any SQLDatabase {
        // Write-ahead logging: readers do not block the writer, and a crash loses nothing committed.
        try await sql.execute(sql: SQLRaw("PRAGMA journal_mode=WAL"), { _ in })
    }
    if case .postgres = config.database {} else {
        // Deleted rows are overwritten, not left readable in free pages (a sent draft, an inbox row). The setting
        // belongs to a connection, and there is one per event loop; sends set it again (`SurveyInbox`) in case a
        // connection was replaced.
        for loop in app.eventLoopGroup.makeIterator() {
            if let sql = app.databases.database(logger: app.logger, on: loop) as? any SQLDatabase {
                try await sql.execute(sql: SQLRaw("PRAGMA secure_delete = ON"), { _ in })
            }
        }
    }
    switch config.database {
    case .sqliteFile(let path):
        let writer = WriterDatabase(path: path)
        app.lifecycle.use(writer)
        app.groupCommit = GroupCommit(batched: true, database: { [weak app] in writer.database(logger: app!.logger) })
    case .sqliteMemory: app.groupCommit = GroupCommit(batched: true, database: { [weak app] in app!.db })
    case .postgres: app.groupCommit = GroupCommit(batched: false, database: { [weak app] in app!.db })
    }
    app.migrations.add(Migrations.all)
    app.passwords.use(.bcrypt(cost: config.bcryptCost))
    app.dummyPasswordHash = try app.password.hash(services.token())

    var middleware = Middlewares()
    // Outermost: a body nothing read must not stall the next request on the same connection.
    middleware.use(BodyDrainMiddleware())
    // A page from the short cache costs next to nothing; it is counted on its own (http_page_cache_hits_total).
    if config.pageCacheSeconds > 0 {
        middleware.use(PublicPageCache(lifetime: TimeInterval(config.pageCacheSeconds), now: services.now,
                                       hits: app.metricsRegistry.makeCounter(descriptor: .init(
                                           metricName: "http_page_cache_hits", unitName: "total",
                                           helpText: "Public pages answered from the short page cache"))))
    }
    middleware.use(MetricsMiddleware(registry: app.metricsRegistry))
    // Outside the error pages and everything that answers early (busy, too large, sign-in), so those answers
    // carry the same headers as the pages.
    middleware.use(SecurityHeadersMiddleware(hsts: config.publicURL?.lowercased().hasPrefix("https://") == true))
    middleware.use(ErrorPageMiddleware())
    middleware.use(LoadSheddingMiddleware(limit: config.maxInFlight))
    // The session (and a kiosk's detour to its unlock page) is known before any body is read, so a large upload is
    // refused unread when nobody is signed in.
    middleware.use(StaffAuthMiddleware())
    middleware.use(KioskMiddleware())
    middleware.use(BodyLimitMiddleware(maxBytes: config.maxBodyBytes, uploadMaxBytes: StaffStoryController.uploadMaxBytes,
                                       isUpload: { StaffStoryController.isUpload($0) || LanguageController.isUpload($0) || VoiceController.isUpload($0) },
                                       beforeUpload: StaffStoryController.admitUpload))
    middleware.use(CSRFMiddleware())
    middleware.use(ParentTextRefreshMiddleware())
    app.middleware = middleware

    if config.scheduledJobs { app.lifecycle.use(CardPurgeSchedule()) }
    if let mail = config.mail {
        app.mailTransport = try SMTPMailTransport(mail)
        if config.scheduledJobs, let transport = app.mailTransport { app.lifecycle.use(MailWorker(transport: transport)) }
    }
    app.requestLog = RequestLog()
    app.lifecycle.use(RequestLogFlush())
    try routes(app)
}
