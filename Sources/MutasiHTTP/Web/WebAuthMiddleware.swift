import Hummingbird
import MutasiDomain
import MutasiServices

/// Pages behind sign-in: the session cookie names the caller (each use keeps an idle session
/// alive, see `AuthService.authenticate(token:idle:)`), and every POST must carry the
/// session's CSRF token in its form, else 403.
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
            let form = try await WebForm.read(&request)
            guard let sent = form[WebSession.csrfField], WebSession.same(sent, WebSession.csrfToken(session: token)) else {
                throw WebRefusal.csrf
            }
        }
        return try await next(request, context)
    }
}

/// Refusals particular to the pages.
enum WebRefusal {
    static let csrf = DomainError(.forbidden, code: "web.csrf_invalid",
                                  "Formulir ini kedaluwarsa atau tidak berasal dari halaman ini. Muat ulang halaman lalu coba lagi.")
}
