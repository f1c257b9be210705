import Foundation
import PostgresNIO

extension TestDatabase {
    /// Runs statements as the schema owner in one transaction entered in `scope` (the tenant id,
    /// or the nil UUID for the platform), as someone with the owner's credentials would to tamper
    /// with the audit trail; row-level security forced on the owner still lets them see that scope.
    func tamper(scope: UUID, _ statements: [PostgresQuery]) async throws {
        try await asOwner(scope: scope) { connection in
            // A statement's error surfaces only while its rows are read.
            for statement in statements {
                for try await _ in try await connection.query(statement, logger: Self.logger) {}
            }
        }
    }

    /// Rewrites history perfectly: changes event `seq`'s actor name, then recomputes the hash of
    /// it and of every later event and moves the head, so the chain alone still verifies.
    func rehash(scope: UUID, from seq: Int64) async throws {
        let id = scope.uuidString.lowercased()
        try await tamper(scope: scope, [
            "UPDATE audit_events SET actor_name = 'rewritten' WHERE tenant_id = \(scope) AND seq = \(seq)",
            PostgresQuery(unsafeSQL: """
                DO $$
                DECLARE r record; previous text;
                BEGIN
                    SELECT coalesce((SELECT hash FROM audit_events WHERE tenant_id = '\(id)' AND seq = \(seq) - 1), '') INTO previous;
                    FOR r IN SELECT * FROM audit_events WHERE tenant_id = '\(id)' AND seq >= \(seq) ORDER BY seq LOOP
                        UPDATE audit_events SET prev_hash = previous,
                               hash = audit_event_hash(tenant_id, seq, occurred_at, actor_id, actor_name, channel, action,
                                                       entity_type, entity_id, before_json, after_json, previous)
                         WHERE tenant_id = r.tenant_id AND seq = r.seq
                        RETURNING hash INTO previous;
                    END LOOP;
                    UPDATE audit_heads SET hash = previous WHERE tenant_id = '\(id)';
                END
                $$
                """),
        ])
    }

    /// Deletes the chain's last `count` events and moves its head back onto the new last one.
    func truncate(scope: UUID, last count: Int64) async throws {
        try await tamper(scope: scope, [
            "DELETE FROM audit_events WHERE tenant_id = \(scope) AND seq > (SELECT seq FROM audit_heads WHERE tenant_id = \(scope)) - \(count)",
            """
            UPDATE audit_heads h SET seq = e.seq, hash = e.hash
              FROM (SELECT seq, hash FROM audit_events WHERE tenant_id = \(scope) ORDER BY seq DESC LIMIT 1) e
             WHERE h.tenant_id = \(scope)
            """,
        ])
    }
}
