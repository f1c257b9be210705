import Foundation
import Testing

/// `mutasi plan settings` run as a process, and `mutasi plan create` taking the settings.
@Suite("Plan settings CLI")
struct PlanSettingsCLITests {
    @Test("show and change the tenant's default policy; a plan created from the command line takes it")
    func session() async throws {
        try await TestApp.run { _, _, db, _ in
            func run(_ arguments: [String], as user: String = "admin") throws -> CLITests.Run {
                try CLITests.run(["plan"] + arguments + ["--tenant", "kota-kupang"], db: db,
                                 env: ["MUTASI_OPERATOR": "kota-kupang/\(user)"])
            }
            let shown = try run(["settings"])
            #expect(shown.status == 0, "\(shown.stderr)")
            #expect(shown.stdout.contains("KEBIJAKAN") && shown.stdout.contains("wishBonus") && shown.stdout.contains("Versi"))

            let changed = try run(["settings", "--set", "wishBonus=275", "--set", "scope=regency", "--json"])
            #expect(changed.status == 0, "\(changed.stderr)")
            let settings = try JSONSerialization.jsonObject(with: Data(changed.stdout.utf8)) as? [String: Any]
            #expect(settings?["wishBonus"] as? Int == 275 && settings?["scope"] as? String == "regency" && settings?["version"] as? Int == 1)

            for (bad, code) in [("wishBonnus=1", "request.unknown_field"), ("wishBonus=-3", "policy.invalid"),
                                ("scope=galaxy", "policy.invalid"), ("stayCost=banyak", "policy.invalid"), ("stayCost", "request.invalid_value")] {
                let refused = try run(["settings", "--set", bad])
                #expect(refused.status != 0 && refused.stderr.contains(code), "\(bad): \(refused.stderr)")
            }
            let approver = try run(["settings", "--set", "wishBonus=1"], as: "ppk")
            #expect(approver.status != 0 && approver.stderr.contains("auth.forbidden"))
            let read = try run(["settings", "--json"], as: "ppk")
            #expect((try JSONSerialization.jsonObject(with: Data(read.stdout.utf8)) as? [String: Any])?["wishBonus"] as? Int == 275)

            let created = try run(["create", "--name", "Dari CLI", "--no-wait", "--horizon-months", "6"])
            #expect(created.status == 0, "\(created.stderr)")
            let plans = try run(["list", "--json"])
            let plan = ((try JSONSerialization.jsonObject(with: Data(plans.stdout.utf8)) as? [String: Any])?["items"] as? [[String: Any]])?.first
            let policy = plan?["policy"] as? [String: Any]
            #expect(policy?["wishBonus"] as? Int == 275 && policy?["scope"] as? String == "regency" && policy?["horizonMonths"] as? Int == 6)
        }
    }
}
