import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// The balance dashboard on a small organisation built by hand, against figures worked out by
/// hand below (as of 15 June 2026, horizon 12 months).
@Suite("Balance")
struct BalanceTests {
    static let asOf = "2026-06-15"

    /// Agency A (dinas-uji-a): SD Uji 1 with teachers (need 4) and administration (need 1), SD Uji 2
    /// with teachers (need 2). Agency B (dinas-uji-b): Puskesmas Uji 1 with nurses (need 3), empty.
    ///
    /// - sd-uji-1/guru: 4 teachers, one retiring 1 October 2026 (born 10 September 1966, BUP 60):
    ///   headcount 4, retiring 1, current 3 -> deficit 1.
    /// - sd-uji-1/tu: 3 staff -> surplus 2. One was born 5 December 1968: at the default BUP 58 they
    ///   would retire 1 January 2027 (within the horizon), but the tenant sets 60 for pelaksana, so
    ///   they count. One has held the post since 14 June 2021 (rotation due), one since 15 June
    ///   2021 (exactly five years: not yet).
    /// - sd-uji-2/guru: 2 teachers, one studied engineering (mismatch), one (education written
    ///   "Pendidikan") in the post since 2015 (rotation due) -> balanced.
    /// - pkm-uji-1/perawat: nobody -> deficit 3.
    ///
    /// Units: SD Uji 1 need 5, deficit 1, surplus 2, imbalance 3/5; SD Uji 2 need 2, 0; Puskesmas
    /// need 3, deficit 3, imbalance 1. Agencies: A need 7, deficit 1, surplus 2, imbalance 3/7,
    /// 1 mismatch, 2 rotations due; B need 3, deficit 3, imbalance 1.
    static func seed(_ db: TestDatabase) async throws -> (agencyA: String, agencyB: String) {
        try await db.asOwner(tenant: "kota-kupang") { client, tenant in
            let log = TestDatabase.logger
            var agencies: [String: UUID] = [:]
            for code in ["dinas-uji-a", "dinas-uji-b"] {
                agencies[code] = try await client.column("""
                    INSERT INTO agencies (tenant_id, code, name) VALUES (\(tenant), \(code), \(code.uppercased())) RETURNING id
                    """, as: UUID.self)[0]
            }
            for (code, agency) in [("sd-uji-1", "dinas-uji-a"), ("sd-uji-2", "dinas-uji-a"), ("pkm-uji-1", "dinas-uji-b")] {
                try await client.query("""
                    INSERT INTO units (tenant_id, agency_id, code, name, region_code)
                    VALUES (\(tenant), \(agencies[agency]!), \(code), \(code.uppercased()), '53.71.01')
                    """, logger: log)
            }
            let slots: [(String, String, String, [String], Int)] = [
                ("sd-uji-1", "guru", "teacher", ["pendidikan"], 4), ("sd-uji-1", "tu", "executor", [], 1),
                ("sd-uji-2", "guru", "teacher", ["pendidikan"], 2), ("pkm-uji-1", "perawat", "functional_first_expert", ["kesehatan"], 3),
            ]
            // Inserts from a SELECT return their rows: on Citus one that does not reaches the shards
            // as COPY, which row-level security refuses.
            for (unit, code, kind, fields, need) in slots {
                try await client.query("""
                    INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, education_fields, need)
                    SELECT \(tenant), id, \(code), \(code.uppercased()), \(kind), 5, 14, \(fields), \(Int32(need))
                    FROM units WHERE tenant_id = \(tenant) AND code = \(unit)
                    RETURNING id
                    """, logger: log)
            }
            let staff: [(String, String, String, String, String, String)] = [
                ("198002022005011001", "sd-uji-1", "guru", "1980-02-02", "pendidikan", "2022-01-01"),
                ("198103032006011002", "sd-uji-1", "guru", "1981-03-03", "pendidikan", "2022-01-01"),
                ("198204042007011003", "sd-uji-1", "guru", "1982-04-04", "pendidikan", "2022-01-01"),
                ("196609101990011004", "sd-uji-1", "guru", "1966-09-10", "pendidikan", "2022-01-01"),
                ("196812051990011005", "sd-uji-1", "tu", "1968-12-05", "ekonomi", "2021-06-15"),
                ("198501012010011006", "sd-uji-1", "tu", "1985-01-01", "hukum", "2021-06-14"),
                ("198601012011011007", "sd-uji-1", "tu", "1986-01-01", "", "2022-01-01"),
                ("197905052004011008", "sd-uji-2", "guru", "1979-05-05", "teknik", "2022-01-01"),
                ("197806062003011009", "sd-uji-2", "guru", "1978-06-06", "Pendidikan", "2015-01-01"),
            ]
            for (nip, unit, slot, born, field, since) in staff {
                try await client.query("""
                    INSERT INTO employees (tenant_id, nip, kind, name, birth_date, sex, grade, education_field, slot_id, slot_since)
                    SELECT \(tenant), \(nip), 'PNS', \("Pegawai \(nip.suffix(3))"), \(born)::date, 1, 9, \(field), s.id, \(since)::date
                    FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                    WHERE s.tenant_id = \(tenant) AND u.code = \(unit) AND s.code = \(slot)
                    RETURNING id
                    """, logger: log)
            }
            try await client.query("INSERT INTO retirement_ages (tenant_id, position_kind, age) VALUES (\(tenant), 'executor', 60)",
                                   logger: log)
            let operatorID = try await client.column(
                "SELECT id FROM users WHERE tenant_id = \(tenant) AND username = 'operator-pendidikan'", as: UUID.self)[0]
            try await client.query("""
                INSERT INTO user_agencies (tenant_id, user_id, agency_id) VALUES (\(tenant), \(operatorID), \(agencies["dinas-uji-a"]!))
                """, logger: log)
            return (agencies["dinas-uji-a"]!.uuidString.lowercased(), agencies["dinas-uji-b"]!.uuidString.lowercased())
        }
    }

