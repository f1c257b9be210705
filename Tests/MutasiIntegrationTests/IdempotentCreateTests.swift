import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Creating a campaign or a needs analysis with an Idempotency-Key: a retry answers what the first
/// request created (one record, one audit event); the key sent with another body is refused.
@Suite("Idempotent creates")
struct IdempotentCreateTests {
    static let key: HTTPFields.Element.Name = .init("Idempotency-Key")!

    @Test("a retried campaign create answers the first campaign; the key with another body is 409")
    func campaign() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let base = "/v1/tenants/\(tenantID)/campaigns"
            let draft = CampaignFixtures.draft("Mutasi Ulang")
            let first = try await http.call(.post, base, token: admin, json: draft, headers: [Self.key: "kampanye-1"])
            #expect(first.status == .created, "\(first.text)")
            let again = try await http.call(.post, base, token: admin, json: draft, headers: [Self.key: "kampanye-1"])
            #expect(again.status == .created)
            #expect(try again.json()["id"] as? String == first.json()["id"] as? String)
            #expect(again.headers[.location] == first.headers[.location])
            var other = draft
            other["name"] = "Mutasi Lain"
            let reused = try await http.call(.post, base, token: admin, json: other, headers: [Self.key: "kampanye-1"])
            #expect(reused.status == .conflict)
            #expect(try reused.json()["code"] as? String == "idempotency.key_reused")
            let list = try await http.call(.get, base, token: admin).json()["items"] as? [[String: Any]] ?? []
            #expect(list.filter { $0["name"] as? String == "Mutasi Ulang" }.count == 1)
            #expect(!list.contains { $0["name"] as? String == "Mutasi Lain" })
            let events = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?action=campaign.create", token: admin)
            #expect(try events.json()["total"] as? Int == 1)
        }
    }

    @Test("a retried needs-analysis create answers the first analysis instead of 409 for the open one")
    func needsAnalysis() async throws {
        try await TestApp.run { http, _, db, _ in
            let slotID = try await NeedsAnalysisTests.slot(db, unit: "bkd-ulang", staff: 1)
            let admin = try await http.login("kota-kupang", "admin")
            let tenant = try await NeedsAnalysisTests.tenantID(http, admin)
            let base = "/v1/tenants/\(tenant)/needs-analyses"
            let body: [String: Any] = ["slotID": slotID, "year": 2026, "tasks": NeedsAnalysisTests.workedTasks]
            let first = try await http.call(.post, base, token: admin, json: body, headers: [Self.key: "abk-1"])
            #expect(first.status == .created, "\(first.text)")
            let again = try await http.call(.post, base, token: admin, json: body, headers: [Self.key: "abk-1"])
            #expect(again.status == .created, "\(again.text)")
            #expect(try again.json()["id"] as? String == first.json()["id"] as? String)
            let withoutKey = try await http.call(.post, base, token: admin, json: body)
            #expect(withoutKey.status == .conflict)
            #expect(try withoutKey.json()["code"] as? String == "needs.open_analysis_exists")
            let events = try await http.call(.get, "/v1/tenants/\(tenant)/audit-events?action=needs_analysis.create", token: admin)
            #expect(try events.json()["total"] as? Int == 1)
        }
    }
}
