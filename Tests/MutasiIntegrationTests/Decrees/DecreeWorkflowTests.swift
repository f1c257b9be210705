import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// Issuing, reading, printing, signing and cancelling the decrees of an approved plan.
@Suite("Decrees")
struct DecreeWorkflowTests {
    @Test("an approved plan is decreed: numbered, frozen content, plan decreed with its TMT, history and audit")
    func issue() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let etag = try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] ?? ""
            // Bad input changes nothing: a TMT in the past, a stale version.
            let past = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": "2020-01-01"],
                                           headers: [.ifMatch: etag])
            #expect(try past.status == .badRequest && (past.json()["field"] as? String) == "effectiveDate", "\(past.text)")
            let stale = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": DecreeFixture.tmt],
                                            headers: [.ifMatch: "\"v999\""])
            #expect(stale.status == .preconditionFailed)

            let first = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": DecreeFixture.tmt],
                                            headers: [.ifMatch: etag, .init("Idempotency-Key")!: "sk-1"])
            #expect(first.status == .created, "\(first.text)")
            let body = try first.json()
            let decrees = try #require(body["decrees"] as? [[String: Any]])
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            #expect(decrees.count == 1)
            #expect(decrees.first?["number"] as? String == "800.1.3.3/1/BKPSDM/\(year)")
            #expect(decrees.first?["rowCount"] as? Int == 2)
            #expect((decrees.first?["sha256"] as? String)?.count == 64)
            let plan = try #require(body["plan"] as? [String: Any])
            #expect(plan["status"] as? String == "decreed" && plan["effectiveDate"] as? String == DecreeFixture.tmt)
            // The same key again replays the answer; the plan is no longer approved for a new key.
            let replay = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": DecreeFixture.tmt],
                                             headers: [.ifMatch: etag, .init("Idempotency-Key")!: "sk-1"])
            #expect(try replay.status == .created && (replay.json()["decrees"] as? [[String: Any]])?.first?["id"] as? String
                    == decrees.first?["id"] as? String)
            let again = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": DecreeFixture.tmt],
                                            headers: [.ifMatch: "\"v\(plan["version"] as! Int)\""])
            #expect(try again.status == .conflict && (again.json()["code"] as? String) == "plan.invalid_state", "\(again.text)")

            let id = decrees[0]["id"] as! String
            let shown = try await http.call(.get, "\(f.t)/decrees/\(id)", token: f.admin).json()
            let rows = try #require((shown["content"] as? [String: Any])?["rows"] as? [[String: Any]])
            #expect(Set(rows.map { $0["nip"] as! String }) == [PlanCampaignTests.volunteer, PlanCampaignTests.silent])
            #expect(rows.allSatisfy { $0["rank"] as? String == "Penata Muda Tingkat I (III/b)" && $0["fromUnit"] as? String == "SD-2" })
            #expect(try await http.call(.get, "\(f.planPath)/decrees", token: f.admin).json()["items"].map { ($0 as! [Any]).count } == 1)

            let (steps, actions) = try await db.asOwner(tenant: "kota-uji") { connection, _ in
                (try await connection.column("SELECT step FROM plan_events ORDER BY seq", as: String.self),
                 try await connection.column("SELECT action FROM audit_events WHERE action LIKE 'decree%' OR action = 'plan.decreed' ORDER BY seq",
                                             as: String.self))
            }
            #expect(steps.last == "decreed")
            #expect(actions == ["decree.issue", "plan.decreed"])
        }
    }

    @Test("a plan not approved is refused with plan.invalid_state and nothing is numbered")
    func notApproved() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let etag = try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] ?? ""
            let response = try await http.call(.post, "\(f.planPath)/decrees", token: f.admin, json: ["effectiveDate": DecreeFixture.tmt],
                                               headers: [.ifMatch: etag])
            #expect(try response.status == .conflict && (response.json()["code"] as? String) == "plan.invalid_state", "\(response.text)")
            let counters = try await db.asOwner(tenant: "kota-uji") { c, _ in try await c.column("SELECT count(*) FROM decree_counters", as: Int64.self) }
            #expect(counters == [0])
        }
    }

    @Test("HTML and PDF carry the number, heading, TMT, names, NIPs and annex rows; the extract names one employee")
    func rendering() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let decree = try await f.issue(http)[0]
            let id = decree["id"] as! String, number = decree["number"] as! String
            let html = try await http.call(.get, "\(f.t)/decrees/\(id).html", token: f.admin)
            #expect(html.status == .ok && html.headers[.contentType]?.hasPrefix("text/html") == true)
            for text in ["KEPUTUSAN WALI KOTA UJI", "NOMOR \(number)", "PEMINDAHAN PEGAWAI NEGERI SIPIL", "Menimbang", "Mengingat",
                         "Undang-Undang Nomor 20 Tahun 2023", "MEMUTUSKAN", "KESATU", "2 Januari 2099", "Ditetapkan di Uji", "Tembusan",
                         "Guru \(PlanCampaignTests.volunteer)", "SD-2"] {
                #expect(html.text.contains(text), "HTML lacks \(text)")
            }
            let pdf = try await http.call(.get, "\(f.t)/decrees/\(id).pdf", token: f.admin)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf", "\(pdf.text.prefix(300))")
            let text = try DecreeFixture.pdfText(Data(buffer: pdf.body))
            let (v, s) = (PlanCampaignTests.volunteer, PlanCampaignTests.silent)
            // The annex rows: No, name and NIP, rank, old post and unit, new post and unit.
            for needle in ["NOMOR \(number)", "KEPUTUSAN WALI KOTA UJI", "2 Januari 2099", "LAMPIRAN KEPUTUSAN WALI KOTA UJI NOMOR \(number)",
                           "1 Guru \(v) NIP. \(v) Penata Muda Tingkat I (III/b) guru SD-2 guru SD-1",
                           "2 Guru \(s) NIP. \(s) Penata Muda Tingkat I (III/b) guru SD-2 staf KANTOR"] {
                #expect(text.contains(needle), "PDF lacks \(needle):\n\(text)")
            }
            let extract = try await http.call(.get, "\(f.t)/decrees/\(id)/extracts/\(f.review.silentID).pdf", token: f.admin)
            #expect(extract.status == .ok, "\(extract.text.prefix(300))")
            let extractText = try DecreeFixture.pdfText(Data(buffer: extract.body))
            #expect(extractText.contains("PETIKAN") && extractText.contains(PlanCampaignTests.silent))
            #expect(!extractText.contains(PlanCampaignTests.volunteer))
        }
    }

    @Test("without Chromium a PDF answers 503 decree.renderer_unavailable; the HTML still answers")
    func rendererMissing() async throws {
        try await TestApp.run(environment: ["CHROMIUM_PATH": "/nonexistent/chromium"]) { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let id = try await f.issue(http)[0]["id"] as! String
            let pdf = try await http.call(.get, "\(f.t)/decrees/\(id).pdf", token: f.admin)
            #expect(try pdf.status == .serviceUnavailable && (pdf.json()["code"] as? String) == "decree.renderer_unavailable", "\(pdf.text)")
            #expect(try await http.call(.get, "\(f.t)/decrees/\(id).html", token: f.admin).status == .ok)
        }
    }

    @Test("signing keeps number and content, records the SHA-256; the database refuses to change them; cancel keeps the number")
    func signAndCancel() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let issued = try await f.issue(http)[0]
            let id = issued["id"] as! String
            let before = try await http.call(.get, "\(f.t)/decrees/\(id)", token: f.admin).json()
            let future = try await f.sign(http, id, on: "2099-01-01")
            #expect(try future.status == .badRequest && (future.json()["field"] as? String) == "signedOn")
            let ppk = try await http.login("kota-uji", "ppk")
            let signing: HTTPFields = [.ifMatch: "\"v1\"", .init("Idempotency-Key")!: "ttd-1"]
            let signed = try await http.call(.post, "\(f.t)/decrees/\(id)/sign", token: ppk, json: ["signedOn": DecreeFixture.today],
                                             headers: signing)
            #expect(signed.status == .ok, "\(signed.text)")
            // A retry with the same key answers the same; without it, a second signing is refused.
            let retried = try await http.call(.post, "\(f.t)/decrees/\(id)/sign", token: ppk, json: ["signedOn": DecreeFixture.today],
                                              headers: signing)
            #expect(try retried.status == .ok && retried.json()["version"] as? Int == 2)
            let after = try signed.json()
            #expect(after["status"] as? String == "signed" && after["signedOn"] as? String == DecreeFixture.today)
            #expect(after["number"] as? String == before["number"] as? String && after["sha256"] as? String == before["sha256"] as? String)
            #expect(NSDictionary(dictionary: after["content"] as! [String: Any]).isEqual(to: before["content"] as! [String: Any]))
            #expect(try await f.sign(http, id, on: DecreeFixture.today).status == .conflict)
            let html = try await http.call(.get, "\(f.t)/decrees/\(id).html", token: f.admin).text
            #expect(html.contains("pada tanggal \(IndonesianDate.long(try CalendarDate(iso: DecreeFixture.today)))"))

            // The server's role may not rewrite a decree's number or content.
            let refused = await #expect(throws: (any Error).self) {
                try await db.asApp { client in
                    try await client.withConnection { c in
                        try await c.query("BEGIN", logger: TestDatabase.logger)
                        try await c.query("SELECT set_config('mutasi.tenant_id', \(f.review.tenantID), true)", logger: TestDatabase.logger)
                        try await c.query("UPDATE decrees SET content = '{}', number = 'X'", logger: TestDatabase.logger)
                    }
                }
            }
            #expect((refused as? PSQLError)?.serverInfo?[.sqlState] == "42501", "\(String(reflecting: refused))")
            let audit = try await db.asOwner(tenant: "kota-uji") { c, _ in
                try await c.column("SELECT after_json FROM audit_events WHERE action = 'decree.sign'", as: String.self)
            }
            #expect(audit.count == 1 && audit[0].contains(before["sha256"] as! String))

            let admin = f.admin
            let etag = try await http.call(.get, "\(f.t)/decrees/\(id)", token: admin).headers[.eTag] ?? ""
            let short = try await http.call(.post, "\(f.t)/decrees/\(id)/cancel", token: admin, json: ["reason": "salah"], headers: [.ifMatch: etag])
            #expect(short.status == .badRequest)
            // Lengths count code points, as the database does: 600 thumbs with a skin tone are 1200.
            let long = try await http.call(.post, "\(f.t)/decrees/\(id)/cancel", token: admin,
                                           json: ["reason": String(repeating: "👍🏻", count: 600)], headers: [.ifMatch: etag])
            #expect(try long.status == .badRequest && long.json()["code"] as? String == "decree.invalid_reason", "\(long.text)")
            let cancelled = try await http.call(.post, "\(f.t)/decrees/\(id)/cancel", token: admin,
                                                json: ["reason": "Salah tulis jabatan baru pada lampiran."], headers: [.ifMatch: etag])
            #expect(cancelled.status == .ok, "\(cancelled.text)")
            #expect(try cancelled.json()["status"] as? String == "cancelled" && (try cancelled.json()["number"] as? String) == issued["number"] as? String)
            #expect(try await http.call(.post, "\(f.t)/decrees/\(id)/cancel", token: admin, json: ["reason": "Salah tulis jabatan baru."],
                                        headers: [.ifMatch: "\"v3\""]).status == .conflict)
            // Its number is never given again: the next decree takes the next one.
            let second = try await DecreeFixture.copyPlan(db, f.review.plan)
            let year = Calendar(identifier: .gregorian).component(.year, from: Date())
            #expect(try await f.issue(http, plan: second)[0]["number"] as? String == "800.1.3.3/2/BKPSDM/\(year)")
        }
    }

    @Test("employees read their own extract of a signed decree only")
    func employeeExtracts() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let id = try await f.issue(http)[0]["id"] as! String
            let mine = "\(f.t)/me/decree-extracts"
            #expect(try await http.call(.get, mine, token: f.review.diam).json()["items"].map { ($0 as! [Any]).count } == 0)
            #expect(try await http.call(.get, "\(mine)/\(id).pdf", token: f.review.diam).status == .notFound)
            #expect(try await f.sign(http, id, on: DecreeFixture.today).status == .ok)
            let listed = try await http.call(.get, mine, token: f.review.diam).json()["items"] as? [[String: Any]]
            #expect(listed?.map { $0["id"] as? String } == [id])
            let pdf = try await http.call(.get, "\(mine)/\(id).pdf", token: f.review.diam)
            #expect(pdf.status == .ok, "\(pdf.text.prefix(300))")
            let text = try DecreeFixture.pdfText(Data(buffer: pdf.body))
            #expect(text.contains(PlanCampaignTests.silent) && !text.contains(PlanCampaignTests.volunteer))
            // Another employee's extract: refused; one not in the decree: absent.
            #expect(try await http.call(.get, "\(f.t)/decrees/\(id)/extracts/\(f.review.volunteerID).html", token: f.review.diam).status == .forbidden)
            #expect(try await http.call(.get, "\(mine)/\(id).pdf", token: f.review.tetap).status == .notFound)
        }
    }
}
