import Hummingbird
import MutasiDomain
import MutasiServices

/// Pages behind sign-in: the session cookie names the caller (each use keeps an idle session
/// alive, see `AuthService.authenticate(token:idle:)`), and every POST must carry the
/// session's CSRF token in its form (urlencoded, or multipart for uploads), else 403.
struct WebAuthMiddleware: RouterMiddleware {
    typealias Context = AppRequestContext
    let auth: AuthService
    let settings: WebSettings

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let token = WebSession.cookie(request, WebSession.sessionCookie) else { throw WebSignInRequired() }
        let secure = WebSession.isSecure(request, peer: context.peerAddress, proxies: settings.trustedProxies)
        var context = context
        do {
            var principal = try await auth.authenticate(token: token, idle: settings.idleLimit)
            principal.channel = .web
            context.authenticated(principal, token: token)
        } catch let error as DomainError where error.kind == .unauthenticated {
            throw WebSignInRequired(clearCookie: WebSession.setCookie(WebSession.sessionCookie, "", maxAge: 0, secure: secure))
        }
        var request = request
        if request.method == .post {
            let sent: String?
            if WebMultipart.boundary(contentType: request.headers[.contentType] ?? "") != nil {
                sent = try await WebMultipart.read(&request, maxBytes: Self.multipartLimit(request.uri.path))[WebSession.csrfField]
            } else {
                sent = try await WebForm.read(&request)[WebSession.csrfField]
            }
            guard let sent, WebSession.same(sent, WebSession.csrfToken(session: token)) else {
                throw WebRefusal.csrf
            }
        }
        return try await next(request, context)
    }

    /// Paths whose forms upload files take bodies as large as the API's imports; every other
    /// multipart form is held to the limit of a short form.
    static let uploadPaths = ["/impor/"]

    static func multipartLimit(_ path: String) -> Int {
        uploadPaths.contains(where: path.hasPrefix) ? WorkforceFileController.maxImportBytes : WebForm.maxBytes
    }
}

/// Refusals particular to the pages.
enum WebRefusal {
    static let csrf = DomainError(.forbidden, code: "web.csrf_invalid",
                                  "Formulir ini kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu coba lagi.")
}
