import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiPlanning
import MutasiServices
import PostgresNIO
import Testing

/// A plan from a campaign carries the points of the remote-service rule and of upheld contests,
/// as the points routes show them.
@Suite("Plans from a campaign: remote service and contests")
struct PointContestPlanTests {
    @Test("the plan instance's priority includes remote service and upheld adjustments, clamped to 0...500")
    func carriesAdjustedPriority() async throws {
        try await TestApp.run { http, services, db, _ in
            let (admin, tenantID) = try await PlanCampaignTests.setUp(http, services, db)
            let units = try await PlanCampaignTests.unitIDs(db)
            // SD 2 is remote: the volunteer, the stayer and the silent teacher serve there; the
            // requester (SD 1) served there from 2010 to 2015.
            let unit = "/v1/tenants/\(tenantID)/units/\(units["sd-2"]!)"
            let etag = try await http.call(.get, unit, token: admin).headers[.eTag] ?? ""
            #expect(try await http.call(.patch, unit, token: admin, json: ["remote": true], headers: [.ifMatch: etag]).status == .ok)
            try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
                try await connection.query("""
                    INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on, ended_on)
                    SELECT \(tenantID), e.id, 100, s.id, DATE '2010-01-01', DATE '2015-01-01'
                    FROM employees e, slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                    WHERE e.tenant_id = \(tenantID) AND e.nip = \(PlanCampaignTests.requester)
                      AND s.tenant_id = \(tenantID) AND u.code = 'sd-2'
                    LIMIT 1
                    RETURNING 1
                    """, logger: TestDatabase.logger)
            }
            var body = CampaignFixtures.draft("Poin terpencil")
            body["pointRules"] = ["remoteService": 60]
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            let relawan = try await http.login("kota-uji", "guru-relawan")
            let tetap = try await http.login("kota-uji", "guru-tetap")
            let up = try await PointContestFixtures.file(http, token: tetap, tenantID: tenantID, campaign: campaign)
            #expect(try await PointContestFixtures.decide(http, token: admin, tenantID: tenantID, campaign: campaign, up,
                ["decision": "uphold", "adjustment": 25, "note": "Tugas tambahan di pulau terluar"]).status == .ok)
            let down = try await PointContestFixtures.file(http, token: relawan, tenantID: tenantID, campaign: campaign)
            #expect(try await PointContestFixtures.decide(http, token: admin, tenantID: tenantID, campaign: campaign, down,
                ["decision": "uphold", "adjustment": -100, "note": "Masa terpencil sudah dihitung di kampanye lalu"]).status == .ok)
            // A pending contest counts for nothing.
            _ = try await PointContestFixtures.file(http, token: relawan, tenantID: tenantID, campaign: campaign)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "close").status == .ok)

            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                              json: ["name": "Rotasi bersanggahan", "policy": ["scope": "regency"], "campaignID": campaign])
            #expect(created.status == .accepted, "\(created.text)")
            let (_, _, instance) = try await PlanCampaignTests.build(http, services, token: admin, try #require(created.headers[.location]))
            let priority = Dictionary(uniqueKeysWithValues: instance.employees.map { ($0.id, $0.priority) })
            #expect(priority[PlanCampaignTests.stayer] == 85)
            #expect(priority[PlanCampaignTests.volunteer] == 0)
            #expect(priority[PlanCampaignTests.silent] == 60)
            #expect(priority[PlanCampaignTests.requester] == 60)

            let listed = try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns/\(campaign)/points?limit=200", token: admin)
            let totals = Dictionary(uniqueKeysWithValues: (try listed.json()["items"] as? [[String: Any]] ?? [])
                .map { ($0["nip"] as! String, $0["total"] as! Int) })
            for (nip, points) in priority { #expect(totals[nip] == points, "\(nip)") }
        }
    }
}
