import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Every role against every campaign and form route on Kota Kupang: tenant admins manage
/// campaigns, employees file their own form, staff read forms (operators their agencies'),
/// the platform and the tenant's BKN admins see counts only, other tenants read as absent.
@Suite("Campaign role x route matrix")
struct CampaignAccessTests {
    static let foreign = ["bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404]
    static func with(_ expect: [String: Int]) -> [String: Int] { expect.merging(foreign) { a, _ in a } }

    static func cases() -> [WorkforceAccessTests.Case] {
        let t = "/v1/tenants/{tenant}"
        let c = "\(t)/campaigns"
        let managers = ["platform": 403, "bkn-x": 403]
        let staffReaders = with(["pegawai": 403].merging(managers) { a, _ in a })
        typealias Case = WorkforceAccessTests.Case
        return [
            Case(method: .get, path: c, expect: with(managers), otherwise: 200),
            Case(method: .post, path: c, json: { who, _ in CampaignFixtures.draft("Kampanye \(who)") },
                 expect: with(["admin": 201]), otherwise: 403),
            Case(method: .get, path: "\(t)/campaign-counts", expect: with(["operator": 403, "pegawai": 403]), otherwise: 200),
            Case(method: .get, path: "\(c)/{open}", expect: with(managers), otherwise: 200),
            Case(method: .get, path: "\(c)/{draft}", expect: with(managers.merging(["operator": 404, "pegawai": 404]) { a, _ in a }),
                 otherwise: 200),
            Case(method: .patch, path: "\(c)/{draft}", json: { who, _ in ["name": "Kampanye kesehatan \(who)"] }, ifMatch: "\"v1\"",
                 expect: with(["admin": 200]), otherwise: 403),
            // Another open campaign covers the whole tenant: the admin gets past the role check
            // and is refused for the overlap.
            Case(method: .post, path: "\(c)/{draft}/open", ifMatch: "\"v2\"", expect: with(["admin": 409]), otherwise: 403),
            Case(method: .get, path: "\(c)/{open}/forms/me", expect: with(["pegawai": 200]), otherwise: 403),
            Case(method: .put, path: "\(c)/{open}/forms/me", json: { _, _ in ["wish": "stay"] }, ifMatch: "\"v1\"",
                 expect: with(["pegawai": 200]), otherwise: 403),
            Case(method: .get, path: "\(c)/{open}/forms", expect: staffReaders, otherwise: 200),
            // The demo employee is not placed: not in the operator's agencies.
            Case(method: .get, path: "\(c)/{open}/forms/{own}", expect: staffReaders.merging(["operator": 404]) { a, _ in a },
                 otherwise: 200),
            Case(method: .get, path: "\(c)/{open}/forms/me/versions", expect: with(["pegawai": 200]), otherwise: 403),
            Case(method: .get, path: "\(c)/{open}/forms/{own}/versions",
                 expect: staffReaders.merging(["operator": 404]) { a, _ in a }, otherwise: 200),
            Case(method: .get, path: "\(c)/{open}/points/me", expect: with(["pegawai": 200]), otherwise: 403),
            Case(method: .get, path: "\(c)/{open}/points", expect: staffReaders, otherwise: 200),
            Case(method: .get, path: "\(c)/{open}/forms.csv", expect: with(["admin": 200]), otherwise: 403),
            Case(method: .get, path: "\(c)/{open}/forms.xlsx", expect: with(["admin": 200]), otherwise: 403),
            Case(method: .post, path: "\(c)/{open}/close", ifMatch: "\"v2\"", expect: with(["admin": 200]), otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do on the campaign and form routes")
    func matrix() async throws {
        try await TestApp.run { http, _, _, _ in
            var tokens: [String: String] = [:]
            for (name, login) in WorkforceAccessTests.logins { tokens[name] = try await http.login(login.0, login.1) }
            let admin = tokens["admin"]!
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let agencies = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
            let open = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Seluruh tenant"))
            let opened = try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, open, "open")
            #expect(opened.status == .ok, "\(opened.text)")
            let draft = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID,
                                                          CampaignFixtures.draft("Kesehatan", agencies: [agencies["dinas-kesehatan"]!]))
            let filed = try await http.call(.put, "/v1/tenants/\(tenantID)/campaigns/\(open)/forms/me", token: tokens["pegawai"]!,
                                            json: ["wish": "move", "preferences": [try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "SDN-1")]])
            #expect(filed.status == .created, "\(filed.text)")
            let own = try await http.call(.get, "/v1/me", token: tokens["pegawai"]!).json()["employeeID"] as! String
            let ids = ["{tenant}": tenantID, "{open}": open, "{draft}": draft, "{own}": own]
            var failures: [String] = []
            for c in Self.cases() {
                var path = c.path
                for (placeholder, id) in ids { path = path.replacingOccurrences(of: placeholder, with: id) }
                for name in WorkforceAccessTests.logins.keys.sorted() {
                    let expected = c.expect[name] ?? c.otherwise
                    let response = try await WorkforceAccessTests.send(http, c, path: path, token: tokens[name], who: name, ids: ids)
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
                let anonymous = try await WorkforceAccessTests.send(http, c, path: path, token: nil, who: "anon", ids: ids)
                if anonymous.status.code != 401 { failures.append("\(c.method) \(c.path) anonymous: \(anonymous.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("managers see counts only; an employee sees only open campaigns that cover them")
    func visibility() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let agencies = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
            let kesehatan = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID,
                                                              CampaignFixtures.draft("Kesehatan", agencies: [agencies["dinas-kesehatan"]!]))
            let pendidikan = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID,
                                                               CampaignFixtures.draft("Pendidikan", agencies: [agencies["dinas-pendidikan"]!]))
            _ = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Draf"))
            for id in [kesehatan, pendidikan] {
                #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, id, "open").status == .ok)
            }
            let pegawai = try await http.login("kota-kupang", "pegawai")
            try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-1")
            let mine = try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns", token: pegawai).json()
            #expect((mine["items"] as? [[String: Any]])?.map { $0["id"] as? String } == [pendidikan])
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let theirs = try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns", token: operatorToken).json()
            #expect(theirs["total"] as? Int == 2)  // pendidikan and the whole-tenant draft
            let bkn = try await http.login(nil, "bkn-denpasar")
            let counts = try await http.call(.get, "/v1/tenants/\(tenantID)/campaign-counts", token: bkn).json()
            #expect(counts["open"] as? Int == 2 && counts["draft"] as? Int == 1 && counts["closed"] as? Int == 0)
            #expect(counts["name"] == nil)
        }
    }
}
