import SamenspraakViews
import Vapor

extension RoutesBuilder {
    /// Registers a GET route at the path of a `SiteRoute`, so links and routes cannot drift apart.
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
    /// A UUID path parameter; a malformed one is simply "not found".
    func uuid(_ name: String) throws -> UUID {
        guard let value = parameters.get(name), let id = UUID(uuidString: value) else { throw Abort(.notFound) }
        return id
    }
}
