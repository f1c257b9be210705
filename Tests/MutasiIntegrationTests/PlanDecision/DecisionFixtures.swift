import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiServices
import PostgresNIO
import Testing

/// Kota Uji's plan from a closed campaign (`ReviewFixture`), brought to the state a decision
/// test starts from, with the approver (`ppk`) logged in.
struct DecisionFixture {
    var f: ReviewFixture
    var ppk: String

    var planPath: String { f.planPath }
    static let key: HTTPFields.Element.Name = .init("Idempotency-Key")!

    /// The plan in review with its answer deadline passed (set by owner SQL, nobody answered),
    /// then submitted by the tenant admin through the API.
    static func submitted(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase) async throws -> DecisionFixture {
        let f = try await ReviewFixture.make(http, services, db)
        try await f.openReview(http)
        try await sql(db, "UPDATE plans SET answer_deadline = now() - interval '1 day' WHERE id = '\(f.plan)'")
        let d = DecisionFixture(f: f, ppk: try await http.login("kota-uji", "ppk"))
        let submitted = try await d.step(http, "submit", token: f.admin)
        guard submitted.status == .ok else { throw TestSetupError("submit: \(submitted.status) \(submitted.text)") }
        return d
    }

    /// The plan's current ETag.
    func etag(_ http: some TestClientProtocol) async throws -> String {
        try await http.call(.get, planPath, token: f.admin).headers[.eTag] ?? ""
    }

    /// POSTs a step at the plan's current version.
    func step(_ http: some TestClientProtocol, _ path: String, token: String, json: [String: Any]? = nil,
              key: String? = nil) async throws -> TestResponse {
        var headers: HTTPFields = [.ifMatch: try await etag(http)]
        if let key { headers[Self.key] = key }
        return try await http.call(.post, "\(planPath)/\(path)", token: token, json: json, headers: headers)
    }

    func history(_ http: some TestClientProtocol) async throws -> [[String: Any]] {
        try await http.call(.get, "\(planPath)/history", token: f.admin).json()["items"] as? [[String: Any]] ?? []
    }

    /// Runs one statement as the database owner (test setup the API does not offer).
    static func sql(_ db: TestDatabase, _ statement: String) async throws {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in
            try await connection.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
        }
    }

    static func userID(_ db: TestDatabase, _ username: String) async throws -> String {
        try await db.asOwner(tenant: "kota-uji") { connection, _ in
            try await connection.column("SELECT id::text FROM users WHERE username = \(username)", as: String.self).first ?? ""
        }
    }
}
