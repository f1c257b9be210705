import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiPlanning
import MutasiServices
import PostgresNIO
import Testing

/// Plans built from a closed preference campaign: the instance carries each employee's form
/// (wish and ranked units as unit codes), the plan honours it, and only a closed campaign of the
/// tenant is accepted.
@Suite("Plans from a campaign")
struct PlanCampaignTests {
    /// SD 2 (surplus 2) has a volunteer who ranks SD 1 above SD 2, a teacher who asks to stay and
    /// one without a form; SD 1's teacher has a transfer request on record but no form.
    static let volunteer = "198001012005011001", stayer = "198102022006012002"
    static let silent = "198203032007011003", requester = "198304042008012004"

    /// Kota Uji's schools, an employee user linked to the volunteer and one to the stayer, and the
    /// requester's transfer request on record. Returns the admin's token and the tenant id.
    static func setUp(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase) async throws -> (String, String) {
        try await PlanBuildTests.seedSchools(services, db)
        let admin = try await http.login("kota-uji", "admin")
        let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
        let adminPrincipal = try await services.operators.principal(login: "kota-uji/admin")
        for username in ["guru-relawan", "guru-tetap"] {
            _ = try await services.users.createTenantUser(actor: adminPrincipal, tenantID: adminPrincipal.scope.uuid, .init(
                username: username, fullName: username, role: .employee, password: TestApp.demoPassword, agencyIDs: nil))
        }
        try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
            for (username, nip) in [("guru-relawan", volunteer), ("guru-tetap", stayer)] {
                try await connection.query("""
                    UPDATE users u SET employee_id = e.id FROM employees e
                    WHERE u.tenant_id = \(tenantID) AND e.tenant_id = \(tenantID) AND u.username = \(username) AND e.nip = \(nip)
                    """, logger: TestDatabase.logger)
            }
            try await connection.query("UPDATE employees SET transfer_requested = true WHERE nip = \(requester)",
                                       logger: TestDatabase.logger)
        }
        return (admin, tenantID)
    }

    static func unitIDs(_ db: TestDatabase) async throws -> [String: String] {
        try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
            var ids: [String: String] = [:]
            for try await row in try await connection.query("SELECT code, id FROM units WHERE tenant_id = \(tenantID)",
                                                            logger: TestDatabase.logger) {
                let (code, id) = try row.decode((String, UUID).self)
                ids[code] = id.uuidString.lowercased()
            }
            return ids
        }
    }

    /// Builds the plan at `location` in-process and returns its status, moves and instance.
    static func build(_ http: some TestClientProtocol, _ services: Services, token: String,
                      _ location: String) async throws -> ([String: Any], [[String: Any]], PlanningInstance) {
        #expect(try await PlanBuildWorker(services.env).runOnce())
        let plan = try #require(try await http.call(.get, location, token: token).json()["plan"] as? [String: Any])
        let moves = try await http.call(.get, location + "/moves", token: token).json()["items"] as? [[String: Any]] ?? []
        let instance = try InstanceDecoder.decode(Data(buffer: try await http.call(.get, location + "/instance", token: token).body))
        return (plan, moves, instance)
    }

    @Test("a plan from a closed campaign carries and honours each employee's form")
    func honoursForms() async throws {
        try await TestApp.run { http, services, db, _ in
            let (admin, tenantID) = try await Self.setUp(http, services, db)
            let units = try await Self.unitIDs(db)
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Mutasi 2027"))
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            let forms = "/v1/tenants/\(tenantID)/campaigns/\(campaign)/forms/me"
            let relawan = try await http.login("kota-uji", "guru-relawan")
            let filed = try await http.call(.put, forms, token: relawan,
                                            json: ["wish": "move", "preferences": [units["sd-1"]!, units["sd-2"]!]])
            #expect(filed.status == .created, "\(filed.text)")
            let tetap = try await http.login("kota-uji", "guru-tetap")
            #expect(try await http.call(.put, forms, token: tetap, json: ["wish": "stay"]).status == .created)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "close").status == .ok)

            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                              json: ["name": "Rotasi 2027", "policy": ["scope": "regency"], "campaignID": campaign])
            #expect(created.status == .accepted, "\(created.text)")
            #expect((try created.json()["plan"] as? [String: Any])?["campaignID"] as? String == campaign)
            let location = try #require(created.headers[.location])
            let (plan, moves, instance) = try await Self.build(http, services, token: admin, location)
            #expect(plan["buildState"] as? String == "built")
            #expect(plan["campaignID"] as? String == campaign)

            // Exactly the forms: units by code in their ranked order; no form is wish "none", the
            // transfer request on record included; nobody has priority points yet.
            let byID = Dictionary(uniqueKeysWithValues: instance.employees.map { ($0.id, $0) })
            #expect(byID[Self.volunteer]?.wish == .move && byID[Self.volunteer]?.preferences == ["sd-1", "sd-2"])
            #expect(byID[Self.stayer]?.wish == .stay && byID[Self.stayer]?.preferences == [])
            #expect(byID[Self.silent]?.wish == PlanningInstance.Wish.none && byID[Self.silent]?.preferences == [])
            #expect(byID[Self.requester]?.wish == PlanningInstance.Wish.none && byID[Self.requester]?.preferences == [])
            #expect(instance.employees.allSatisfy { $0.priority == 0 })

            // The volunteer goes where they asked, of their own will; the one who asked to stay stays.
            let mine = try #require(moves.first { $0["nip"] as? String == Self.volunteer })
            #expect(mine["kind"] as? String == "voluntary" && mine["wishRank"] as? Int == 0 && mine["toSlot"] as? String == "sd-1/guru")
            #expect(mine["grant"] as? Int == 200 && mine["burden"] as? Int == 0)
            #expect(!moves.contains { $0["nip"] as? String == Self.stayer })
            let voice = try #require(plan["voice"] as? [String: Int])
            #expect(voice["volunteers"] == 1 && voice["volunteersMoved"] == 1 && voice["movesOnWish"] == 1)
            #expect(voice["stayOverridden"] == 0)

            // The stored plan is the offline solve of its instance.
            let offline = try await Planner.solve(instance)
            #expect(offline.objective == plan["objective"] as? Int)
            #expect(Set(offline.moves.map { "\($0.employee)>\($0.to):\($0.kind.rawValue)" })
                == Set(moves.map { "\($0["nip"] as! String)>\($0["toSlot"] as! String):\($0["kind"] as! String)" }))

            // Without the campaign the same data gives today's instance: the request on record is
            // the only wish, and nobody lists units.
            let plain = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                            json: ["name": "Tanpa kampanye", "policy": ["scope": "regency"]])
            let plainLocation = try #require(plain.headers[.location])
            #expect((try plain.json()["plan"] as? [String: Any])?["campaignID"] == nil)
            let (_, _, plainInstance) = try await Self.build(http, services, token: admin, plainLocation)
            #expect(plainInstance.employees.filter { $0.wish != PlanningInstance.Wish.none }.map(\.id) == [Self.requester])
            #expect(plainInstance.employees.allSatisfy { $0.preferences.isEmpty })
        }
    }

    @Test("a plan from a campaign carries each employee's priority points, as the points routes show them")
    func carriesPoints() async throws {
        try await TestApp.run { http, services, db, _ in
            let (admin, tenantID) = try await Self.setUp(http, services, db)
            let units = try await Self.unitIDs(db)
            // Everyone is in post since 2018-01-01; the campaign closed on 2026-06-30: eight whole
            // years, five counted at 10 points.
            var body = CampaignFixtures.draft("Poin 2026")
            body["opensAt"] = "2026-01-01T00:00:00Z"
            body["closesAt"] = "2026-06-30T00:00:00Z"
            body["answerDeadline"] = "2026-07-31T00:00:00Z"
            body["pointRules"] = ["perYearInPost": 10, "yearsInPostCap": 5, "familyReunion": 100, "health": 40]
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            let forms = "/v1/tenants/\(tenantID)/campaigns/\(campaign)/forms/me"
            let relawan = try await http.login("kota-uji", "guru-relawan")
            let filed = try await http.call(.put, forms, token: relawan, json: [
                "wish": "move", "preferences": [units["sd-1"]!], "spouseWorkplace": units["sd-1"]!,
                "reasons": [["category": "family_reunion", "text": "Suami bertugas di SD 1"]]])
            #expect(filed.status == .created, "\(filed.text)")
            let tetap = try await http.login("kota-uji", "guru-tetap")
            #expect(try await http.call(.put, forms, token: tetap, json: [
                "wish": "stay", "reasons": [["category": "health", "text": "Berobat rutin"]]]).status == .created)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "close").status == .ok)

            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin,
                                              json: ["name": "Rotasi berpoin", "policy": ["scope": "regency"], "campaignID": campaign])
            #expect(created.status == .accepted, "\(created.text)")
            let (_, _, instance) = try await Self.build(http, services, token: admin, try #require(created.headers[.location]))
            let priority = Dictionary(uniqueKeysWithValues: instance.employees.map { ($0.id, $0.priority) })
            #expect(priority[Self.volunteer] == 150)
            #expect(priority[Self.stayer] == 90)
            #expect(priority[Self.silent] == 50)
            #expect(priority[Self.requester] == 50)

            // The same figures as the staff route.
            let listed = try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns/\(campaign)/points?limit=200", token: admin)
            let totals = Dictionary(uniqueKeysWithValues: (try listed.json()["items"] as? [[String: Any]] ?? [])
                .map { ($0["nip"] as! String, $0["total"] as! Int) })
            for (nip, points) in priority { #expect(totals[nip] == points, "\(nip)") }
        }
    }

    @Test("only a closed campaign of the tenant is accepted, by a tenant admin, and a refusal stores nothing")
    func refusals() async throws {
        try await TestApp.run { http, services, db, _ in
            let (admin, tenantID) = try await Self.setUp(http, services, db)
            let plans = "/v1/tenants/\(tenantID)/plans"
            let closed = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Tertutup"))
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, closed, "open").status == .ok)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, closed, "close").status == .ok)
            let draft = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Draf"))
            let open = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Terbuka"))
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, open, "open").status == .ok)

            for id in [draft, open] {
                let response = try await http.call(.post, plans, token: admin, json: ["name": "x", "campaignID": id])
                #expect(response.status == .conflict, "\(response.text)")
                #expect(try response.json()["code"] as? String == "campaign.not_closed")
                #expect(try response.json()["field"] as? String == "campaignID")
            }
            // Another tenant's closed campaign is no campaign of this one.
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            let foreign = try await CampaignFixtures.create(http, token: mataram, tenantID: mataramID, CampaignFixtures.draft("Mataram"))
            #expect(try await CampaignFixtures.step(http, token: mataram, tenantID: mataramID, foreign, "open").status == .ok)
            #expect(try await CampaignFixtures.step(http, token: mataram, tenantID: mataramID, foreign, "close").status == .ok)
            for id in [foreign, UUID().uuidString.lowercased()] {
                let response = try await http.call(.post, plans, token: admin, json: ["name": "x", "campaignID": id])
                #expect(response.status == .badRequest, "\(response.text)")
                #expect(try response.json()["code"] as? String == "campaign.not_found")
                #expect(try response.json()["field"] as? String == "campaignID")
            }
            #expect(try await http.call(.post, plans, token: admin, json: ["name": "x", "campaignID": "bukan-id"]).status == .badRequest)
            // Roles as for any plan: only the tenant admin creates.
            for username in ["ppk", "operator-pendidikan", "pegawai", "guru-relawan"] {
                let token = try await http.login("kota-uji", username)
                #expect(try await http.call(.post, plans, token: token, json: ["name": "x", "campaignID": closed]).status == .forbidden)
            }
            #expect(try await http.call(.post, "/v1/tenants/\(mataramID)/plans", token: admin,
                                        json: ["name": "x", "campaignID": foreign]).status == .notFound)
            #expect(try await http.call(.get, plans, token: admin).json()["total"] as? Int == 0)

            // The command line takes the campaign too.
            let env = ["MUTASI_OPERATOR": "kota-uji/admin"]
            let refused = try CLITests.run(["plan", "create", "--tenant", "kota-uji", "--name", "CLI", "--campaign", open], db: db, env: env)
            #expect(refused.status != 0 && refused.stderr.contains("campaign.not_closed"), "\(refused.stderr)")
            let made = try CLITests.run(["plan", "create", "--tenant", "kota-uji", "--name", "CLI", "--campaign", closed], db: db, env: env)
            #expect(made.status == 0, "\(made.stderr)")
            #expect(made.stdout.contains("built") && made.stdout.contains("dari kampanye \(closed.lowercased())"), "\(made.stdout)")
        }
    }
}
