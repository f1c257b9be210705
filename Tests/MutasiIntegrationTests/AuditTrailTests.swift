import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

@Suite("Audit trail")
struct AuditTrailTests {
    @Test("changes are recorded with who, what, before and after, in the same transaction")
    func recordsChanges() async throws {
        try await TestApp.run { http, _, _, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/agencies", token: admin,
                                              json: ["code": "dinas-sosial", "name": "Dinas Sosial"])
            #expect(created.status == .created)
            let events = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?action=agency.create&limit=5", token: admin).json()
            let items = events["items"] as! [[String: Any]]
            let newest = try #require(items.first)
            #expect(newest["actorName"] as? String == "admin")
            #expect(newest["channel"] as? String == "api")
            #expect(auditText(newest["after"])?.contains("Dinas Sosial") == true)
            #expect(newest["before"] == nil || newest["before"] is NSNull)
            // A refused change records nothing.
            let total = events["total"] as! Int
            let duplicate = try await http.call(.post, "/v1/tenants/\(tenantID)/agencies", token: admin,
                                                json: ["code": "dinas-sosial", "name": "Dinas Sosial Lagi"])
            #expect(duplicate.status == .conflict)
            let again = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?action=agency.create", token: admin).json()
            #expect(again["total"] as? Int == total)
        }
    }

    @Test("verify finds an edited event")
    func detectsEdit() async throws {
        try await TestApp.run { _, services, db, _ in
            let admin = try await services.operators.principal(login: "admin")
            let tenant = try await services.tenants.list(actor: admin, page: try PageRequest()).items.first { $0.code == "kota-kupang" }!
            #expect(try await services.audit.verify(actor: admin, tenantID: tenant.id).intact)
            try await db.tamper(scope: tenant.id, [
                "UPDATE audit_events SET actor_name = 'someone-else' WHERE tenant_id = \(tenant.id) AND seq = 3",
            ])
            let result = try await services.audit.verify(actor: admin, tenantID: tenant.id)
            #expect(!result.intact)
            #expect(result.firstBrokenSeq == 3)
        }
    }

    @Test("verify finds a deleted event, in the middle or at the end")
    func detectsDeletion() async throws {
        try await TestApp.run { _, services, db, _ in
            let admin = try await services.operators.principal(login: "admin")
            let tenants = try await services.tenants.list(actor: admin, page: try PageRequest()).items
            let (a, b) = (tenants[0], tenants[1])
            let lastB = try await services.audit.heads(actor: admin).first { $0.scope.uuid == b.id }!.seq
            try await db.tamper(scope: a.id, ["DELETE FROM audit_events WHERE tenant_id = \(a.id) AND seq = 2"])
            try await db.tamper(scope: b.id, ["DELETE FROM audit_events WHERE tenant_id = \(b.id) AND seq = \(lastB)"])
            let resultA = try await services.audit.verify(actor: admin, tenantID: a.id)
            #expect(resultA.firstBrokenSeq == 2)
            let resultB = try await services.audit.verify(actor: admin, tenantID: b.id)
            #expect(resultB.firstBrokenSeq == lastB)
            let all = try await services.audit.verifyAll(actor: admin)
            #expect(all.filter { !$0.intact }.count == 2)
        }
    }
}
