import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// After execution: the SPMT, the follow-up (training plan, JP of the year, mentor) and the
/// plan report.
@Suite("Plan follow-up")
struct FollowUpTests {
    static func today() -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let p = calendar.dateComponents([.year, .month, .day], from: Date())
        return try! CalendarDate(year: p.year!, month: p.month!, day: p.day!)
    }

    /// The fixture with the silent teacher locked (their move skipped), the plan executed.
    static func executed(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase) async throws -> ExecutionFixture {
        let f = try await ExecutionFixture.make(http, services, db)
        try await ExecutionFixture.sql(db, "UPDATE employees SET locked = true, lock_reason = 'Tugas belajar' WHERE id = \(UUID(uuidString: f.silentID)!)")
        let response = try await f.execute(http)
        guard response.status == .ok else { throw TestSetupError("execute: \(response.text)") }
        return f
    }

    @Test("the receiving agency's operator records the SPMT: not before the TMT, not in the future, executed moves only; a change needs If-Match")
    func spmt() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await Self.executed(http, services, db)
            let operatorToken = try await http.login("kota-uji", "operator-pendidikan")
            let path = "\(f.planPath)/moves/\(f.volunteerID)/spmt"
            let early = try await http.call(.put, path, token: operatorToken, json: ["reportedOn": "2025-06-30"])
            #expect(try early.status == .badRequest && (try early.json()["code"] as? String) == "spmt.before_effective_date"
                    && (try early.json()["field"] as? String) == "reportedOn", "\(early.text)")
            let future = try await http.call(.put, path, token: operatorToken, json: ["reportedOn": "2099-01-01"])
            #expect(try future.status == .badRequest && (try future.json()["code"] as? String) == "spmt.in_future")
            let bad = try await http.call(.put, path, token: operatorToken, json: ["reportedOn": "2025-13-01"])
            #expect(try bad.status == .badRequest && (try bad.json()["field"] as? String) == "reportedOn", "\(bad.text)")
            let skipped = try await http.call(.put, "\(f.planPath)/moves/\(f.silentID)/spmt", token: operatorToken, json: ["reportedOn": "2025-07-01"])
            #expect(try skipped.status == .conflict && (try skipped.json()["code"] as? String) == "move.not_executed")

            let recorded = try await http.call(.put, path, token: operatorToken, json: ["reportedOn": "2025-07-02"])
            #expect(recorded.status == .ok, "\(recorded.text)")
            #expect(try (try recorded.json()["execution"] as? [String: Any])?["reportedOn"] as? String == "2025-07-02")
            // The same again is a harmless retry; a different date needs If-Match.
            #expect(try await http.call(.put, path, token: operatorToken, json: ["reportedOn": "2025-07-02"]).status == .ok)
            let changed = try await http.call(.put, path, token: f.admin, json: ["reportedOn": "2025-07-03"])
            #expect(changed.status.code == 428)
            let tag = try #require(recorded.headers[.eTag])
            let withTag = try await http.call(.put, path, token: f.admin, json: ["reportedOn": "2025-07-03"], headers: [.ifMatch: tag])
            #expect(withTag.status == .ok, "\(withTag.text)")
            let stale = try await http.call(.put, path, token: f.admin, json: ["reportedOn": "2025-07-04"], headers: [.ifMatch: tag])
            #expect(stale.status == .preconditionFailed)
            #expect(try await ReviewFixture.audit(db, entity: "plan_move").filter { $0 == "plan.move_reported" }.count == 2)
        }
    }

    @Test("training plan seeded from the move's needs, edited by the operator, JP of the year against the 20 owed; mentor from the receiving unit")
    func followUp() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await Self.executed(http, services, db)
            let path = "\(f.planPath)/moves/\(f.volunteerID)/follow-up"
            let relawan = f.review.relawan
            let own = try await http.call(.get, path, token: relawan)
            #expect(own.status == .ok, "\(own.text)")
            let seeded = try own.json()["training"] as? [[String: Any]] ?? []
            #expect(seeded.count == 1 && seeded.first?["competency"] as? String == "PED" && seeded.first?["gap"] as? Int == 1
                    && seeded.first?["hours"] as? Int == 10 && seeded.first?["dueOn"] as? String == "2026-01-01"
                    && seeded.first?["status"] as? String == "planned", "\(seeded)")
            #expect(try (try own.json()["hours"] as? [String: Any])?["owed"] as? Int == 20)

            let operatorToken = try await http.login("kota-uji", "operator-pendidikan")
            let year = Self.today().year
            let items: [[String: Any]] = [
                ["competency": "PED", "gap": 1, "course": "Pelatihan pedagogik dasar", "hours": 12, "dueOn": "\(year)-03-01", "status": "done"],
                ["competency": "PED", "gap": 1, "course": "Lokakarya kurikulum", "hours": 6, "dueOn": "\(year)-12-31"],
            ]
            let noTag = try await http.call(.put, "\(path)/training", token: operatorToken, json: ["items": items])
            #expect(noTag.status.code == 428)
            let tag = try #require(own.headers[.eTag])
            var badItems = items
            badItems[1]["hours"] = 9_999_999_999
            let bad = try await http.call(.put, "\(path)/training", token: operatorToken, json: ["items": badItems], headers: [.ifMatch: tag])
            #expect(try bad.status == .badRequest && (try bad.json()["field"] as? String) == "items[1].hours", "\(bad.text)")
            let saved = try await http.call(.put, "\(path)/training", token: operatorToken, json: ["items": items], headers: [.ifMatch: tag])
            #expect(saved.status == .ok, "\(saved.text)")
            let hours = try saved.json()["hours"] as? [String: Any]
            #expect(hours?["year"] as? Int == year && hours?["planned"] as? Int == 18 && hours?["done"] as? Int == 12
                    && hours?["owed"] as? Int == 20 && hours?["remaining"] as? Int == 8, "\(hours ?? [:])")

            // The mentor: another employee of SD 1, named by the receiving agency's operator.
            let wrongUnit = try await http.call(.put, "\(path)/mentor", token: operatorToken, json: ["mentorID": f.stayerID])
            #expect(try wrongUnit.status == .badRequest && (try wrongUnit.json()["code"] as? String) == "mentor.not_in_unit")
            let himself = try await http.call(.put, "\(path)/mentor", token: operatorToken, json: ["mentorID": f.volunteerID])
            #expect(himself.status == .badRequest)
            let named = try await http.call(.put, "\(path)/mentor", token: operatorToken, json: ["mentorID": f.seniorID])
            #expect(named.status == .ok, "\(named.text)")
            let mentor = try named.json()["mentor"] as? [String: Any]
            #expect(mentor?["nip"] as? String == PlanCampaignTests.requester)
            let read = try await http.call(.get, path, token: relawan)
            #expect(try (try read.json()["mentor"] as? [String: Any])?["nip"] as? String == PlanCampaignTests.requester)
            #expect(try (try read.json()["training"] as? [Any])?.count == 2)
            let audit = try await ReviewFixture.audit(db, entity: "plan_move")
            #expect(audit.contains("plan.move_training_changed") && audit.contains("plan.move_mentor_named"))
        }
    }

    @Test("the report compares SKP of the year before the TMT with the first full year after, counts SPMT and JP, and shows the balance")
    func report() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await Self.executed(http, services, db)
            try await ExecutionFixture.sql(db, """
                INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
                SELECT tenant_id, id, 2024, 3 FROM employees WHERE id = \(UUID(uuidString: f.volunteerID)!)
                UNION ALL SELECT tenant_id, id, 2026, 5 FROM employees WHERE id = \(UUID(uuidString: f.volunteerID)!)
                RETURNING 1
                """)
            let operatorToken = try await http.login("kota-uji", "operator-pendidikan")
            #expect(try await http.call(.put, "\(f.planPath)/moves/\(f.volunteerID)/spmt", token: operatorToken,
                                        json: ["reportedOn": "2025-07-01"]).status == .ok)
            let response = try await http.call(.get, "\(f.planPath)/report", token: f.admin)
            #expect(response.status == .ok, "\(response.text)")
            let report = try response.json()
            let moves = report["moves"] as? [[String: Any]] ?? []
            let mine = try #require(moves.first { $0["nip"] as? String == PlanCampaignTests.volunteer })
            #expect(mine["skpBefore"] as? [String: Int] == ["year": 2024, "predicate": 3])
            #expect(mine["skpAfter"] as? [String: Int] == ["year": 2026, "predicate": 5])
            #expect(mine["outcome"] as? String == "executed" && mine["reportedOn"] as? String == "2025-07-01")
            #expect((mine["training"] as? [String: Int]) == ["planned": 10, "done": 0])
            let silent = try #require(moves.first { $0["nip"] as? String == PlanCampaignTests.silent })
            #expect(silent["outcome"] as? String == "skipped" && silent["reason"] as? String == "employee.locked")
            #expect((silent["skpAfter"] as? [String: Any])?["predicate"] == nil)
            let totals = try #require(report["totals"] as? [String: Any])
            #expect(totals["moves"] as? Int == 2 && totals["executed"] as? Int == 1 && totals["skipped"] as? Int == 1
                    && totals["spmtRecorded"] as? Int == 1 && totals["skpCompared"] as? Int == 1 && totals["skpImproved"] as? Int == 1
                    && (totals["skpBeforeAverage"] as? NSDictionary) == (["numerator": 3, "denominator": 1, "decimal": "3"] as NSDictionary)
                    && (totals["skpAfterAverage"] as? [String: Any])?["decimal"] as? String == "5", "\(totals)")
            let balance = try #require(report["balance"] as? [String: Any])
            let plan = try await f.review.plan(http)
            #expect(balance["before"] as? NSDictionary == plan["before"] as? NSDictionary)
            #expect(balance["planned"] as? NSDictionary == plan["after"] as? NSDictionary)
            #expect(((plan["before"] as? [String: Any])?["imbalance"] as? [String: Any])?["denominator"] is Int)
            // Only one of the two moves was carried out: SD 1 is one short of the plan, SD 2 one over.
            let before = try #require(plan["before"] as? [String: Any]), now = try #require(balance["now"] as? [String: Any])
            let planned = try #require(plan["after"] as? [String: Any])
            #expect(now["need"] as? Int == before["need"] as? Int)
            #expect((now["deficit"] as? Int ?? 0) == (planned["deficit"] as? Int ?? 0) + 1, "\(now) vs \(planned)")
            #expect((now["surplus"] as? Int ?? 0) == (planned["surplus"] as? Int ?? 0) + 1, "\(now) vs \(planned)")
        }
    }

    @Test("SKP years: the year before the TMT against the first full year in the new post")
    func years() {
        #expect(PlanReportService.years(try! CalendarDate(iso: "2025-07-01")) == (2024, 2026))
        #expect(PlanReportService.years(try! CalendarDate(iso: "2026-01-01")) == (2025, 2026))
    }
}
