import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Priority points read through the API: the employee their own, staff with the visibility of
/// the forms, computed from the campaign's rules, the years in post and the form's reasons.
@Suite("Priority points")
struct PriorityPointsRouteTests {
    @Test("the employee sees their own points with the breakdown; staff see those they may; others are refused")
    func pointsByRole() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let agencies = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
            let pegawai = try await http.login("kota-kupang", "pegawai")
            // Placed since 2020-01-01; the campaign closes on 2026-06-30: six whole years, five counted.
            try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-1")
            var body = CampaignFixtures.draft("Poin 2026")
            body["opensAt"] = "2026-01-01T00:00:00Z"
            body["closesAt"] = "2026-06-30T00:00:00Z"
            body["answerDeadline"] = "2026-07-31T00:00:00Z"
            body["pointRules"] = ["perYearInPost": 10, "yearsInPostCap": 5, "health": 40, "familyReunion": 100]
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
            let c = "/v1/tenants/\(tenantID)/campaigns/\(campaign)"

            // A draft campaign is not yet the employee's.
            #expect(try await http.call(.get, "\(c)/points/me", token: pegawai).status == .notFound)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            let filed = try await http.call(.put, "\(c)/forms/me", token: pegawai, json: [
                "wish": "stay", "reasons": [["category": "health", "text": "Perawatan rutin di RSUD"],
                                            ["category": "health", "text": "Kontrol bulanan"]]])
            #expect(filed.status == .created, "\(filed.text)")

            let mine = try await http.call(.get, "\(c)/points/me", token: pegawai)
            #expect(mine.status == .ok, "\(mine.text)")
            let own = try mine.json()
            #expect(own["total"] as? Int == 90)
            #expect(own["asOf"] as? String == "2026-06-30")
            let parts = own["breakdown"] as? [[String: Any]] ?? []
            #expect(parts.map { $0["rule"] as? String } == ["yearsInPost", "health"])
            #expect(parts.map { $0["points"] as? Int } == [50, 40])
            let ownID = try await http.call(.get, "/v1/me", token: pegawai).json()["employeeID"] as! String
            #expect(own["employeeID"] as? String == ownID)

            // Staff: every covered employee, by NIP, the employee among them with the same figures.
            let all = try await http.call(.get, "\(c)/points?limit=200", token: admin)
            #expect(all.status == .ok, "\(all.text)")
            let items = try all.json()["items"] as? [[String: Any]] ?? []
            let employees = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?limit=200", token: admin).json()["total"] as? Int
            #expect(try all.json()["total"] as? Int == employees)
            #expect(items.map { $0["nip"] as! String } == items.map { $0["nip"] as! String }.sorted())
            #expect(items.first { $0["employeeID"] as? String == ownID }?["total"] as? Int == 90)
            #expect(items.allSatisfy { ($0["total"] as? Int ?? -1) >= 0 && ($0["total"] as? Int ?? 501) <= 500 })

            // The operator sees only their agency's employees.
            let op = try await http.login("kota-kupang", "operator-pendidikan")
            let theirs = try await http.call(.get, "\(c)/points?limit=200", token: op)
            #expect(theirs.status == .ok)
            let opItems = try theirs.json()["items"] as? [[String: Any]] ?? []
            #expect(!opItems.isEmpty && opItems.count < items.count)
            #expect(opItems.allSatisfy { $0["agencyID"] as? String == agencies["dinas-pendidikan"] })

            // The employee may not list everyone; staff have no own points; other tenants see nothing.
            #expect(try await http.call(.get, "\(c)/points", token: pegawai).status == .forbidden)
            #expect(try await http.call(.get, "\(c)/points/me", token: admin).status == .forbidden)
            let mataram = try await http.login("kota-mataram", "admin")
            #expect(try await http.call(.get, "\(c)/points", token: mataram).status == .notFound)
            #expect(try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns/\(UUID().uuidString)/points", token: admin).status
                == .notFound)
        }
    }
}
