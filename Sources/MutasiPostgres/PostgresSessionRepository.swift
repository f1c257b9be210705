import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresSessionRepository: SessionRepository {
    let db: PostgresTransaction

    func create(scope: ScopeID, tokenHash: String, userID: UUID, expiresAt: Date) async throws {
        try await db.rows("""
            INSERT INTO sessions (tenant_id, token_hash, user_id, expires_at)
            VALUES (\(scope.uuid), \(tokenHash), \(userID), \(expiresAt))
            """)
    }

    func activeUser(scope: ScopeID, tokenHash: String, now: Date) async throws -> UUID? {
        try await db.rows("""
            SELECT user_id FROM sessions
            WHERE tenant_id = \(scope.uuid) AND token_hash = \(tokenHash)
              AND revoked_at IS NULL AND expires_at > \(now)
            """).first.map { try $0.decode(UUID.self) }
    }

    func slide(scope: ScopeID, tokenHash: String, now: Date, idle: Duration, lifetime: Duration) async throws -> UUID? {
        let idleUntil = now.addingTimeInterval(Double(idle.components.seconds))
        let lifetimeSeconds = Double(lifetime.components.seconds)
        return try await db.rows("""
            UPDATE sessions SET expires_at = LEAST(created_at + make_interval(secs => \(lifetimeSeconds)), \(idleUntil))
            WHERE tenant_id = \(scope.uuid) AND token_hash = \(tokenHash)
              AND revoked_at IS NULL AND expires_at > \(now)
            RETURNING user_id
            """).first.map { try $0.decode(UUID.self) }
    }

    func revoke(scope: ScopeID, tokenHash: String) async throws {
        try await db.rows("""
            UPDATE sessions SET revoked_at = now()
            WHERE tenant_id = \(scope.uuid) AND token_hash = \(tokenHash) AND revoked_at IS NULL
            """)
    }

    func revokeAll(scope: ScopeID, userID: UUID, except tokenHash: String?) async throws {
        try await db.rows("""
            UPDATE sessions SET revoked_at = now()
            WHERE tenant_id = \(scope.uuid) AND user_id = \(userID) AND revoked_at IS NULL
              AND (\(tokenHash)::text IS NULL OR token_hash <> \(tokenHash))
            """)
    }

    func revokeAll(scope: ScopeID) async throws {
        try await db.rows("""
            UPDATE sessions SET revoked_at = now() WHERE tenant_id = \(scope.uuid) AND revoked_at IS NULL
            """)
    }
}
