import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// The employee's pages through the router: the preference form (search, rank, save with its
/// version, refusals in Bahasa Indonesia naming the field), the points with the contest form,
/// and who may open them.
@Suite("Web: employee pages")
struct EmployeePageTests {
    struct Setup {
        var admin: String, tenantID: String, campaign: String
        var school: String, school2: String, clinic: String
        var session: String
    }

    /// Kupang with the fixtures, the demo employee placed in SD Negeri 1, an open campaign for
    /// Dinas Pendidikan, and the employee signed in on the pages.
    static func setUp(_ http: some TestClientProtocol) async throws -> Setup {
        let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
        try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
        let pegawai = try await http.login("kota-kupang", "pegawai")
        try await CampaignFixtures.placePegawai(http, admin: admin, pegawai: pegawai, tenantID: tenantID, unit: "SDN-1")
        let agencies = try await CampaignFixtures.agencies(http, token: admin, tenantID: tenantID)
        var draft = CampaignFixtures.draft("Kampanye Pendidikan 2027", agencies: [agencies["dinas-pendidikan"]!])
        draft["closesAt"] = "2099-12-31T00:00:00Z"
        draft["answerDeadline"] = "2100-01-31T00:00:00Z"
        draft["pointRules"] = ["perYearInPost": 5, "yearsInPostCap": 10, "familyReunion": 100]
        let campaign = try await CampaignFixtures.create(http, token: admin, tenantID: tenantID, draft)
        try #require(try await CampaignFixtures.step(http, token: admin, tenantID: tenantID, campaign, "open").status == .ok)
        return Setup(admin: admin, tenantID: tenantID, campaign: campaign,
                     school: try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "SDN-1"),
                     school2: try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "SDN-2"),
                     clinic: try await CampaignFixtures.unit(http, token: admin, tenantID: tenantID, code: "PKM-1"),
                     session: try await http.webSignIn("kota-kupang", "pegawai"))
    }

    static func pegawai(_ services: Services) async throws -> Principal {
        try await services.operators.principal(login: "kota-kupang/pegawai")
    }

    /// The stored form, or nil before the first filing.
    static func stored(_ services: Services, _ s: Setup) async throws -> PreferenceForm? {
        let principal = try await pegawai(services)
        do {
            return try await services.forms.mine(actor: principal, tenantID: principal.scope.uuid, campaignID: UUID(uuidString: s.campaign)!)
        } catch let error as DomainError where error.code == "form.not_found" {
            return nil
        }
    }

    static func save(_ http: some TestClientProtocol, _ s: Setup, csrf: String?, version: String = "",
                     choices: [String], wish: String = "move", extra: [String: String] = [:]) async throws -> TestResponse {
        var fields = ["kampanye": s.campaign, "versi": version, "pilihan": choices.joined(separator: ","), "keinginan": wish,
                      "alasan0": "career", "teks0": "Ingin mengajar di sekolah yang lebih besar", "pasangan": ""]
        if let csrf { fields["csrf"] = csrf }
        fields.merge(extra) { _, new in new }
        return try await http.webPost("/saya/preferensi", fields: fields, cookies: [WebPage.session: s.session])
    }

    @Test("the employee searches units, ranks them, saves; the form reads back through the service, with its history")
    func fileForm() async throws {
        try await TestApp.run { http, services, _, _ in
            let s = try await Self.setUp(http)
            let empty = try await http.webGet("/saya/preferensi", session: s.session)
            #expect(empty.status == .ok)
            #expect(empty.text.contains("Kampanye Pendidikan 2027") && empty.text.contains("belum mengisi"))
            // Search lists matching units of the campaign's agencies with an add button; the clinic is outside it.
            // A space comes as `+`, as a browser's GET form sends it.
            let search = try await http.webGet("/saya/preferensi?pilihan=&cari=SD+Negeri", session: s.session)
            #expect(search.status == .ok)
            #expect(search.text.contains("SD Negeri 2") && search.text.contains("Tambah"))
            #expect(!search.text.contains("Puskesmas"))
            let puskesmas = try await http.webGet("/saya/preferensi?cari=PKM", session: s.session)
            #expect(puskesmas.text.contains("Tidak ada unit kerja yang cocok"))
            // Two ranked units, the second with a button to move it up that swaps them.
            let ranked = try await http.webGet("/saya/preferensi?pilihan=\(s.school2),\(s.school)", session: s.session)
            #expect(ranked.text.contains("value=\"\(s.school.lowercased()),\(s.school2.lowercased())\""), "the up button swaps the two")
            let token = try #require(ranked.csrfToken)

            let saved = try await Self.save(http, s, csrf: token, choices: [s.school2, s.school])
            #expect(saved.status == .seeOther)
            #expect(saved.location == "/saya/preferensi?pesan=disimpan")
            let form = try #require(try await Self.stored(services, s))
            #expect(form.wish == .move && form.version == 1)
            #expect(form.preferences.map { $0.uuidString.lowercased() } == [s.school2.lowercased(), s.school.lowercased()])
            #expect(form.reasons == [.init(category: .career, text: "Ingin mengajar di sekolah yang lebih besar")])

            // Replacing it carries the version read; the page shows the flash, the version and the history.
            let page = try await http.webGet("/saya/preferensi?pesan=disimpan", session: s.session)
            #expect(page.text.contains("Formulir preferensi tersimpan.") && page.text.contains("Tersimpan versi 1"))
            #expect(page.text.contains("name=\"versi\" value=\"1\"") && page.text.contains("Riwayat versi"))
            let again = try await Self.save(http, s, csrf: token, version: "1", choices: [s.school], wish: "stay")
            #expect(again.status == .seeOther)
            let replaced = try #require(try await Self.stored(services, s))
            #expect(replaced.wish == .stay && replaced.version == 2 && replaced.preferences.count == 1)
            // Free text from the address is never shown.
            let forged = try await http.webGet("/saya/preferensi?pesan=%3Cb%3Eboo%3C/b%3E", session: s.session)
            #expect(!forged.text.contains("boo"))
        }
    }

    @Test("refusals: no or a wrong CSRF token (403), a stale version (412), a bad unit and a missing field (400), all storing nothing")
    func refusals() async throws {
        try await TestApp.run { http, services, _, _ in
            let s = try await Self.setUp(http)
            let token = try #require(try await http.webGet("/saya/preferensi", session: s.session).csrfToken)
            #expect(try await Self.save(http, s, csrf: nil, choices: [s.school2]).status == .forbidden)
            #expect(try await Self.save(http, s, csrf: String(repeating: "0", count: 64), choices: [s.school2]).status == .forbidden)
            #expect(try await Self.stored(services, s) == nil)

            // A unit outside the campaign's agencies: 400, the field named in Indonesian, the entries kept.
            let outside = try await Self.save(http, s, csrf: token, choices: [s.school2, s.clinic])
            #expect(outside.status == .badRequest)
            #expect(outside.text.contains("Pilihan unit ke-2: unit ini tidak termasuk instansi yang dicakup kampanye."))
            #expect(outside.text.contains("Ingin mengajar di sekolah yang lebih besar"))
            // What was entered comes back escaped.
            let markup = try await Self.save(http, s, csrf: token, choices: [s.clinic], extra: ["teks0": "<script>x()</script>"])
            #expect(markup.status == .badRequest && markup.text.contains("&lt;script&gt;x()&lt;/script&gt;"))
            #expect(!markup.text.contains("<script>"))
            // A family reunion without the spouse's workplace.
            let reunion = try await Self.save(http, s, csrf: token, choices: [s.school2],
                                              extra: ["alasan0": "family_reunion", "teks0": "Suami di Kabupaten Kupang"])
            #expect(reunion.status == .badRequest)
            #expect(reunion.text.contains("Tempat kerja pasangan: wajib diisi"))
            // A reason's text over the limit names the reason.
            let long = try await Self.save(http, s, csrf: token, choices: [], extra: ["teks0": String(repeating: "a", count: 1001)])
            #expect(long.status == .badRequest && long.text.contains("Keterangan alasan ke-1: paling banyak 1.000 karakter."))
            // A broken list of units is a broken form.
            #expect(try await Self.save(http, s, csrf: token, choices: ["bukan-id"]).status == .badRequest)
            #expect(try await Self.stored(services, s) == nil)

            // Filed once; a form carrying an older version (or none) is refused as stale.
            #expect(try await Self.save(http, s, csrf: token, choices: [s.school2]).status == .seeOther)
            let twice = try await Self.save(http, s, csrf: token, choices: [s.school], wish: "stay")
            #expect(twice.status.code == 428 && twice.text.contains("Data sudah diubah orang lain"))
            #expect(try await Self.save(http, s, csrf: token, version: "1", choices: [s.school]).status == .seeOther)
            let stale = try await Self.save(http, s, csrf: token, version: "1", choices: [], wish: "none")
            #expect(stale.status == .preconditionFailed)
            #expect(stale.text.contains("Data sudah diubah orang lain"))
            let form = try #require(try await Self.stored(services, s))
            #expect(form.version == 2 && form.wish == .move && form.preferences.map { $0.uuidString.lowercased() } == [s.school.lowercased()])
        }
    }

    @Test("once the campaign closes, saving is refused with a sentence (409) and the page says no campaign is open")
    func closedCampaign() async throws {
        try await TestApp.run { http, services, _, _ in
            let s = try await Self.setUp(http)
            let token = try #require(try await http.webGet("/saya/preferensi", session: s.session).csrfToken)
            try #require(try await CampaignFixtures.step(http, token: s.admin, tenantID: s.tenantID, s.campaign, "close").status == .ok)
            let refused = try await Self.save(http, s, csrf: token, choices: [s.school2])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("Kampanye preferensi sudah ditutup"))
            #expect(try await Self.stored(services, s) == nil)
            let page = try await http.webGet("/saya/preferensi", session: s.session)
            #expect(page.status == .ok && page.text.contains("tidak ada kampanye preferensi yang dibuka"))
            let points = try await http.webGet("/saya/poin", session: s.session)
            #expect(points.status == .ok && points.text.contains("tidak ada kampanye preferensi yang dibuka"))
        }
    }

    @Test("points with their breakdown; a contest is filed once (double submit), shown pending, then decided on the admin's page")
    func pointsAndContest() async throws {
        try await TestApp.run { http, services, _, _ in
            let s = try await Self.setUp(http)
            let page = try await http.webGet("/saya/poin", session: s.session)
            #expect(page.status == .ok)
            // Placed since 2020-01-01: whole years in post at 5 points each.
            #expect(page.text.contains("Masa kerja pada jabatan sekarang") && page.text.contains("Jumlah poin Anda"))
            #expect(page.text.contains("5 poin untuk setiap tahun penuh pada jabatan sekarang, paling banyak 10 tahun."))
            let token = try #require(page.csrfToken)
            let key = try #require(page.text.range(of: "name=\"kunci\" value=\"")).upperBound
            let kunci = String(page.text[key...].prefix { $0 != "\"" })
            let fields = ["csrf": token, "kampanye": s.campaign, "kunci": kunci]

            let short = try await http.webPost("/saya/poin", fields: fields.merging(["alasan": "pendek"]) { _, b in b },
                                               cookies: [WebPage.session: s.session])
            #expect(short.status == .badRequest && short.text.contains("Alasan sanggahan: isi 10 sampai 1.000 karakter."))
            let reason = "Masa kerja <b>di daerah terpencil</b> belum dihitung"
            let noCSRF = try await http.webPost("/saya/poin", fields: ["kampanye": s.campaign, "alasan": reason],
                                                cookies: [WebPage.session: s.session])
            #expect(noCSRF.status == .forbidden)
            for _ in 0..<2 {
                let filed = try await http.webPost("/saya/poin", fields: fields.merging(["alasan": reason]) { _, b in b },
                                                   cookies: [WebPage.session: s.session])
                #expect(filed.status == .seeOther && filed.location == "/saya/poin?pesan=sanggahan")
            }
            let principal = try await Self.pegawai(services)
            let campaignID = UUID(uuidString: s.campaign)!
            let mine = try await services.contests.mine(actor: principal, tenantID: principal.scope.uuid, campaignID: campaignID,
                                                        page: try PageRequest()).items
            #expect(mine.count == 1 && mine.first?.state == .pending)
            let pending = try await http.webGet("/saya/poin", session: s.session)
            #expect(pending.text.contains("Menunggu keputusan") && !pending.text.contains("name=\"alasan\""))
            #expect(pending.text.contains("&lt;b&gt;di daerah terpencil&lt;/b&gt;") && !pending.text.contains("<b>di daerah"))

            // The tenant admin decides it on the campaign's contest page.
            let admin = try await http.webSignIn("kota-kupang", "admin")
            let list = try await http.webGet("/kampanye/\(s.campaign)/sanggahan", session: admin)
            #expect(list.status == .ok && list.text.contains("Simpan keputusan"))
            let contestID = mine[0].id.uuidString.lowercased()
            let decision = ["csrf": try #require(list.csrfToken), "sanggahan": contestID, "versi": "\(mine[0].version)",
                            "keputusan": "uphold", "penyesuaian": "0", "catatan": "Masa tugas di pulau terluar"]
            // Without the CSRF token, or with the employee's: 403, still pending.
            for csrf in [nil, token] as [String?] {
                var fields = decision.merging(["penyesuaian": "10"]) { _, b in b }
                fields["csrf"] = csrf
                let refused = try await http.webPost("/kampanye/\(s.campaign)/sanggahan", fields: fields, cookies: [WebPage.session: admin])
                #expect(refused.status == .forbidden)
            }
            let still = try await services.contests.mine(actor: principal, tenantID: principal.scope.uuid, campaignID: campaignID,
                                                         page: try PageRequest()).items
            #expect(still.first?.state == .pending)
            let zero = try await http.webPost("/kampanye/\(s.campaign)/sanggahan", fields: decision, cookies: [WebPage.session: admin])
            #expect(zero.status == .badRequest && zero.text.contains("Penyesuaian poin: untuk menerima sanggahan"))
            let notNumber = try await http.webPost("/kampanye/\(s.campaign)/sanggahan",
                                                   fields: decision.merging(["penyesuaian": "sepuluh"]) { _, b in b },
                                                   cookies: [WebPage.session: admin])
            #expect(notNumber.status == .badRequest && notNumber.text.contains("Penyesuaian poin"))
            // An approver may read the contests but not decide them.
            let ppk = try await http.webSignIn("kota-kupang", "ppk")
            let ppkPage = try await http.webGet("/kampanye/\(s.campaign)/sanggahan", session: ppk)
            #expect(ppkPage.status == .ok && !ppkPage.text.contains("Simpan keputusan"))
            let ppkPost = try await http.webPost("/kampanye/\(s.campaign)/sanggahan",
                                                 fields: decision.merging(["csrf": try #require(ppkPage.csrfToken), "penyesuaian": "10"]) { _, b in b },
                                                 cookies: [WebPage.session: ppk])
            #expect(ppkPost.status == .forbidden)
            let upheld = try await http.webPost("/kampanye/\(s.campaign)/sanggahan",
                                                fields: decision.merging(["penyesuaian": "10"]) { _, b in b },
                                                cookies: [WebPage.session: admin])
            #expect(upheld.status == .seeOther)
            let stale = try await http.webPost("/kampanye/\(s.campaign)/sanggahan",
                                               fields: decision.merging(["keputusan": "reject", "penyesuaian": ""]) { _, b in b },
                                               cookies: [WebPage.session: admin])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            let decided = try await services.contests.mine(actor: principal, tenantID: principal.scope.uuid, campaignID: campaignID,
                                                           page: try PageRequest()).items
            #expect(decided.first?.state == .upheld && decided.first?.adjustment == 10)
            let after = try await http.webGet("/saya/poin", session: s.session)
            #expect(after.text.contains("Diterima, penyesuaian +10 poin") && after.text.contains("Penyesuaian dari sanggahan"))
            #expect(after.text.contains("Masa tugas di pulau terluar") && after.text.contains("name=\"alasan\""))
        }
    }
}
