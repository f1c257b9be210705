import Hummingbird

/// Returns the request id (the one in every log line of the request) as `X-Request-ID`, so a
/// user's report can be matched with the logs.
public struct RequestIDMiddleware<Context: RequestContext>: RouterMiddleware {
    public init() {}

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response = try await next(request, context)
        response.headers[.init("X-Request-ID")!] = context.id
        return response
    }
}
