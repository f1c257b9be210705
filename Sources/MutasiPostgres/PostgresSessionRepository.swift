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

    /// One call of `session_identity` (migration 022), which sets the scope itself.
    func identity(scope: ScopeID, tokenHash: String, now: Date,
                  slide: (idle: Duration, lifetime: Duration)?) async throws -> SessionIdentity? {
        let idleUntil = slide.map { now.addingTimeInterval(Double($0.idle.components.seconds)) }
        let lifetimeSeconds = slide.map { Double($0.lifetime.components.seconds) }
        guard let row = try await db.rows(prepared: "sessions.identity", """
            SELECT * FROM session_identity(\(scope.uuid), \(tokenHash), \(now), \(idleUntil), \(lifetimeSeconds))
            """).first else { return nil }
        let r = row.makeRandomAccess()
        let user = User(scope: ScopeID(try r[0].decode(UUID.self)), id: try r[1].decode(UUID.self),
                        username: try r[2].decode(String.self), fullName: try r[3].decode(String.self),
                        role: Role(rawValue: try r[4].decode(String.self)) ?? .employee,
                        bknOfficeID: try r[5].decode(UUID?.self), agencyIDs: try r[9].decode([UUID].self),
                        employeeID: try r[6].decode(UUID?.self), active: try r[7].decode(Bool.self),
                        version: Int(try r[8].decode(Int32.self)))
        var tenant: Tenant?
        if let id = try r[10].decode(UUID?.self) {
            tenant = Tenant(id: id, code: try r[11].decode(String.self), name: try r[12].decode(String.self),
                            kind: Tenant.Kind(rawValue: try r[13].decode(String.self)) ?? .regency,
                            regionCode: try r[14].decode(String.self), bknOfficeID: try r[15].decode(UUID.self),
                            active: try r[16].decode(Bool.self), version: Int(try r[17].decode(Int32.self)))
        }
        return SessionIdentity(user: user, tenant: tenant, bknArea: try r[18].decode([String]?.self) ?? [])
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
