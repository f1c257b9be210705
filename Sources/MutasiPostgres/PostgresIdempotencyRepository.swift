import Foundation
import MutasiRepositories
import PostgresNIO

struct PostgresIdempotencyRepository: IdempotencyRepository {
    let db: PostgresTransaction

    func claim(tenantID: UUID, actorID: UUID, key: String, fingerprint: String) async throws -> IdempotentResponse? {
        try await db.rows("""
            DELETE FROM idempotency_keys
            WHERE tenant_id = \(tenantID) AND actor_id = \(actorID) AND created_at < now() - interval '1 day'
            """)
        let claimed = try await db.rows("""
            INSERT INTO idempotency_keys (tenant_id, actor_id, key, fingerprint)
            VALUES (\(tenantID), \(actorID), \(key), \(fingerprint))
            ON CONFLICT (tenant_id, actor_id, key) DO NOTHING
            RETURNING key
            """)
        guard claimed.isEmpty else { return nil }
        return try await db.rows("""
            SELECT fingerprint, response FROM idempotency_keys
            WHERE tenant_id = \(tenantID) AND actor_id = \(actorID) AND key = \(key)
            """).first.map { row in
            let (fingerprint, response) = try row.decode((String, String?).self)
            return IdempotentResponse(fingerprint: fingerprint, response: response)
        }
    }

    func complete(tenantID: UUID, actorID: UUID, key: String, response: String) async throws {
        try await db.rows("""
            UPDATE idempotency_keys SET response = \(response)
            WHERE tenant_id = \(tenantID) AND actor_id = \(actorID) AND key = \(key)
            """)
    }
}
