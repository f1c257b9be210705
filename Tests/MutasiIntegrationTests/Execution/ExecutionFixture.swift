import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// Kota Uji's plan from the review fixture (the volunteer and the silent teacher move from SD 2
/// to SD 1), approved, decreed with a signed decree, and its effective date moved to `tmt`. The volunteer's move needs training in PED (gap 1). Adds an auditor and an operator
/// of another agency.
struct ExecutionFixture {
    var review: ReviewFixture
    var ids: [String: String]

    static let tmt = "2025-07-01"
    var planPath: String { review.planPath }
    var volunteerID: String { review.volunteerID }
    var silentID: String { review.silentID }
    var admin: String { review.admin }
    /// The teacher who stays in SD 1 (a mentor for the newcomers there).
    var seniorID: String { ids[PlanCampaignTests.requester]! }
    var stayerID: String { ids[PlanCampaignTests.stayer]! }

    static func make(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase,
                     tmt: String = ExecutionFixture.tmt) async throws -> ExecutionFixture {
        let review = try await ReviewFixture.make(http, services, db)
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        let health = try await services.agencies.create(actor: admin, tenantID: admin.scope.uuid, code: "dinas-kesehatan", name: "Dinas Kesehatan")
        for (username, role, agencies) in [("auditor", Role.auditor, nil), ("operator-kesehatan", .agencyOperator, [health.id])] {
            _ = try await services.users.createTenantUser(actor: admin, tenantID: admin.scope.uuid, .init(
                username: username, fullName: username, role: role, password: TestApp.demoPassword, agencyIDs: agencies))
        }
        let plan = review.plan, volunteer = review.volunteerID
        try await signedDecree(services, db, plan: plan)
        let ids = try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
            try await connection.query("""
                UPDATE plans SET status = 'decreed', effective_date = \(tmt)::date WHERE tenant_id = \(tenantID) AND id = \(UUID(uuidString: plan)!)
                """, logger: TestDatabase.logger)
            try await connection.query("""
                UPDATE plan_moves SET training_needs = '[{"code":"PED","gap":1}]'::jsonb
                WHERE tenant_id = \(tenantID) AND plan_id = \(UUID(uuidString: plan)!) AND employee_id = \(UUID(uuidString: volunteer)!)
                """, logger: TestDatabase.logger)
            var ids: [String: String] = [:]
            for try await (nip, id) in try await connection.query("SELECT nip, id FROM employees WHERE tenant_id = \(tenantID)",
                                                                  logger: TestDatabase.logger).decode((String, UUID).self) {
                ids[nip] = id.uuidString.lowercased()
            }
            return ids
        }
        return ExecutionFixture(review: review, ids: ids)
    }

    /// Approves the plan (owner SQL: approval is tested on its own), then issues its decree
    /// through the service with today's TMT and has the approver sign it; `make` then moves the
    /// TMT to the fixture's date, as if the decree had been issued back then.
    static func signedDecree(_ services: Services, _ db: TestDatabase, plan: String) async throws {
        try await DecreeFixture.approve(db, plan)
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        let ppk = try await services.operators.principal(login: "kota-uji/ppk")
        let tenantID = admin.scope.uuid, planID = UUID(uuidString: plan)!
        let version = try await services.plans.get(actor: admin, tenantID: tenantID, id: planID).plan.version
        let today = try CalendarDate(iso: DecreeFixture.today)
        let issued = try await services.decrees.issue(actor: admin, tenantID: tenantID, planID: planID, effectiveDate: today,
                                                      expectedVersion: version)
        for decree in issued.decrees {
            _ = try await services.decrees.sign(actor: ppk, tenantID: tenantID, id: decree.id, signedOn: today,
                                                expectedVersion: decree.version)
        }
    }

    /// Runs owner SQL in Kota Uji.
    static func sql(_ db: TestDatabase, _ query: PostgresQuery) async throws {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in _ = try await connection.query(query, logger: TestDatabase.logger) }
    }

    /// An employee's slot (unit/slot code) and slot_since.
    static func post(_ db: TestDatabase, _ id: String) async throws -> (slot: String, since: String) {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in
            let rows = try await connection.query("""
                SELECT u.code || '/' || s.code, e.slot_since::text FROM employees e
                JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                WHERE e.id = \(UUID(uuidString: id)!)
                """, logger: TestDatabase.logger)
            for try await row in rows.decode((String, String).self) { return (row.0, row.1) }
            throw TestSetupError("no post for \(id)")
        }
    }

    /// An employee's position history: slot code, started, ended ("-" when open), oldest first.
    static func history(_ db: TestDatabase, _ id: String) async throws -> [String] {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in
            try await connection.column("""
                SELECT u.code || '/' || s.code || ' ' || h.started_on::text || ' ' || coalesce(h.ended_on::text, '-')
                FROM position_history h JOIN slots s ON s.tenant_id = h.tenant_id AND s.id = h.slot_id
                JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                WHERE h.employee_id = \(UUID(uuidString: id)!) ORDER BY h.seq
                """, as: String.self)
        }
    }

    func execute(_ http: some TestClientProtocol, token: String? = nil) async throws -> TestResponse {
        try await http.call(.post, "\(planPath)/execute", token: token ?? admin,
                            headers: [.ifMatch: try await Self.planTag(http, planPath, token: admin)])
    }

    /// The plan's current ETag, for the If-Match that executing it needs.
    static func planTag(_ http: some TestClientProtocol, _ planPath: String, token: String) async throws -> String {
        try await http.call(.get, planPath, token: token).headers[.eTag] ?? ""
    }

    static func outcomes(_ response: TestResponse) throws -> [String: String] {
        var result: [String: String] = [:]
        for m in try response.json()["moves"] as? [[String: Any]] ?? [] {
            result[(m["employeeID"] as! String).lowercased()] = (m["outcome"] as! String) + ((m["reason"] as? String).map { ":" + $0 } ?? "")
        }
        return result
    }
}
