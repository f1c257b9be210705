import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiSpreadsheet
import PostgresNIO
import Testing

/// The preference form an employee files: its rules (each refusal names its field and stores
/// nothing), If-Match on replacing, every version kept, read-only once closed, the staff's
/// view and the CSV export.
@Suite("Preference forms")
struct PreferenceFormTests {
    struct Setup {
        var admin: String, pegawai: String, tenantID: String
        var school: String, school2: String, clinic: String
        var pendidikanCampaign: String, kesehatanCampaign: String
        var form: String { "/v1/tenants/\(tenantID)/campaigns/\(pendidikanCampaign)/forms/me" }
    }

    /// Kupang with the fixtures; the demo employee placed in SD Negeri 1 (Dinas Pendidikan); one
    /// open campaign for Dinas Pendidikan and one for Dinas Kesehatan.
    static func setUp(_ http: some TestClientProtocol) async throws -> Setup {
        let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
        try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
        let pegawai = try await http.login("kota-kupang", "pegawai")
        try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-1")
        let a = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
        let p = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID,
                                                  CampaignFixtures.draft("Pendidikan", agencies: [a["dinas-pendidikan"]!]))
        let k = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID,
                                                  CampaignFixtures.draft("Kesehatan", agencies: [a["dinas-kesehatan"]!]))
        for id in [p, k] {
            let opened = try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, id, "open")
            guard opened.status == .ok else { throw TestSetupError("open: \(opened.text)") }
        }
        return Setup(admin: admin, pegawai: pegawai, tenantID: tenantID,
                     school: try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "SDN-1"),
                     school2: try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "SDN-2"),
                     clinic: try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "PKM-1"),
                     pendidikanCampaign: p, kesehatanCampaign: k)
    }

    @Test("each bad form is refused with its code and field, and nothing is stored")
    func refusals() async throws {
        try await TestApp.run { http, _, db, _ in
            let s = try await Self.setUp(http)
            // A unit of another tenant.
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            let mataramAgency = try await CampaignFixtures.agencies(http, token: mataram, tenantID: mataramID)["dinas-pendidikan"]!
            let foreignUnit = try await http.call(.post, "/v1/tenants/\(mataramID)/units", token: mataram,
                json: ["agencyID": mataramAgency, "code": "SDN-9", "name": "SD Negeri 9 Mataram", "regionCode": "52.71.01"])
            let foreignUnitID = try #require(try foreignUnit.json()["id"] as? String, "\(foreignUnit.text)")

            let six = (0..<6).map { _ in UUID().uuidString }
            let reunion: [String: Any] = ["category": "family_reunion", "text": "Suami bertugas di Kabupaten Kupang"]
            let cases: [([String: Any], String, String)] = [
                (["wish": "move", "preferences": six], "form.too_many_preferences", "preferences"),
                (["wish": "move", "preferences": [s.school2, s.school, s.school2]], "form.duplicate_preference", "preferences[2]"),
                (["wish": "move", "preferences": [s.school2, foreignUnitID]], "form.unknown_unit", "preferences[1]"),
                (["wish": "move", "preferences": [s.clinic]], "form.unit_outside_campaign", "preferences[0]"),
                (["wish": "move", "reasons": [reunion]], "form.spouse_workplace_required", "spouseWorkplace"),
                (["wish": "move", "reasons": [["category": "health", "text": String(repeating: "a", count: 1001)]]],
                 "form.reason_too_long", "reasons[0].text"),
                (["wish": "move", "reasons": [["category": "gaji", "text": "x"]]], "form.invalid_reason_category", "reasons[0].category"),
                (["wish": "pindah"], "form.invalid_wish", "wish"),
                (["wish": "move", "reasons": [reunion], "spouseWorkplace": "Kantor Bupati"], "form.invalid_spouse_workplace", "spouseWorkplace"),
                (["wish": "move", "priority": 500], "request.unknown_field", "priority"),
                (["wish": "move", "reasons": [["category": "health", "text": "x", "severity": 3]]], "request.unknown_field",
                 "reasons[0].severity"),
            ]
            for (body, code, field) in cases {
                let response = try await http.call(.put, s.form, token: s.pegawai, json: body)
                #expect(response.status == .badRequest, "\(code): \(response.text)")
                let problem = try response.json()
                #expect(problem["code"] as? String == code, "\(response.text)")
                #expect(problem["field"] as? String == field, "\(response.text)")
            }
            let outside = try await http.call(.put, "/v1/tenants/\(s.tenantID)/campaigns/\(s.kesehatanCampaign)/forms/me",
                                              token: s.pegawai, json: ["wish": "stay"])
            #expect(outside.status == .forbidden)
            #expect(try outside.json()["code"] as? String == "form.outside_campaign")
            #expect(try await http.call(.get, s.form, token: s.pegawai).status == .notFound)
            let stored = try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                (try await connection.column("SELECT count(*) FROM preference_forms", as: Int64.self)[0],
                 try await connection.column("SELECT count(*) FROM preference_form_versions", as: Int64.self)[0])
            }
            #expect(stored == (0, 0))
        }
    }

    @Test("filed, replaced with If-Match, every version kept, read-only once closed")
    func versions() async throws {
        try await TestApp.run { http, _, db, _ in
            let s = try await Self.setUp(http)
            let first = try await http.call(.put, s.form, token: s.pegawai, json: [
                "wish": "move", "preferences": [s.school2],
                "reasons": [["category": "family_reunion", "text": "Istri mengajar di Oebobo"], ["category": "children_school", "text": ""]],
                "spouseWorkplace": "53.71.02",
            ])
            #expect(first.status == .created, "\(first.text)")
            #expect(first.headers[.eTag] == "\"v1\"")
            let filed = try first.json()
            #expect(filed["requestStatus"] as? String == "filed")
            #expect(filed["spouseWorkplace"] as? String == "53.71.02")

            #expect(try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "stay"]).status.code == 428)
            #expect(try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "stay"], headers: [.ifMatch: "\"v9\""]).status.code == 412)
            let replaced = try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "stay", "spouseWorkplace": s.clinic],
                                               headers: [.ifMatch: "\"v1\""])
            #expect(replaced.status == .ok, "\(replaced.text)")
            #expect(replaced.headers[.eTag] == "\"v2\"")
            #expect(try replaced.json()["requestStatus"] == nil)
            let mine = try await http.call(.get, s.form, token: s.pegawai).json()
            #expect(mine["wish"] as? String == "stay" && mine["version"] as? Int == 2)

            let history = try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                try await connection.column("SELECT version::text || ':' || wish FROM preference_form_versions ORDER BY version", as: String.self)
            }
            #expect(history == ["1:move", "2:stay"])
            let audited = try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                try await connection.column("""
                    SELECT action || ' ' || coalesce(after_json, '') FROM audit_events WHERE entity_type = 'preference_form' ORDER BY seq
                    """, as: String.self)
            }
            #expect(audited.count == 2 && audited[0].hasPrefix("preference_form.file") && audited[1].hasPrefix("preference_form.replace"))
            #expect(!audited.joined().contains("Oebobo"))  // reasons' free text stays out of the trail

            // Staff: the operator of Dinas Pendidikan sees the form; the export has the unit codes.
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let list = try await http.call(.get, "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms", token: operatorToken).json()
            #expect(list["total"] as? Int == 1)
            let own = mine["employeeID"] as! String
            let one = try await http.call(.get, "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms/\(own)", token: operatorToken)
            #expect(one.status == .ok)

            #expect(try await CampaignFixtures.step(http, token: s.admin, tenantID: s.tenantID, s.pendidikanCampaign, "close").status == .ok)
            let late = try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "move"], headers: [.ifMatch: "\"v2\""])
            #expect(late.status == .conflict)
            #expect(try late.json()["code"] as? String == "campaign.not_open")
            #expect(try await http.call(.get, s.form, token: s.pegawai).json()["version"] as? Int == 2)
        }
    }

    @Test("tenant admins export the forms as CSV and .xlsx; approvers may not")
    func export() async throws {
        try await TestApp.run { http, _, _, _ in
            let s = try await Self.setUp(http)
            let filed = try await http.call(.put, s.form, token: s.pegawai, json: [
                "wish": "move", "preferences": [s.school2, s.school],
                "reasons": [["category": "career", "text": "Ingin dekat rumah; jenjang karier"]],
            ])
            #expect(filed.status == .created, "\(filed.text)")
            let csv = try await http.call(.get, "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms.csv", token: s.admin)
            #expect(csv.status == .ok)
            #expect(csv.headers[.contentType]?.hasPrefix("text/csv") == true)
            let text = csv.text
            #expect(text.contains("nip;nama;keinginan;pilihan_1;pilihan_2"))
            #expect(text.contains(";move;SDN-2;SDN-1;"))
            #expect(text.contains("filed"))
            #expect(text.contains("\"career: Ingin dekat rumah; jenjang karier\""))
            let ppk = try await http.login("kota-kupang", "ppk")
            #expect(try await http.call(.get, "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms.csv", token: ppk).status == .forbidden)
            let xlsx = try await http.call(.get, "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms.xlsx", token: s.admin)
            #expect(xlsx.status == .ok)
            #expect(xlsx.headers[.contentType] == XLSXWriter.contentType)
            #expect(xlsx.headers[.contentDisposition] == "attachment; filename=\"formulir-preferensi.xlsx\"")
            let rows = try XLSXReader.read(Array(xlsx.body.readableBytesView), limit: 1 << 20)
            #expect(rows.first?.fields.prefix(5) == ["nip", "nama", "keinginan", "pilihan_1", "pilihan_2"])
            #expect(rows.contains { $0.fields.count > 4 && $0.fields[2...4] == ["move", "SDN-2", "SDN-1"] })
            #expect(rows.contains { $0.fields.contains("career: Ingin dekat rumah; jenjang karier") })
            #expect(try await http.call(.get, "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms.xlsx", token: ppk).status == .forbidden)
        }
    }
}
