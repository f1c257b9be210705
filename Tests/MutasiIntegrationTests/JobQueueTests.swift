import Foundation
import MutasiDomain
import MutasiRepositories
import MutasiServices
import PostgresNIO
import Testing

/// The background job queue: it gives up on a job after its attempts, and shares the workers
/// fairly between tenants.
@Suite("Job queue")
struct JobQueueTests {
    @Test("a job reclaimed beyond its attempts is not run again: it and its plan end failed with the reason")
    func givesUpAfterAttempts() async throws {
        try await TestApp.run { _, services, db, _ in
            let admin = try await services.operators.principal(login: "kota-kupang/admin")
            let created = try await services.plans.create(actor: admin, tenantID: admin.scope.uuid, name: "Rotasi", policy: PlanPolicy())
            // Three workers claimed it and died while building.
            try await db.asOwner(scope: admin.scope.uuid) { connection in
                try await connection.query("""
                    UPDATE jobs SET state = 'running', attempts = 3, heartbeat_at = now() - interval '1 hour'
                    WHERE subject_id = \(created.plan.id)
                    """, logger: TestDatabase.logger)
            }
            #expect(try await PlanBuildWorker(services.env, staleAfter: .seconds(60), maxAttempts: 3).runOnce())
            let status = try await services.plans.get(actor: admin, tenantID: admin.scope.uuid, id: created.plan.id)
            #expect(status.job?.state == .failed)
            #expect(status.job?.attempts == 4)
            #expect(status.job?.message?.contains("Gave up after 3 attempts") == true)
            #expect(status.plan.buildState == .failed)
            #expect(status.plan.buildError?.contains("Gave up after 3 attempts") == true)
            #expect(status.plan.builtAt == nil)
            // Nothing is left to run.
            #expect(try await !PlanBuildWorker(services.env, staleAfter: .seconds(0)).runOnce())
        }
    }

    @Test("two tenants' jobs are claimed alternately, and a tenant with a running job waits")
    func claimsAreFair() async throws {
        try await TestApp.run { _, services, db, _ in
            let tenants = try await db.asOwner {
                try await $0.column("SELECT id FROM tenants WHERE code IN ('kota-kupang', 'kota-mataram') ORDER BY code", as: UUID.self)
            }
            let (a, b) = (tenants[0], tenants[1])
            // Tenant A queues three jobs first, tenant B one later.
            try await db.asOwner(scope: a) { connection in
                for minutes in [40, 30, 20] {
                    try await connection.query("""
                        INSERT INTO jobs (tenant_id, kind, subject_id, created_at)
                        VALUES (\(a), 'test.fair', gen_random_uuid(), now() - make_interval(mins => \(Int32(minutes))))
                        """, logger: TestDatabase.logger)
                }
            }
            try await db.asOwner(scope: b) { connection in
                try await connection.query("""
                    INSERT INTO jobs (tenant_id, kind, subject_id, created_at) VALUES (\(b), 'test.fair', gen_random_uuid(), now() - interval '10 minutes')
                    """, logger: TestDatabase.logger)
            }
            let store = services.env.store
            @Sendable func claim() async throws -> ClaimedJob? {
                try await store.transaction(in: .platform) { try await $0.jobs.claimNext(worker: "w", staleAfter: .seconds(60)) }
            }
            @Sendable func finish(_ job: ClaimedJob) async throws {
                try await store.transaction(in: ScopeID(job.tenantID)) {
                    try await $0.jobs.finish(tenantID: job.tenantID, id: job.id, state: .succeeded, message: nil)
                }
            }
            var order: [UUID] = []
            // One at a time, each finished before the next claim: A, B, A, A.
            while let job = try await claim() {
                order.append(job.tenantID)
                try await finish(job)
            }
            #expect(order == [a, b, a, a])

            // A tenant with a job running waits for one without, though its own queued job is
            // older and it was served less recently: C runs a job claimed long ago, B none.
            let c = try await db.asOwner { try await $0.column("SELECT id FROM tenants WHERE code = 'provinsi-sabangau'", as: UUID.self)[0] }
            try await db.asOwner(scope: c) { connection in
                try await connection.query("""
                    INSERT INTO jobs (tenant_id, kind, subject_id, state, attempts, created_at, started_at, heartbeat_at)
                    VALUES (\(c), 'test.fair', gen_random_uuid(), 'running', 1, now() - interval '31 minutes',
                            now() - interval '30 minutes', now())
                    """, logger: TestDatabase.logger)
                try await connection.query("""
                    INSERT INTO jobs (tenant_id, kind, subject_id, created_at) VALUES (\(c), 'test.fair', gen_random_uuid(), now() - interval '20 minutes')
                    """, logger: TestDatabase.logger)
            }
            try await db.asOwner(scope: b) { connection in
                try await connection.query("""
                    INSERT INTO jobs (tenant_id, kind, subject_id, created_at) VALUES (\(b), 'test.fair', gen_random_uuid(), now() - interval '1 minute')
                    """, logger: TestDatabase.logger)
            }
            #expect(try await claim()?.tenantID == b)
        }
    }
}
