import Foundation
import Hummingbird
import HummingbirdTesting

/// Helpers shared by the campaign tests (Kota Kupang with `WorkforceFixtures` loaded).
enum CampaignFixtures {
    static func draft(_ name: String, agencies: [String] = [], answerDeadline: Bool = true) -> [String: Any] {
        var body: [String: Any] = ["name": name, "opensAt": "2026-12-01T00:00:00Z", "closesAt": "2026-12-31T00:00:00Z"]
        if answerDeadline { body["answerDeadline"] = "2027-02-01T00:00:00Z" }
        if !agencies.isEmpty { body["agencyIDs"] = agencies }
        return body
    }

    /// Creates a campaign as `token` and returns its id (fails the test on anything but 201).
    static func create(_ http: some TestClientProtocol, token: String, tenantID: String, _ body: [String: Any]) async throws -> String {
        let response = try await http.call(.post, "/v1/tenants/\(tenantID)/campaigns", token: token, json: body)
        guard response.status == .created, let id = try response.json()["id"] as? String else {
            throw TestSetupError("create campaign: \(response.status) \(response.text)")
        }
        return id
    }

    /// Opens or closes a campaign at its current version.
    @discardableResult
    static func step(_ http: some TestClientProtocol, token: String, tenantID: String, _ id: String, _ step: String) async throws -> TestResponse {
        let path = "/v1/tenants/\(tenantID)/campaigns/\(id)"
        let etag = try await http.call(.get, path, token: token).headers[.eTag] ?? ""
        return try await http.call(.post, "\(path)/\(step)", token: token, headers: [.ifMatch: etag])
    }

    static func agencies(_ http: some TestClientProtocol, token: String, tenantID: String) async throws -> [String: String] {
        let items = try await http.call(.get, "/v1/tenants/\(tenantID)/agencies", token: token).json()["items"] as? [[String: Any]] ?? []
        return Dictionary(uniqueKeysWithValues: items.map { ($0["code"] as! String, $0["id"] as! String) })
    }

    static func unit(_ http: some TestClientProtocol, token: String, tenantID: String, code: String) async throws -> String {
        let items = try await http.call(.get, "/v1/tenants/\(tenantID)/units?q=\(code)", token: token).json()["items"] as? [[String: Any]]
        guard let id = items?.first?["id"] as? String else { throw TestSetupError("no unit \(code)") }
        return id
    }

    /// Places the demo `pegawai`'s own record (not placed by the demo) in the first slot of `unit`.
    static func placePegawai(_ http: some TestClientProtocol, admin: String, pegawai: String, tenantID: String,
                             unit code: String) async throws {
        let t = "/v1/tenants/\(tenantID)"
        let own = try await http.call(.get, "/v1/me", token: pegawai).json()["employeeID"] as! String
        let (_, slot) = try await WorkforceFixtures.firstSlot(http, token: admin, tenantID: tenantID, unit: code)
        let etag = try await http.call(.get, "\(t)/employees/\(own)", token: admin).headers[.eTag] ?? ""
        let moved = try await http.call(.patch, "\(t)/employees/\(own)", token: admin,
                                        json: ["placement": ["slotID": slot["id"] as! String, "since": "2020-01-01"]],
                                        headers: [.ifMatch: etag])
        guard moved.status == .ok else { throw TestSetupError("place pegawai: \(moved.status) \(moved.text)") }
    }
}
