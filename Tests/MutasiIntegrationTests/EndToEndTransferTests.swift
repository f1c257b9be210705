import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiServices
import Testing

/// The whole way of a transfer through the API, as its users take it: employees file forms in a
/// campaign, a plan honours them, employees answer in the review, a second person approves, the
/// decree is issued and read back as PDF, the moves are carried out on the TMT, and the plan's
/// follow-up report shows them.
@Suite("End to end: campaign to follow-up report")
struct EndToEndTransferTests {
    @Test("campaign -> plan -> review -> approval by another person -> decree (PDF) -> execution on the TMT -> report")
    func wholeWay() async throws {
        try await TestApp.run { http, services, db, _ in
            // Campaign with forms (volunteer to SD 1, one asks to stay), closed, and a plan from it.
            let f = try await ReviewFixture.make(http, services, db)
            let ppk = try await http.login("kota-uji", "ppk")
            func etag(_ path: String, _ token: String) async throws -> String {
                try await http.call(.get, path, token: token).headers[.eTag] ?? ""
            }
            func step(_ name: String, _ token: String, _ json: [String: Any]? = nil) async throws -> TestResponse {
                try await http.call(.post, "\(f.planPath)/\(name)", token: token, json: json,
                                    headers: [.ifMatch: try await etag(f.planPath, f.admin)])
            }

            // Review: both employees with a proposed move see it explained and answer.
            try await f.openReview(http)
            let proposed = try await http.call(.get, "\(f.t)/me/proposed-moves", token: f.relawan).json()["items"] as? [[String: Any]] ?? []
            let move = try #require(proposed.first?["move"] as? [String: Any])
            #expect((move["explanation"] as? String ?? "").contains("pilihan ke-1"), "\(move)")
            let answer = "\(f.planPath)/moves/me/answer"
            #expect(try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"]).status == .created)
            #expect(try await http.call(.put, answer, token: f.diam,
                                        json: ["answer": "object", "reason": "Saya merawat orang tua di dekat sekolah lama."]).status == .created)
            let objection = "\(f.planPath)/moves/\(f.silentID)/objection"
            let rejected = try await http.call(.post, objection, token: f.admin, json: ["decision": "reject", "note": "Kebutuhan guru di SD tujuan mendesak."],
                                               headers: [.ifMatch: "\"v1\""])
            #expect(rejected.status == .ok, "\(rejected.text)")

            // Submitted by the admin who built it; the same admin may not approve, the approver does.
            #expect(try await step("submit", f.admin).status == .ok)
            #expect(try await step("approve", f.admin).status == .forbidden)
            let approved = try await step("approve", ppk, ["note": "Disetujui."])
            #expect(approved.status == .ok, "\(approved.text)")

            // Decree with today's TMT, read back from its PDF, signed by the approver.
            let today = DecreeFixture.today
            let issued = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": today],
                                             headers: [.ifMatch: try await etag(f.planPath, f.admin)])
            #expect(issued.status == .created, "\(issued.text)")
            let decree = try #require((try issued.json()["decrees"] as? [[String: Any]])?.first)
            let decreeID = try #require(decree["id"] as? String), number = try #require(decree["number"] as? String)
            let pdf = try await http.call(.get, "\(f.t)/decrees/\(decreeID).pdf", token: f.admin)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            let text = try DecreeFixture.pdfText(Data(buffer: pdf.body))
            #expect(text.contains(number) && text.contains(PlanCampaignTests.volunteer) && text.contains(PlanCampaignTests.silent), "\(text)")
            let signed = try await http.call(.post, "\(f.t)/decrees/\(decreeID)/sign", token: ppk, json: ["signedOn": today],
                                             headers: [.ifMatch: try await etag("\(f.t)/decrees/\(decreeID)", ppk)])
            #expect(signed.status == .ok, "\(signed.text)")
            let extracts = try await http.call(.get, "\(f.t)/me/decree-extracts", token: f.relawan).json()["items"] as? [[String: Any]] ?? []
            #expect(extracts.count == 1, "\(extracts)")

            // Carried out on the TMT: the volunteer is in SD 1 from today.
            let executed = try await step("execute", f.admin)
            #expect(executed.status == .ok, "\(executed.text)")
            #expect(try (executed.json()["plan"] as? [String: Any])?["status"] as? String == "executed")
            #expect(try executed.json()["executed"] as? Int == 2, "\(executed.text)")

            // The employee's request is decided and granted; the report shows both moves carried out.
            let form = try await http.call(.get, "\(f.t)/campaigns/\(f.campaign)/forms/me", token: f.relawan).json()
            #expect(form["requestStatus"] as? String == "decided" && form["granted"] as? Bool == true, "\(form)")
            let report = try await http.call(.get, "\(f.planPath)/report", token: ppk)
            #expect(report.status == .ok, "\(report.text)")
            let totals = try #require(try report.json()["totals"] as? [String: Any])
            #expect(totals["moves"] as? Int == 2 && totals["executed"] as? Int == 2 && totals["skipped"] as? Int == 0, "\(totals)")
            let history = try await http.call(.get, "\(f.planPath)/history", token: f.admin).json()["items"] as? [[String: Any]] ?? []
            let steps = history.compactMap { $0["toStatus"] as? String }
            #expect(steps == ["in_review", "submitted", "approved", "decreed", "executed"], "\(history)")
        }
    }
}
