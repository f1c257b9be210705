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
        let principal: Principal? = try await env.store.transaction(in: token.scope) { tx in
            guard let userID = try await tx.sessions.slide(scope: token.scope, tokenHash: token.hash, now: now,
                                                           idle: idle, lifetime: lifetime) else { return nil }
            return try await Self.principal(tx, scope: token.scope, userID: userID)
        }
        guard let principal else { throw Self.badToken }
        return principal
    }
}
