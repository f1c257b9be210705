import Foundation
import MutasiDomain

/// Storage of login sessions, by the SHA-256 hash of their bearer token (never the token).
public protocol SessionRepository: Sendable {
    func create(scope: ScopeID, tokenHash: String, userID: UUID, expiresAt: Date) async throws
    /// In one statement that enters `scope` by itself (so it runs in `Store.unscoped`): the user of
    /// a session that is neither revoked nor expired at `now`, their tenant (nil on the platform)
    /// and, for a BKN admin, their office's provinces. With `slide`, also moves the session's
    /// expiry to `now + idle`, never past its creation + `lifetime` (a page session kept alive by use).
    func identity(scope: ScopeID, tokenHash: String, now: Date,
                  slide: (idle: Duration, lifetime: Duration)?) async throws -> SessionIdentity?
    func revoke(scope: ScopeID, tokenHash: String) async throws
    /// Revokes every session of the user except the one given (nil: all).
    func revokeAll(scope: ScopeID, userID: UUID, except tokenHash: String?) async throws
    /// Revokes every session of the scope (a tenant being deactivated).
    func revokeAll(scope: ScopeID) async throws
}

/// Who a live session belongs to, as authentication reads it.
public struct SessionIdentity: Sendable {
    public var user: User
    public var tenant: Tenant?
    public var bknArea: [String]

    public init(user: User, tenant: Tenant?, bknArea: [String]) {
        self.user = user
        self.tenant = tenant
        self.bknArea = bknArea
    }
}
