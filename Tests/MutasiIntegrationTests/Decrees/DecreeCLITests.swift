import Foundation
import Testing

/// `mutasi decree` run as a process: settings, issue, list, show, sign, pdf, cancel.
@Suite("Decree CLI")
struct DecreeCLITests {
    @Test("an operator decrees an approved plan from the command line and prints its PDF")
    func session() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            func run(_ arguments: [String], as user: String = "admin") throws -> CLITests.Run {
                try CLITests.run(["decree"] + arguments + ["--tenant", "kota-uji"], db: db, env: ["MUTASI_OPERATOR": "kota-uji/\(user)"])
            }
            let settings = try run(["settings", "--set", "signatoryName=Drs. Budi Santoso", "--set", "copies=Arsip|Inspektur", "--json"])
            #expect(settings.status == 0, "\(settings.stderr)")
            let parsed = try JSONSerialization.jsonObject(with: Data(settings.stdout.utf8)) as? [String: Any]
            #expect(parsed?["signatoryName"] as? String == "Drs. Budi Santoso" && (parsed?["copies"] as? [String]) == ["Arsip", "Inspektur"])
            let badToken = try run(["settings", "--set", "numberPattern=800/{seq}/{tahun}"])
            #expect(badToken.status != 0 && badToken.stderr.contains("decree_settings.unknown_token"), "\(badToken.stderr)")

            let issued = try run(["issue", "--plan", f.review.plan, "--effective-date", DecreeFixture.tmt])
            #expect(issued.status == 0 && issued.stdout.contains("SK diterbitkan: 1"), "\(issued.stderr)")
            let list = try run(["list", "--json"], as: "auditor")
            let decrees = try JSONSerialization.jsonObject(with: Data(list.stdout.utf8)) as? [[String: Any]]
            let id = try #require(decrees?.first?["id"] as? String)
            let number = try #require(decrees?.first?["number"] as? String)
            let shown = try run(["show", id])
            #expect(shown.stdout.contains(number) && shown.stdout.contains(PlanCampaignTests.silent), "\(shown.stderr)")
            let refused = try run(["sign", id, "--signed-on", DecreeFixture.today])
            #expect(refused.status != 0 && refused.stderr.contains("auth.forbidden"), "\(refused.stderr)")
            let signed = try run(["sign", id, "--signed-on", DecreeFixture.today], as: "ppk")
            #expect(signed.status == 0 && signed.stdout.contains("ditandatangani"), "\(signed.stderr)")

            let file = FileManager.default.temporaryDirectory.appendingPathComponent("sk-\(UUID().uuidString).pdf")
            defer { try? FileManager.default.removeItem(at: file) }
            let pdf = try run(["pdf", id, "--output", file.path])
            #expect(pdf.status == 0, "\(pdf.stderr)")
            let text = try DecreeFixture.pdfText(try Data(contentsOf: file))
            #expect(text.contains(number) && text.contains("Drs. Budi Santoso") && text.contains(PlanCampaignTests.volunteer))

            let cancelled = try run(["cancel", id, "--reason", "Salah tulis jabatan baru pada lampiran."])
            #expect(cancelled.status == 0 && cancelled.stdout.contains("dibatalkan"), "\(cancelled.stderr)")
            #expect(try run(["show", id]).stdout.contains("Alasan pembatalan"))
        }
    }
}
