import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// New employees of one import get ids that increase in file order, so a large import appends to
/// the primary-key indexes of employees, their ratings and their history.
@Suite("Imported id order")
struct ImportedIDOrderTests {
    @Test("employees new in an import get ids in the order of the file's rows")
    func idsFollowFileOrder() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let listed = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?limit=200", token: token).json()
            let idByNIP = Dictionary(uniqueKeysWithValues: (listed["items"] as! [[String: Any]]).map {
                ($0["nip"] as! String, ($0["id"] as! String).lowercased())
            })
            // The fixture's rows, in file order.
            let nips = ["198503152010011002", "199001022015032001", "200012312024211001", "197001011995031001"]
            let ids = try nips.map { try #require(idByNIP[$0], "\($0) not imported") }
            #expect(ids == ids.sorted(), "\(ids)")
            #expect(ids.allSatisfy { $0.dropFirst(14).first == "7" }, "\(ids)")
        }
    }
}
