import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// Only a signed decree carries moves out: before the signature the plan waits, and the moves
/// of a cancelled decree are skipped with that reason.
@Suite("Plan execution under its decree")
struct ExecutionDecreeTests {
    @Test("an unsigned decree: 409 plan.decree_unsigned and nothing moves; once signed, the moves are carried out")
    func unsigned() async throws {
        try await TestApp.run { http, services, db, _ in
            let review = try await ReviewFixture.make(http, services, db)
            let decree = try await Self.issued(http, services, db, review)
            let refused = try await http.call(.post, "\(review.planPath)/execute", token: review.admin,
                                          headers: [.ifMatch: try await ExecutionFixture.planTag(http, review.planPath, token: review.admin)])
            #expect(try refused.status == .conflict && (try refused.json()["code"] as? String) == "plan.decree_unsigned", "\(refused.text)")
            #expect(try await ExecutionFixture.post(db, review.volunteerID).slot == "sd-2/guru")
            // The job path waits quietly as well.
            #expect(try await services.execution.enqueueDue() == 1)
            #expect(try await PlanBuildWorker(services.env).runOnce())
            #expect(try await review.plan(http)["status"] as? String == "decreed")

            let ppk = try await http.login("kota-uji", "ppk")
            let tag = try await http.call(.get, "\(review.t)/decrees/\(decree)", token: ppk).headers[.eTag] ?? ""
            #expect(try await http.call(.post, "\(review.t)/decrees/\(decree)/sign", token: ppk, json: ["signedOn": DecreeFixture.today],
                                        headers: [.ifMatch: tag]).status == .ok)
            let done = try await http.call(.post, "\(review.planPath)/execute", token: review.admin,
                                          headers: [.ifMatch: try await ExecutionFixture.planTag(http, review.planPath, token: review.admin)])
            #expect(done.status == .ok, "\(done.text)")
            #expect(try ExecutionFixture.outcomes(done) == [review.volunteerID: "executed", review.silentID: "executed"])
        }
    }

    @Test("a cancelled decree: its moves are skipped with decree.cancelled and the plan ends executed")
    func cancelled() async throws {
        try await TestApp.run { http, services, db, _ in
            let review = try await ReviewFixture.make(http, services, db)
            let decree = try await Self.issued(http, services, db, review)
            let tag = try await http.call(.get, "\(review.t)/decrees/\(decree)", token: review.admin).headers[.eTag] ?? ""
            let cancel = try await http.call(.post, "\(review.t)/decrees/\(decree)/cancel", token: review.admin,
                                             json: ["reason": "Salah tulis jabatan baru pada lampiran."], headers: [.ifMatch: tag])
            #expect(cancel.status == .ok, "\(cancel.text)")
            let response = try await http.call(.post, "\(review.planPath)/execute", token: review.admin,
                                          headers: [.ifMatch: try await ExecutionFixture.planTag(http, review.planPath, token: review.admin)])
            #expect(response.status == .ok, "\(response.text)")
            #expect(try ExecutionFixture.outcomes(response)
                    == [review.volunteerID: "skipped:decree.cancelled", review.silentID: "skipped:decree.cancelled"])
            #expect(try (response.json()["plan"] as? [String: Any])?["status"] as? String == "executed")
            #expect(try await ExecutionFixture.post(db, review.volunteerID).slot == "sd-2/guru")
        }
    }

    @Test("cancelling a decreed plan cancels its decrees (numbers kept); once a move is carried out, 409 plan.partly_executed")
    func cancelDecreedPlan() async throws {
        try await TestApp.run { http, services, db, _ in
            let review = try await ReviewFixture.make(http, services, db)
            let decree = try await Self.issued(http, services, db, review)
            let number = try await http.call(.get, "\(review.t)/decrees/\(decree)", token: review.admin).json()["number"] as? String
            let reason = ["reason": "Formasi tujuan dibekukan oleh keputusan baru."]
            // A move already carried out (as execution records it) blocks the cancellation.
            try await ExecutionFixture.sql(db, """
                INSERT INTO plan_move_executions (tenant_id, plan_id, employee_id, outcome, effective_date)
                SELECT tenant_id, plan_id, employee_id, 'executed', current_date - 1 FROM plan_moves
                WHERE plan_id = \(UUID(uuidString: review.plan)!) AND employee_id = \(UUID(uuidString: review.volunteerID)!)
                """)
            var tag = try await http.call(.get, review.planPath, token: review.admin).headers[.eTag] ?? ""
            let refused = try await http.call(.post, "\(review.planPath)/cancel", token: review.admin, json: reason, headers: [.ifMatch: tag])
            #expect(try refused.status == .conflict && (try refused.json()["code"] as? String) == "plan.partly_executed", "\(refused.text)")
            #expect(try await http.call(.get, "\(review.t)/decrees/\(decree)", token: review.admin).json()["status"] as? String == "issued")

            try await ExecutionFixture.sql(db, "DELETE FROM plan_move_executions WHERE plan_id = \(UUID(uuidString: review.plan)!)")
            tag = try await http.call(.get, review.planPath, token: review.admin).headers[.eTag] ?? ""
            let cancelled = try await http.call(.post, "\(review.planPath)/cancel", token: review.admin, json: reason, headers: [.ifMatch: tag])
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            let after = try await http.call(.get, "\(review.t)/decrees/\(decree)", token: review.admin).json()
            #expect(after["status"] as? String == "cancelled" && after["number"] as? String == number && number != nil, "\(after)")
            #expect(after["cancelReason"] as? String == reason["reason"])
            #expect(try await ReviewFixture.audit(db, entity: "decree").last == "decree.cancel")
        }
    }

    /// Approves the plan (owner SQL), issues its decree through the API with today's TMT, and
    /// moves the TMT a day back so the plan is due; returns the decree's id.
    static func issued(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase,
                       _ review: ReviewFixture) async throws -> String {
        try await DecreeFixture.approve(db, review.plan)
        let tag = try await http.call(.get, review.planPath, token: review.admin).headers[.eTag] ?? ""
        let issued = try await http.call(.post, "\(review.planPath)/decrees", token: review.admin,
                                         json: ["effectiveDate": DecreeFixture.today], headers: [.ifMatch: tag])
        guard issued.status == .created else { throw TestSetupError("issue: \(issued.status) \(issued.text)") }
        let id = try #require((try issued.json()["decrees"] as? [[String: Any]])?.first?["id"] as? String)
        try await ExecutionFixture.sql(db, "UPDATE plans SET effective_date = current_date - 1 WHERE id = \(UUID(uuidString: review.plan)!)")
        return id
    }
}
