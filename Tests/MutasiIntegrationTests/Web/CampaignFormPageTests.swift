import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiHTTP
import Testing

/// The employee's pages and a campaign's forms and contests pages by role, another tenant's
/// campaign answering 404, and the forms list with its filters and pages, on the demo province.
@Suite("Web: employee and campaign form pages by role")
struct CampaignFormPageTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn": (nil, "bkn-banjarmasin"), "admin": ("provinsi-sabangau", "admin"),
        "operator": ("provinsi-sabangau", "operator-pendidikan"), "ppk": ("provinsi-sabangau", "ppk"),
        "auditor": ("provinsi-sabangau", "auditor"), "pegawai": ("provinsi-sabangau", "pegawai"),
    ]

    /// The demo's closed campaign of Sabangau and one made in Kupang.
    static func campaigns(_ http: some TestClientProtocol) async throws -> (tenant: String, sabangau: String, kupang: String) {
        let token = try await http.login("provinsi-sabangau", "admin")
        let tenant = try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String
        let list = try await http.call(.get, "/v1/tenants/\(tenant)/campaigns?state=closed", token: token).json()
        let sabangau = try #require((list["items"] as? [[String: Any]])?.first?["id"] as? String)
        let kupangAdmin = try await http.login("kota-kupang", "admin")
        let kupangID = try await http.call(.get, "/v1/me", token: kupangAdmin).json()["scope"] as! String
        let kupang = try await CampaignFixtures.create(http, token: kupangAdmin, tenantID: kupangID, CampaignFixtures.draft("Kupang"))
        return (tenant, sabangau.lowercased(), kupang.lowercased())
    }

    @Test("Role x page: the employee's pages for employees only; forms and contests for the tenant's staff; another tenant's campaign 404")
    func roleMatrix() async throws {
        try await TestApp.run { http, _, _, _ in
            let c = try await Self.campaigns(http)
            let employeeOnly = ["platform": 403, "bkn": 403, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 200]
            let staff = ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]
            let absent = ["platform": 403, "bkn": 403, "admin": 404, "operator": 404, "ppk": 404, "auditor": 404, "pegawai": 403]
            // Employees never see a campaign's forms: refused before the campaign is looked up.
            let expected: [(String, [String: Int])] = [
                ("/saya/preferensi", employeeOnly), ("/saya/poin", employeeOnly), ("/saya/usulan", employeeOnly),
                ("/saya/sk", employeeOnly),
                ("/saya/sk/\(UUID().uuidString.lowercased()).pdf",
                 ["platform": 403, "bkn": 403, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 404]),
                ("/kampanye/\(c.sabangau)/formulir", staff), ("/kampanye/\(c.sabangau)/sanggahan", staff),
                ("/kampanye/\(c.kupang)/formulir", absent), ("/kampanye/\(c.kupang)/sanggahan", absent),
                ("/kampanye/\(UUID().uuidString.lowercased())/formulir", absent),
                ("/kampanye/bukan-id/sanggahan", absent),
            ]
            for (who, login) in Self.logins {
                let session = try await http.webSignIn(login.0, login.1)
                for (page, statuses) in expected {
                    let response = try await http.webGet(page, session: session)
                    #expect(response.status.code == statuses[who], "\(who) \(page): \(response.status)")
                    if response.status.code >= 400 {
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8" && response.text.contains("<h1>"))
                    }
                }
                // Employees' own pages are linked from their record and the navigation.
                if who == "pegawai" {
                    let record = try await http.webGet("/saya", session: session)
                    #expect(record.text.contains("href=\"/saya/preferensi\"") && record.text.contains("href=\"/saya/sk\""))
                    // The demo's only campaign is closed: a sentence, no form.
                    let form = try await http.webGet("/saya/preferensi", session: session)
                    #expect(form.text.contains("tidak ada kampanye preferensi yang dibuka") && !form.text.contains("Simpan formulir"))
                    #expect(try await http.webGet("/saya/usulan", session: session).text.contains("tidak ada usulan mutasi"))
                    #expect(try await http.webGet("/saya/sk", session: session).text.contains("Belum ada surat keputusan"))
                }
            }
        }
    }

    @Test("the forms list: the API's total, filters by wish and agency, 50 a page, the operator only their agency's")
    func formsList() async throws {
        try await TestApp.run { http, _, _, _ in
            let c = try await Self.campaigns(http)
            let token = try await http.login("provinsi-sabangau", "admin")
            let agencies = try await CampaignFixtures.agencies(http, token: token, tenantID: c.tenant)
            let api = "/v1/tenants/\(c.tenant)/campaigns/\(c.sabangau)/forms"
            let total = try await http.call(.get, "\(api)?limit=1", token: token).json()["total"] as! Int
            let admin = try await http.webSignIn("provinsi-sabangau", "admin")
            let base = "/kampanye/\(c.sabangau)/formulir"
            let first = try await http.webGet(base, session: admin)
            #expect(first.status == .ok)
            #expect(first.text.contains("\(IndonesianFormat.number(total)) formulir"))
            #expect(first.text.components(separatedBy: "<tr><td>").count - 1 == 50)
            #expect(first.text.contains("href=\"/kampanye/\(c.sabangau)\"") && first.text.contains("rel=\"next\""))
            let last = (total + 49) / 50
            let lastPage = try await http.webGet("\(base)?halaman=\(last)", session: admin)
            #expect(lastPage.text.components(separatedBy: "<tr><td>").count - 1 == total - (last - 1) * 50)
            #expect(!lastPage.text.contains("rel=\"next\""))

            // Filters: each wish and the health agency give what the service counts.
            var sum = 0
            for wish in ["move", "stay", "none"] {
                let page = try await http.webGet("\(base)?keinginan=\(wish)", session: admin)
                let shown = try #require(Self.count(page.text))
                sum += shown
                #expect(page.text.contains("<option value=\"\(wish)\" selected>"))
            }
            #expect(sum == total)
            let health = agencies["dinas-kesehatan"]!.lowercased()
            let healthForms = try #require(Self.count(try await http.webGet("\(base)?instansi=\(health)", session: admin).text))
            #expect(healthForms > 0 && healthForms < total)
            let stayHealth = try #require(Self.count(try await http.webGet("\(base)?instansi=\(health)&keinginan=stay", session: admin).text))
            #expect(stayHealth < healthForms)
            #expect(try await http.webGet("\(base)?keinginan=pindah", session: admin).status == .badRequest)
            #expect(try await http.webGet("\(base)?instansi=bukan", session: admin).status == .badRequest)
            #expect(try await http.webGet("\(base)?halaman=0", session: admin).status == .badRequest)
            #expect(try await http.webGet("\(base)?halaman=99999999999999999999", session: admin).status == .badRequest)

            // The operator of Dinas Pendidikan: the API's count of their forms; none of health's.
            let operatorToken = try await http.login("provinsi-sabangau", "operator-pendidikan")
            let theirs = try await http.call(.get, "\(api)?limit=1", token: operatorToken).json()["total"] as! Int
            let op = try await http.webSignIn("provinsi-sabangau", "operator-pendidikan")
            #expect(Self.count(try await http.webGet(base, session: op).text) == theirs)
            #expect(theirs < total)
            #expect(Self.count(try await http.webGet("\(base)?instansi=\(health)", session: op).text) == 0)
        }
    }

    /// The number of forms a list page says it has ("1.234 formulir"; 0 when it says none fit).
    static func count(_ page: String) -> Int? {
        if page.contains("Tidak ada formulir yang sesuai") { return 0 }
        guard let end = page.range(of: " formulir</p>") else { return nil }
        let digits = page[..<end.lowerBound].reversed().prefix { $0.isNumber || $0 == "." }
        return Int(String(digits.reversed()).replacingOccurrences(of: ".", with: ""))
    }
}
