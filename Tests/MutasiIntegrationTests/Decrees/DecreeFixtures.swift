import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// Kota Uji's plan from `ReviewFixture` put in `approved` with owner SQL (approval is another
/// step's work), an auditor and an operator of another agency. Its two kept moves are the
/// volunteer's and the silent teacher's, both in Dinas Pendidikan.
struct DecreeFixture {
    var review: ReviewFixture
    var t: String { review.t }
    var planPath: String { review.planPath }
    var admin: String { review.admin }

    static let tmt = "2099-01-02"

    static func make(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase) async throws -> DecreeFixture {
        let f = try await ReviewFixture.make(http, services, db)
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        let health = try await services.agencies.create(actor: admin, tenantID: admin.scope.uuid, code: "dinas-kesehatan", name: "Dinas Kesehatan")
        for (username, role, agencies) in [("auditor", Role.auditor, nil), ("operator-kesehatan", .agencyOperator, [health.id])] {
            _ = try await services.users.createTenantUser(actor: admin, tenantID: admin.scope.uuid, .init(
                username: username, fullName: username, role: role, password: TestApp.demoPassword, agencyIDs: agencies))
        }
        try await approve(db, f.plan)
        return DecreeFixture(review: f)
    }

    static func approve(_ db: TestDatabase, _ plan: String) async throws {
        try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
            try await connection.query("UPDATE plans SET status = 'approved' WHERE tenant_id = \(tenantID) AND id = \(UUID(uuidString: plan)!)",
                                       logger: TestDatabase.logger)
        }
    }

    /// A second approved plan with the same moves (a copy made with owner SQL).
    static func copyPlan(_ db: TestDatabase, _ plan: String) async throws -> String {
        try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
            let log = TestDatabase.logger
            let source = UUID(uuidString: plan)!
            let id = UUID()
            try await connection.query("""
                INSERT INTO plans (tenant_id, id, name, policy, build_state, created_by, status, move_count)
                SELECT tenant_id, \(id), name || ' (salinan)', policy, 'built', created_by, 'approved', move_count
                FROM plans WHERE tenant_id = \(tenantID) AND id = \(source)
                """, logger: log)
            try await connection.query("CREATE TEMP TABLE copied_moves ON COMMIT DROP AS SELECT * FROM plan_moves WHERE plan_id = \(source)",
                                       logger: log)
            try await connection.query("UPDATE copied_moves SET plan_id = \(id)", logger: log)
            try await connection.query("INSERT INTO plan_moves SELECT * FROM copied_moves RETURNING 1", logger: log)
            return id.uuidString.lowercased()
        }
    }

    /// Issues the plan's decrees at its current version; fails the test on anything but 201.
    func issue(_ http: some TestClientProtocol, plan: String? = nil, tmt: String = DecreeFixture.tmt) async throws -> [[String: Any]] {
        let path = "\(t)/plans/\(plan ?? review.plan)"
        let etag = try await http.call(.get, path, token: admin).headers[.eTag] ?? ""
        let response = try await http.call(.post, "\(path)/decrees", token: admin, json: ["effectiveDate": tmt], headers: [.ifMatch: etag])
        guard response.status == .created else { throw TestSetupError("issue: \(response.status) \(response.text)") }
        return try response.json()["decrees"] as? [[String: Any]] ?? []
    }

    func sign(_ http: some TestClientProtocol, _ decree: String, on date: String) async throws -> TestResponse {
        let ppk = try await http.login("kota-uji", "ppk")
        let etag = try await http.call(.get, "\(t)/decrees/\(decree)", token: ppk).headers[.eTag] ?? ""
        return try await http.call(.post, "\(t)/decrees/\(decree)/sign", token: ppk, json: ["signedOn": date], headers: [.ifMatch: etag])
    }

    static var today: String { String(ISO8601DateFormatter().string(from: Date()).prefix(10)) }

    /// The text of a PDF, read back with pdftotext in content order with runs of white space
    /// made one space, so a table row reads as its cells one after another.
    static func pdfText(_ data: Data) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("decree-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("sk.pdf")
        try data.write(to: file)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["pdftotext", "-raw", file.path, "-"]
        let out = Pipe()
        process.standardOutput = out
        try process.run()
        let text = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw TestSetupError("pdftotext failed") }
        // Glyph runs may split before a full stop ("NIP . 1980..."): join them again.
        return String(decoding: text, as: UTF8.self).split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .replacingOccurrences(of: " .", with: ".")
    }
}
