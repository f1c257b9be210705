import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// A tenant's decree settings: defaults from the tenant, checked changes with If-Match, audited.
@Suite("Decree settings")
struct DecreeSettingsTests {
    @Test("defaults from the tenant at version 0; a change is checked, versioned and audited; a no-op keeps the version")
    func settings() async throws {
        try await TestApp.run { http, services, db, _ in
            try await PlanBuildTests.seedSchools(services, db)
            let admin = try await http.login("kota-uji", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let path = "/v1/tenants/\(tenantID)/decree-settings"
            let initial = try await http.call(.get, path, token: admin)
            #expect(initial.headers[.eTag] == "\"v0\"")
            let body = try initial.json()
            #expect(body["numberPattern"] as? String == "800.1.3.3/{seq}/BKPSDM/{year}")
            #expect(body["regionHead"] as? String == "WALI KOTA UJI" && body["perAgency"] as? Bool == false)

            for (json, field) in [(["numberPattern": "800/{seq}/{tahun}"], "numberPattern"), (["regionHead": ""], "regionHead"),
                                  (["legalBases": []], "legalBases"), (["signatoryNIP": "123"], "signatoryNIP"),
                                  (["bogus": 1], "bogus")] as [([String: Any], String)] {
                let refused = try await http.call(.patch, path, token: admin, json: json, headers: [.ifMatch: "\"v0\""])
                #expect(try refused.status == .badRequest && (refused.json()["field"] as? String) == field, "\(json): \(refused.text)")
            }
            #expect(try await http.call(.patch, path, token: admin, json: ["signatoryName": "Budi"]).status.code == 428)
            let changed = try await http.call(.patch, path, token: admin,
                                              json: ["signatoryName": "Drs. Budi Santoso", "copies": ["Arsip"]], headers: [.ifMatch: "\"v0\""])
            #expect(changed.status == .ok && changed.headers[.eTag] == "\"v1\"", "\(changed.text)")
            #expect(try changed.json()["signatoryName"] as? String == "Drs. Budi Santoso")
            let same = try await http.call(.patch, path, token: admin, json: ["signatoryName": "Drs. Budi Santoso"], headers: [.ifMatch: "\"v1\""])
            #expect(same.status == .ok && same.headers[.eTag] == "\"v1\"")
            #expect(try await http.call(.patch, path, token: admin, json: ["copies": []], headers: [.ifMatch: "\"v0\""]).status == .preconditionFailed)
            let actions = try await db.asOwner(tenant: "kota-uji") { c, _ in
                try await c.column("SELECT action FROM audit_events WHERE entity_type = 'decree_settings'", as: String.self)
            }
            #expect(actions == ["decree_settings.update"])
        }
    }
}
