import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiServices
import PostgresNIO

/// Helpers of the point-contest tests on Kota Kupang (`WorkforceFixtures` loaded).
enum PointContestFixtures {
    /// Maria Lado, a nurse of Puskesmas Oebobo (Dinas Kesehatan).
    static let nurse = "199001022015032001"

    /// An employee user `username` linked to the employee with `nip`; returns their token.
    static func employeeUser(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase, username: String,
                             nip: String) async throws -> String {
        let admin = try await services.operators.principal(login: "kota-kupang/admin")
        _ = try await services.users.createTenantUser(actor: admin, tenantID: admin.scope.uuid, .init(
            username: username, fullName: username, role: .employee, password: TestApp.demoPassword))
        try await db.asOwner(tenant: "kota-kupang") { connection, tenantID in
            try await connection.query("""
                UPDATE users u SET employee_id = e.id FROM employees e
                WHERE u.tenant_id = \(tenantID) AND e.tenant_id = \(tenantID) AND u.username = \(username) AND e.nip = \(nip)
                """, logger: TestDatabase.logger)
        }
        return try await http.login("kota-kupang", username)
    }

    /// Files a contest as `token` and returns its id (fails the test setup on anything but 201).
    static func file(_ http: some TestClientProtocol, token: String, tenantID: String, campaign: String,
                     reason: String = "Masa kerja di daerah terpencil belum dihitung") async throws -> String {
        let response = try await http.call(.post, "/v1/tenants/\(tenantID)/campaigns/\(campaign)/points/me/contests", token: token,
                                           json: ["reason": reason])
        guard response.status == .created, let id = try response.json()["id"] as? String else {
            throw TestSetupError("file contest: \(response.status) \(response.text)")
        }
        return id
    }

    /// Decides a contest as `token` at its current version.
    @discardableResult
    static func decide(_ http: some TestClientProtocol, token: String, tenantID: String, campaign: String, _ id: String,
                       _ body: [String: Any]) async throws -> TestResponse {
        let path = "/v1/tenants/\(tenantID)/campaigns/\(campaign)/contests/\(id)"
        let etag = try await http.call(.get, path, token: token).headers[.eTag] ?? ""
        return try await http.call(.post, "\(path)/decision", token: token, json: body, headers: [.ifMatch: etag])
    }
}
