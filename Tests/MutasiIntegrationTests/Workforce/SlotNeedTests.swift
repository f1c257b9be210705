import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import PostgresNIO
import Testing

/// A slot's need comes from an approved needs analysis; a tenant admin may override it only
/// with a reason, which is kept beside the need and in the audit trail.
@Suite("Slot need from analysis or override")
struct SlotNeedTests {
    static let reason = "Penambahan rombongan belajar tahun ajaran baru"

    @Test("operators cannot set a need; an admin needs a reason, shown beside the need and audited")
    func overrideRules() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let t = "/v1/tenants/\(tenantID)"
            let (unit, slot) = try await WorkforceFixtures.firstSlot(http, token: admin, tenantID: tenantID, unit: "SDN-1")
            let slotID = slot["id"] as! String
            #expect(slot["need"] as? Int == 4)
            #expect(slot["needSource"] as? String == "override")
            #expect(slot["needReason"] as? String == "Formasi awal dari data BKD")

            // The operator's own agency's slot: refused whatever the reason, and nothing changes.
            let byOperator = try await http.call(.patch, "\(t)/slots/\(slotID)", token: operatorToken,
                                                 json: ["need": 9, "needReason": Self.reason], headers: [.ifMatch: "\"v1\""])
            #expect(byOperator.status == .forbidden)
            #expect(try byOperator.json()["code"] as? String == "slot.need_from_analysis")
            #expect(try byOperator.json()["field"] as? String == "need")
            let created = try await http.call(.post, "\(t)/slots", token: operatorToken, json: [
                "unitID": unit, "code": "GURU-BARU", "name": "Guru Baru", "kind": "Guru", "grades": ["min": 9, "max": 12], "need": 3,
                "needReason": Self.reason])
            #expect(created.status == .forbidden)
            // Without a reason it is still the role that is refused, not the missing reason.
            let unreasoned = try await http.call(.patch, "\(t)/slots/\(slotID)", token: operatorToken,
                                                 json: ["need": 9], headers: [.ifMatch: "\"v1\""])
            #expect(unreasoned.status == .forbidden)
            #expect(try unreasoned.json()["code"] as? String == "slot.need_from_analysis")
            // Without a need the operator still creates slots (need 0, not yet analysed).
            let plain = try await http.call(.post, "\(t)/slots", token: operatorToken, json: [
                "unitID": unit, "code": "GURU-BARU", "name": "Guru Baru", "kind": "Guru", "grades": ["min": 9, "max": 12]])
            #expect(plain.status == .created, "\(plain.text)")
            #expect(try plain.json()["need"] as? Int == 0)
            #expect(try plain.json()["needSource"] as? String == "none")
            // Sending the need the slot already has is no override.
            let same = try await http.call(.patch, "\(t)/slots/\(slotID)", token: operatorToken,
                                           json: ["need": 4, "name": "Guru Kelas SD"], headers: [.ifMatch: "\"v1\""])
            #expect(same.status == .ok, "\(same.text)")

            // The admin: a reason is required, and must say something.
            for (body, code) in [(["need": 6] as [String: Any], "slot.need_reason_required"),
                                 (["need": 6, "needReason": "   "], "slot.need_reason_required"),
                                 (["need": 6, "needReason": "kurang"], "slot.need_reason_too_short"),
                                 (["needReason": Self.reason], "slot.need_reason_without_need"),
                                 (["need": 100_001, "needReason": Self.reason], "slot.invalid_need")] {
                let bad = try await http.call(.patch, "\(t)/slots/\(slotID)", token: admin, json: body, headers: [.ifMatch: "\"v2\""])
                #expect(bad.status == .badRequest, "\(body): \(bad.text)")
                #expect(try bad.json()["code"] as? String == code, "\(body): \(bad.text)")
            }
            let unchanged = try await http.call(.get, "\(t)/slots/\(slotID)", token: admin).json()
            #expect(unchanged["need"] as? Int == 4 && unchanged["version"] as? Int == 2)

