import Foundation
import MutasiDomain
import PostgresNIO
import Testing

/// The server's role appends to the audit trail only through `audit_append`: it cannot insert
/// events, move a chain's head, or write into another scope's chain.
@Suite("Audit trail append-only for the server role")
struct AuditAppendTests {
    static func isPermissionDenied(_ error: any Error) -> Bool {
        (error as? PSQLError)?.serverInfo?[.sqlState] == "42501"
    }

    /// Runs statements as the server's role in one transaction entered in `scope`.
    static func asApp(_ db: TestDatabase, scope: UUID, _ statement: PostgresQuery) async throws {
        try await db.asApp { client in
            try await client.withConnection { connection in
                try await connection.query("BEGIN", logger: TestDatabase.logger)
                do {
                    try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(scope.uuidString.lowercased())'"),
                                               logger: TestDatabase.logger)
                    // Errors raised while a function runs arrive with the rows: read them all.
                    for try await _ in try await connection.query(statement, logger: TestDatabase.logger) {}
                    try await connection.query("COMMIT", logger: TestDatabase.logger)
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: TestDatabase.logger)
                    throw error
                }
            }
        }
    }

    @Test("direct writes and appends to another scope are refused; the API still appends and verifies")
    func appendOnly() async throws {
        try await TestApp.run { http, services, db, _ in
            let operatorLogin = try await services.operators.principal(login: "admin")
            let tenants = try await services.tenants.list(actor: operatorLogin, page: try .init()).items
            let a = tenants.first { $0.code == "kota-kupang" }!.id
            let b = tenants.first { $0.code == "kota-mataram" }!.id
            func seq(_ heads: [AuditHead], _ id: UUID) -> Int64 { heads.first { $0.scope.uuid == id }!.seq }

            await #expect(throws: (any Error).self) {
                do {
                    try await Self.asApp(db, scope: a, """
                        INSERT INTO audit_events (tenant_id, seq, actor_name, channel, action, entity_type, entity_id, prev_hash, hash)
                        VALUES (\(a), 1000, 'x', 'api', 'forged', 'x', 'x', '', '')
                        """)
                } catch { #expect(Self.isPermissionDenied(error), "\(String(reflecting: error))"); throw error }
            }
            await #expect(throws: (any Error).self) {
                do {
                    try await Self.asApp(db, scope: a, "UPDATE audit_heads SET seq = 1 WHERE tenant_id = \(a)")
                } catch { #expect(Self.isPermissionDenied(error), "\(String(reflecting: error))"); throw error }
            }
            // Entered in tenant a, the function refuses to write into tenant b's chain.
            await #expect(throws: (any Error).self) {
                do {
                    try await Self.asApp(db, scope: a, """
                        SELECT seq FROM audit_append(\(b), NULL, 'x', 'api', 'forged', 'x', 'x', NULL, NULL)
                        """)
                } catch { #expect(Self.isPermissionDenied(error), "\(String(reflecting: error))"); throw error }
            }
            let headsBefore = try await services.audit.heads(actor: operatorLogin)

            // In its own scope the server's role appends through the function.
            try await Self.asApp(db, scope: a, "SELECT seq FROM audit_append(\(a), NULL, 'tester', 'cli', 'test.append', 'x', 'x', NULL, '{}')")
            let token = try await http.login("kota-kupang", "admin")
            #expect(try await http.call(.post, "/v1/tenants/\(a.uuidString.lowercased())/agencies", token: token,
                                        json: ["code": "dinas-baru", "name": "Dinas Baru"]).status == .created)
            let headsAfter = try await services.audit.heads(actor: operatorLogin)
            #expect(seq(headsAfter, a) == seq(headsBefore, a) + 3)   // the append, the login, the new agency
            #expect(seq(headsAfter, b) == seq(headsBefore, b))
            #expect(try await services.audit.verifyAll(actor: operatorLogin).allSatisfy(\.intact))
        }
    }
}
