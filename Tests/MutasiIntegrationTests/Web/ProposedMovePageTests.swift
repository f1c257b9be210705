import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// `/saya/usulan` and `/saya/sk` on Kota Uji's plan (`ReviewFixture`, `DecreeFixture`): the
/// volunteer reads their proposed move and answers it with the answer's version; once the
/// decree is signed, each moved teacher downloads their own extract and no one else's.
@Suite("Web: proposed move and decree extract pages")
struct ProposedMovePageTests {
    static func answer(_ http: some TestClientProtocol, _ session: String, csrf: String, plan: String, version: String = "",
                       answer: String, reason: String = "") async throws -> TestResponse {
        try await http.webPost("/saya/usulan", fields: ["csrf": csrf, "rencana": plan, "versi": version, "jawaban": answer,
                                                        "alasan": reason], cookies: [WebPage.session: session])
    }

    @Test("the volunteer sees the move with its explanation and deadline, accepts, then objects with the version read")
    func answerMove() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ReviewFixture.make(http, services, db)
            let relawan = try await http.webSignIn("kota-uji", "guru-relawan")
            #expect(try await http.webGet("/saya/usulan", session: relawan).text.contains("tidak ada usulan mutasi"))
            try await f.openReview(http)
            let page = try await http.webGet("/saya/usulan", session: relawan)
            #expect(page.status == .ok)
            #expect(page.text.contains("Rotasi 2027") && page.text.contains("Penjelasan") && page.text.contains("Batas waktu jawaban"))
            #expect(page.text.contains("Sesuai permohonan Anda") && page.text.contains("Anda belum menjawab"))
            let csrf = try #require(page.csrfToken)
            let principal = try await services.operators.principal(login: "kota-uji/guru-relawan")
            func stored() async throws -> MoveAnswer? {
                try await services.moveAnswers.mine(actor: principal, tenantID: principal.scope.uuid,
                                                    planID: UUID(uuidString: f.plan)!).move.answer
            }

            #expect(try await Self.answer(http, relawan, csrf: "salah", plan: f.plan, answer: "accept").status == .forbidden)
            let short = try await Self.answer(http, relawan, csrf: csrf, plan: f.plan, answer: "object", reason: "tidak")
            #expect(short.status == .badRequest && short.text.contains("Alasan keberatan: isi 10 sampai 1.000 karakter."))
            #expect(short.text.contains("value=\"object\" checked"))
            let reasonWithAccept = try await Self.answer(http, relawan, csrf: csrf, plan: f.plan, answer: "accept", reason: "setuju sekali")
            #expect(reasonWithAccept.status == .badRequest && reasonWithAccept.text.contains("kosongkan bila setuju"))
            #expect(try await stored() == nil)

            let accepted = try await Self.answer(http, relawan, csrf: csrf, plan: f.plan, answer: "accept")
            #expect(accepted.status == .seeOther && accepted.location == "/saya/usulan?pesan=dijawab")
            #expect(try await stored()?.answer == .accept)
            let shown = try await http.webGet("/saya/usulan?pesan=dijawab", session: relawan)
            #expect(shown.text.contains("Jawaban Anda tersimpan.") && shown.text.contains("Jawaban Anda: setuju"))
            #expect(shown.text.contains("name=\"versi\" value=\"1\""))

            // Changing it without the version read, or with an old one, is refused as stale.
            let reason = "Anak saya bersekolah di dekat unit sekarang"
            let noVersion = try await Self.answer(http, relawan, csrf: csrf, plan: f.plan, answer: "object", reason: reason)
            #expect(noVersion.status.code == 428 && noVersion.text.contains("Data sudah diubah orang lain"))
            let objected = try await Self.answer(http, relawan, csrf: csrf, plan: f.plan, version: "1", answer: "object", reason: reason)
            #expect(objected.status == .seeOther)
            let stale = try await Self.answer(http, relawan, csrf: csrf, plan: f.plan, version: "1", answer: "accept")
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            let answer = try #require(try await stored())
            #expect(answer.answer == .object && answer.reason == reason && answer.version == 2)
            // A plan that has no move for them: 404, nothing stored.
            let tetap = try await http.webSignIn("kota-uji", "guru-tetap")
            let tetapCSRF = try #require(try await http.webGet("/saya/usulan", session: tetap).csrfToken)
            #expect(try await Self.answer(http, tetap, csrf: tetapCSRF, plan: f.plan, answer: "accept").status == .notFound)
            #expect(try await Self.answer(http, tetap, csrf: tetapCSRF, plan: UUID().uuidString, answer: "accept").status == .notFound)
        }
    }

    @Test("a signed decree's extract: listed, as HTML and PDF, for the employee it moves; 404 for anyone else's")
    func extracts() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let decrees = try await f.issue(http)
            let id = try #require(decrees.first?["id"] as? String).lowercased()
            let number = try #require(decrees.first?["number"] as? String)
            let relawan = try await http.webSignIn("kota-uji", "guru-relawan")
            // Issued but not signed: nothing yet.
            #expect(try await http.webGet("/saya/sk", session: relawan).text.contains("Belum ada surat keputusan"))
            #expect(try await http.webGet("/saya/sk/\(id).html", session: relawan).status == .notFound)
            try #require(try await f.sign(http, id, on: DecreeFixture.today).status == .ok)

            let list = try await http.webGet("/saya/sk", session: relawan)
            #expect(list.status == .ok && list.text.contains(number))
            #expect(list.text.contains("href=\"/saya/sk/\(id).pdf\"") && list.text.contains("href=\"/saya/sk/\(id).html\""))
            let html = try await http.webGet("/saya/sk/\(id).html", session: relawan)
            #expect(html.status == .ok && html.text.contains(PlanCampaignTests.volunteer))
            #expect(!html.text.contains(PlanCampaignTests.silent), "an extract holds only its employee's row")
            let pdf = try await http.webGet("/saya/sk/\(id).pdf", session: relawan)
            #expect(pdf.status == .ok && pdf.headers[.contentType] == "application/pdf")
            // The teacher who asked to stay is not moved by it.
            let tetap = try await http.webSignIn("kota-uji", "guru-tetap")
            #expect(try await http.webGet("/saya/sk/\(id).html", session: tetap).status == .notFound)
            #expect(try await http.webGet("/saya/sk/\(id).pdf", session: tetap).status == .notFound)
            #expect(try await http.webGet("/saya/sk/\(id)", session: relawan).status == .notFound)
        }
    }
}
