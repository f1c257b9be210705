import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A campaign's priority point rules: set at creation and while draft, range-checked naming the
/// field, fixed once the campaign opens.
@Suite("Campaign point rules")
struct CampaignPointRulesTests {
    @Test("point rules are stored at creation, replaced by PATCH while draft, and default to none")
    func storedAndChanged() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let plain = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Tanpa poin"))
            let none = try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns/\(plain)", token: admin).json()
            #expect(none["pointRules"] as? [String: Int] == ["perYearInPost": 0, "yearsInPostCap": 0, "familyReunion": 0, "health": 0,
                                                           "remoteService": 0])

            var body = CampaignFixtures.draft("Dengan poin")
            body["pointRules"] = ["perYearInPost": 10, "yearsInPostCap": 5, "familyReunion": 50]
            let id = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, body)
            let path = "/v1/tenants/\(tenantID)/campaigns/\(id)"
            let created = try await http.call(.get, path, token: admin).json()
            #expect(created["pointRules"] as? [String: Int] == ["perYearInPost": 10, "yearsInPostCap": 5, "familyReunion": 50, "health": 0,
                                                              "remoteService": 0])

            let patched = try await http.call(.patch, path, token: admin, json: ["pointRules": ["health": 500, "perYearInPost": 100, "remoteService": 30]],
                                              headers: [.ifMatch: "\"v1\""])
            #expect(patched.status == .ok, "\(patched.text)")
            #expect(try patched.json()["pointRules"] as? [String: Int]
                == ["perYearInPost": 100, "yearsInPostCap": 0, "familyReunion": 0, "health": 500, "remoteService": 30])
            let renamed = try await http.call(.patch, path, token: admin, json: ["name": "Poin tetap"], headers: [.ifMatch: "\"v2\""])
            #expect(try renamed.json()["pointRules"] as? [String: Int]
                == ["perYearInPost": 100, "yearsInPostCap": 0, "familyReunion": 0, "health": 500, "remoteService": 30])

            #expect(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, id, "open").status == .ok)
            let late = try await http.call(.patch, path, token: admin, json: ["pointRules": ["health": 1]], headers: [.ifMatch: "\"v4\""])
            #expect(late.status == .conflict, "\(late.text)")
            #expect(try late.json()["code"] as? String == "campaign.invalid_state")
            #expect(try await http.call(.get, path, token: admin).json()["pointRules"] as? [String: Int]
                == ["perYearInPost": 100, "yearsInPostCap": 0, "familyReunion": 0, "health": 500, "remoteService": 30])
        }
    }

    @Test("rules out of range or unknown are refused naming the field, and nothing is stored")
    func refused() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let path = "/v1/tenants/\(tenantID)/campaigns"
            let cases: [([String: Any], String, String)] = [
                (["perYearInPost": 101], "campaign.invalid_point_rule", "pointRules.perYearInPost"),
                (["perYearInPost": -1], "campaign.invalid_point_rule", "pointRules.perYearInPost"),
                (["yearsInPostCap": 41], "campaign.invalid_point_rule", "pointRules.yearsInPostCap"),
                (["familyReunion": 501], "campaign.invalid_point_rule", "pointRules.familyReunion"),
                (["health": 9_999_999_999_999], "campaign.invalid_point_rule", "pointRules.health"),
                (["remote": 5], "request.unknown_field", "pointRules.remote"),
            ]
            for (rules, code, field) in cases {
                var body = CampaignFixtures.draft("Poin salah")
                body["pointRules"] = rules
                let response = try await http.call(.post, path, token: admin, json: body)
                #expect(response.status == .badRequest, "\(field): \(response.text)")
                let problem = try response.json()
                #expect(problem["code"] as? String == code, "\(response.text)")
                #expect(problem["field"] as? String == field, "\(response.text)")
            }
            #expect(try await http.call(.get, path, token: admin).json()["total"] as? Int == 0)

            let id = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft("Poin benar"))
            let bad = try await http.call(.patch, "\(path)/\(id)", token: admin, json: ["pointRules": ["health": 600]],
                                          headers: [.ifMatch: "\"v1\""])
            #expect(bad.status == .badRequest)
            #expect(try bad.json()["field"] as? String == "pointRules.health")
            let after = try await http.call(.get, "\(path)/\(id)", token: admin)
            #expect(after.headers[.eTag] == "\"v1\"")
            #expect((try after.json()["pointRules"] as? [String: Int])?["health"] == 0)
        }
    }
}
