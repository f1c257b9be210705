import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// The audit trail on PostgreSQL. Appends go through the database function `audit_append`
/// (the server's role may not insert events or move heads itself), which serialises per scope on
/// the chain's head row and hashes with `audit_event_hash`, the same function `verify` recomputes.
struct PostgresAuditTrailRepository: AuditTrailRepository {
    let db: PostgresTransaction

    private static let columns = """
        tenant_id, seq, occurred_at, actor_id, actor_name, channel, action, entity_type, entity_id,
        before_json, after_json, hash
        """

    private func event(_ row: PostgresRow) throws -> AuditEvent {
        let r = row.makeRandomAccess()
        return AuditEvent(
            scope: ScopeID(try r[0].decode(UUID.self)), seq: try r[1].decode(Int64.self),
            occurredAt: try r[2].decode(Date.self), actorID: try r[3].decode(UUID?.self),
            actorName: try r[4].decode(String.self),
            channel: Principal.Channel(rawValue: try r[5].decode(String.self)) ?? .system,
            action: try r[6].decode(String.self), entityType: try r[7].decode(String.self),
            entityID: try r[8].decode(String.self), before: try r[9].decode(String?.self),
            after: try r[10].decode(String?.self), hash: try r[11].decode(String.self))
    }

    func append(scope: ScopeID, actor: Principal, _ entry: AuditEntry) async throws -> AuditEvent {
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns)
            FROM audit_append(\(scope.uuid)::uuid, \(actor.user.id)::uuid, \(actor.user.username)::text,
                              \(actor.channel.rawValue)::text, \(entry.action)::text, \(entry.entityType)::text,
                              \(entry.entityID)::text, \(entry.before)::text, \(entry.after)::text)
            """)
        return try event(rows[0])
    }

    func head(scope: ScopeID) async throws -> AuditHead {
        let rows = try await db.rows("SELECT seq, hash FROM audit_heads WHERE tenant_id = \(scope.uuid)")
        guard let row = rows.first else { return AuditHead(scope: scope, seq: 0, hash: "") }
        let (seq, hash) = try row.decode((Int64, String).self)
        return AuditHead(scope: scope, seq: seq, hash: hash)
    }

    func list(scope: ScopeID, _ f: AuditFilter, _ page: PageRequest) async throws -> Page<AuditEvent> {
        let filter: PostgresQuery = """
            WHERE tenant_id = \(scope.uuid)
              AND (\(f.entityType)::text IS NULL OR entity_type = \(f.entityType))
              AND (\(f.entityID)::text IS NULL OR entity_id = \(f.entityID))
              AND (\(f.action)::text IS NULL OR action = \(f.action))
              AND (\(f.actorID)::uuid IS NULL OR actor_id = \(f.actorID))
              AND (\(f.since)::timestamptz IS NULL OR occurred_at >= \(f.since))
              AND (\(f.until)::timestamptz IS NULL OR occurred_at < \(f.until))
            """
        let total = try await db.count(PostgresQuery(unsafeSQL: "SELECT count(*) FROM audit_events " + filter.sql,
                                                     binds: filter.binds))
        var listing = filter
        listing.sql = "SELECT \(Self.columns) FROM audit_events " + filter.sql
            + " ORDER BY seq DESC LIMIT \(page.limit) OFFSET \(page.offset)"
        let rows = try await db.rows(listing)
        return Page(items: try rows.map(event), total: total, request: page)
    }

    func verify(scope: ScopeID, against checkpoint: AuditHead?) async throws -> AuditVerification {
        let rows = try await db.rows("""
            SELECT seq, prev_hash, hash,
                   audit_event_hash(tenant_id, seq, occurred_at, actor_id, actor_name, channel, action,
                                    entity_type, entity_id, before_json, after_json, prev_hash)
            FROM audit_events WHERE tenant_id = \(scope.uuid) ORDER BY seq
            """)
        let head = try await db.rows("SELECT seq, hash FROM audit_heads WHERE tenant_id = \(scope.uuid)")
        var expectedSeq: Int64 = 1
        var previousHash = ""
        var checked = 0
        func broken(_ seq: Int64, _ problem: String) -> AuditVerification {
            AuditVerification(scope: scope, eventsChecked: checked, firstBrokenSeq: seq, problem: problem)
        }
        for row in rows {
            let (seq, prevHash, hash, recomputed) = try row.decode((Int64, String, String, String).self)
            if seq != expectedSeq { return broken(expectedSeq, "event \(expectedSeq) is missing") }
            if prevHash != previousHash { return broken(seq, "event \(seq) does not link to event \(seq - 1)") }
            if hash != recomputed { return broken(seq, "event \(seq) was altered: its hash does not match its contents") }
            if let checkpoint, seq == checkpoint.seq, hash != checkpoint.hash {
                return broken(seq, "event \(seq) no longer has the checkpointed hash: history up to it was rewritten")
            }
            previousHash = hash
            expectedSeq += 1
            checked += 1
        }
        if let checkpoint, checkpoint.seq >= expectedSeq {
            return broken(expectedSeq, "events \(expectedSeq)...\(checkpoint.seq) of the checkpoint are missing: the chain was truncated")
        }
        if let headRow = head.first {
            let (headSeq, headHash) = try headRow.decode((Int64, String).self)
            if headSeq >= expectedSeq { return broken(expectedSeq, "events \(expectedSeq)...\(headSeq) are missing") }
            if headSeq < expectedSeq - 1 {
                return broken(headSeq + 1, "the chain head is at event \(headSeq) but events run to \(expectedSeq - 1)")
            }
            if headSeq == expectedSeq - 1 && headHash != previousHash && headSeq > 0 {
                return broken(headSeq, "event \(headSeq) does not match the chain head")
            }
        } else if !rows.isEmpty {
            return broken(1, "the chain head is missing")
        }
        return AuditVerification(scope: scope, eventsChecked: checked, firstBrokenSeq: nil, problem: nil)
    }
}