    /// `[code: (need, headcount, retiring, current, deficit, surplus, imbalance, mismatches, rotation)]` of a report's rows.
    static func figures(_ report: [String: Any]) -> [String: [String]] {
        var result: [String: [String]] = [:]
        for row in report["items"] as? [[String: Any]] ?? [] {
            let key = (row["unitCode"] as? String).map { "\($0)/\(row["code"]!)" } ?? "\(row["code"]!)"
            result[key] = ["need", "headcount", "retiring", "current", "deficit", "surplus"].map { "\(row[$0] ?? "-")" }
                + ["\((row["imbalance"] as? [String: Any])?["numerator"] ?? "-")/\((row["imbalance"] as? [String: Any])?["denominator"] ?? "-")",
                   "\(row["educationMismatches"]!)", "\(row["rotationDue"]!)"]
        }
        return result
    }

    @Test("need against current staff per slot, unit, agency and tenant, as worked out by hand")
    func figuresByLevel() async throws {
        try await TestApp.run { http, _, db, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenant = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let base = "/v1/tenants/\(tenant)/balance"
            let (agencyA, agencyB) = try await Self.seed(db)

            let slots = try await http.call(.get, "\(base)?level=slot&asOf=\(Self.asOf)&agencyID=\(agencyA)", token: admin)
            #expect(slots.status == .ok, "\(slots.text)")
            #expect(Self.figures(try slots.json()) == [
                "sd-uji-1/guru": ["4", "4", "1", "3", "1", "0", "1/4", "0", "0"],
                "sd-uji-1/tu": ["1", "3", "0", "3", "0", "2", "2/1", "0", "1"],
                "sd-uji-2/guru": ["2", "2", "0", "2", "0", "0", "0/1", "1", "1"],
            ])
            let units = try await http.call(.get, "\(base)?level=unit&asOf=\(Self.asOf)", token: admin).json()
            let unitFigures = Self.figures(units)
            #expect(unitFigures["sd-uji-1"] == ["5", "7", "1", "6", "1", "2", "3/5", "0", "1"])
            #expect(unitFigures["sd-uji-2"] == ["2", "2", "0", "2", "0", "0", "0/1", "1", "1"])
            #expect(unitFigures["pkm-uji-1"] == ["3", "0", "0", "0", "3", "0", "1/1", "0", "0"])
            let agencies = try await http.call(.get, "\(base)?level=agency&asOf=\(Self.asOf)", token: admin).json()
            let agencyFigures = Self.figures(agencies)
            #expect(agencyFigures["dinas-uji-a"] == ["7", "9", "1", "8", "1", "2", "3/7", "1", "2"])
            #expect(agencyFigures["dinas-uji-b"] == ["3", "0", "0", "0", "3", "0", "1/1", "0", "0"])
            let onlyA = try await http.call(.get, "\(base)?level=agency&asOf=\(Self.asOf)&agencyID=\(agencyA)", token: admin).json()
            let totals = try #require(onlyA["totals"] as? [String: Any])
            #expect((totals["imbalance"] as? [String: Any])?["decimal"] as? String == "0.4286")
            #expect(onlyA["horizonMonths"] as? Int == 12)
            #expect(onlyA["asOf"] as? String == Self.asOf)

