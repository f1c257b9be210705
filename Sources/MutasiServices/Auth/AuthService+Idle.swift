import Foundation
import MutasiDomain
import MutasiRepositories

extension AuthService {
    /// Like `authenticate(token:)` for sessions with an idle limit (the web's): each use moves
    /// the session's expiry to `idle` from now, never past its own lifetime, so a session left
    /// alone longer than `idle` is over.
    public func authenticate(token value: String, idle: Duration) async throws -> Principal {
        guard let token = BearerToken(value) else { throw Self.badToken }
        let now = env.now(), lifetime = env.tokenLifetime
        let identity = try await env.store.unscoped { tx in
            try await tx.sessions.identity(scope: token.scope, tokenHash: token.hash, now: now, slide: (idle, lifetime))
        }
        guard let principal = Self.principal(identity, channel: .api) else { throw Self.badToken }
        return principal
    }
}
