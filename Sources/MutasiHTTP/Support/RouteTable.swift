import Hummingbird

/// Registers routes and remembers them, so the OpenAPI document can be held to the router.
public final class RouteTable: @unchecked Sendable {
    public struct Route: Hashable, Sendable, Comparable {
        public var method: String
        public var path: String
        public static func < (a: Route, b: Route) -> Bool { (a.path, a.method) < (b.path, b.method) }
    }
    public private(set) var routes: [Route] = []

    public init() {}

    /// Adds a route to `group` (whose full prefix is `prefix`) and records it.
    func on(_ group: RouterGroup<AppRequestContext>, prefix: String, _ path: String, method: HTTPRequest.Method,
            _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response) {
        group.on(RouterPath(path), method: method, use: handler)
        routes.append(Route(method: method.rawValue, path: prefix + (path.isEmpty ? "" : "/" + path)))
    }

    func on(_ router: Router<AppRequestContext>, _ path: String, method: HTTPRequest.Method,
            _ handler: @escaping @Sendable (Request, AppRequestContext) async throws -> Response) {
        router.on(RouterPath(path), method: method, use: handler)
        routes.append(Route(method: method.rawValue, path: path))
    }
}