            // The tenant's row sums every agency's counts (the demo's too).
            let after = try await http.call(.get, "\(base)?level=tenant&asOf=\(Self.asOf)", token: admin).json()
            let tenantRow = try #require((after["items"] as? [[String: Any]])?.first)
            let allAgencies = try await http.call(.get, "\(base)?level=agency&asOf=\(Self.asOf)&limit=200", token: admin).json()
            let agencyRows = allAgencies["items"] as? [[String: Any]] ?? []
            for field in ["need", "headcount", "retiring", "current", "deficit", "surplus", "slots", "educationMismatches", "rotationDue"] {
                #expect(tenantRow[field] as? Int == agencyRows.reduce(0) { $0 + ($1[field] as? Int ?? 0) }, "\(field)")
            }
            #expect(tenantRow["code"] as? String == "kota-kupang")
            let imbalance = try #require(tenantRow["imbalance"] as? [String: Any])
            let need = tenantRow["need"] as! Int, off = (tenantRow["deficit"] as! Int) + (tenantRow["surplus"] as! Int)
            #expect((imbalance["numerator"] as! Int) * need == off * (imbalance["denominator"] as! Int))

            // A shorter horizon keeps the October retiree as current; paging works on the rows.
            let now = try await http.call(.get, "\(base)?level=slot&asOf=\(Self.asOf)&agencyID=\(agencyA)&months=2", token: admin).json()
            #expect(Self.figures(now)["sd-uji-1/guru"] == ["4", "4", "0", "4", "0", "0", "0/1", "0", "0"])
            let paged = try await http.call(.get, "\(base)?level=slot&asOf=\(Self.asOf)&agencyID=\(agencyA)&limit=1&offset=1", token: admin).json()
            #expect(paged["total"] as? Int == 3)
            #expect((paged["items"] as? [[String: Any]])?.map { $0["code"] as? String } == ["tu"])
            _ = agencyB
        }
    }

    @Test("retirements ahead, education mismatches and rotations due")
    func lists() async throws {
        try await TestApp.run { http, _, db, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenant = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let (agencyA, _) = try await Self.seed(db)
            let query = "asOf=\(Self.asOf)&agencyID=\(agencyA)"
            let retiring = try await http.call(.get, "/v1/tenants/\(tenant)/balance/retirements?\(query)", token: admin).json()
            let items = try #require(retiring["items"] as? [[String: Any]])
            #expect(items.count == 1)
            #expect((items.first?["employee"] as? [String: Any])?["nip"] as? String == "196609101990011004")
            #expect(items.first?["retirementDate"] as? String == "2026-10-01")
            #expect(items.first?["retirementAge"] as? Int == 60)
            #expect(items.first?["monthsToRetirement"] as? Int == 3)

            let mismatches = try await http.call(.get, "/v1/tenants/\(tenant)/balance/education-mismatches?\(query)", token: admin).json()
            let misfits = try #require(mismatches["items"] as? [[String: Any]])
            #expect(misfits.map { ($0["employee"] as? [String: Any])?["nip"] as? String } == ["197905052004011008"])
            #expect(misfits.first?["educationField"] as? String == "teknik")
            #expect(misfits.first?["slotEducationFields"] as? [String] == ["pendidikan"])

            let rotation = try await http.call(.get, "/v1/tenants/\(tenant)/balance/rotation-due?\(query)", token: admin).json()
            let due = try #require(rotation["items"] as? [[String: Any]])
            #expect(due.map { ($0["employee"] as? [String: Any])?["nip"] as? String } == ["197806062003011009", "198501012010011006"])
            #expect(due.map { $0["monthsInPost"] as? Int } == [137, 60])
        }
    }

    @Test("who sees which figures, and bad queries")
    func access() async throws {
        try await TestApp.run { http, _, db, _ in
            let (agencyA, agencyB) = try await Self.seed(db)
            var tokens: [String: String] = [:]
            for name in ["admin", "operator-pendidikan", "ppk", "auditor", "pegawai"] { tokens[name] = try await http.login("kota-kupang", name) }
            tokens["mataram"] = try await http.login("kota-mataram", "admin")
            tokens["platform"] = try await http.login(nil, "admin")
            tokens["bkn-x"] = try await http.login(nil, "bkn-denpasar")
            tokens["bkn-viii"] = try await http.login(nil, "bkn-banjarmasin")
            let tenant = try await http.call(.get, "/v1/me", token: tokens["admin"]!).json()["scope"] as! String
            let base = "/v1/tenants/\(tenant)/balance"
            let expected: [(String, Int, Int)] = [   // (login, balance, employee lists)
                ("admin", 200, 200), ("operator-pendidikan", 200, 200), ("ppk", 200, 200), ("auditor", 200, 200),
                ("pegawai", 403, 403), ("platform", 200, 403), ("bkn-x", 200, 403), ("bkn-viii", 404, 404), ("mataram", 404, 404),
            ]
            for (name, figures, lists) in expected {
                #expect(try await http.call(.get, base, token: tokens[name]!).status.code == figures, "balance as \(name)")
                for list in ["retirements", "education-mismatches", "rotation-due"] {
                    #expect(try await http.call(.get, "\(base)/\(list)", token: tokens[name]!).status.code == lists, "\(list) as \(name)")
                }
            }
            #expect(try await http.call(.get, base).status == .unauthorized)

            // An agency operator sees only their agencies.
            let own = try await http.call(.get, "\(base)?level=agency", token: tokens["operator-pendidikan"]!).json()
            let codes = Set((own["items"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String })
            #expect(codes.contains("dinas-uji-a"))
            #expect(codes.isSubset(of: ["dinas-uji-a", "dinas-pendidikan"]))
            #expect(try await http.call(.get, "\(base)?agencyID=\(agencyB)", token: tokens["operator-pendidikan"]!).status == .forbidden)
            #expect(try await http.call(.get, "\(base)?agencyID=\(agencyA)", token: tokens["operator-pendidikan"]!).status == .ok)

            for (query, field) in [("months=-1", "months"), ("months=x", "months"), ("level=district", "level"),
                                   ("asOf=2026-13-01", "asOf"), ("agencyID=nope", "agencyID"), ("limit=0", "limit")] {
                let response = try await http.call(.get, "\(base)?\(query)", token: tokens["admin"]!)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.json()["field"] as? String == field, "\(query): \(response.text)")
            }
        }
    }

    @Test("mutasi balance prints a readable table and JSON; mutasi needs runs the workflow")
    func cli() async throws {
        try await TestApp.run { http, _, db, _ in
            let (agencyA, _) = try await Self.seed(db)
            let table = try CLITests.run(["balance", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", "--level", "unit",
                                          "--as-of", Self.asOf, "--agency", agencyA], db: db)
            #expect(table.status == 0, "\(table.stderr)")
            #expect(table.stdout.contains("KEBUTUHAN"))
            #expect(table.stdout.contains("KETIDAKSEIMBANGAN"))
            let sd1 = table.stdout.split(separator: "\n").first { $0.contains("sd-uji-1") }.map(String.init) ?? ""
            #expect(sd1.split(separator: " ").contains("0.6"), "\(table.stdout)")
            let json = try CLITests.run(["balance", "--tenant", "kota-kupang", "--operator", "kota-kupang/auditor", "--level", "agency",
                                         "--as-of", Self.asOf, "--agency", agencyA, "--json"], db: db)
            let report = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
            #expect((report?["totals"] as? [String: Any])?["need"] as? Int == 7)
            let retirements = try CLITests.run(["balance", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin",
                                                "--as-of", Self.asOf, "--report", "retirements"], db: db)
            #expect(retirements.stdout.contains("196609101990011004"))
            #expect(retirements.stdout.contains("2026-10-01"))
            let refused = try CLITests.run(["balance", "--tenant", "kota-kupang", "--operator", "kota-kupang/pegawai"], db: db)
            #expect(refused.status != 0)
            #expect(refused.stderr.contains("auth.forbidden"))

            // The needs workflow from the CLI.
            let slotID = try await db.asOwner(tenant: "kota-kupang") { client, _ in
                try await client.column("SELECT id FROM slots WHERE code = 'tu' LIMIT 1", as: UUID.self)[0]
            }.uuidString.lowercased()
            let created = try CLITests.run(["needs", "create", "--tenant", "kota-kupang", "--operator", "kota-kupang/operator-pendidikan",
                                            "--slot", slotID, "--year", "2026", "--task", "Menyusun laporan;120;300",
                                            "--task", "Memverifikasi usulan;610;30", "--json"], db: db)
            #expect(created.status == 0, "\(created.stderr)")
            let view = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
            let id = try #require(view?["id"] as? String)
            #expect((view?["figures"] as? [String: Any])?["efficiencyGrade"] as? String == "E")   // 0.724 / 3 staff
            let submit = try CLITests.run(["needs", "submit", "--tenant", "kota-kupang", "--operator", "kota-kupang/operator-pendidikan", id], db: db)
            #expect(submit.status == 0, "\(submit.stderr)")
            #expect(submit.stdout.contains("diajukan"))
            let approve = try CLITests.run(["needs", "approve", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", id], db: db)
            #expect(approve.status == 0, "\(approve.stderr)")
            #expect(approve.stdout.contains("disetujui"))
            let show = try CLITests.run(["needs", "show", "--tenant", "kota-kupang", "--operator", "kota-kupang/auditor", id], db: db)
            #expect(show.stdout.contains("0.724 -> 1"))
            #expect(show.stdout.contains("URAIAN TUGAS"))
            let list = try CLITests.run(["needs", "list", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", "--state", "approved"], db: db)
            #expect(list.stdout.contains("1 dari 1 analisis"), "\(list.stdout)")
            let settings = try CLITests.run(["needs", "settings", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin",
                                             "--thresholds", ">1.00,0.90,0.70,0.50"], db: db)
            #expect(settings.status == 0, "\(settings.stderr)")
            #expect(settings.stdout.contains("> 1.00"))
            _ = http
        }
    }
}
