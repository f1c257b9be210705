import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// The version history of a preference form: every version stored, newest first, paginated, for
/// the employee and for those who may read the form.
@Suite("Preference form versions")
struct FormVersionTests {
    @Test("the employee and the staff who read the form see every version, newest first")
    func history() async throws {
        try await TestApp.run { http, _, _, _ in
            let s = try await PreferenceFormTests.setUp(http)
            let mine = s.form + "/versions"
            let before = try await http.call(.get, mine, token: s.pegawai)
            #expect(try before.status == .notFound && (before.json()["code"] as? String) == "form.not_found")

            #expect(try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "stay"]).status == .created)
            #expect(try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "move", "preferences": [s.school2]],
                                        headers: [.ifMatch: "\"v1\""]).status == .ok)
            #expect(try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "move", "preferences": [s.school2, s.school],
                "reasons": [["category": "career", "text": "Sekolah lebih besar"]]], headers: [.ifMatch: "\"v2\""]).status == .ok)
            // A refused change adds no version.
            #expect(try await http.call(.put, s.form, token: s.pegawai, json: ["wish": "maybe"], headers: [.ifMatch: "\"v3\""])
                .status == .badRequest)

            let all = try await http.call(.get, mine, token: s.pegawai)
            #expect(all.status == .ok, "\(all.text)")
            let items = try all.json()["items"] as? [[String: Any]] ?? []
            #expect(try all.json()["total"] as? Int == 3)
            #expect(items.map { $0["version"] as? Int } == [3, 2, 1])
            #expect(items.map { $0["wish"] as? String } == ["move", "move", "stay"])
            #expect(items[0]["preferences"] as? [String] == [s.school2, s.school])
            #expect((items[0]["reasons"] as? [[String: Any]])?.first?["category"] as? String == "career")
            #expect(items.allSatisfy { $0["filedBy"] is String && $0["filedAt"] is String })

            let page = try await http.call(.get, mine + "?limit=1&offset=1", token: s.pegawai).json()
            #expect((page["items"] as? [[String: Any]])?.map { $0["version"] as? Int } == [2])
            #expect(page["total"] as? Int == 3 && page["limit"] as? Int == 1 && page["offset"] as? Int == 1)
            #expect(try await http.call(.get, mine + "?limit=0", token: s.pegawai).status == .badRequest)

            // Staff as for the form itself: the admin, the approver, the auditor, the operator of
            // the employee's agency; not the operator of another agency.
            let own = try await http.call(.get, "/v1/me", token: s.pegawai).json()["employeeID"] as! String
            let staffPath = "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms/\(own)/versions"
            for (tenant, user) in [("kota-kupang", "admin"), ("kota-kupang", "ppk"), ("kota-kupang", "auditor"),
                                   ("kota-kupang", "operator-pendidikan")] {
                let token = try await http.login(tenant, user)
                let response = try await http.call(.get, staffPath, token: token)
                #expect(response.status == .ok, "\(user): \(response.text)")
                #expect(try response.json()["total"] as? Int == 3)
            }
            // Another campaign, an employee without a form, another tenant: absent.
            let otherCampaign = "/v1/tenants/\(s.tenantID)/campaigns/\(s.kesehatanCampaign)/forms/\(own)/versions"
            #expect(try await http.call(.get, otherCampaign, token: s.admin).status == .notFound)
            let stranger = "/v1/tenants/\(s.tenantID)/campaigns/\(s.pendidikanCampaign)/forms/\(UUID().uuidString)/versions"
            #expect(try await http.call(.get, stranger, token: s.admin).status == .notFound)
            let mataram = try await http.login("kota-mataram", "admin")
            #expect(try await http.call(.get, staffPath, token: mataram).status == .notFound)
        }
    }
}
