import Foundation
import MutasiDomain

/// Storage of login sessions, by the SHA-256 hash of their bearer token (never the token).
public protocol SessionRepository: Sendable {
    func create(scope: ScopeID, tokenHash: String, userID: UUID, expiresAt: Date) async throws
    /// The user of a session that is neither revoked nor expired at `now`.
    func activeUser(scope: ScopeID, tokenHash: String, now: Date) async throws -> UUID?
    func revoke(scope: ScopeID, tokenHash: String) async throws
    /// For a session that is neither revoked nor expired at `now`: moves its expiry to `now + idle`,
    /// never past `created_at + lifetime`, and returns its user (nil: no such live session).
    func slide(scope: ScopeID, tokenHash: String, now: Date, idle: Duration, lifetime: Duration) async throws -> UUID?
    /// Revokes every session of the user except the one given (nil: all).
    func revokeAll(scope: ScopeID, userID: UUID, except tokenHash: String?) async throws
    /// Revokes every session of the scope (a tenant being deactivated).
    func revokeAll(scope: ScopeID) async throws
}
