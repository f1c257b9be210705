import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// `/rencana` through the router on Kota Uji's plan from a closed campaign (`ReviewFixture`):
/// building, reading with filters and explanations, the review and decision steps with their
/// refusals (role, CSRF, stale version, wrong state, four eyes), and the decrees.
@Suite("Web plan pages")
struct WebPlanPagesTests {
    static func plan(_ services: Services, _ id: String) async throws -> TransferPlan {
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        return try await services.plans.get(actor: admin, tenantID: admin.scope.uuid, id: UUID(uuidString: id)!).plan
    }

    @Test("A tenant admin builds a plan from a closed campaign; the list and the page show it; bad forms change nothing")
    func build() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let admin = try await services.operators.principal(login: "kota-uji/admin")
            func total() async throws -> Int { try await services.plans.list(actor: admin, tenantID: admin.scope.uuid, page: try PageRequest(limit: 1)).total }
            let before = try await total()
            let session = try await http.webSignIn("kota-uji", "admin")
            let list = try await http.webGet("/rencana", session: session)
            #expect(list.status == .ok && list.text.contains("Rotasi 2027") && list.text.contains("<caption>Rencana mutasi"))
            #expect(list.text.contains("<option value=\"\(f.campaign.lowercased())\""))
            let missing = try await http.submit(list, "/rencana", session: session, ["nama": "Tanpa kampanye", "kampanye": ""])
            #expect(missing.status == .badRequest && missing.text.contains("Pilih kampanye") && missing.text.contains("value=\"Tanpa kampanye\""))
            let noName = try await http.submit(list, "/rencana", session: session, ["nama": " ", "kampanye": f.campaign.lowercased()])
            #expect(noName.status == .badRequest && noName.text.contains("Nama wajib diisi"))
            #expect(try await http.webPost("/rencana", fields: ["nama": "X", "kampanye": f.campaign.lowercased()],
                                           cookies: [WebPage.session: session]).status == .forbidden)
            #expect(try await total() == before)

            let created = try await http.submit(list, "/rencana", session: session, ["nama": "Rotasi ulang", "kampanye": f.campaign.lowercased()])
            #expect(created.status == .seeOther)
            // The same form sent twice queues one plan.
            #expect(try await http.submit(list, "/rencana", session: session, ["nama": "Rotasi ulang", "kampanye": f.campaign.lowercased()]).location
                    == created.location)
            #expect(try await total() == before + 1)
            let location = try #require(created.location)
            let queued = try await http.webGet(location, session: session)
            #expect(queued.text.contains("Rencana dicatat dan sedang disusun.") && queued.text.contains(">Muat ulang</a>"))
            #expect(try await PlanBuildWorker(services.env).runOnce())
            let built = try await http.webGet(String(location.prefix { $0 != "?" }), session: session)
            #expect(built.text.contains("Usulan mutasi (2)") && built.text.contains("<summary>Penjelasan</summary>"))
            #expect(built.text.contains("Ketimpangan") && built.text.contains("Relawan dipindahkan"))
        }
    }

    @Test("Moves filter by kind, agency and answer; explanations are shown in Bahasa Indonesia")
    func filters() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let session = try await http.webSignIn("kota-uji", "admin")
            let path = "/rencana/\(f.plan.lowercased())"
            let all = try await http.webGet(path, session: session)
            #expect(all.text.contains(PlanCampaignTests.volunteer) && all.text.contains(PlanCampaignTests.silent))
            let voluntary = try await http.webGet("\(path)?jenis=voluntary", session: session)
            #expect(voluntary.text.contains(PlanCampaignTests.volunteer) && !voluntary.text.contains(PlanCampaignTests.silent))
            #expect(voluntary.text.contains("<option value=\"voluntary\" selected>"))
            let compulsory = try await http.webGet("\(path)?jenis=compulsory", session: session)
            #expect(!compulsory.text.contains(PlanCampaignTests.volunteer) && compulsory.text.contains(PlanCampaignTests.silent))
            let agency = try await db.asOwner(tenant: "kota-uji") { connection, tenantID in
                try await connection.column("SELECT id::text FROM agencies WHERE tenant_id = \(tenantID) LIMIT 1", as: String.self).first ?? ""
            }
            let into = try await http.webGet("\(path)?tujuan=\(agency)", session: session)
            #expect(into.text.contains("Usulan mutasi (2)"))
            let elsewhere = try await http.webGet("\(path)?asal=\(UUID().uuidString.lowercased())", session: session)
            #expect(elsewhere.status == .ok && elsewhere.text.contains("Tidak ada usulan yang cocok"))
            let pending = try await http.webGet("\(path)?tanggapan=accepted", session: session)
            #expect(pending.text.contains("Tidak ada usulan yang cocok"))
            // The API filters the same way.
            let api = try await http.call(.get, "\(f.planPath)/moves?kind=voluntary&toAgency=\(agency)", token: f.admin).json()
            #expect((api["items"] as? [[String: Any]])?.map { $0["nip"] as? String } == [PlanCampaignTests.volunteer])
            #expect(try await http.call(.get, "\(f.planPath)/moves?kind=exchange", token: f.admin).status == .badRequest)
        }
    }

    @Test("Review, four eyes, drop, approve and decree through the pages; stale, wrong-state and role refusals worded for people")
    func steps() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let admin = try await http.webSignIn("kota-uji", "admin")
            let ppk = try await http.webSignIn("kota-uji", "ppk")
            let path = "/rencana/\(f.plan.lowercased())"
            var page = try await http.webGet(path, session: admin)
            #expect(page.text.contains("Draf"))

            // Opening for review needs a deadline ahead.
            let past = try await http.submit(page, "\(path)/tinjau", session: admin, ["batas": "2020-01-01"])
            #expect(past.status == .badRequest && past.text.contains("Batas waktu tanggapan harus di masa depan"))
            let noCSRF = try await http.webPost("\(path)/tinjau", fields: ["batas": "2099-01-01"], cookies: [WebPage.session: admin])
            #expect(noCSRF.status == .forbidden)
            #expect(try await Self.plan(services, f.plan).status == .draft)
            #expect(try await http.submit(page, "\(path)/tinjau", session: admin, ["batas": "2099-01-01 12:00"]).status == .seeOther)
            #expect(try await Self.plan(services, f.plan).status == .inReview)

            // Submitting before the deadline with moves unanswered: 409 worded for people.
            page = try await http.webGet(path, session: admin)
            let early = try await http.submit(page, "\(path)/ajukan", session: admin)
            #expect(early.status == .conflict && early.text.contains("Batas waktu tanggapan belum lewat"))
            try await DecisionFixture.sql(db, "UPDATE plans SET answer_deadline = now() - interval '1 day' WHERE id = '\(f.plan)'")
            #expect(try await http.submit(page, "\(path)/ajukan", session: admin).status == .seeOther)
            #expect(try await Self.plan(services, f.plan).status == .submitted)

            // The tenant admin may not approve; the approver who built it may not either (four eyes).
            page = try await http.webGet(path, session: ppk)
            #expect(page.text.contains("Setujui rencana") && page.text.contains("Hapus usulan"))
            let adminApprove = try await http.submit(page, "\(path)/setujui", session: admin, ["csrf": try await http.csrf(admin)])
            #expect(adminApprove.status == .forbidden)
            let ppkID = try await DecisionFixture.userID(db, "ppk"), adminID = try await DecisionFixture.userID(db, "admin")
            try await DecisionFixture.sql(db, "UPDATE plans SET created_by = '\(ppkID)' WHERE id = '\(f.plan)'")
            let own = try await http.submit(page, "\(path)/setujui", session: ppk)
            #expect(own.status == .forbidden && own.text.contains("Prinsip empat mata"))
            try await DecisionFixture.sql(db, "UPDATE plans SET created_by = '\(adminID)' WHERE id = '\(f.plan)'")

            // Dropping a move: the reason is checked, then the move is dropped.
            let drop = "\(path)/usulan/\(f.silentID.lowercased())/hapus"
            let short = try await http.submit(page, drop, session: ppk, ["alasan": "pendek"])
            #expect(short.status == .badRequest && short.text.contains("Alasan penghapusan usulan harus berisi 10"))
            #expect(try await http.submit(page, drop, session: ppk, ["alasan": "Formasi tujuan belum dianggarkan."]).status == .seeOther)
            let approver = try await services.operators.principal(login: "kota-uji/ppk")
            let dropped = try await services.plans.moves(actor: approver, tenantID: approver.scope.uuid, id: UUID(uuidString: f.plan)!,
                                                         dropped: true, page: try PageRequest(limit: 10))
            #expect(dropped.items.map { $0.employeeID.uuidString.lowercased() } == [f.silentID.lowercased()])
            // The page read before the drop is stale now.
            let stale = try await http.submit(page, "\(path)/setujui", session: ppk)
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            page = try await http.webGet(path, session: ppk)
            #expect(page.text.contains("Formasi tujuan belum dianggarkan."))
            #expect(try await http.submit(page, "\(path)/setujui", session: ppk, ["catatan": "Setuju."]).status == .seeOther)
            #expect(try await Self.plan(services, f.plan).status == .approved)

            // Wrong state: submitting an approved plan.
            var adminPage = try await http.webGet(path, session: admin)
            var fields = try #require(adminPage.formFields("\(path)/sk"))
            fields["kunci"] = String(repeating: "cd", count: 16)
            let wrong = try await http.webPost("\(path)/ajukan", fields: fields, cookies: [WebPage.session: admin])
            #expect(wrong.status == .conflict && wrong.text.contains("status data saat ini"))

            // Decrees: issued by the tenant admin, listed, downloaded, signed by the approver.
            let issued = try await http.submit(adminPage, "\(path)/sk", session: admin)
            #expect(issued.status == .seeOther && issued.location == "\(path)/sk?pesan=sk_terbit")
            let decreesPage = try await http.webGet("\(path)/sk", session: admin)
            let admin0 = try await services.operators.principal(login: "kota-uji/admin")
            let decree = try #require(try await services.decrees.list(actor: admin0, tenantID: admin0.scope.uuid,
                                                                     planID: UUID(uuidString: f.plan)!).first)
            #expect(decreesPage.text.contains(decree.number) && decreesPage.text.contains("Terbit"))
            let html = try await http.webGet("/sk/\(decree.id.uuidString.lowercased()).html", session: admin)
            #expect(html.status == .ok && html.text.contains(decree.number))
            let pdf = try await http.webGet("/sk/\(decree.id.uuidString.lowercased()).pdf", session: admin)
            #expect(pdf.status == .ok || pdf.status == .serviceUnavailable, "\(pdf.status)")
            if pdf.status == .ok { #expect(pdf.headers[.contentType] == "application/pdf" && pdf.text.hasPrefix("%PDF")) }
            let ppkDecrees = try await http.webGet("\(path)/sk", session: ppk)
            let sign = "/sk/\(decree.id.uuidString.lowercased())/tandatangani"
            #expect(try await http.submit(ppkDecrees, sign, session: ppk, ["tanggal": "2000-01-01"]).status == .badRequest)
            #expect(try await http.submit(ppkDecrees, sign, session: ppk).status == .seeOther)
            #expect(try await services.decrees.get(actor: admin0, tenantID: admin0.scope.uuid, id: decree.id).status == .signed)
            adminPage = try await http.webGet(path, session: admin)
            #expect(adminPage.text.contains("SK terbit"))
        }
    }

    @Test("Objections decided, a plan rejected, a plan and a decree cancelled through the pages")
    func objectionsRejectCancel() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let admin = try await http.webSignIn("kota-uji", "admin")
            let ppk = try await http.webSignIn("kota-uji", "ppk")
            let path = "/rencana/\(f.plan.lowercased())"
            #expect(try await http.submit(try await http.webGet(path, session: admin), "\(path)/tinjau", session: admin,
                                          ["batas": "2099-01-01"]).status == .seeOther)
            #expect(try await http.call(.put, "\(f.planPath)/moves/me/answer", token: f.diam,
                                        json: ["answer": "object", "reason": "Saya merawat orang tua di dekat SD 2."]).status == .created)
            var page = try await http.webGet(path, session: admin)
            #expect(page.text.contains("Saya merawat orang tua di dekat SD 2.") && page.text.contains("Keberatan (belum diputuskan)"))
            let decide = "\(path)/keberatan/\(f.silentID.lowercased())"
            let noChoice = try await http.submit(page, decide, session: admin, ["keputusan": "", "catatan": "Tetap dipindahkan."])
            #expect(noChoice.status == .badRequest && noChoice.text.contains("Pilih keputusan"))
            let noNote = try await http.submit(page, decide, session: admin, ["keputusan": "reject", "catatan": " "])
            #expect(noNote.status == .badRequest && noNote.text.contains("Catatan keputusan harus berisi"))
            #expect(try await http.submit(page, decide, session: admin, ["keputusan": "reject", "catatan": "Formasi SD 1 mendesak."])
                    .status == .seeOther)
            page = try await http.webGet("\(path)?tanggapan=rejected", session: admin)
            #expect(page.text.contains(PlanCampaignTests.silent) && page.text.contains("Keberatan ditolak"))

            // Submitted, then rejected by the approver with a reason.
            try await DecisionFixture.sql(db, "UPDATE plans SET answer_deadline = now() - interval '1 day' WHERE id = '\(f.plan)'")
            #expect(try await http.submit(try await http.webGet(path, session: admin), "\(path)/ajukan", session: admin).status == .seeOther)
            page = try await http.webGet(path, session: ppk)
            let short = try await http.submit(page, "\(path)/tolak", session: ppk, ["alasan": "kurang"])
            #expect(short.status == .badRequest && short.text.contains("Alasan harus berisi 10"))
            #expect(try await http.submit(page, "\(path)/tolak", session: ppk, ["alasan": "Anggaran mutasi belum tersedia."]).status == .seeOther)
            #expect(try await Self.plan(services, f.plan).status == .rejected)
            page = try await http.webGet(path, session: admin)
            #expect(page.text.contains("Ditolak") && page.text.contains("Anggaran mutasi belum tersedia."))

            // Cancelled by the tenant admin with a reason.
            #expect(try await http.submit(page, "\(path)/batal", session: admin, ["alasan": "Rencana diganti."]).status == .seeOther)
            #expect(try await Self.plan(services, f.plan).status == .cancelled)
            #expect(try await http.webGet(path, session: admin).text.contains("Dibatalkan"))
        }
    }

    @Test("A tenant admin cancels a decree with a reason; the approver may not")
    func decreeCancel() async throws {
        try await TestApp.run { http, services, db, _ in
            let d = try await DecisionFixture.submitted(http, services, db)
            #expect(try await d.step(http, "approve", token: d.ppk, json: ["note": "Sesuai kebutuhan."]).status == .ok)
            let admin = try await http.webSignIn("kota-uji", "admin")
            let ppk = try await http.webSignIn("kota-uji", "ppk")
            let path = "/rencana/\(d.f.plan.lowercased())"
            #expect(try await http.submit(try await http.webGet(path, session: admin), "\(path)/sk", session: admin).status == .seeOther)
            let principal = try await services.operators.principal(login: "kota-uji/admin")
            let decree = try #require(try await services.decrees.list(actor: principal, tenantID: principal.scope.uuid,
                                                                     planID: UUID(uuidString: d.f.plan)!).first)
            let cancel = "/sk/\(decree.id.uuidString.lowercased())/batal"
            let list = try await http.webGet("\(path)/sk", session: admin)
            let byApprover = try await http.submit(list, cancel, session: ppk, ["csrf": try await http.csrf(ppk), "alasan": "Salah ketik nomor."])
            #expect(byApprover.status == .forbidden)
            let short = try await http.submit(list, cancel, session: admin, ["alasan": "salah"])
            #expect(short.status == .badRequest && short.text.contains("Alasan pembatalan harus berisi 10"))
            #expect(try await services.decrees.get(actor: principal, tenantID: principal.scope.uuid, id: decree.id).status == .issued)
            #expect(try await http.submit(list, cancel, session: admin, ["alasan": "Salah ketik nama pegawai."]).status == .seeOther)
            #expect(try await services.decrees.get(actor: principal, tenantID: principal.scope.uuid, id: decree.id).status == .cancelled)
            #expect(try await http.webGet("\(path)/sk", session: admin).text.contains("Dibatalkan"))
        }
    }
}
