import Foundation
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// Row-level security is forced: it holds the schema owner (who runs migrations and owns the
/// SECURITY DEFINER functions) back too, on every table that has a tenant, present and future.
@Suite("Forced row-level security")
struct ForcedRowSecurityTests {
    /// Every base table of the schema with a tenant_id column.
    static func tenantTables(_ db: TestDatabase) async throws -> [String] {
        try await db.asOwner {
            try await $0.column("""
                SELECT c.table_name::text FROM information_schema.columns c
                JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
                WHERE c.table_schema = 'public' AND c.column_name = 'tenant_id' AND t.table_type = 'BASE TABLE'
                ORDER BY 1
                """, as: String.self)
        }
    }

    @Test("every table with a tenant_id has row-level security enabled and forced")
    func everyTenantTableIsForced() async throws {
        let db = try await TestDatabase.create()
        let tables = try await Self.tenantTables(db)
        #expect(tables.contains("jobs") && tables.contains("audit_events") && tables.count >= 20)
        let notForced = try await db.asOwner {
            try await $0.column("""
                SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = 'public' AND c.relname = ANY(\(tables))
                  AND NOT (c.relrowsecurity AND c.relforcerowsecurity)
                ORDER BY 1
                """, as: String.self)
        }
        #expect(notForced == [])
    }

    @Test("the owner without a scope sees no tenant rows; in a scope, only that tenant's")
    func ownerIsHeldBack() async throws {
        try await TestApp.run { _, _, db, _ in
            for table in try await Self.tenantTables(db) {
                let unscoped = try await db.asOwner { try await $0.column(PostgresQuery(unsafeSQL: "SELECT count(*) FROM \(table)"), as: Int64.self) }
                #expect(unscoped == [0], "\(table)")
            }
            let (users, foreign) = try await db.asOwner(tenant: "kota-kupang") { connection, tenant in
                (try await connection.column("SELECT count(*) FROM users", as: Int64.self)[0],
                 try await connection.column("SELECT count(*) FROM users WHERE tenant_id <> \(tenant)", as: Int64.self)[0])
            }
            #expect(users > 0)
            #expect(foreign == 0)
            // Not even its own function's flag opens other tables to the owner.
            let flagged = try await db.asOwner { client in
                try await client.withConnection { connection in
                    try await connection.query("BEGIN", logger: TestDatabase.logger)
                    try await connection.query("SELECT set_config('mutasi.job_claim', 'on', true)", logger: TestDatabase.logger)
                    let count = try await connection.column("SELECT count(*) FROM users", as: Int64.self)[0]
                    try await connection.query("ROLLBACK", logger: TestDatabase.logger)
                    return count
                }
            }
            #expect(flagged == 0)
        }
    }

    @Test("the server's role gains nothing from the job-claim flag")
    func appRoleCannotUseClaimFlag() async throws {
        try await TestApp.run { _, services, db, _ in
            let admin = try await services.operators.principal(login: "kota-kupang/admin")
            _ = try await services.plans.create(actor: admin, tenantID: admin.scope.uuid, name: "Rotasi", policy: PlanPolicy())
            let seen = try await db.asApp { client in
                try await client.withConnection { connection in
                    try await connection.query("BEGIN", logger: TestDatabase.logger)
                    try await connection.query("SELECT set_config('mutasi.job_claim', 'on', true)", logger: TestDatabase.logger)
                    let count = try await connection.column("SELECT count(*) FROM jobs", as: Int64.self)[0]
                    try await connection.query("ROLLBACK", logger: TestDatabase.logger)
                    return count
                }
            }
            #expect(seen == 0)
        }
    }
}