            let ok = try await http.call(.patch, "\(t)/slots/\(slotID)", token: admin,
                                         json: ["need": 6, "needReason": "  \(Self.reason)  "], headers: [.ifMatch: "\"v2\""])
            #expect(ok.status == .ok, "\(ok.text)")
            let body = try ok.json()
            #expect(body["need"] as? Int == 6)
            #expect(body["needSource"] as? String == "override")
            #expect(body["needReason"] as? String == Self.reason)

            let events = try await http.call(.get, "\(t)/audit-events?action=slot.need_override&entityId=\(slotID.lowercased())", token: admin).json()
            let event = try #require((events["items"] as? [[String: Any]])?.first)
            #expect((auditText(event["after"]) ?? "").contains(Self.reason))
            #expect((auditText(event["before"]) ?? "").contains("\"need\":4"))
        }
    }

    @Test("approving a needs analysis makes the analysis the need's source and clears the override")
    func analysisSetsSource() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let t = "/v1/tenants/\(tenantID)"
            let slotID = try await WorkforceFixtures.firstSlot(http, token: admin, tenantID: tenantID, unit: "SDN-2").slot["id"] as! String
            let created = try await http.call(.post, "\(t)/needs-analyses", token: operatorToken, json: [
                "slotID": slotID, "year": 2026, "ratio": ["driver": "murid per guru", "population": 250, "perPerson": 20]])
            #expect(created.status == .created, "\(created.text)")
            let id = try created.json()["id"] as! String
            #expect(try await http.call(.post, "\(t)/needs-analyses/\(id)/submit", token: operatorToken,
                                        headers: [.ifMatch: "\"v1\""]).status == .ok)
            let approved = try await http.call(.post, "\(t)/needs-analyses/\(id)/approve", token: admin, headers: [.ifMatch: "\"v2\""])
            #expect(approved.status == .ok, "\(approved.text)")
            let slot = try await http.call(.get, "\(t)/slots/\(slotID)", token: admin).json()
            #expect(slot["need"] as? Int == 13)
            #expect(slot["needSource"] as? String == "analysis")
            #expect(slot["needAnalysisID"] as? String == id)
            #expect(slot["needReason"] == nil || slot["needReason"] is NSNull)
        }
    }

    @Test("an import changes a need only with alasan_kebutuhan, all or nothing")
    func importNeedsReason() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let before = try await http.call(.get, "\(t)/exports/slots", token: admin).text
            #expect(before.contains(";kebutuhan;alasan_kebutuhan\r\n"))

            let header = "kode_unit,kode_jabatan,nama_jabatan,jenis_jabatan,golongan_min,golongan_maks,kebutuhan"
            // Same needs as stored: no reason needed. A changed need without a reason: refused.
            let bad = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "slots", """
                \(header)
                SDN-1,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b,4
                SDN-2,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b,5

                """)
            let report = try bad.json()["report"] as? [String: Any] ?? [:]
            #expect(bad.status == .unprocessableContent)
            #expect(report["applied"] as? Bool == false, "\(bad.text)")
            let errors = report["errors"] as? [[String: Any]] ?? []
            #expect(errors.count == 1)
            #expect(errors.first?["line"] as? Int == 3)
            #expect(errors.first?["column"] as? String == "alasan_kebutuhan")
            #expect(errors.first?["code"] as? String == "slot.need_reason_required")
            #expect(try await http.call(.get, "\(t)/exports/slots", token: admin).text == before)

            // alasan_kebutuhan alone is refused in the header: it goes with kebutuhan.
            let alone = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "slots", """
                kode_unit,kode_jabatan,nama_jabatan,jenis_jabatan,golongan_min,golongan_maks,alasan_kebutuhan
                SDN-2,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b,\(Self.reason)

                """)
            #expect(alone.status == .unprocessableContent, "\(alone.text)")

            let good = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "slots", """
                \(header),alasan_kebutuhan
                SDN-1,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b,4,
                SDN-2,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b,5,\(Self.reason)

                """)
            #expect(try good.json()["applied"] as? Bool == true, "\(good.text)")
            let slot = try await WorkforceFixtures.firstSlot(http, token: admin, tenantID: tenantID, unit: "SDN-2").slot
            #expect(slot["need"] as? Int == 5)
            #expect(slot["needSource"] as? String == "override")
            #expect(slot["needReason"] as? String == Self.reason)
            let sdn1 = try await http.call(.get, "\(t)/slots?q=GURU-KELAS", token: admin).json()["items"] as! [[String: Any]]
            #expect(sdn1.contains { $0["need"] as? Int == 4 && $0["needReason"] as? String == "Formasi awal dari data BKD" })
        }
    }

    @Test("migration 008 classifies existing needs: from the approved analysis, else an override saying so")
    func migrationClassifiesExistingNeeds() async throws {
        let db = try await TestDatabase.create(migrated: false)
        try await db.migrate(from: try StartupCheckTests.migrations(upTo: 7, of: db))
        let (tenant, agency, unit, analysed, set, unset, analysis) = (UUID(), UUID(), UUID(), UUID(), UUID(), UUID(), UUID())
        try await db.asOwner { client in
            let office = try await client.column("INSERT INTO bkn_offices (code, name) VALUES ('kanreg-uji', 'Kanreg Uji') RETURNING id",
                                                 as: UUID.self)[0]
            try await client.query("""
                INSERT INTO tenants (id, code, name, kind, region_code, bkn_office_id)
                VALUES (\(tenant), 'kota-uji', 'Kota Uji', 'city', '53.71', \(office))
                """, logger: TestDatabase.logger)
        }
        try await db.asOwner(scope: tenant) { c in
            for statement: PostgresQuery in [
                "INSERT INTO agencies (tenant_id, id, code, name) VALUES (\(tenant), \(agency), 'dinas', 'Dinas')",
                "INSERT INTO units (tenant_id, id, agency_id, code, name, region_code) VALUES (\(tenant), \(unit), \(agency), 'U1', 'Unit', '53.71.01')",
                """
                INSERT INTO slots (tenant_id, id, unit_id, code, name, position_kind, min_grade, max_grade, need)
                VALUES (\(tenant), \(analysed), \(unit), 'A', 'A', 'teacher', 9, 12, 5),
                       (\(tenant), \(set), \(unit), 'B', 'B', 'teacher', 9, 12, 3),
                       (\(tenant), \(unset), \(unit), 'C', 'C', 'teacher', 9, 12, 0)
                """,
                """
                INSERT INTO needs_analyses (tenant_id, id, slot_id, year, method, ratio_driver, ratio_population, ratio_per_person,
                                            state, approved_need, created_by, decided_at)
                VALUES (\(tenant), \(analysis), \(analysed), 2026, 'ratio', 'murid', 100, 20, 'approved', 5, \(UUID()), now())
                """,
            ] {
                try await c.query(statement, logger: TestDatabase.logger)
            }
        }
        try await db.migrate()
        let rows = try await db.asOwner(scope: tenant) { c in
            var result: [String: (String, String?, UUID?)] = [:]
            for try await (code, source, reason, id) in try await c.query(
                "SELECT code, need_source, need_reason, need_analysis_id FROM slots WHERE tenant_id = \(tenant)",
                logger: TestDatabase.logger).decode((String, String, String?, UUID?).self) {
                result[code] = (source, reason, id)
            }
            return result
        }
        #expect(rows["A"]?.0 == "analysis" && rows["A"]?.2 == analysis)
        #expect(rows["B"]?.0 == "override" && rows["B"]?.1?.isEmpty == false)
        #expect(rows["C"]?.0 == "none" && rows["C"]?.1 == nil)
    }
}
