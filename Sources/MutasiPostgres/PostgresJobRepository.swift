import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresJobRepository: JobRepository {
    let db: PostgresTransaction

    private static let columns = """
        tenant_id, id, kind, subject_id, state, progress, message, attempts, created_at, started_at, finished_at
        """

    private func job(_ row: PostgresRow) throws -> Job {
        let r = row.makeRandomAccess()
        return Job(tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), kind: try r[2].decode(String.self),
                   subjectID: try r[3].decode(UUID.self), state: Job.State(rawValue: try r[4].decode(String.self)) ?? .failed,
                   progress: try r[5].decode(Double.self), message: try r[6].decode(String?.self),
                   attempts: Int(try r[7].decode(Int32.self)), createdAt: try r[8].decode(Date.self),
                   startedAt: try r[9].decode(Date?.self), finishedAt: try r[10].decode(Date?.self))
    }

    func enqueue(tenantID: UUID, kind: String, subjectID: UUID) async throws -> Job {
        let rows = try await db.rows("""
            INSERT INTO jobs (tenant_id, kind, subject_id) VALUES (\(tenantID), \(kind), \(subjectID))
            RETURNING \(unescaped: Self.columns)
            """)
        return try job(rows[0])
    }

    func claimNext(worker: String, staleAfter: Duration) async throws -> ClaimedJob? {
        let rows = try await db.rows("""
            SELECT tenant_id, id, kind, subject_id, attempts FROM claim_next_job(\(worker), \(Int32(staleAfter.components.seconds)))
            """)
        guard let row = rows.first else { return nil }
        let (tenantID, id, kind, subjectID, attempts) = try row.decode((UUID, UUID, String, UUID, Int32).self)
        return ClaimedJob(tenantID: tenantID, id: id, kind: kind, subjectID: subjectID, attempts: Int(attempts))
    }

    func find(tenantID: UUID, id: UUID) async throws -> Job? {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM jobs WHERE tenant_id = \(tenantID) AND id = \(id)")
            .first.map(job)
    }

    func latest(tenantID: UUID, subjectID: UUID) async throws -> Job? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM jobs WHERE tenant_id = \(tenantID) AND subject_id = \(subjectID)
            ORDER BY created_at DESC LIMIT 1
            """).first.map(job)
    }

    func heartbeat(tenantID: UUID, id: UUID, progress: Double, message: String?) async throws {
        try await db.rows("""
            UPDATE jobs SET heartbeat_at = now(), progress = \(min(1, max(0, progress))),
                            message = COALESCE(\(message), message)
            WHERE tenant_id = \(tenantID) AND id = \(id) AND state = 'running'
            """)
    }

    func finish(tenantID: UUID, id: UUID, state: Job.State, message: String?) async throws {
        try await db.rows("""
            UPDATE jobs SET state = \(state.rawValue), message = \(message), finished_at = now(),
                            progress = CASE WHEN \(state.rawValue) = 'succeeded' THEN 1 ELSE progress END
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
    }

    func holds(tenantID: UUID, id: UUID, worker: String, attempt: Int) async throws -> Bool {
        guard let attempt = Int32(exactly: attempt) else { return false }
        return try await !db.rows("""
            SELECT 1 FROM jobs
            WHERE tenant_id = \(tenantID) AND id = \(id) AND state = 'running' AND claimed_by = \(worker) AND attempts = \(attempt)
            FOR UPDATE
            """).isEmpty
    }
}
