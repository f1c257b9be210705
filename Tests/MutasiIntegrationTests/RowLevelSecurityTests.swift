import Foundation
import PostgresNIO
import Testing

/// Isolation proved in the database itself: the server's role, with the service checks
/// bypassed, still sees and writes only the tenant its transaction is set to.
@Suite("Row-level security")
struct RowLevelSecurityTests {
    @Test("the server role reads only the scoped tenant's rows, and none without a scope")
    func readsAreScoped() async throws {
        try await TestApp.run { _, _, db, _ in
            try await db.asApp { client in
                let tenants = try await client.column("SELECT id FROM tenants ORDER BY code", as: UUID.self)
                #expect(tenants.count == 3)
                let unscoped = try await client.column("SELECT count(*) FROM users", as: Int64.self)
                #expect(unscoped == [0])
                for tenant in tenants {
                    let visible = try await client.withConnection { conn in
                        try await conn.query("BEGIN", logger: TestDatabase.logger)
                        try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(tenant.uuidString)'"), logger: TestDatabase.logger)
                        var scopes: Set<UUID> = []
                        for try await scope in try await conn.query("SELECT tenant_id FROM users", logger: TestDatabase.logger).decode(UUID.self) {
                            scopes.insert(scope)
                        }
                        try await conn.query("COMMIT", logger: TestDatabase.logger)
                        return scopes
                    }
                    #expect(visible == [tenant])
                }
            }
        }
    }

    @Test("the server role cannot write rows into another tenant, nor move rows out of its own")
    func writesAreScoped() async throws {
        try await TestApp.run { _, _, db, _ in
            try await db.asApp { client in
                let tenants = try await client.column("SELECT id FROM tenants ORDER BY code", as: UUID.self)
                let (own, other) = (tenants[0], tenants[1])
                let inserted: Bool = try await client.withConnection { conn in
                    try await conn.query("BEGIN", logger: TestDatabase.logger)
                    try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(own.uuidString)'"), logger: TestDatabase.logger)
                    do {
                        try await conn.query("INSERT INTO agencies (tenant_id, code, name) VALUES (\(other), 'sneaky', 'Sneaky')", logger: TestDatabase.logger)
                        try await conn.query("COMMIT", logger: TestDatabase.logger)
                        return true
                    } catch {
                        try await conn.query("ROLLBACK", logger: TestDatabase.logger)
                        return false
                    }
                }
                #expect(!inserted)
                let moved: Bool = try await client.withConnection { conn in
                    try await conn.query("BEGIN", logger: TestDatabase.logger)
                    try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(own.uuidString)'"), logger: TestDatabase.logger)
                    do {
                        try await conn.query("UPDATE agencies SET tenant_id = \(other) WHERE tenant_id = \(own)", logger: TestDatabase.logger)
                        try await conn.query("COMMIT", logger: TestDatabase.logger)
                        return true
                    } catch {
                        try await conn.query("ROLLBACK", logger: TestDatabase.logger)
                        return false
                    }
                }
                #expect(!moved)
                let sneaky = try await db.asOwner(scope: other) { try await $0.column("SELECT count(*) FROM agencies WHERE code = 'sneaky'", as: Int64.self) }
                #expect(sneaky == [0])
                // The scope is transaction-local: after COMMIT the pooled connection carries none.
                let leaked = try await client.withConnection { conn in
                    try await conn.query("BEGIN", logger: TestDatabase.logger)
                    try await conn.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(own.uuidString)'"), logger: TestDatabase.logger)
                    try await conn.query("COMMIT", logger: TestDatabase.logger)
                    var count: Int64 = -1
                    for try await c in try await conn.query("SELECT count(*) FROM agencies", logger: TestDatabase.logger).decode(Int64.self) { count = c }
                    return count
                }
                #expect(leaked == 0)
            }
        }
    }
}
