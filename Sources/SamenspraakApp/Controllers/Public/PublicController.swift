import Fluent
import NIOCore
import SamenspraakCore
import SamenspraakViews
import SQLKit
import Vapor

/// Pages and endpoints anyone may open: the front page, the stylesheet, the language switch, health and metrics.
struct PublicController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.home, use: home)
        routes.get(.stylesheet, use: stylesheet)
        routes.get(.readAloudScript, use: readAloud)
        routes.get(.copyLinkScript, use: copyLink)
        routes.get(.voiceRecorderScript, use: voiceRecorder)
        routes.get(.meetingScript, use: meetingScript)
        routes.get(.language(.any), use: language)
        routes.get(.healthz, use: healthz)
        routes.get(.metrics, use: metrics)
    }

    @Sendable func home(req: Request) async throws -> Response {
        if try await User.query(on: req.db).count() == 0 {
            return .redirect(to: SiteRoute.setup.path)
        }
        return .html(HomePage.view(.init(shell: req.shell())), status: .ok)
    }

    @Sendable func stylesheet(req: Request) async throws -> Response {
        let etag = "\"css-\(Stylesheet.fingerprint)\""
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/css; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        headers.replaceOrAdd(name: .eTag, value: etag)
        if req.headers.first(name: .ifNoneMatch) == etag {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: .ok, headers: headers, body: .init(string: Stylesheet.full))
    }

    @Sendable func readAloud(req: Request) async throws -> Response { Self.script(ReadAloud.script) }

    @Sendable func copyLink(req: Request) async throws -> Response { Self.script(CopyLink.script) }

    @Sendable func voiceRecorder(req: Request) async throws -> Response { Self.script(VoiceRecorder.script) }

    @Sendable func meetingScript(req: Request) async throws -> Response { Self.script(MeetingPage.script) }

    /// One of the site's small scripts, kept by browsers for a day.
    static func script(_ source: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/javascript; charset=utf-8")
        headers.replaceOrAdd(name: .cacheControl, value: "public, max-age=86400")
        return Response(status: .ok, headers: headers, body: .init(string: source))
    }

    /// Keeps the chosen language in a cookie for a year and goes back to the page the person was on.
    @Sendable func language(req: Request) async throws -> Response {
        guard let code = req.parameter(LanguageSegment.self), let language = LanguageCode(rawValue: code),
              LanguageCode.staffLanguages.contains(language) else {
            throw Abort(.notFound)
        }
        let back = req.query[String.self, at: "back"].flatMap { SiteRoute.isLocalPath($0) ? $0 : nil } ?? SiteRoute.home.path
        let response = Response.redirect(to: back)
        response.setCookie(Request.languageCookie, req.application.cookie(value: language.rawValue, maxAge: 365 * 24 * 3600), app: req.application)
        return response
    }

    struct Health: Content {
        var status: String
        var database: String
        var databaseKind: String
    }

    @Sendable func healthz(req: Request) async throws -> Response {
        let kind = req.application.samenspraakConfig.database.kind
        var healthy = false
        if let sql = req.db as? any SQLDatabase {
            do {
                try await sql.execute(sql: SQLRaw("SELECT 1"), { _ in })
                healthy = true
            } catch {
                req.logger.error("health check: database unreachable", metadata: ["error": .string(String(describing: error))])
            }
        }
        let body = Health(status: healthy ? "ok" : "unavailable", database: healthy ? "ok" : "unreachable", databaseKind: kind)
        let response = Response(status: healthy ? .ok : .serviceUnavailable)
        try response.content.encode(body, as: .json)
        return response
    }

    /// The counters for Prometheus, which may tell more about use than the public should see (which routes, how
    /// often, how fast). With `SAMENSPRAAK_METRICS_TOKEN` set, only a request with `Authorization: Bearer <token>`
    /// gets them; without one, only a peer on this machine (the socket's address: a forwarded-for header proves
    /// nothing). Anyone else gets 404, as if there were no such page.
    @Sendable func metrics(req: Request) async throws -> Response {
        guard Self.mayReadMetrics(req) else { throw Abort(.notFound) }
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: "text/plain; version=0.0.4; charset=utf-8")
        return Response(status: .ok, headers: headers, body: .init(string: req.application.metricsRegistry.emitToString()))
    }

    static func mayReadMetrics(_ req: Request) -> Bool {
        if let token = req.application.samenspraakConfig.metricsToken {
            guard let sent = req.headers.bearerAuthorization?.token else { return false }
            return CSRFMiddleware.constantTimeEquals(sent, token)
        }
        return req.remoteAddress.map(isLoopback) ?? false
    }

    /// Whether a connection comes from this machine: 127.0.0.0/8, ::1, or 127.x mapped into IPv6.
    static func isLoopback(_ address: SocketAddress) -> Bool {
        switch address {
        case .unixDomainSocket: return true
        case .v4, .v6:
            guard let ip = address.ipAddress?.lowercased() else { return false }
            let v4 = ip.hasPrefix("::ffff:") ? String(ip.dropFirst(7)) : ip
            return ip == "::1" || AppConfiguration.isLoopback(hostname: v4) && v4 != "localhost"
        }
    }
}
