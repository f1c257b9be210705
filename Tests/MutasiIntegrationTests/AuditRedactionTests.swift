import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Platform and BKN admins oversee tenants but do not read employees' personal data in their
/// audit trails; the tenant's own admin and auditor read the trail whole.
@Suite("Audit trail redaction")
struct AuditRedactionTests {
    static let nip = "198503152010011002"
    static let name = "Yohanes Ndun"
    static let reason = "Sedang tugas belajar sampai 2026"

    @Test("an employee's NIP, name, birth date and lock reason are masked for platform and BKN admins only")
    func redactsForOverseers() async throws {
        try await TestApp.run { http, _, _, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/employees", token: admin,
                                              json: ["nip": Self.nip, "kind": "PNS", "name": Self.name, "grade": "III/c"]).json()
            let employeeID = try #require(created["id"] as? String).lowercased()
            let locked = try await http.call(.patch, "/v1/tenants/\(tenantID)/employees/\(employeeID)", token: admin,
                                             json: ["locked": true, "lockReason": Self.reason], headers: [.ifMatch: "\"v1\""])
            #expect(locked.status == .ok, "\(locked.text)")
            let query = "/v1/tenants/\(tenantID)/audit-events?entityType=employee&entityId=\(employeeID)"

            func events(_ token: String) async throws -> [[String: Any]] {
                let response = try await http.call(.get, query, token: token)
                #expect(response.status == .ok, "\(response.text)")
                return try response.json()["items"] as? [[String: Any]] ?? []
            }
            func text(_ event: [String: Any]) -> String {
                [auditText(event["before"]), auditText(event["after"]), event["entityID"] as? String, event["actorName"] as? String]
                    .compactMap { $0 }.joined(separator: "\n")
            }

            // The tenant's own readers: everything, unmasked.
            for reader in ["admin", "auditor"] {
                let items = try await events(try await http.login("kota-kupang", reader))
                #expect(items.count == 2)
                let lock = try #require(items.first { $0["action"] as? String == "employee.lock" })
                for personal in [Self.nip, Self.name, "1985-03-15", Self.reason] { #expect(text(lock).contains(personal)) }
                #expect(lock["redacted"] as? Bool == false)
            }

            // Overseers: the same events, personal data masked and said so; the chain still verifies.
            let overseers = [try await http.login(nil, "admin"), try await http.login(nil, "bkn-denpasar")]
            for token in overseers {
                let items = try await events(token)
                #expect(items.count == 2)
                for event in items {
                    for personal in [Self.nip, Self.name, "1985-03-15", Self.reason] { #expect(!text(event).contains(personal)) }
                    #expect(event["redacted"] as? Bool == true)
                    #expect(text(event).contains("[disamarkan]"))
                    #expect(event["hash"] as? String != nil)
                }
                let lock = try #require(items.first { $0["action"] as? String == "employee.lock" })
                #expect(auditText(lock["after"])?.contains("\"locked\":true") == true)   // what changed stays visible
                let verification = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-verification", token: token)
                #expect(verification.status == .ok)
                #expect(try verification.json()["firstBrokenSeq"] == nil || (try verification.json()["firstBrokenSeq"]) is NSNull)
            }

            // A BKN admin of another office does not see the tenant at all.
            let other = try await http.login(nil, "bkn-banjarmasin")
            #expect(try await http.call(.get, query, token: other).status == .notFound)
        }
    }
}
