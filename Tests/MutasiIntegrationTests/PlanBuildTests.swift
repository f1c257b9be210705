import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiPlanning
import MutasiRepositories
@testable import MutasiServices
import PostgresNIO
import Testing

/// Plans built from live data: queued by the API, built by the background worker, stored with
/// their explanations, and equal to what the offline solver makes of the exported instance.
@Suite("Plans from live data")
struct PlanBuildTests {
    /// A tenant of its own (no demo workforce), with an admin, an approver, an employee user and
    /// an agency operator of its Dinas Pendidikan, all with the demo password.
    static func makeTenant(_ services: Services) async throws {
        let platform = try await services.operators.principal(login: "admin")
        let office = try await services.offices.list(actor: platform, page: try PageRequest()).items.first { $0.code == "kanreg-x" }!
        let tenant = try await services.tenants.create(actor: platform, .init(
            code: "kota-uji", name: "Pemerintah Kota Uji", kind: .city, regionCode: "53.72", bknOfficeID: office.id))
        func draft(_ username: String, _ role: Role, agencies: [UUID]? = nil) -> UserService.Draft {
            .init(username: username, fullName: username, role: role, password: TestApp.demoPassword, agencyIDs: agencies)
        }
        _ = try await services.users.createTenantUser(actor: platform, tenantID: tenant.id, draft("admin", .tenantAdmin))
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        let agency = try await services.agencies.create(actor: admin, tenantID: tenant.id, code: "dinas-pendidikan", name: "Dinas Pendidikan")
        for (username, role) in [("ppk", Role.approver), ("pegawai", .employee)] {
            _ = try await services.users.createTenantUser(actor: admin, tenantID: tenant.id, draft(username, role))
        }
        _ = try await services.users.createTenantUser(actor: admin, tenantID: tenant.id,
                                                      draft("operator-pendidikan", .agencyOperator, agencies: [agency.id]))
    }

    /// A small school system in Kota Uji: SD 2 has two teachers too many, SD 1 two too few, and
    /// the office has nobody.
    /// kota-uji's schools and a plan queued, whose build `worker` claims (and then stops).
    static func planClaimed(by worker: String, _ services: Services, _ db: TestDatabase) async throws
        -> (admin: Principal, planID: UUID, job: ClaimedJob?) {
        try await seedSchools(services, db)
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        let created = try await services.plans.create(actor: admin, tenantID: admin.scope.uuid, name: "Rotasi", policy: PlanPolicy())
        let job = try await services.env.store.transaction(in: .platform) { tx in
            try await tx.jobs.claimNext(worker: worker, staleAfter: .seconds(60))
        }
        return (admin, created.plan.id, job)
    }

    /// The inserts return their rows: on Citus, rows computed on the coordinator (the tenant is
    /// a parameter) go to the shards by COPY otherwise, which row-level security refuses.
    static func seedSchools(_ services: Services, _ db: TestDatabase, tenant: String = "kota-uji") async throws {
        try await makeTenant(services)
        let unitPrefix = ""
        try await db.asOwner(tenant: tenant) { client, tenantID in
            let log = TestDatabase.logger
            let agencyID = try await client.column(
                "SELECT id FROM agencies WHERE tenant_id = \(tenantID) AND code = 'dinas-pendidikan'", as: UUID.self)[0]
            for (code, region) in [("sd-1", "53.72.01"), ("sd-2", "53.72.02"), ("kantor", "53.72")] {
                try await client.query("""
                    INSERT INTO units (tenant_id, agency_id, code, name, region_code)
                    VALUES (\(tenantID), \(agencyID), \(unitPrefix + code), \(code.uppercased()), \(region))
                    """, logger: log)
            }
            for (unit, code, need) in [("sd-1", "guru", 3), ("sd-2", "guru", 1), ("kantor", "staf", 1)] {
                try await client.query("""
                    INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, education_fields, competencies, need)
                    SELECT \(tenantID), id, \(code), \(code), 'teacher', 9, 14, ARRAY['pendidikan'], '[{"code":"PED","level":2}]'::jsonb, \(Int32(need))
                    FROM units WHERE tenant_id = \(tenantID) AND code = \(unitPrefix + unit)
                    RETURNING 1
                    """, logger: log)
            }
            let staff: [(String, String, String, Int)] = [
                ("198001012005011001", "sd-2", "guru", 5), ("198102022006012002", "sd-2", "guru", 4),
                ("198203032007011003", "sd-2", "guru", 4), ("198304042008012004", "sd-1", "guru", 5),
            ]
            for (nip, unit, slot, skp) in staff {
                try await client.query("""
                    INSERT INTO employees (tenant_id, nip, kind, name, birth_date, sex, grade, education_field, competencies, slot_id, slot_since)
                    SELECT \(tenantID), \(nip), 'PNS', 'Guru ' || \(nip), to_date(substr(\(nip), 1, 8), 'YYYYMMDD'), 1, 10, 'pendidikan',
                           '{"PED": 2}'::jsonb, s.id, DATE '2018-01-01'
                    FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                    WHERE s.tenant_id = \(tenantID) AND u.code = \(unitPrefix + unit) AND s.code = \(slot)
                    RETURNING 1
                    """, logger: log)
                try await client.query("""
                    INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
                    SELECT \(tenantID), id, 2025, \(Int16(skp)) FROM employees WHERE tenant_id = \(tenantID) AND nip = \(nip)
                    RETURNING 1
                    """, logger: log)
            }
        }
    }

