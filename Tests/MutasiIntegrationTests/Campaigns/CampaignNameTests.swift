import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// A campaign's name is 1-200 characters counted as code points, as the database's check and the
/// API document's maxLength count them: a longer one is a 400 naming the field, never a 500.
@Suite("Campaign names")
struct CampaignNameTests {
    @Test("a name of 200 code points is kept; 150 thumbs with a skin tone (300 code points) are refused, and nothing is stored")
    func codePoints() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let path = "/v1/tenants/\(tenantID)/campaigns"
            let long = try await http.call(.post, path, token: admin, json: CampaignFixtures.draft(String(repeating: "👍🏻", count: 150)))
            #expect(long.status == .badRequest, "\(long.text)")
            #expect(try long.json()["code"] as? String == "name.too_long" && long.json()["field"] as? String == "name")
            #expect(try await http.call(.get, path, token: admin).json()["total"] as? Int == 0)

            let name = String(repeating: "👍🏻", count: 100)
            let id = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, CampaignFixtures.draft(name))
            #expect(try await http.call(.get, "\(path)/\(id)", token: admin).json()["name"] as? String == name)
        }
    }
}
