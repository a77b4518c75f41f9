import AsyncKit
import NIOCore
import NIOPosix
import PostgresNIO
import SamenspraakCore
import SamenspraakViews
import Vapor

/// Turns every error into a page in the person's language with the right status. A 5xx page says nothing of
/// the cause; the log has it, with the request id.
struct ErrorPageMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch let error as SignInRequired {
            let target = SiteRoute.isLocalPath(error.next) && error.next != SiteRoute.staffHome.path
                ? SiteRoute.login.with(query: "next", error.next) : SiteRoute.login.path
            return .redirect(to: target)
        } catch is PasswordChangeRequired {
            return .redirect(to: SiteRoute.accountPassword.path)
        } catch {
            let status: HTTPResponseStatus
            let unavailable = Self.isDatabaseUnavailable(error)
            if unavailable {
                // The database is away (PostgreSQL restarting, the network): say so kindly and ask to come back soon.
                // Nothing is half-written: a form that fails here stored nothing.
                status = .serviceUnavailable
            } else if let abort = error as? any AbortError {
                status = abort.status
            } else if error is DecodingError {
                status = .badRequest
            } else {
                status = .internalServerError
            }
            if request.isCountedOnly {
                // A parent's request: its status is in the per-minute counts; a failure adds only the kind of error
                // (its text could hold a value of the request), counted per minute as well.
                if status.code >= 500 {
                    request.application.requestLog.count("request failed", level: .error, ["error": String(describing: type(of: error))],
                                                         at: request.now)
                }
            } else if status.code >= 500 {
                request.logger.error("request failed", metadata: ["error": .string(String(reflecting: error))])
            } else if status.code != 404 {
                request.logger.notice("request refused", metadata: ["status": .stringConvertible(status.code)])
            }
            if request.url.path.hasPrefix("/api/") || request.url.path == SiteRoute.healthz.path {
                let response = Response(status: status)
                if unavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "30") }
                try? response.content.encode(["error": status.reasonPhrase])
                if let abort = error as? any AbortError {
                    for (name, value) in abort.headers { response.headers.replaceOrAdd(name: name, value: value) }
                }
                return response
            }
            let reason: String? = error is CSRFRefused ? "error.csrf" : (unavailable ? "error.503" : nil)
            let model = ErrorPage.Model(shell: request.shell(), status: Int(status.code), reason: reason)
            let response = Response.html(ErrorPage.view(model), status: status)
            if unavailable { response.headers.replaceOrAdd(name: .retryAfter, value: "30") }
            if status == .methodNotAllowed { response.headers.replaceOrAdd(name: .allow, value: "GET, POST") }
            if let fresh = request.storage[CSRFMiddleware.FreshTokenKey.self] {
                response.setCookie(CSRFMiddleware.cookieName, request.application.cookie(value: fresh, maxAge: nil), app: request.application)
            }
            return response
        }
    }
}

extension ErrorPageMiddleware {
    /// Whether an error means the database cannot be reached right now (as opposed to a fault in a query).
    static func isDatabaseUnavailable(_ error: any Error) -> Bool {
        if let psql = error as? PSQLError {
            return [.connectionError, .serverClosedConnection, .clientClosedConnection, .poolClosed, .uncleanShutdown].contains(psql.code)
        }
        if error is ConnectionPoolTimeoutError || error is NIOConnectionError { return true }
        if let io = error as? IOError { return [ECONNREFUSED, ECONNRESET, ETIMEDOUT, EHOSTUNREACH, ENETUNREACH, EPIPE].contains(io.errnoCode) }
        return false
    }
}