    @Test("create answers 202, the worker builds it, and the stored plan equals the offline solve of its instance")
    func buildAndRecheck() async throws {
        try await TestApp.run { http, services, db, _ in
            try await Self.seedSchools(services, db)
            try await db.asOwner(tenant: "kota-uji") { connection, _ in
                try await connection.query("UPDATE employees SET transfer_requested = true WHERE nip = '198304042008012004'",
                                           logger: TestDatabase.logger)
            }
            let admin = try await http.login("kota-uji", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                              json: ["name": "Rotasi guru 2026", "policy": ["scope": "regency"]])
            #expect(created.status == .accepted)
            let location = try #require(created.headers[.location])
            #expect(try await http.call(.get, location, token: admin).json()["plan"].flatMap { ($0 as? [String: Any])?["buildState"] as? String } == "queued")

            #expect(try await PlanBuildWorker(services.env).runOnce())
            let status = try await http.call(.get, location, token: admin).json()
            let plan = try #require(status["plan"] as? [String: Any])
            #expect(plan["buildState"] as? String == "built")
            #expect(plan["moveCount"] as? Int == 2)
            #expect((status["job"] as? [String: Any])?["state"] as? String == "succeeded")
            let before = try #require(plan["before"] as? [String: Any])
            let after = try #require(plan["after"] as? [String: Any])
            #expect(before["deficit"] as? Int == 3 && before["surplus"] as? Int == 2)
            #expect(after["deficit"] as? Int == 1 && after["surplus"] as? Int == 0)

            let moves = try await http.call(.get, location + "/moves", token: admin).json()["items"] as! [[String: Any]]
            #expect(moves.count == 2)
            // The office (need 1, nobody) is proportionally shorter than SD 1 (need 3, one teacher),
            // so the convex fill benefits send one teacher to each.
            #expect(moves.allSatisfy { $0["fromSlot"] as? String == "sd-2/guru" })
            #expect(Set(moves.compactMap { $0["toSlot"] as? String }) == ["sd-1/guru", "kantor/staf"])
            // Nobody asked for anything: compulsory moves at the published burden, no wish met.
            #expect(moves.allSatisfy {
                $0["distance"] as? Int == 20 && $0["fit"] as? Int == 100 && $0["kind"] as? String == "compulsory"
                    && $0["wishRank"] is NSNull && $0["grant"] as? Int == 0 && $0["burden"] as? Int == 300
                    && $0["cost"] as? Int == 320 && $0["preference"] == nil
            })
            let voice = try #require(plan["voice"] as? [String: Int])
            #expect(voice == ["volunteers": 1, "volunteersMoved": 0, "movesOnWish": 0, "compulsoryMoves": 2,
                              "compulsoryAgainstWish": 0, "stayOverridden": 0, "exchanges": 0])

            // The exported instance, solved offline, gives the same objective and moves.
            let instanceResponse = try await http.call(.get, location + "/instance", token: admin)
            #expect(instanceResponse.status == .ok)
            let instance = try InstanceDecoder.decode(Data(buffer: instanceResponse.body))
            let offline = try await Planner.solve(instance)
            #expect(offline.objective == plan["objective"] as? Int)
            #expect(offline.voice.compulsoryMoves == 2 && offline.voice.volunteers == 1)
            // A recorded transfer request is the wish "move"; nobody has priority points yet.
            #expect(instance.employees.filter { $0.wish == .move }.map(\.id) == ["198304042008012004"])
            #expect(instance.employees.allSatisfy { $0.priority == 0 && $0.preferences.isEmpty && $0.wish != .stay })
            #expect(Set(offline.moves.map(\.employee)) == Set(moves.compactMap { $0["nip"] as? String }))

            // Readers and refusals.
            let ppk = try await http.login("kota-uji", "ppk")
            #expect(try await http.call(.get, location, token: ppk).status == .ok)
            let pegawai = try await http.login("kota-uji", "pegawai")
            #expect(try await http.call(.get, location, token: pegawai).status == .forbidden)
            let operatorToken = try await http.login("kota-uji", "operator-pendidikan")
            #expect(try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: operatorToken, json: ["name": "x"]).status == .forbidden)
            let mataram = try await http.login("kota-mataram", "admin")
            #expect(try await http.call(.get, location, token: mataram).status == .notFound)
            #expect(try await http.call(.get, "/v1/tenants/\(tenantID)/plans", token: mataram).status == .notFound)
            // A retried submission with the same Idempotency-Key queues nothing new.
            let keyed: HTTPFields = [.init("Idempotency-Key")!: "plan-retry-1"]
            let first = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin, json: ["name": "Sekali"], headers: keyed)
            let retry = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin, json: ["name": "Sekali"], headers: keyed)
            #expect(first.status == .accepted && retry.status == .accepted)
            #expect(first.headers[.location] == retry.headers[.location])
            let reused = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin, json: ["name": "Lain"], headers: keyed)
            #expect(reused.status == .conflict)
            let total = try await http.call(.get, "/v1/tenants/\(tenantID)/plans", token: admin).json()["total"] as? Int
            #expect(total == 2)
            let badPolicy = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                                json: ["name": "x", "policy": ["minPerformance": 9]])
            #expect(badPolicy.status == .badRequest)
            #expect(try badPolicy.json()["field"] as? String == "policy.minPerformance")
            let badWeight = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                                json: ["name": "x", "policy": ["stayCost": 100_001]])
            #expect(badWeight.status == .badRequest)
            #expect(try badWeight.json()["field"] as? String == "policy.stayCost")
            let badMode = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                              json: ["name": "x", "policy": ["mode": "forced"]])
            #expect(badMode.status == .badRequest)
        }
    }

    @Test("a build that fails is reported on the plan and its job")
    func failureIsReported() async throws {
        try await TestApp.run { http, services, db, _ in
            try await Self.seedSchools(services, db)
            // Codes with a slash make two slots read as the same instance id, "sd-1/guru/x".
            try await db.asOwner(tenant: "kota-uji") { client, _ in
                let log = TestDatabase.logger
                try await client.query("""
                    INSERT INTO units (tenant_id, agency_id, code, name, region_code)
                    SELECT tenant_id, agency_id, 'sd-1/guru', 'Odd', region_code FROM units WHERE code = 'sd-1'
                    """, logger: log)
                for (unit, slot) in [("sd-1/guru", "x"), ("sd-1", "guru/x")] {
                    try await client.query("""
                        INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, need)
                        SELECT tenant_id, id, \(slot), 'odd', 'executor', 1, 17, 1 FROM units WHERE code = \(unit)
                        """, logger: log)
                }
            }
            let admin = try await http.login("kota-uji", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin, json: ["name": "Gagal"])
            let location = try #require(created.headers[.location])
            #expect(try await PlanBuildWorker(services.env).runOnce())
            let status = try await http.call(.get, location, token: admin).json()
            let plan = try #require(status["plan"] as? [String: Any])
            #expect(plan["buildState"] as? String == "failed")
            #expect((plan["buildError"] as? String)?.contains("sd-1/guru/x") == true)
            #expect((status["job"] as? [String: Any])?["state"] as? String == "failed")
            #expect(try await http.call(.get, location + "/instance", token: admin).status == .conflict)
        }
    }

    @Test("a job whose worker died is claimed again once its heartbeat is stale")
    func staleJobIsReclaimed() async throws {
        try await TestApp.run { _, services, db, _ in
            // A worker claims it and dies.
            let (admin, planID, claimed) = try await Self.planClaimed(by: "dead", services, db)
            #expect(claimed?.subjectID == planID)
            // A healthy worker with the usual patience leaves it alone ...
            #expect(try await !PlanBuildWorker(services.env, workerID: "patient").runOnce())
            // ... and one that considers it stale takes it over.
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await PlanBuildWorker(services.env, workerID: "rescuer", staleAfter: .seconds(1)).runOnce())
            let status = try await services.plans.get(actor: admin, tenantID: admin.scope.uuid, id: planID)
            #expect(status.plan.buildState == .built)
            #expect(status.job?.attempts == 2)
        }
    }

    @Test("a worker that stalled past the stale limit finds its job taken over and stores nothing: the plan is built once")
    func stalledWorkerDropsItsResult() async throws {
        try await TestApp.run { _, services, db, _ in
            // A worker claims the build and stalls; its heartbeat goes stale and another takes over.
            let (admin, planID, claimed) = try await Self.planClaimed(by: "stalled", services, db)
            let stalled = try #require(claimed)
            try await Task.sleep(for: .milliseconds(1100))
            #expect(try await PlanBuildWorker(services.env, workerID: "rescuer", staleAfter: .seconds(1)).runOnce())
            let built = try await services.plans.get(actor: admin, tenantID: admin.scope.uuid, id: planID)
            // The stalled worker wakes up and finishes its build: nothing of it is stored.
            try await PlanBuildWorker(services.env, workerID: "stalled").process(stalled)
            let after = try await services.plans.get(actor: admin, tenantID: admin.scope.uuid, id: planID)
            #expect(after.plan.buildState == .built)
            #expect(after.plan.builtAt == built.plan.builtAt)
            #expect(after.plan.version == built.plan.version)
            #expect(after.job?.state == .succeeded)
            #expect(after.job?.attempts == 2)
            let builds = try await db.asOwner(tenant: "kota-uji") { connection, _ in
                try await connection.column("""
                    SELECT count(*) FROM audit_events WHERE action = 'plan.built' AND entity_id = \(planID.uuidString.lowercased())
                    """, as: Int.self)
            }
            #expect(builds == [1])
        }
    }
}
