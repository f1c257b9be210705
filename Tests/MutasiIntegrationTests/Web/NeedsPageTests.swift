import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiHTTP
import Testing

/// The needs-analysis pages through the router: who sees and does what (as the API allows),
/// another tenant's analysis answering 404, CSRF refusals, a stale form's 412, a refused form
/// naming its field, and the whole workflow by forms (create, submit, return, resubmit, approve).
@Suite("Needs analysis pages")
struct NeedsPageTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn": (nil, "bkn-denpasar"), "admin": ("kota-kupang", "admin"),
        "operator": ("kota-kupang", "operator-pendidikan"), "ppk": ("kota-kupang", "ppk"),
        "auditor": ("kota-kupang", "auditor"), "pegawai": ("kota-kupang", "pegawai"), "mataram": ("kota-mataram", "admin"),
    ]

    /// The value of the first hidden or text field `name` on a page.
    static func field(_ html: String, _ name: String) -> String? {
        guard let range = html.range(of: "name=\"\(name)\" value=\"") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "\"" })
    }

    /// The text of the element with `id` (an `<output>` or `<span>`).
    static func figure(_ html: String, _ id: String) -> String? {
        guard let range = html.range(of: "id=\"\(id)\">") else { return nil }
        return String(html[range.upperBound...].prefix { $0 != "<" })
    }

    static func taskFields(_ tasks: [(String, String, String)], csrf: String, extra: [String: String] = [:]) -> [String: String] {
        var fields = ["csrf": csrf, "metode": "tugas", "tahun": "2026", "aksi": "simpan"]
        for (i, task) in tasks.enumerated() {
            fields["uraian_\(i)"] = task.0; fields["volume_\(i)"] = task.1; fields["norma_\(i)"] = task.2
        }
        return fields.merging(extra) { _, new in new }
    }

    static let worked = [("Menyusun laporan kepegawaian", "120", "300"), ("Memverifikasi usulan", "610", "30")]

    @Test("Role x page: list, entry form, analysis and edit form as the API's rules allow; another tenant's 404")
    func roleMatrix() async throws {
        try await TestApp.run { http, _, db, _ in
            let slot = try await NeedsAnalysisTests.slot(db, unit: "web-matrix", staff: 1)
            let health = try await NeedsAnalysisTests.slot(db, agency: "dinas-kesehatan", unit: "web-kes", staff: 0)
            let adminToken = try await http.login("kota-kupang", "admin")
            let tenant = try await NeedsAnalysisTests.tenantID(http, adminToken)
            func create(_ slotID: String) async throws -> String {
                (try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: adminToken,
                                     json: ["slotID": slotID, "year": 2026, "tasks": NeedsAnalysisTests.workedTasks]).json()["id"] as! String)
                    .lowercased()
            }
            let own = try await create(slot), other = try await create(health)
            let unknown = UUID().uuidString.lowercased()
            let outside = ["platform": 403, "bkn": 403, "mataram": 404]
            let readers = outside.merging(["pegawai": 403]) { a, _ in a }
            let editors = readers.merging(["ppk": 403, "auditor": 403]) { a, _ in a }
            let expected: [(String, [String: Int], Int)] = [
                ("/abk", outside.merging(["pegawai": 403, "mataram": 200]) { _, b in b }, 200),
                ("/abk/baru", editors.merging(["mataram": 200]) { _, b in b }, 200),
                ("/abk/baru?formasi=\(slot)", editors, 200),
                ("/abk/baru?formasi=\(health)", editors.merging(["operator": 403]) { a, _ in a }, 200),
                ("/abk/baru?formasi=\(unknown)", editors.merging(["admin": 404, "operator": 404]) { a, _ in a }, 0),
                ("/abk/\(own)", readers, 200),
                ("/abk/\(other)", readers.merging(["operator": 403]) { a, _ in a }, 200),
                ("/abk/\(unknown)", readers.merging(["admin": 404, "operator": 404, "ppk": 404, "auditor": 404]) { a, _ in a }, 0),
                ("/abk/bukan-id", ["platform": 403, "bkn": 403], 404),
                ("/abk/\(own)/ubah", editors, 200),
                ("/abk/\(other)/ubah", editors.merging(["operator": 403]) { a, _ in a }, 200),
            ]
            var failures: [String] = []
            for (who, login) in Self.logins {
                let session = try await http.webSignIn(login.0, login.1)
                for (page, statuses, otherwise) in expected {
                    let response = try await http.webGet(page, session: session)
                    let want = statuses[who] ?? otherwise
                    if response.status.code != want { failures.append("\(who) \(page): \(response.status.code), expected \(want)") }
                    if response.status.code == 200 && page.hasPrefix("/abk/\(own)") && !response.text.contains("WEB-MATRIX") {
                        failures.append("\(who) \(page): the analysis's unit is missing")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // The list shows an operator their agency's analyses only.
            let operatorSession = try await http.webSignIn("kota-kupang", "operator-pendidikan")
            let operatorList = try await http.webGet("/abk?keadaan=draft&tahun=2026", session: operatorSession).text
            #expect(operatorList.contains("href=\"/abk/\(own)\"") && !operatorList.contains("href=\"/abk/\(other)\""))
            let adminList = try await http.webGet("/abk?keadaan=draft&tahun=2026", session: try await http.webSignIn("kota-kupang", "admin")).text
            #expect(adminList.contains("href=\"/abk/\(own)\"") && adminList.contains("href=\"/abk/\(other)\""))
            let filtered = try await http.webGet("/abk?keadaan=approved", session: operatorSession).text
            #expect(!filtered.contains("href=\"/abk/\(own)\""))
            let badFilter = try await http.webGet("/abk?keadaan=semua", session: operatorSession)
            #expect(badFilter.status == .badRequest)
            let mataramList = try await http.webGet("/abk", session: try await http.webSignIn("kota-mataram", "admin")).text
            #expect(!mataramList.contains(own) && !mataramList.contains(other))
        }
    }

    @Test("The whole workflow by forms: enter, submit, return with notes, edit, submit again, approve; the slot's need follows")
    func workflow() async throws {
        try await TestApp.run { http, _, db, _ in
            let slot = try await NeedsAnalysisTests.slot(db, unit: "web-alur", staff: 1)
            let adminToken = try await http.login("kota-kupang", "admin")
            let tenant = try await NeedsAnalysisTests.tenantID(http, adminToken)
            let operatorSession = try await http.webSignIn("kota-kupang", "operator-pendidikan")
            let cookies = [WebPage.session: operatorSession]

            // The entry form carries the tenant's settings and the slot's staff for the script.
            let form = try await http.webGet("/abk/baru?formasi=\(slot)", session: operatorSession)
            #expect(form.status == .ok)
            let csrf = try #require(form.csrfToken)
            for attribute in ["data-menit-efektif=\"75000\"", "data-pembulatan=\"up\"", "data-pegawai=\"1\"",
                              "data-ambang-a=\"1\"", "data-ambang-b=\"0.9\"", "data-ambang-a-inklusif=\"ya\""] {
                #expect(form.text.contains(attribute), "\(attribute)")
            }
            #expect(form.text.contains("<script src=\"/aset/abk.js?v="))

            // "Tambah baris" without the script: the form again with what was typed and one more row, nothing saved.
            let more = try await http.webPost("/abk/baru?formasi=\(slot)", fields: Self.taskFields(Self.worked, csrf: csrf, extra: ["aksi": "tambah"]),
                                              cookies: cookies)
            #expect(more.status == .ok && more.text.contains("value=\"Memverifikasi usulan\"") && more.text.contains("name=\"uraian_3\""))

            let created = try await http.webPost("/abk/baru?formasi=\(slot)", fields: Self.taskFields(Self.worked, csrf: csrf), cookies: cookies)
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            #expect(location.hasPrefix("/abk/") && location.hasSuffix("?pesan=dibuat"))
            let id = String(location.dropFirst("/abk/".count).prefix { $0 != "?" })
            let page = try await http.webGet(location, session: operatorSession).text
            #expect(page.contains("ABK disimpan sebagai draf."))
            #expect(Self.figure(page, "abk-beban") == "54.300" && Self.figure(page, "abk-pasti") == "0,724")
            #expect(Self.figure(page, "abk-butuh") == "1" && Self.figure(page, "abk-ej") == "0,724")
            #expect(Self.figure(page, "abk-kelas") == "C" && Self.figure(page, "abk-selisih") == "Seimbang")

            // Submit with the form's version and key; the same form sent twice does it once.
            let submitFields = ["csrf": csrf, "versi": try #require(Self.field(page, "versi")), "kunci": try #require(Self.field(page, "kunci"))]
            let submitted = try await http.webPost("/abk/\(id)/ajukan", fields: submitFields, cookies: cookies)
            #expect(submitted.status == .seeOther && submitted.location == "/abk/\(id)?pesan=diajukan")
            let again = try await http.webPost("/abk/\(id)/ajukan", fields: submitFields, cookies: cookies)
            #expect(again.status == .seeOther)
            let api = "/v1/tenants/\(tenant)/needs-analyses/\(id)"
            let history = try await http.call(.get, "\(api)/history", token: adminToken).json()["items"] as! [[String: Any]]
            #expect(history.compactMap { $0["action"] as? String } == ["create", "submit"])

            // The tenant admin sees it first, awaiting verification: before a later year's draft too.
            let later = try await NeedsAnalysisTests.slot(db, unit: "web-alur-lain", staff: 0)
            let laterID = (try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: adminToken,
                                               json: ["slotID": later, "year": 2027, "tasks": NeedsAnalysisTests.workedTasks])
                .json()["id"] as! String).lowercased()
            let adminSession = try await http.webSignIn("kota-kupang", "admin")
            let list = try await http.webGet("/abk", session: adminSession).text
            let rows = list.components(separatedBy: "<tbody>").last!.components(separatedBy: "</tr>").dropLast()
            let waiting = rows.prefix { $0.contains("menunggu verifikasi") }
            #expect(waiting.contains { $0.contains("href=\"/abk/\(id)\"") })
            #expect(!rows.dropFirst(waiting.count).contains { $0.contains("menunggu verifikasi") })
            #expect(rows.contains { $0.contains("href=\"/abk/\(laterID)\"") })
            // Others see the plain order: the later year first.
            let auditorList = try await http.webGet("/abk", session: try await http.webSignIn("kota-kupang", "auditor")).text
            let mine = try #require(auditorList.range(of: "href=\"/abk/\(id)\""))
            let draft = try #require(auditorList.range(of: "href=\"/abk/\(laterID)\""))
            #expect(draft.lowerBound < mine.lowerBound && !auditorList.contains("menunggu verifikasi"))
            let adminResponse = try await http.webGet("/abk/\(id)", session: adminSession)
            let adminPage = adminResponse.text
            #expect(adminPage.contains("action=\"/abk/\(id)/setujui\"") && adminPage.contains("action=\"/abk/\(id)/kembalikan\""))
            let adminCsrf = try #require(adminResponse.csrfToken)
            let version = try #require(Self.field(adminPage, "versi"))

            // Returning needs notes: refused with the field named, nothing changed.
            let bare = try await http.webPost("/abk/\(id)/kembalikan", fields: ["csrf": adminCsrf, "versi": version, "catatan": "  "],
                                              cookies: [WebPage.session: adminSession])
            #expect(bare.status == .badRequest && bare.text.contains("Catatan wajib diisi"))
            let unchanged = try await http.call(.get, api, token: adminToken).json()["state"] as? String
            #expect(unchanged == "submitted")
            let returned = try await http.webPost("/abk/\(id)/kembalikan", fields: ["csrf": adminCsrf, "versi": version,
                                                                                 "catatan": "Norma waktu laporan terlalu besar"],
                                                  cookies: [WebPage.session: adminSession])
            #expect(returned.status == .seeOther)

            // The operator sees the notes, edits and submits again.
            let edit = try await http.webGet("/abk/\(id)/ubah", session: operatorSession).text
            #expect(edit.contains("Catatan pengembalian:</strong> Norma waktu laporan terlalu besar"))
            #expect(edit.contains("value=\"Menyusun laporan kepegawaian\"") && edit.contains("value=\"300\""))
            let editVersion = try #require(Self.field(edit, "versi"))
            var fields = Self.taskFields([("Menyusun laporan kepegawaian", "120", "250,5"), ("Memverifikasi usulan", "610", "30"),
                                          ("Rapat koordinasi", "48", "90")], csrf: csrf, extra: ["versi": editVersion])
            fields["hapus_2"] = "ya"   // a ticked row is left out
            let saved = try await http.webPost("/abk/\(id)/ubah", fields: fields, cookies: cookies)
            #expect(saved.status == .seeOther && saved.location == "/abk/\(id)?pesan=disimpan")
            let view = try await http.call(.get, api, token: adminToken).json()
            let tasks = view["tasks"] as! [[String: Any]]
            #expect(tasks.map { $0["standardMinutes"] as! String } == ["250.5", "30"])
            // 120 x 250.5 + 610 x 30 = 48,360 minutes: 0.6448 persons.
            let resaved = try await http.webGet("/abk/\(id)", session: operatorSession).text
            #expect(Self.figure(resaved, "abk-beban") == "48.360" && Self.figure(resaved, "abk-pasti") == "0,6448")
            let resubmit = try await http.webPost("/abk/\(id)/ajukan", fields: ["csrf": csrf, "versi": try #require(Self.field(resaved, "versi")),
                                                                            "kunci": try #require(Self.field(resaved, "kunci"))], cookies: cookies)
            #expect(resubmit.status == .seeOther)

            // Approval sets the slot's need.
            let approvePage = try await http.webGet("/abk/\(id)", session: adminSession).text
            let approved = try await http.webPost("/abk/\(id)/setujui", fields: ["csrf": adminCsrf, "versi": try #require(Self.field(approvePage, "versi")),
                                                                             "kunci": "sekali", "catatan": "Sesuai"],
                                                  cookies: [WebPage.session: adminSession])
            #expect(approved.status == .seeOther && approved.location == "/abk/\(id)?pesan=disetujui")
            let slotView = try await http.call(.get, "/v1/tenants/\(tenant)/slots/\(slot)", token: adminToken).json()
            #expect(slotView["need"] as? Int == 1 && slotView["needSource"] as? String == "analysis")
            let final = try await http.webGet("/abk/\(id)", session: adminSession).text
            #expect(final.contains(">Disetujui</span>") && final.contains("Catatan verifikasi:</strong> Sesuai"))
            #expect(final.contains("Norma waktu laporan terlalu besar") && final.contains("kebutuhan 1"))
            #expect(!final.contains("action=\"/abk/\(id)/setujui\""))
        }
    }

    @Test("Forms without or with a wrong CSRF token answer 403 and change nothing")
    func csrf() async throws {
        try await TestApp.run { http, _, db, _ in
            let slot = try await NeedsAnalysisTests.slot(db, unit: "web-csrf", staff: 0)
            let adminToken = try await http.login("kota-kupang", "admin")
            let tenant = try await NeedsAnalysisTests.tenantID(http, adminToken)
            let id = try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: adminToken,
                                         json: ["slotID": slot, "year": 2026, "tasks": NeedsAnalysisTests.workedTasks]).json()["id"] as! String
            let session = try await http.webSignIn("kota-kupang", "admin")
            let cookies = [WebPage.session: session]
            for token in [nil, "0000"] as [String?] {
                var fields = Self.taskFields(Self.worked, csrf: token ?? "", extra: ["tahun": "2027", "versi": "1", "kunci": "k"])
                if token == nil { fields["csrf"] = nil }
                for uri in ["/abk/baru?formasi=\(slot)", "/abk/\(id)/ubah", "/abk/\(id)/ajukan"] {
                    let response = try await http.webPost(uri, fields: fields, cookies: cookies)
                    #expect(response.status == .forbidden, "\(uri) with \(token ?? "no token")")
                }
            }
            let list = try await http.call(.get, "/v1/tenants/\(tenant)/needs-analyses?slotID=\(slot)", token: adminToken).json()
            #expect(list["total"] as? Int == 1)
            let view = try await http.call(.get, "/v1/tenants/\(tenant)/needs-analyses/\(id)", token: adminToken)
            let state = try view.json()["state"] as? String
            #expect(view.headers[.eTag] == "\"v1\"" && state == "draft")
        }
    }

    @Test("A refused form shows what was typed with a message naming the field; a stale one answers 412; nothing changes")
    func refusals() async throws {
        try await TestApp.run { http, _, db, _ in
            let slot = try await NeedsAnalysisTests.slot(db, unit: "web-galat", staff: 2)
            let adminToken = try await http.login("kota-kupang", "admin")
            let tenant = try await NeedsAnalysisTests.tenantID(http, adminToken)
            let session = try await http.webSignIn("kota-kupang", "operator-pendidikan")
            let cookies = [WebPage.session: session]
            let csrf = try #require(try await http.webGet("/abk/baru?formasi=\(slot)", session: session).csrfToken)
            let list = "/v1/tenants/\(tenant)/needs-analyses?slotID=\(slot)"

            let bad = try await http.webPost("/abk/baru?formasi=\(slot)", fields: Self.taskFields(
                [("Menyusun laporan", "120", "300"), ("Memverifikasi <usulan>", "enam ratus", "30")], csrf: csrf), cookies: cookies)
            #expect(bad.status == .badRequest)
            #expect(bad.text.contains("Baris 2: volume per tahun bukan angka yang sah"))
            #expect(bad.text.contains("value=\"enam ratus\"") && bad.text.contains("value=\"Memverifikasi &lt;usulan&gt;\""))
            let noTime = try await http.webPost("/abk/baru?formasi=\(slot)", fields: Self.taskFields([("Menyusun laporan", "120", "0")], csrf: csrf),
                                                cookies: cookies)
            #expect(noTime.status == .badRequest && noTime.text.contains("Baris 1: norma waktu harus lebih dari 0 menit."))
            let ratio = try await http.webPost("/abk/baru?formasi=\(slot)", fields: ["csrf": csrf, "tahun": "2026", "metode": "rasio",
                                                                                  "rasio_penggerak": "murid per guru", "rasio_populasi": "99999999999999999999",
                                                                                  "rasio_per_orang": "20"], cookies: cookies)
            #expect(ratio.status == .badRequest && ratio.text.contains("Jumlah yang dilayani harus bilangan bulat."))
            let year = try await http.webPost("/abk/baru?formasi=\(slot)", fields: Self.taskFields(Self.worked, csrf: csrf, extra: ["tahun": "1999"]),
                                              cookies: cookies)
            #expect(year.status == .badRequest && year.text.contains("Tahun harus antara 2000 dan 2100."))
            let none = try await http.call(.get, list, token: adminToken).json()["total"] as? Int
            #expect(none == 0)

            // A ratio: 250 pupils at 20 each need 12.5, rounded up to 13; 2 on staff: short by 11.
            let made = try await http.webPost("/abk/baru?formasi=\(slot)", fields: ["csrf": csrf, "tahun": "2026", "metode": "rasio",
                                                                                 "rasio_penggerak": "murid per guru", "rasio_populasi": "250",
                                                                                 "rasio_per_orang": "20"], cookies: cookies)
            #expect(made.status == .seeOther)
            let id = String(try #require(made.location).dropFirst("/abk/".count).prefix { $0 != "?" })
            let page = try await http.webGet("/abk/\(id)", session: session).text
            #expect(Self.figure(page, "abk-pasti") == "12,5" && Self.figure(page, "abk-butuh") == "13")
            #expect(Self.figure(page, "abk-ej") == "6,25" && Self.figure(page, "abk-selisih") == "Kurang 11")
            // A second analysis of the same slot and year is refused (409), naming the open one.
            let second = try await http.webPost("/abk/baru?formasi=\(slot)", fields: Self.taskFields(Self.worked, csrf: csrf), cookies: cookies)
            #expect(second.status == .conflict && second.text.contains("sudah memiliki ABK tahun tersebut"))

            // A form read at version 1, sent after someone else saved version 2: 412, the typed values kept.
            let edit = try await http.webGet("/abk/\(id)/ubah", session: session).text
            let stale = try #require(Self.field(edit, "versi"))
            let put = try await http.call(.put, "/v1/tenants/\(tenant)/needs-analyses/\(id)", token: adminToken,
                                          json: ["tasks": NeedsAnalysisTests.workedTasks], headers: NeedsAnalysisTests.ifMatch(1))
            #expect(put.status == .ok)
            let late = try await http.webPost("/abk/\(id)/ubah", fields: ["csrf": csrf, "versi": stale, "metode": "rasio",
                                                                       "rasio_penggerak": "murid per guru", "rasio_populasi": "300",
                                                                       "rasio_per_orang": "20"], cookies: cookies)
            #expect(late.status == .preconditionFailed && late.text.contains("Data sudah diubah orang lain"))
            #expect(late.text.contains("value=\"300\""))
            let lateSubmit = try await http.webPost("/abk/\(id)/ajukan", fields: ["csrf": csrf, "versi": stale, "kunci": "basi"], cookies: cookies)
            #expect(lateSubmit.status == .preconditionFailed && lateSubmit.text.contains("Data sudah diubah orang lain"))
            let view = try await http.call(.get, "/v1/tenants/\(tenant)/needs-analyses/\(id)", token: adminToken)
            let state = try view.json()["state"] as? String
            #expect(view.headers[.eTag] == "\"v2\"" && state == "draft")
        }
    }

    @Test("The script is served under its content hash with long caching, and pages allow only scripts of their own")
    func script() async throws {
        try await TestApp.run(seeded: false) { http, _, _, _ in
            let form = try await http.webGet("/masuk")
            #expect(form.headers[.contentSecurityPolicy]?.contains("script-src 'self'") == true)
            #expect(!form.text.contains("<script"))
            let js = try await http.webGet("/aset/abk.js?v=1")
            #expect(js.status == .ok && js.headers[.contentType] == "text/javascript; charset=utf-8")
            #expect(js.headers[.cacheControl]?.contains("immutable") == true && js.text.contains("BigInt"))
            let etag = try #require(js.headers[.eTag])
            let cached = try await http.webGet("/aset/abk.js?v=1", headers: [.ifNoneMatch: etag])
            #expect(cached.status == .notModified)
        }
    }
}
