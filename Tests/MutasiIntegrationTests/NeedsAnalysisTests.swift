import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// Needs analyses (ANJAB-ABK) through the API: figures, validation, the verification workflow
/// with its refusals, approval setting the slot's need, idempotent retries, and the settings.
@Suite("Needs analysis")
struct NeedsAnalysisTests {
    /// A slot in a new unit of `agency` in Kota Kupang, held by `staff` employees; returns its id.
    static func slot(_ db: TestDatabase, agency: String = "dinas-pendidikan", unit: String, code: String = "analis",
                     staff: Int) async throws -> String {
        try await db.asOwner(tenant: "kota-kupang") { client, tenantID in
            let log = TestDatabase.logger
            // Inserts from a SELECT return their rows: on Citus one that does not reaches the shards as COPY,
            // which row-level security refuses.
            try await client.query("""
                INSERT INTO units (tenant_id, agency_id, code, name, region_code)
                SELECT \(tenantID), id, \(unit), \(unit.uppercased()), '53.71' FROM agencies WHERE tenant_id = \(tenantID) AND code = \(agency)
                RETURNING id
                """, logger: log)
            let slotID = try await client.column("""
                INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade)
                SELECT \(tenantID), id, \(code), 'Analis Kepegawaian', 'executor', 5, 12 FROM units WHERE tenant_id = \(tenantID) AND code = \(unit)
                RETURNING id
                """, as: UUID.self)[0]
            for i in 0..<staff {
                let nip = "19850101201001" + String(format: "%04d", unit.utf8.reduce(0) { $0 + Int($1) } % 1000 * 10 + i)
                try await client.query("""
                    INSERT INTO employees (tenant_id, nip, kind, name, birth_date, sex, grade, slot_id, slot_since)
                    VALUES (\(tenantID), \(nip), 'PNS', \("Pegawai \(i)"), '1985-01-01', 1, 9, \(slotID), '2020-01-01')
                    """, logger: log)
            }
            return slotID.uuidString.lowercased()
        }
    }

    static func tenantID(_ http: TestClientProtocol, _ token: String) async throws -> String {
        try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String
    }

    /// Tasks totalling 54,300 minutes a year: 120 x 300 + 610 x 30.
    static var workedTasks: [[String: Any]] { [
        ["name": "Menyusun laporan kepegawaian", "volume": 120, "standardMinutes": 300],
        ["name": "Memverifikasi usulan", "volume": "610", "standardMinutes": 30],
    ] }

    static func ifMatch(_ version: Int) -> HTTPFields { [.ifMatch: "\"v\(version)\""] }

