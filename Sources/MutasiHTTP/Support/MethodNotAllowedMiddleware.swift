import Hummingbird

/// A known path asked with a method it does not serve answers 405 with `Allow` listing the
/// methods it does (RFC 9110 §15.5.6), instead of the router's 404. Added to the router after
/// every route, so it sits only in front of the not-found responder: matched requests never pass it.
struct MethodNotAllowedMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    /// Each route path as segments, with the methods it serves.
    private let routes: [(segments: [Substring], methods: [String])]

    init(routes: [Router<AppRequestContext>.RouteDescription]) {
        var methods: [String: Set<String>] = [:]
        for route in routes { methods[route.path.description, default: []].insert(route.method.rawValue) }
        self.routes = methods.map { path, methods in
            (Self.segments(path), methods.sorted())
        }
    }

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let path = Self.segments(request.uri.path)
        // Where several paths match, the router prefers literal segments; so does `Allow`.
        let matching = routes.filter { Self.matches($0.segments, path) }
        let literals = matching.map { Self.literalCount($0.segments) }.max()
        let allowed = Set(matching.filter { Self.literalCount($0.segments) == literals }.flatMap(\.methods)).sorted()
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
            return try await next(request, context)
        }
        let allow = allowed.joined(separator: ", ")
        guard WebNotFoundMiddleware.wantsPage(request) else {
            throw HTTPError(.methodNotAllowed, headers: [.allow: allow])
        }
        var response = ErrorPage.response(status: .methodNotAllowed)
        for (name, value) in WebPageMiddleware.headers { response.headers[name] = value }
        response.headers[.allow] = allow
        return response
    }

    private static func segments(_ path: String) -> [Substring] {
        path.split(separator: "/", omittingEmptySubsequences: true)
    }

    private static func literalCount(_ pattern: [Substring]) -> Int {
        pattern.filter { !$0.contains("{") && !$0.contains("*") }.count
    }

    /// Literal segments match themselves; `{name}` and `*` match any one segment, `**` the rest.
    private static func matches(_ pattern: [Substring], _ path: [Substring]) -> Bool {
        for (index, segment) in pattern.enumerated() {
            if segment == "**" { return true }
            guard index < path.count else { return false }
            if segment == "*" || (segment.hasPrefix("{") && segment.hasSuffix("}")) { continue }
            if let open = segment.firstIndex(of: "{"), let close = segment.firstIndex(of: "}") {
                let prefix = segment[..<open], suffix = segment[segment.index(after: close)...]
                guard path[index].hasPrefix(prefix), path[index].hasSuffix(suffix),
                      path[index].count > prefix.count + suffix.count else { return false }
                continue
            }
            guard segment == path[index] else { return false }
        }
        return pattern.count == path.count
    }
}
