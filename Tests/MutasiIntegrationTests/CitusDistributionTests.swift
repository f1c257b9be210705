import Foundation
@testable import MutasiPostgres
import PostgresNIO
import Testing

/// `mutasi citus distribute`: refused with a clear message on a server without Citus; on a Citus
/// cluster (the suite run with MUTASI_TEST_CITUS_WORKER_URLS) the test database is already
/// distributed, and running the step again changes nothing.
@Suite("Citus distribution")
struct CitusDistributionTests {
    @Test("distribute: refused without the extension, idempotent on a cluster")
    func distribute() async throws {
        let db = try await TestDatabase.create()
        let before = try await Self.placement(db)
        let run = try CLITests.run(["citus", "distribute"], db: db)
        if CitusTestCluster.current == nil {
            #expect(run.status != 0)
            #expect(run.stderr.contains("citus"), "\(run.stderr)")
            #expect(before.isEmpty)
        } else {
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("tersebar menurut tenant"), "\(run.stdout)")
            // Already distributed by the template: the same tables, in the same groups.
            #expect(try await Self.placement(db) == before)
            #expect(before["tenants"] == "reference" && before["employees"] == before["agencies"])
            #expect(before["audit_events"] != before["agencies"] && before["jobs"] == "coordinator")
            // The settings the server's connections need, on the database.
            let settings = try await db.asOwner { client in
                try await client.column("""
                    SELECT unnest(setconfig) FROM pg_db_role_setting
                    WHERE setdatabase = (SELECT oid FROM pg_database WHERE datname = current_database()) AND setrole = 0
                    """, as: String.self)
            }
            #expect(Set(settings).isSuperset(of: ["citus.propagate_set_commands=local", "citus.multi_shard_modify_mode=sequential"]))
        }
    }

    @Test("a unique violation on a Citus shard maps like one on the table")
    func shardConstraintNames() {
        #expect(PostgresErrorMapping.shardless("agencies_tenant_id_code_key_102012") == "agencies_tenant_id_code_key")
        #expect(PostgresErrorMapping.shardless("agencies_tenant_id_code_key") == "agencies_tenant_id_code_key")
        #expect(PostgresErrorMapping.shardless("odd_") == "odd_")
        #expect(PostgresErrorMapping.quoted(#"duplicate key value violates unique constraint "users_tenant_id_username_key_103072""#)
                == "users_tenant_id_username_key_103072")
        #expect(PostgresErrorMapping.quoted("no name") == "")
    }

    /// Table → its Citus role (`reference`, `coordinator`, or the colocation group of a
    /// distributed table); empty without Citus.
    static func placement(_ db: TestDatabase) async throws -> [String: String] {
        try await db.asOwner { client in
            let citus = try await client.column("SELECT count(*)::int FROM pg_extension WHERE extname = 'citus'", as: Int.self)
            guard citus.first == 1 else { return [:] }
            var result: [String: String] = [:]
            let rows = try await client.query("""
                SELECT logicalrelid::regclass::text,
                       CASE WHEN repmodel = 't' THEN 'reference' WHEN partmethod = 'n' THEN 'coordinator'
                            ELSE 'group ' || colocationid END
                FROM pg_dist_partition
                """, logger: TestDatabase.logger)
            for try await (table, role) in rows.decode((String, String).self) { result[table] = role }
            return result
        }
    }
}
