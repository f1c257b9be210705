import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every role against every point-contest route on Kota Kupang: the employee files and reads their
/// own, staff read (operators their agencies' employees'), tenant admins decide, the platform and
/// BKN admins are refused, other tenants read as absent.
@Suite("Point contest role x route matrix")
struct PointContestAccessTests {
    static func cases() -> [WorkforceAccessTests.Case] {
        let c = "/v1/tenants/{tenant}/campaigns/{open}"
        let managers = ["platform": 403, "bkn-x": 403]
        let staffReaders = CampaignAccessTests.with(["pegawai": 403].merging(managers) { a, _ in a })
        typealias Case = WorkforceAccessTests.Case
        return [
            Case(method: .post, path: "\(c)/points/me/contests",
                 json: { who, _ in ["reason": "Masa kerja saya belum dihitung (\(who))"] },
                 expect: CampaignAccessTests.with(["pegawai": 201]), otherwise: 403),
            Case(method: .get, path: "\(c)/points/me/contests", expect: CampaignAccessTests.with(["pegawai": 200]), otherwise: 403),
            Case(method: .get, path: "\(c)/contests", expect: staffReaders, otherwise: 200),
            // The demo employee's own contest: they and every staff reader (the operator too: the
            // employee serves at SDN-1, in the operator's agency).
            Case(method: .get, path: "\(c)/contests/{own}", expect: CampaignAccessTests.with(managers), otherwise: 200),
            // A nurse's contest: not the demo employee's, not in the education operator's agency.
            Case(method: .get, path: "\(c)/contests/{other}",
                 expect: CampaignAccessTests.with(managers.merging(["pegawai": 404, "operator": 404]) { a, _ in a }), otherwise: 200),
            Case(method: .post, path: "\(c)/contests/{other}/decision",
                 json: { _, _ in ["decision": "reject", "note": "Tidak ada bukti"] }, ifMatch: "\"v1\"",
                 expect: CampaignAccessTests.with(["admin": 200]), otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do on the point-contest routes")
    func matrix() async throws {
        try await TestApp.run { http, services, db, _ in
            var tokens: [String: String] = [:]
            for (name, login) in WorkforceAccessTests.logins { tokens[name] = try await http.login(login.0, login.1) }
            let admin = tokens["admin"]!, pegawai = tokens["pegawai"]!
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-1")
            let nurse = try await PointContestFixtures.employeeUser(http, services, db, username: "perawat",
                                                                    nip: PointContestFixtures.nurse)
            let open = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Seluruh tenant"))
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, open, "open").status == .ok)
            // The demo employee's first contest is decided, so that they may file again.
            let own = try await PointContestFixtures.file(http, token: pegawai, tenantID: tenantID, campaign: open)
            #expect(try await PointContestFixtures.decide(http, token: admin, tenantID: tenantID, campaign: open, own,
                                                          ["decision": "reject", "note": "Sudah dihitung"]).status == .ok)
            let other = try await PointContestFixtures.file(http, token: nurse, tenantID: tenantID, campaign: open)
            let ids = ["{tenant}": tenantID, "{open}": open, "{own}": own, "{other}": other]
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
}
