import Hummingbird
import MutasiDomain

/// Wraps every page: refusals and failures answer as an HTML page in Bahasa Indonesia (never a
/// stack trace), a missing or ended session sends the browser to the sign-in page, and every
/// answer carries headers that keep the page from being framed, sniffed or cached.
struct WebPageMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var response: Response
        do {
            response = try await next(request, context)
        } catch let redirect as WebSignInRequired {
            response = Response.redirect(to: "/masuk", type: .normal)
            if let clear = redirect.clearCookie { response.headers.append(HTTPFields.Element(name: .setCookie, value: clear)) }
        } catch let error as DomainError {
            response = ErrorPage.response(for: error)
        } catch let error as HTTPError {
            response = ErrorPage.response(status: error.status)
        } catch {
            context.logger.error("unhandled error", metadata: ["error": "\(String(reflecting: error))"])
            response = ErrorPage.response(status: .internalServerError)
        }
        for (name, value) in Self.headers where response.headers[name] == nil { response.headers[name] = value }
        return response
    }

    static let headers: [(HTTPFields.Element.Name, String)] = [
        (.contentSecurityPolicy, "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; form-action 'self'; "
            + "frame-ancestors 'none'; base-uri 'none'"),
        (HTTPFields.Element.Name("X-Content-Type-Options")!, "nosniff"),
        (HTTPFields.Element.Name("Referrer-Policy")!, "same-origin"),
        (.cacheControl, "no-store"),
    ]
}

/// Thrown where a page needs a session and the request has none that is live.
struct WebSignInRequired: Error {
    /// `Set-Cookie` that removes the dead session's cookie, if one was sent.
    var clearCookie: String?
}