    @Test("the worked example: 54,300 minutes need 0.724 -> 1 person; with 1 person EJ 0.724, grade C")
    func workedExample() async throws {
        try await TestApp.run { http, _, db, _ in
            let slotID = try await Self.slot(db, unit: "bkd-uji", staff: 1)
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let tenant = try await Self.tenantID(http, operatorToken)
            let created = try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: operatorToken,
                                              json: ["slotID": slotID, "year": 2026, "tasks": Self.workedTasks])
            #expect(created.status == .created, "\(created.text)")
            #expect(created.headers[.eTag] == "\"v1\"")
            let body = try created.json()
            #expect(body["state"] as? String == "draft")
            let figures = try #require(body["figures"] as? [String: Any])
            let workload = try #require(figures["totalWorkloadMinutes"] as? [String: Any])
            #expect(workload["decimal"] as? String == "54300")
            let exact = try #require(figures["exactHeadcount"] as? [String: Any])
            #expect(exact["numerator"] as? Int == 181)
            #expect(exact["denominator"] as? Int == 250)
            #expect(exact["decimal"] as? String == "0.724")
            #expect(figures["requiredHeadcount"] as? Int == 1)
            #expect(figures["currentStaff"] as? Int == 1)
            #expect((figures["efficiency"] as? [String: Any])?["decimal"] as? String == "0.724")
            #expect(figures["efficiencyGrade"] as? String == "C")
            #expect(figures["gap"] as? Int == 0)
            #expect(figures["effectiveWorkingMinutes"] as? Int == 75000)
            let tasks = try #require(body["tasks"] as? [[String: Any]])
            #expect(tasks.map { $0["workloadMinutes"] as? String } == ["36000", "18300"])

            // Decimals stay exact, whether sent as numbers or strings.
            let id = body["id"] as! String
            let put = try await http.call(.put, "/v1/tenants/\(tenant)/needs-analyses/\(id)", token: operatorToken,
                                          json: ["tasks": [["name": "Rapat", "volume": 0.1, "standardMinutes": "2.5"]]],
                                          headers: Self.ifMatch(1))
            #expect(put.status == .ok, "\(put.text)")
            let task = try #require((try put.json()["tasks"] as? [[String: Any]])?.first)
            #expect(task["volume"] as? String == "0.1")
            #expect(task["standardMinutes"] as? String == "2.5")
            #expect(task["workloadMinutes"] as? String == "0.25")
            let read = try await http.call(.get, "/v1/tenants/\(tenant)/needs-analyses/\(id)", token: operatorToken)
            #expect(read.headers[.eTag] == "\"v2\"")

            // Nobody in the slot: no efficiency, the need shows as a gap.
            let empty = try await Self.slot(db, unit: "bkd-kosong", staff: 0)
            let vacant = try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: operatorToken,
                                             json: ["slotID": empty, "year": 2026,
                                                    "ratio": ["driver": "murid per guru", "population": 250, "perPerson": 20]])
            let vacantFigures = try #require(try vacant.json()["figures"] as? [String: Any])
            #expect(vacantFigures["requiredHeadcount"] as? Int == 13)
            #expect(vacantFigures["efficiency"] == nil)
            #expect(vacantFigures["efficiencyGrade"] == nil)
            #expect(vacantFigures["gap"] as? Int == 13)
        }
    }

    @Test("invalid input is refused with the code and the field")
    func validation() async throws {
        try await TestApp.run { http, _, db, _ in
            let slotID = try await Self.slot(db, unit: "bkd-uji", staff: 1)
            let admin = try await http.login("kota-kupang", "admin")
            let tenant = try await Self.tenantID(http, admin)
            let path = "/v1/tenants/\(tenant)/needs-analyses"
            func task(_ name: Any, _ volume: Any, _ minutes: Any) -> [String: Any] {
                ["name": name, "volume": volume, "standardMinutes": minutes]
            }
            let cases: [([String: Any], String, String)] = [
                (["slotID": slotID, "year": 2026, "tasks": [task("A", 1, 10), task("B", 2, 0)]], "needs.invalid_standard_time", "tasks[1].standardMinutes"),
                (["slotID": slotID, "year": 2026, "tasks": [task("A", -1, 10)]], "needs.negative_volume", "tasks[0].volume"),
                (["slotID": slotID, "year": 2026, "tasks": [task("  ", 1, 10)]], "needs.task_name_required", "tasks[0].name"),
                (["slotID": slotID, "year": 2026, "tasks": [task("A", "1,5", 10)]], "number.invalid", "tasks[0].volume"),
                (["slotID": slotID, "year": 2026, "tasks": [task("A", 1, true)]], "request.wrong_type", "tasks[0].standardMinutes"),
                (["slotID": slotID, "year": 2026, "tasks": []], "needs.tasks_required", "tasks"),
                (["slotID": slotID, "year": 2026], "needs.basis_required", "tasks"),
                (["slotID": slotID, "year": 2026, "tasks": [task("A", 1, 1)], "ratio": ["driver": "x", "population": 1, "perPerson": 1]],
                 "needs.basis_ambiguous", "ratio"),
                (["slotID": slotID, "year": 1990, "tasks": [task("A", 1, 1)]], "needs.invalid_year", "year"),
                (["slotID": slotID, "year": 2026, "ratio": ["driver": "murid", "population": 10, "perPerson": 0]], "needs.invalid_ratio", "ratio.perPerson"),
                (["slotID": slotID, "year": 2026, "ratio": ["driver": "murid", "population": -1, "perPerson": 20]], "needs.negative_population", "ratio.population"),
                (["slotID": slotID, "year": 2026, "ratio": ["driver": "", "population": 1, "perPerson": 20]], "ratio.driver.required", "ratio.driver"),
                (["year": 2026, "tasks": [task("A", 1, 1)]], "request.missing_field", "slotID"),
                (["slotID": UUID().uuidString, "year": 2026, "tasks": [task("A", 1, 1)]], "slot.not_found", "slotID"),
            ]
            for (body, code, field) in cases {
                let response = try await http.call(.post, path, token: admin, json: body)
                let problem = try response.json()
                #expect(response.status == .badRequest, "\(code): \(response.text)")
                #expect(problem["code"] as? String == code, "\(response.text)")
                #expect(problem["field"] as? String == field, "\(response.text)")
            }
            let settings = "/v1/tenants/\(tenant)/needs-settings"
            let bound: (Any) -> [String: Any] = { ["min": $0] }
            let settingsCases: [([String: Any], String, String)] = [
                (["effectiveWorkingMinutes": 0], "needs.invalid_effective_time", "effectiveWorkingMinutes"),
                (["rounding": "sideways"], "needs_settings.invalid_rounding", "rounding"),
                (["efficiencyThresholds": ["a": bound("1"), "b": bound("0.9"), "c": bound("0.95"), "d": bound("0.5")]],
                 "efficiency_thresholds.not_descending", "efficiencyThresholds.c"),
                (["efficiencyThresholds": ["a": bound("1"), "b": bound("0.9"), "c": bound("0.7"), "d": bound("x")]],
                 "number.invalid", "efficiencyThresholds.d"),
            ]
            for (body, code, field) in settingsCases {
                let response = try await http.call(.patch, settings, token: admin, json: body, headers: Self.ifMatch(0))
                let problem = try response.json()
                #expect(response.status == .badRequest, "\(code): \(response.text)")
                #expect(problem["code"] as? String == code, "\(response.text)")
                #expect(problem["field"] as? String == field, "\(response.text)")
            }
        }
    }

    @Test("draft -> submitted -> returned -> edited -> submitted -> approved, with every refusal on the way")
    func workflow() async throws {
        try await TestApp.run { http, _, db, _ in
            let slotID = try await Self.slot(db, unit: "bkd-uji", staff: 1)
            let healthSlot = try await Self.slot(db, agency: "dinas-kesehatan", unit: "pkm-uji", staff: 0)
            var tokens: [String: String] = [:]
            for (name, login) in [("operator", ("kota-kupang", "operator-pendidikan")), ("admin", ("kota-kupang", "admin")),
                                  ("ppk", ("kota-kupang", "ppk")), ("auditor", ("kota-kupang", "auditor")),
                                  ("pegawai", ("kota-kupang", "pegawai")), ("mataram", ("kota-mataram", "admin"))] {
                tokens[name] = try await http.login(login.0, login.1)
            }
            tokens["bkn-x"] = try await http.login(nil, "bkn-denpasar")
            tokens["bkn-viii"] = try await http.login(nil, "bkn-banjarmasin")
            let tenant = try await Self.tenantID(http, tokens["admin"]!)
            let base = "/v1/tenants/\(tenant)/needs-analyses"

            // Operators enter analyses for their own agencies only; approvers enter none.
            let foreign = try await http.call(.post, base, token: tokens["operator"]!,
                                              json: ["slotID": healthSlot, "year": 2026, "tasks": Self.workedTasks])
            #expect(foreign.status == .forbidden)
            let byApprover = try await http.call(.post, base, token: tokens["ppk"]!,
                                                 json: ["slotID": slotID, "year": 2026, "tasks": Self.workedTasks])
            #expect(byApprover.status == .forbidden)

            let created = try await http.call(.post, base, token: tokens["operator"]!,
                                              json: ["slotID": slotID, "year": 2026, "tasks": Self.workedTasks])
            #expect(created.status == .created, "\(created.text)")
            let id = try created.json()["id"] as! String
            let one = "\(base)/\(id)"
            let again = try await http.call(.post, base, token: tokens["admin"]!,
                                            json: ["slotID": slotID, "year": 2026, "tasks": Self.workedTasks])
            #expect(again.status == .conflict)
            #expect(try again.json()["code"] as? String == "needs.open_analysis_exists")

            // Who may read it.
            for (name, expected) in [("operator", 200), ("admin", 200), ("ppk", 200), ("auditor", 200), ("bkn-x", 200),
                                     ("pegawai", 403), ("mataram", 404), ("bkn-viii", 404)] {
                let read = try await http.call(.get, one, token: tokens[name]!)
                #expect(read.status.code == expected, "GET as \(name): \(read.status.code) \(read.text)")
            }
            #expect(try await http.call(.get, one).status == .unauthorized)

            // Approving a draft is the wrong state; submitting needs the current version.
            let early = try await http.call(.post, "\(one)/approve", token: tokens["admin"]!, headers: Self.ifMatch(1))
            #expect(early.status == .conflict)
            #expect(try early.json()["code"] as? String == "needs.invalid_state")
            #expect(try await http.call(.post, "\(one)/submit", token: tokens["operator"]!).status.code == 428)
            let stale = try await http.call(.post, "\(one)/submit", token: tokens["operator"]!, headers: Self.ifMatch(7))
            #expect(stale.status == .preconditionFailed)
            #expect(try await http.call(.post, "\(one)/submit", token: tokens["ppk"]!, headers: Self.ifMatch(1)).status == .forbidden)
            #expect(try await http.call(.post, "\(one)/submit", token: tokens["mataram"]!, headers: Self.ifMatch(1)).status == .notFound)
            let submitted = try await http.call(.post, "\(one)/submit", token: tokens["operator"]!, headers: Self.ifMatch(1))
            #expect(submitted.status == .ok, "\(submitted.text)")
            #expect(try submitted.json()["state"] as? String == "submitted")
            #expect(submitted.headers[.eTag] == "\"v2\"")

            // Only tenant admins verify; submitted analyses cannot be edited.
            #expect(try await http.call(.post, "\(one)/approve", token: tokens["operator"]!, headers: Self.ifMatch(2)).status == .forbidden)
            #expect(try await http.call(.post, "\(one)/approve", token: tokens["ppk"]!, headers: Self.ifMatch(2)).status == .forbidden)
            #expect(try await http.call(.post, "\(one)/approve", token: tokens["bkn-x"]!, headers: Self.ifMatch(2)).status == .forbidden)
            let edit = try await http.call(.put, one, token: tokens["operator"]!, json: ["tasks": Self.workedTasks], headers: Self.ifMatch(2))
            #expect(edit.status == .conflict)
            let noNotes = try await http.call(.post, "\(one)/return", token: tokens["admin"]!, json: [String: Any](),
                                              headers: Self.ifMatch(2))
            #expect(noNotes.status == .badRequest)
            #expect(try noNotes.json()["field"] as? String == "notes")
            let returned = try await http.call(.post, "\(one)/return", token: tokens["admin"]!,
                                               json: ["notes": "Volume laporan terlalu tinggi"], headers: Self.ifMatch(2))
            #expect(returned.status == .ok, "\(returned.text)")
            #expect(try returned.json()["state"] as? String == "returned")
            #expect(try returned.json()["notes"] as? String == "Volume laporan terlalu tinggi")

            // Edited and resubmitted: now 250 pupils at 20 per person need 13.
            let edited = try await http.call(.put, one, token: tokens["operator"]!,
                                             json: ["ratio": ["driver": "murid per guru", "population": 250, "perPerson": 20]],
                                             headers: Self.ifMatch(3))
            #expect(edited.status == .ok, "\(edited.text)")
            #expect(try edited.json()["state"] as? String == "returned")
            #expect(try await http.call(.post, "\(one)/submit", token: tokens["operator"]!, headers: Self.ifMatch(4)).status == .ok)

            // Approval sets the slot's need; a retry with the same key changes nothing more.
            let key: HTTPFields = [.ifMatch: "\"v5\"", .init("Idempotency-Key")!: "approve-2026-1"]
            let approved = try await http.call(.post, "\(one)/approve", token: tokens["admin"]!, json: ["notes": "Sesuai"], headers: key)
            #expect(approved.status == .ok, "\(approved.text)")
            let approvedBody = try approved.json()
            #expect(approvedBody["state"] as? String == "approved")
            #expect(approvedBody["approvedNeed"] as? Int == 13)
            #expect((approvedBody["slot"] as? [String: Any])?["need"] as? Int == 13)
            let retry = try await http.call(.post, "\(one)/approve", token: tokens["admin"]!, json: ["notes": "Sesuai"], headers: key)
            #expect(retry.status == .ok)
            #expect(retry.text == approved.text)
            let reused = try await http.call(.post, "\(one)/approve", token: tokens["admin"]!, json: ["notes": "Lain"], headers: key)
            #expect(reused.status == .conflict)
            #expect(try reused.json()["code"] as? String == "idempotency.key_reused")
            let twice = try await http.call(.post, "\(one)/approve", token: tokens["admin"]!, headers: Self.ifMatch(6))
            #expect(twice.status == .conflict)

            let need = try await db.asOwner(tenant: "kota-kupang") { client, _ in
                try await client.column("SELECT need FROM slots WHERE id = \(UUID(uuidString: slotID)!)", as: Int32.self)[0]
            }
            #expect(need == 13)

            // The history keeps every step, once.
            let history = try await http.call(.get, "\(one)/history", token: tokens["auditor"]!).json()
            let steps = (history["items"] as? [[String: Any]] ?? []).map { "\($0["action"]!)>\($0["toState"]!)" }
            #expect(steps == ["create>draft", "submit>submitted", "return>returned", "update>returned", "submit>submitted", "approve>approved"])
            #expect((history["items"] as? [[String: Any]])?.last?["need"] as? Int == 13)

            // Each step is in the audit trail, and a new analysis of the same year may follow the approved one.
            let audit = try await http.call(.get, "/v1/tenants/\(tenant)/audit-events?entityType=needs_analysis&entityId=\(id.lowercased())&limit=50",
                                            token: tokens["admin"]!).json()
            #expect((audit["items"] as? [[String: Any]])?.count == 6)
            let slotAudit = try await http.call(.get, "/v1/tenants/\(tenant)/audit-events?action=slot.need_set&entityId=\(slotID)", token: tokens["admin"]!).json()
            #expect(slotAudit["total"] as? Int == 1)
            let revision = try await http.call(.post, base, token: tokens["operator"]!,
                                               json: ["slotID": slotID, "year": 2026, "tasks": Self.workedTasks])
            #expect(revision.status == .created)
            let list = try await http.call(.get, "\(base)?slotID=\(slotID)", token: tokens["operator"]!).json()
            #expect(list["total"] as? Int == 2)
            let approvedOnly = try await http.call(.get, "\(base)?state=approved&slotID=\(slotID)", token: tokens["ppk"]!).json()
            #expect(approvedOnly["total"] as? Int == 1)
            #expect(try await http.call(.get, "\(base)?state=odd", token: tokens["ppk"]!).status == .badRequest)
        }
    }

    @Test("settings: defaults at version 0, changed by tenant admins only, used by the figures")
    func settings() async throws {
        try await TestApp.run { http, _, db, _ in
            let slotID = try await Self.slot(db, unit: "bkd-uji", staff: 1)
            let admin = try await http.login("kota-kupang", "admin")
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let tenant = try await Self.tenantID(http, admin)
            let path = "/v1/tenants/\(tenant)/needs-settings"
            let defaults = try await http.call(.get, path, token: operatorToken)
            #expect(defaults.status == .ok)
            #expect(defaults.headers[.eTag] == "\"v0\"")
            let body = try defaults.json()
            #expect(body["effectiveWorkingMinutes"] as? Int == 75000)
            #expect(body["rounding"] as? String == "up")
            let thresholds = try #require(body["efficiencyThresholds"] as? [String: [String: Any]])
            #expect(thresholds["a"]?["min"] as? String == "1.00")
            #expect(thresholds["b"]?["min"] as? String == "0.90")
            #expect(thresholds["d"]?["inclusive"] as? Bool == true)

            let change: [String: Any] = ["effectiveWorkingMinutes": 60000,
                                         "efficiencyThresholds": ["a": ["min": "0.905", "inclusive": false], "b": ["min": 0.9],
                                                                  "c": ["min": "0.7"], "d": ["min": "0.5"]]]
            #expect(try await http.call(.patch, path, token: admin, json: change).status.code == 428)
            #expect(try await http.call(.patch, path, token: operatorToken, json: change, headers: Self.ifMatch(0)).status == .forbidden)
            let mataram = try await http.login("kota-mataram", "admin")
            #expect(try await http.call(.patch, path, token: mataram, json: change, headers: Self.ifMatch(0)).status == .notFound)
            let changed = try await http.call(.patch, path, token: admin, json: change, headers: Self.ifMatch(0))
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.headers[.eTag] == "\"v1\"")
            #expect(try await http.call(.patch, path, token: admin, json: change, headers: Self.ifMatch(0)).status == .preconditionFailed)

            // 54,300 / 60,000 = 0.905: still 1 person; EJ 0.905 is not above A's 0.905, so B.
            let created = try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: operatorToken,
                                              json: ["slotID": slotID, "year": 2027, "tasks": Self.workedTasks])
            let figures = try #require(try created.json()["figures"] as? [String: Any])
            #expect((figures["exactHeadcount"] as? [String: Any])?["decimal"] as? String == "0.905")
            #expect(figures["requiredHeadcount"] as? Int == 1)
            #expect(figures["efficiencyGrade"] as? String == "B")
            let rounded = try await http.call(.patch, path, token: admin, json: ["rounding": "down"], headers: Self.ifMatch(1))
            #expect(try rounded.json()["rounding"] as? String == "down")
            let reread = try await http.call(.get, "/v1/tenants/\(tenant)/needs-analyses/\(try created.json()["id"] as! String)",
                                             token: operatorToken)
            #expect((try reread.json()["figures"] as? [String: Any])?["requiredHeadcount"] as? Int == 0)
        }
    }
}
