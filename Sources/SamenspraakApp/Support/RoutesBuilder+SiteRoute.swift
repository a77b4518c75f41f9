import SamenspraakViews
import Vapor

extension RoutesBuilder {
    /// Registers a GET route at the pattern of a `SiteRoute`, so links and routes cannot drift apart:
    /// `routes.get(.wave(id: .any), use: show)`.
    @discardableResult
    func get<Response: AsyncResponseEncodable>(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        get(route.pattern.map { PathComponent(stringLiteral: $0) }, use: handler)
    }

    @discardableResult
    func post<Response: AsyncResponseEncodable>(_ route: SiteRoute, use handler: @escaping @Sendable (Request) async throws -> Response) -> Route {
        post(route.pattern.map { PathComponent(stringLiteral: $0) }, use: handler)
    }
}

extension Request {
    /// The path parameter of the given type, as sent (a token, a slug, a number); nil when absent.
    func parameter<Kind>(_: RouteParameter<Kind>.Type) -> String? {
        parameters.get(Kind.name)
    }

    /// A path parameter that is a database id; a malformed one is simply "not found".
    func uuid<Kind>(_ type: RouteParameter<Kind>.Type) throws -> UUID {
        guard let value = parameter(type), let id = UUID(uuidString: value) else { throw Abort(.notFound) }
        return id
    }
}
