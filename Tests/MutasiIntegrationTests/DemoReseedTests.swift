import Foundation
import MutasiServices
import PostgresNIO
import Testing

/// `scripts/run` seeds the demo on every start: what was done to the demo workforce through
/// the product since must survive it.
@Suite("Demo seed on restart")
struct DemoReseedTests {
    @Test("seeding again leaves a changed demo workforce as it is")
    func keepsChanges() async throws {
        try await TestApp.run { _, services, db, _ in
            func post() async throws -> [String] {
                try await db.asOwner(tenant: "provinsi-sabangau") { connection, tenantID in
                    try await connection.column("""
                        SELECT slot_id::text || ' ' || slot_since::text FROM employees
                        WHERE tenant_id = \(tenantID) AND slot_id IS NOT NULL ORDER BY nip LIMIT 1
                        """, as: String.self)
                }
            }
            let before = try await post()
            // Moved to another slot, as a plan's execution would (owner SQL stands in for it).
            try await db.asOwner(tenant: "provinsi-sabangau") { connection, tenantID in
                try await connection.query("""
                    UPDATE employees SET slot_id = (SELECT id FROM slots WHERE tenant_id = \(tenantID) AND id <> employees.slot_id ORDER BY id LIMIT 1),
                           slot_since = DATE '2026-11-30'
                    WHERE tenant_id = \(tenantID) AND nip = (SELECT min(nip) FROM employees WHERE tenant_id = \(tenantID) AND slot_id IS NOT NULL)
                    """, logger: TestDatabase.logger)
            }
            let moved = try await post()
            #expect(moved != before && moved.first?.hasSuffix("2026-11-30") == true, "\(moved)")
            try await services.demo.seed()
            #expect(try await post() == moved)
        }
    }
}
