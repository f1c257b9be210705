import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The remote/hardship flag of units (daerah terpencil): set through the API and the CSV import,
/// written by the export, audited, and counted by a campaign's `remoteService` rule.
@Suite("Remote units")
struct RemoteUnitTests {
    @Test("the flag is set on create and PATCH, shown in unit JSON and audited")
    func api() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let agencies = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
            let units = "/v1/tenants/\(tenantID)/units"
            let created = try await http.call(.post, units, token: admin, json: [
                "agencyID": agencies["dinas-pendidikan"]!, "code": "SDN-SEMAU", "name": "SD Negeri Pulau Semau",
                "regionCode": "53.71.01", "remote": true])
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["remote"] as? Bool == true)
            let id = try #require(try created.json()["id"] as? String)
            let plain = try await http.call(.get, "\(units)/\(try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "SDN-1"))",
                                            token: admin)
            #expect(try plain.json()["remote"] as? Bool == false)

            let changed = try await http.call(.patch, "\(units)/\(id)", token: admin, json: ["remote": false], headers: [.ifMatch: "\"v1\""])
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(try changed.json()["remote"] as? Bool == false)
            // Other changes leave it as it is.
            let renamed = try await http.call(.patch, "\(units)/\(id)", token: admin, json: ["name": "SD Negeri Semau"],
                                              headers: [.ifMatch: "\"v2\""])
            #expect(try renamed.json()["remote"] as? Bool == false)
            #expect(try await http.call(.patch, "\(units)/\(id)", token: admin, json: ["remote": true],
                                        headers: [.ifMatch: "\"v3\""]).status == .ok)
            #expect(try await http.call(.get, "\(units)/\(id)", token: admin).json()["remote"] as? Bool == true)
            #expect(try await http.call(.patch, "\(units)/\(id)", token: admin, json: ["remote": "ya"],
                                        headers: [.ifMatch: "\"v4\""]).status == .badRequest)
            let kept = try await http.call(.get, "\(units)/\(id)", token: admin)
            #expect(try kept.json()["remote"] as? Bool == true)
            #expect(kept.headers[.eTag] == "\"v4\"")

            let events = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?entityType=unit&entityId=\(id.lowercased())&limit=50",
                                             token: admin).json()["items"] as? [[String: Any]] ?? []
            let flagged = events.filter { $0["action"] as? String == "unit.update" && (auditText($0["after"]) ?? "").contains("\"remote\":true") }
            #expect(flagged.count == 1, "\(events)")
        }
    }

    @Test("the import reads terpencil, keeps the flag without the column, refuses a bad value; the export writes it")
    func files() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            func remote(_ code: String) async throws -> Bool? {
                let id = try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: code)
                return try await http.call(.get, "/v1/tenants/\(tenantID)/units/\(id)", token: admin).json()["remote"] as? Bool
            }
            let flagged = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "units", """
                kode_unit;nama_unit;kode_instansi;kode_wilayah;terpencil
                SDN-1;SD Negeri 1 Kupang;dinas-pendidikan;53.71.01;ya
                PKM-1;Puskesmas Oebobo;dinas-kesehatan;53.71.02;tidak

                """)
            #expect(flagged.status == .ok, "\(flagged.text)")
            #expect(try flagged.json()["applied"] as? Bool == true)
            #expect(try await remote("SDN-1") == true)
            #expect(try await remote("PKM-1") == false)

            // The fixture's file has no terpencil column: the flag stays.
            #expect(try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "units", WorkforceFixtures.units).status
                == .ok)
            #expect(try await remote("SDN-1") == true)

            let bad = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "units", """
                kode_unit;nama_unit;kode_instansi;kode_wilayah;terpencil
                SDN-1;SD Negeri 1 Kupang;dinas-pendidikan;53.71.01;tidak
                SDN-2;SD Negeri 2;dinas-pendidikan;53.71.02;mungkin

                """)
            #expect(bad.status.code == 422)
            let report = try bad.json()["report"] as? [String: Any] ?? [:]
            #expect(report["applied"] as? Bool == false)
            let errors = report["errors"] as? [[String: Any]] ?? []
            #expect(errors.map { $0["column"] as? String } == ["terpencil"])
            #expect(errors.first?["code"] as? String == "csv.invalid_boolean")
            #expect(try await remote("SDN-1") == true)

            let export = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/units", token: admin)
            #expect(export.status == .ok)
            let lines = export.text.replacingOccurrences(of: "\u{FEFF}", with: "").components(separatedBy: .newlines)
            #expect(lines.first?.hasSuffix("kode_wilayah;terpencil") == true, "\(lines.first ?? "")")
            #expect(lines.contains { $0.hasPrefix("SDN-1;") && $0.hasSuffix(";ya") })
            #expect(lines.contains { $0.hasPrefix("PKM-1;") && $0.hasSuffix(";tidak") })
        }
    }

    @Test("the remoteService rule gives points for a remote unit served now or before, naming it")
    func points() async throws {
        try await TestApp.run { http, _, db, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let pegawai = try await http.login("kota-kupang", "pegawai")
            try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-2")
            _ = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "units", """
                kode_unit;nama_unit;kode_instansi;kode_wilayah;terpencil
                SDN-2;SD Negeri 2 Oebobo;dinas-pendidikan;53.71.02;ya
                PKM-1;Puskesmas Oebobo;dinas-kesehatan;53.71.02;ya

                """)
            // The nurse served at SDN-2 before her post at PKM-1. The insert returns its row: on Citus
            // one from a SELECT that does not reaches the shards as COPY, which row-level security refuses.
            try await db.asOwner(tenant: "kota-kupang") { connection, tenantID in
                try await connection.query("""
                    INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on, ended_on)
                    SELECT \(tenantID), e.id, 100, s.id, DATE '2008-01-01', DATE '2014-12-31'
                    FROM employees e, slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                    WHERE e.tenant_id = \(tenantID) AND e.nip = \(PointContestFixtures.nurse) AND s.tenant_id = \(tenantID) AND u.code = 'SDN-2'
                    RETURNING seq
                    """, logger: TestDatabase.logger)
            }
            var body = CampaignFixtures.draft("Terpencil")
            body["pointRules"] = ["remoteService": 70]
            let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
            let c = "/v1/tenants/\(tenantID)/campaigns/\(campaign)"

            let mine = try await http.call(.get, "\(c)/points/me", token: pegawai).json()
            #expect(mine["total"] as? Int == 70)
            let part = (mine["breakdown"] as? [[String: Any]])?.first
            #expect(part?["rule"] as? String == "remoteService")
            #expect(part?["points"] as? Int == 70)
            #expect((part?["detail"] as? String)?.hasSuffix("terpencil: SDN-2") == true, "\(part ?? [:])")

            let all = try await http.call(.get, "\(c)/points?limit=200", token: admin).json()["items"] as? [[String: Any]] ?? []
            let byNIP = Dictionary(uniqueKeysWithValues: all.map { ($0["nip"] as! String, $0) })
            let nurse = try #require(byNIP[PointContestFixtures.nurse])
            #expect(nurse["total"] as? Int == 70)
            #expect(((nurse["breakdown"] as? [[String: Any]])?.first?["detail"] as? String)?.hasSuffix("PKM-1, SDN-2") == true)
            // Yohanes serves at SDN-1, never remote.
            #expect(byNIP["198503152010011002"]?["total"] as? Int == 0)

            let refused = try await http.call(.post, "/v1/tenants/\(tenantID)/campaigns", token: admin, json: {
                var b = CampaignFixtures.draft("Terlalu"); b["pointRules"] = ["remoteService": 501]; return b
            }())
            #expect(refused.status == .badRequest)
            #expect(try refused.json()["field"] as? String == "pointRules.remoteService")
        }
    }
}
