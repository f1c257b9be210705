import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiServices
import PostgresNIO
import Testing

/// A plan from a closed campaign in Kota Uji (`PlanCampaignTests.setUp`): the volunteer
/// (`guru-relawan`) moves of their own will to SD 1, the teacher without a form (`guru-diam`)
/// compulsorily, the one who asked to stay (`guru-tetap`) is not moved.
struct ReviewFixture {
    var admin: String
    var tenantID: String
    var campaign: String
    var plan: String
    var relawan: String
    var diam: String
    var tetap: String
    var volunteerID: String
    var silentID: String

    var t: String { "/v1/tenants/\(tenantID)" }
    var planPath: String { "\(t)/plans/\(plan)" }

    static let deadline = "2099-01-01T00:00:00Z"

    /// Builds the plan (a draft, not yet in review).
    static func make(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase) async throws -> ReviewFixture {
        let (admin, tenantID) = try await PlanCampaignTests.setUp(http, services, db)
        let adminPrincipal = try await services.operators.principal(login: "kota-uji/admin")
        _ = try await services.users.createTenantUser(actor: adminPrincipal, tenantID: adminPrincipal.scope.uuid, .init(
            username: "guru-diam", fullName: "guru-diam", role: .employee, password: TestApp.demoPassword, agencyIDs: nil))
        let ids = try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
            try await connection.query("""
                UPDATE users u SET employee_id = e.id FROM employees e
                WHERE u.tenant_id = \(tenantID) AND e.tenant_id = \(tenantID) AND u.username = 'guru-diam' AND e.nip = \(PlanCampaignTests.silent)
                """, logger: TestDatabase.logger)
            var ids: [String: String] = [:]
            for try await (nip, id) in try await connection.query("SELECT nip, id FROM employees WHERE tenant_id = \(tenantID)",
                                                                  logger: TestDatabase.logger).decode((String, UUID).self) {
                ids[nip] = id.uuidString.lowercased()
            }
            return ids
        }
        let units = try await PlanCampaignTests.unitIDs(db)
        var body = CampaignFixtures.draft("Mutasi 2027")
        body["answerDeadline"] = deadline
        let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
        try #require(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
        let forms = "/v1/tenants/\(tenantID)/campaigns/\(campaign)/forms/me"
        let relawan = try await http.login("kota-uji", "guru-relawan")
        try #require(try await http.call(.put, forms, token: relawan,
                                         json: ["wish": "move", "preferences": [units["sd-1"]!, units["sd-2"]!]]).status == .created)
        let tetap = try await http.login("kota-uji", "guru-tetap")
        try #require(try await http.call(.put, forms, token: tetap, json: ["wish": "stay"]).status == .created)
        try #require(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "close").status == .ok)
        let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                          json: ["name": "Rotasi 2027", "policy": ["scope": "regency"], "campaignID": campaign])
        let location = try #require(created.headers[.location])
        let (plan, moves, _) = try await PlanCampaignTests.build(http, services, token: admin, location)
        try #require(plan["buildState"] as? String == "built")
        try #require(Set(moves.map { $0["nip"] as! String }) == [PlanCampaignTests.volunteer, PlanCampaignTests.silent],
                     "\(moves.map { $0["nip"] as! String })")
        return ReviewFixture(admin: admin, tenantID: tenantID, campaign: campaign, plan: plan["id"] as! String, relawan: relawan,
                             diam: try await http.login("kota-uji", "guru-diam"), tetap: tetap,
                             volunteerID: ids[PlanCampaignTests.volunteer]!, silentID: ids[PlanCampaignTests.silent]!)
    }

    /// Opens the review at the plan's current version; fails the test on anything but 200.
    func openReview(_ http: some TestClientProtocol, json: [String: Any]? = nil) async throws {
        let etag = try await http.call(.get, planPath, token: admin).headers[.eTag] ?? ""
        let response = try await http.call(.post, "\(planPath)/review", token: admin, json: json, headers: [.ifMatch: etag])
        guard response.status == .ok else { throw TestSetupError("open review: \(response.status) \(response.text)") }
    }

    func plan(_ http: some TestClientProtocol) async throws -> [String: Any] {
        try #require(try await http.call(.get, planPath, token: admin).json()["plan"] as? [String: Any])
    }

    func moves(_ http: some TestClientProtocol, _ query: String = "") async throws -> [[String: Any]] {
        try await http.call(.get, "\(planPath)/moves\(query)", token: admin).json()["items"] as? [[String: Any]] ?? []
    }

    static func audit(_ db: TestDatabase, entity: String) async throws -> [String] {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in
            try await connection.column("SELECT action FROM audit_events WHERE entity_type = \(entity) ORDER BY seq", as: String.self)
        }
    }
}
