import Hummingbird

/// A path no route serves answers a browser (one that accepts `text/html`) with the pages' 404
/// page in Bahasa Indonesia; the API's paths (`/v1/...`) and every other client keep the JSON
/// problem of `ProblemMiddleware`, which sits outside this middleware.
struct WebNotFoundMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            return try await next(request, context)
        } catch let error as HTTPError where error.status == .notFound && Self.wantsPage(request) {
            var response = ErrorPage.response(status: .notFound)
            for (name, value) in WebPageMiddleware.headers { response.headers[name] = value }
            return response
        }
    }

    /// A browser's request for a path outside the API.
    static func wantsPage(_ request: Request) -> Bool {
        let path = request.uri.path
        if path == "/v1" || path.hasPrefix("/v1/") { return false }
        let accept = request.headers[values: .accept].joined(separator: ",").lowercased()
        return accept.contains("text/html")
    }
}
