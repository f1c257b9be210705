import Hummingbird
import MutasiDomain
import MutasiServices

/// Resolves `Authorization: Bearer <token>` to the calling principal, or answers 401.
public struct AuthMiddleware: RouterMiddleware {
    public typealias Context = AppRequestContext
    let auth: AuthService

    public init(auth: AuthService) { self.auth = auth }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
            throw DomainError(.unauthenticated, code: "auth.required", "Log in first: send Authorization: Bearer <token>.")
        }
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        var context = context
        context.authenticated(try await auth.authenticate(token: token), token: token)
        return try await next(request, context)
    }
}

import Foundation
