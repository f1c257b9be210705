import Foundation
import MutasiSpreadsheet
import Testing

/// `mutasi campaign` run as a process, as a tenant admin would.
@Suite("Campaign CLI")
struct CampaignCLITests {
    @Test("create, open, list, show, close and export campaigns from the command line")
    func session() async throws {
        try await TestApp.run { _, _, db, _ in
            let env = ["MUTASI_OPERATOR": "kota-kupang/admin"]
            func run(_ arguments: [String]) throws -> CLITests.Run {
                try CLITests.run(["campaign"] + arguments + ["--tenant", "kota-kupang"], db: db, env: env)
            }
            let created = try run(["create", "--name", "Mutasi 2027", "--opens-at", "2026-12-01", "--closes-at", "2026-12-31T17:00:00+08:00",
                                   "--answer-deadline", "2027-02-01", "--json"])
            #expect(created.status == 0, "\(created.stderr)")
            let campaign = try JSONSerialization.jsonObject(with: Data(created.stdout.utf8)) as? [String: Any]
            let id = try #require(campaign?["id"] as? String)
            #expect(campaign?["state"] as? String == "draft")

            let opened = try run(["open", id])
            #expect(opened.status == 0, "\(opened.stderr)")
            #expect(opened.stdout.contains("dibuka (versi 2)"))
            let listed = try run(["list"])
            #expect(listed.status == 0)
            #expect(listed.stdout.contains("Mutasi 2027") && listed.stdout.contains("dibuka") && listed.stdout.contains("1 dari 1 kampanye"))
            let shown = try run(["show", id])
            #expect(shown.stdout.contains("seluruh tenant"))

            let second = try run(["create", "--name", "Kedua", "--opens-at", "2026-12-01", "--closes-at", "2026-12-31", "--json"])
            let secondID = try #require((try JSONSerialization.jsonObject(with: Data(second.stdout.utf8)) as? [String: Any])?["id"] as? String)
            let overlap = try run(["open", secondID])
            #expect(overlap.status != 0)
            #expect(overlap.stderr.contains("campaign.overlap"))

            let closed = try run(["close", id])
            #expect(closed.stdout.contains("ditutup"))
            let export = try run(["export", id])
            #expect(export.status == 0)
            #expect(export.stdout.contains("nip;nama;keinginan"))
            let xlsxPath = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString).xlsx").path
            defer { try? FileManager.default.removeItem(atPath: xlsxPath) }
            let xlsx = try run(["export", id, "-o", xlsxPath])
            #expect(xlsx.status == 0, "\(xlsx.stderr)")
            let rows = try XLSXReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: xlsxPath))), limit: 1 << 20)
            #expect(rows.first?.fields.prefix(3) == ["nip", "nama", "keinginan"])
            let asApprover = try CLITests.run(["campaign", "export", id, "--tenant", "kota-kupang"], db: db,
                                              env: ["MUTASI_OPERATOR": "kota-kupang/ppk"])
            #expect(asApprover.status != 0)
        }
    }
}
