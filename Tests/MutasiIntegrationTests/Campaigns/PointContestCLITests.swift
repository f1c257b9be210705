import Foundation
import Testing

/// `mutasi campaign create` with point-rule flags, `campaign contests` and `campaign decide-contest`.
@Suite("Point contest CLI")
struct PointContestCLITests {
    @Test("point rules from flags, range-checked naming the flag; contests listed and decided")
    func session() async throws {
        try await TestApp.run { http, _, db, _ in
            let env = ["MUTASI_OPERATOR": "kota-kupang/admin"]
            func run(_ arguments: [String]) throws -> CLITests.Run {
                try CLITests.run(["campaign"] + arguments + ["--tenant", "kota-kupang"], db: db, env: env)
            }
            let dates = ["--opens-at", "2026-12-01", "--closes-at", "2026-12-31"]
            for (flag, value) in [("--health", "501"), ("--per-year-in-post", "101"), ("--years-in-post-cap", "-1"),
                                  ("--remote-service", "99999999999999999999999"), ("--family-reunion", "dua")] {
                let refused = try run(["create", "--name", "Salah"] + dates + [flag, value])
                #expect(refused.status == 2, "\(flag) \(value)")
                #expect(refused.stderr.contains("galat: \(flag) harus bilangan bulat"), "\(refused.stderr)")
            }
            #expect(try run(["list"]).stdout.contains("0 dari 0 kampanye"))

            let created = try run(["create", "--name", "Berpoin"] + dates + [
                "--per-year-in-post", "10", "--years-in-post-cap", "5", "--family-reunion", "100", "--health", "40",
                "--remote-service", "70", "--json"])
            #expect(created.status == 0, "\(created.stderr)")
            let campaign = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
            let id = try #require(campaign?["id"] as? String)
            let rules = campaign?["pointRules"] as? [String: Int]
            #expect(rules == ["perYearInPost": 10, "yearsInPostCap": 5, "familyReunion": 100, "health": 40, "remoteService": 70])
            #expect(try run(["show", id]).stdout.contains("daerah terpencil 70"))
            #expect(try run(["open", id]).status == 0)

            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let pegawai = try await http.login("kota-kupang", "pegawai")
            let contest = try await PointContestFixtures.file(http, token: pegawai, tenantID: tenantID, campaign: id)
            let listed = try run(["contests", id, "--state", "pending"])
            #expect(listed.status == 0, "\(listed.stderr)")
            #expect(listed.stdout.contains(contest.lowercased()) && listed.stdout.contains("menunggu") && listed.stdout.contains("1 dari 1 sanggahan"))
            #expect(try run(["contests", id, "--state", "maybe"]).status == 2)

            let noChoice = try run(["decide-contest", id, contest, "--note", "Catatan"])
            #expect(noChoice.status == 2)
            let badAdjustment = try run(["decide-contest", id, contest, "--uphold", "--adjustment", "600", "--note", "Catatan"])
            #expect(badAdjustment.status == 2)
            #expect(badAdjustment.stderr.contains("--adjustment harus bilangan bulat"))
            let asApprover = try CLITests.run(["campaign", "decide-contest", id, contest, "--reject", "--note", "x", "--tenant", "kota-kupang"],
                                              db: db, env: ["MUTASI_OPERATOR": "kota-kupang/ppk"])
            #expect(asApprover.status != 0)
            let upheld = try run(["decide-contest", id, contest, "--uphold", "--adjustment", "-30", "--note", "Koreksi masa kerja"])
            #expect(upheld.status == 0, "\(upheld.stderr)")
            #expect(upheld.stdout.contains("diterima, penyesuaian -30 poin (versi 2)"))
            let again = try run(["decide-contest", id, contest, "--reject", "--note", "Lagi"])
            #expect(again.status != 0)
            #expect(again.stderr.contains("contest.already_decided"))
            #expect(try run(["contests", id, "--state", "upheld"]).stdout.contains("-30"))
            let state = try await http.call(.get, "/v1/tenants/\(tenantID)/campaigns/\(id)/contests/\(contest)", token: admin).json()
            #expect(state["adjustment"] as? Int == -30)
        }
    }
}
