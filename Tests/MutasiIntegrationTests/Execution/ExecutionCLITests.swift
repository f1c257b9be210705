import Foundation
import Testing

/// `mutasi plan execute` and `mutasi plan report` run as processes.
@Suite("Plan execution CLI")
struct ExecutionCLITests {
    @Test("execute refuses before the TMT, runs as of a given date and again harmlessly; report prints the evaluation")
    func session() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db, tmt: "2030-01-01")
            func run(_ arguments: [String], as user: String = "admin") throws -> CLITests.Run {
                try CLITests.run(["plan"] + arguments + ["--tenant", "kota-uji"], db: db, env: ["MUTASI_OPERATOR": "kota-uji/\(user)"])
            }
            let early = try run(["execute", f.review.plan])
            #expect(early.status != 0 && early.stderr.contains("plan.not_due"), "\(early.stderr)")
            let badDate = try run(["execute", f.review.plan, "--date", "2030-02-30"])
            #expect(badDate.status != 0 && badDate.stderr.contains("date.invalid"))
            let approver = try run(["execute", f.review.plan, "--date", "2030-01-01"], as: "ppk")
            #expect(approver.status != 0 && approver.stderr.contains("auth.forbidden"))
            let done = try run(["execute", f.review.plan, "--date", "2030-01-01"])
            #expect(done.status == 0, "\(done.stderr)")
            #expect(done.stdout.contains("2 dilaksanakan, 0 dilewati"), "\(done.stdout)")
            #expect(try await ExecutionFixture.post(db, f.volunteerID) == ("sd-1/guru", "2030-01-01"))
            let again = try run(["execute", f.review.plan, "--date", "2030-01-01", "--json"])
            let json = try JSONSerialization.jsonObject(with: Data(again.stdout.utf8)) as? [String: Any]
            #expect(again.status == 0 && json?["executed"] as? Int == 2 && (json?["plan"] as? [String: Any])?["status"] as? String == "executed")

            let report = try run(["report", f.review.plan], as: "auditor")
            #expect(report.status == 0, "\(report.stderr)")
            #expect(report.stdout.contains(PlanCampaignTests.volunteer) && report.stdout.contains("2 dilaksanakan")
                    && report.stdout.contains("Keseimbangan kini"), "\(report.stdout)")
            let reportJSON = try run(["report", f.review.plan, "--json"])
            let parsed = try JSONSerialization.jsonObject(with: Data(reportJSON.stdout.utf8)) as? [String: Any]
            #expect((parsed?["totals"] as? [String: Any])?["executed"] as? Int == 2)
        }
    }
}
