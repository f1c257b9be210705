import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

/// `/kampanye` through the router: who sees it, creating, opening and closing a campaign with
/// the CSRF token, the version and a key from the form, and refusals worded for people.
@Suite("Web campaign pages")
struct WebCampaignPagesTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn": (nil, "bkn-banjarmasin"), "admin": ("provinsi-sabangau", "admin"),
        "operator": ("provinsi-sabangau", "operator-pendidikan"), "ppk": ("provinsi-sabangau", "ppk"),
        "auditor": ("provinsi-sabangau", "auditor"), "pegawai": ("provinsi-sabangau", "pegawai"),
    ]

    @Test("Role x page: campaigns, plans and decrees as the services' rules allow; another tenant's ids answer 404")
    func roleMatrix() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let campaign = try #require(try await services.campaigns.list(actor: admin, tenantID: admin.scope.uuid,
                                                                         page: try PageRequest(limit: 10)).items.first).id.uuidString.lowercased()
            let plan = try await services.plans.create(actor: admin, tenantID: admin.scope.uuid, name: "Uji halaman",
                                                       policy: PlanPolicy.Overrides()).plan.id.uuidString.lowercased()
            let kupang = try await services.operators.principal(login: "kota-kupang/admin")
            let foreignPlan = try await services.plans.create(actor: kupang, tenantID: kupang.scope.uuid, name: "Rencana Kupang",
                                                              policy: PlanPolicy.Overrides()).plan.id.uuidString.lowercased()
            let foreignCampaign = try await services.campaigns.create(actor: kupang, tenantID: kupang.scope.uuid, .init(
                name: "Kampanye Kupang", opensAt: Date(), closesAt: Date().addingTimeInterval(86_400))).id.uuidString.lowercased()
            let staff = ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]
            let readers = ["platform": 403, "bkn": 403, "admin": 200, "operator": 403, "ppk": 200, "auditor": 200, "pegawai": 403]
            let absent = ["platform": 403, "bkn": 403, "admin": 404, "operator": 403, "ppk": 404, "auditor": 404, "pegawai": 403]
            let expected: [(String, [String: Int])] = [
                ("/kampanye", staff), ("/kampanye/\(campaign)", staff),
                ("/kampanye/\(foreignCampaign)", ["platform": 403, "bkn": 403, "admin": 404, "operator": 404, "ppk": 404,
                                                  "auditor": 404, "pegawai": 403]),
                ("/rencana", readers), ("/rencana/\(plan)", readers), ("/rencana/\(plan)/sk", readers),
                ("/rencana/\(foreignPlan)", absent), ("/rencana/\(foreignPlan)/sk", absent),
                ("/rencana/\(UUID().uuidString.lowercased())", absent),
            ]
            for (who, login) in Self.logins {
                let session = try await http.webSignIn(login.0, login.1)
                for (page, statuses) in expected {
                    let response = try await http.webGet(page, session: session)
                    #expect(response.status.code == statuses[who], "\(who) \(page): \(response.status)")
                    #expect(!response.text.contains("Rencana Kupang") && !response.text.contains("Kampanye Kupang"), "\(who) \(page)")
                }
            }
            // The plan not built yet: the page says so and offers a plain reload link.
            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let page = try await http.webGet("/rencana/\(plan)", session: session)
            #expect(page.text.contains("sedang disusun") && page.text.contains("href=\"/rencana/\(plan)\">Muat ulang</a>"))
        }
    }

    @Test("A tenant admin creates, opens and closes a campaign; refusals re-render with Indonesian messages and change nothing")
    func campaignSteps() async throws {
        try await TestApp.run { http, services, _, _ in
            let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
            let tenantID = admin.scope.uuid
            func count() async throws -> Int {
                try await services.campaigns.list(actor: admin, tenantID: tenantID, page: try PageRequest(limit: 1)).total
            }
            let before = try await count()
            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let list = try await http.webGet("/kampanye", session: session)
            #expect(list.status == .ok && list.text.contains("Ditutup") && list.text.contains("<caption>Kampanye preferensi"))
            let fields = ["nama": "Mutasi <2027>", "dibuka": "2026-12-01", "ditutup": "2026-12-31", "batas": "2027-01-31"]

            // Without the CSRF token: refused, nothing created.
            var noToken = try #require(list.formFields("/kampanye"))
            noToken["csrf"] = nil
            #expect(try await http.webPost("/kampanye", fields: noToken.merging(fields) { $1 },
                                           cookies: [WebPage.session: session]).status == .forbidden)
            #expect(try await http.submit(list, "/kampanye", session: session, fields.merging(["csrf": "salah"]) { $1 }).status == .forbidden)
            // Closing before opening: 400, the message names it, the entered name stays.
            let bad = try await http.submit(list, "/kampanye", session: session, fields.merging(["ditutup": "2026-11-01"]) { $1 })
            #expect(bad.status == .badRequest && bad.text.contains("Tanggal ditutup harus sesudah tanggal dibuka"))
            #expect(bad.text.contains("value=\"Mutasi &lt;2027&gt;\""))
            let badDate = try await http.submit(list, "/kampanye", session: session, fields.merging(["dibuka": "1 Desember"]) { $1 })
            #expect(badDate.status == .badRequest && badDate.text.contains("tanggal dibuka"))
            #expect(try await count() == before)

            let created = try await http.submit(list, "/kampanye", session: session, fields)
            #expect(created.status == .seeOther)
            let location = try #require(created.location)
            #expect(location.hasPrefix("/kampanye/") && location.hasSuffix("?pesan=dibuat"))
            let path = String(location.prefix { $0 != "?" })
            let id = try #require(UUID(uuidString: String(path.dropFirst("/kampanye/".count))))
            let draft = try await http.webGet(location, session: session)
            #expect(draft.text.contains("Kampanye dibuat sebagai draf.") && draft.text.contains("Draf"))
            #expect(draft.text.contains("href=\"\(path)/formulir\""))

            // An approver reads it but may not open it.
            let ppk = try await http.webSignIn("provinsi-sabangau", "ppk")
            let ppkPage = try await http.webGet(path, session: ppk)
            #expect(ppkPage.status == .ok && ppkPage.formFields("\(path)/buka") == nil)
            let ppkOpen = try await http.submit(draft, "\(path)/buka", session: ppk, ["csrf": try await http.csrf(ppk)])
            #expect(ppkOpen.status == .forbidden)
            // A stale version: 412 and the message; nothing opened.
            let stale = try await http.submit(draft, "\(path)/buka", session: session, ["versi": "99"])
            #expect(stale.status == .preconditionFailed && stale.text.contains("Data sudah diubah orang lain"))
            #expect(try await services.campaigns.get(actor: admin, tenantID: tenantID, id: id).state == .draft)

            let opened = try await http.submit(draft, "\(path)/buka", session: session)
            #expect(opened.status == .seeOther && opened.location == "\(path)?pesan=dibuka")
            // The same form sent twice does the step once.
            #expect(try await http.submit(draft, "\(path)/buka", session: session).status == .seeOther)
            #expect(try await services.campaigns.get(actor: admin, tenantID: tenantID, id: id).state == .open)
            // Opening again with a new form at the current version: 409 worded for people.
            var again = try #require(draft.formFields("\(path)/buka"))
            again["kunci"] = String(repeating: "ab", count: 16)
            again["versi"] = String(try await services.campaigns.get(actor: admin, tenantID: tenantID, id: id).version)
            let conflict = try await http.webPost("\(path)/buka", fields: again, cookies: [WebPage.session: session])
            #expect(conflict.status == .conflict && conflict.text.contains("status data saat ini"))

            let openPage = try await http.webGet(path, session: session)
            #expect(openPage.text.contains("Dibuka"))
            let closed = try await http.submit(openPage, "\(path)/tutup", session: session)
            #expect(closed.status == .seeOther)
            #expect(try await services.campaigns.get(actor: admin, tenantID: tenantID, id: id).state == .closed)
            #expect(try await http.webGet("/kampanye", session: session).text.contains("Mutasi &lt;2027&gt;"))
        }
    }
}
