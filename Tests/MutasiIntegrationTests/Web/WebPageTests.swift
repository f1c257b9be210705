import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiHTTP
import PostgresNIO
import Testing

/// The pages through the router: who sees what, the figures the API gives, another tenant's
/// agency answering 404, and every value escaped.
@Suite("Web pages")
struct WebPageTests {
    /// The ids the pages are opened with: Sabangau's two agencies and one of Kupang's.
    struct Ids {
        var tenant: String
        var education: String
        var health: String
        var kupangAgency: String
        var kupangTenant: String
    }

    static func ids(_ http: TestClientProtocol) async throws -> Ids {
        func agencyIDs(_ tenant: String) async throws -> (String, [String: String]) {
            let token = try await http.login(tenant, "admin")
            let scope = try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String
            let list = try await http.call(.get, "/v1/tenants/\(scope)/agencies?limit=200", token: token).json()
            let items = list["items"] as! [[String: Any]]
            return (scope, Dictionary(uniqueKeysWithValues: items.map { ($0["code"] as! String, ($0["id"] as! String).lowercased()) }))
        }
        let (sabangau, agencies) = try await agencyIDs("provinsi-sabangau")
        let (kupangTenant, kupang) = try await agencyIDs("kota-kupang")
        return Ids(tenant: sabangau, education: agencies["dinas-pendidikan"]!, health: agencies["dinas-kesehatan"]!,
                   kupangAgency: kupang["dinas-pendidikan"]!, kupangTenant: kupangTenant.lowercased())
    }

    @Test("Role x page: dashboard, drill-down and own record as the API's rules allow")
    func roleMatrix() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await Self.ids(http)
            let logins: [String: (String?, String)] = [
                "platform": (nil, "admin"), "bkn": (nil, "bkn-banjarmasin"), "admin": ("provinsi-sabangau", "admin"),
                "operator": ("provinsi-sabangau", "operator-pendidikan"), "ppk": ("provinsi-sabangau", "ppk"),
                "auditor": ("provinsi-sabangau", "auditor"), "pegawai": ("provinsi-sabangau", "pegawai"),
            ]
            // Expected status per page, per login (303 from / sends an employee to their record).
            let expected: [(String, [String: Int])] = [
                ("/", ["platform": 303, "bkn": 303, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 303]),
                ("/instansi/\(ids.education)",
                 ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("/instansi/\(ids.health)",   // not the operator's agency
                 ["platform": 403, "bkn": 403, "admin": 200, "operator": 403, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("/instansi/\(ids.kupangAgency)",   // another tenant's: absent (403 to whom the API refuses every other agency)
                 ["platform": 403, "bkn": 403, "admin": 404, "operator": 403, "ppk": 404, "auditor": 404, "pegawai": 403]),
                ("/instansi/\(UUID().uuidString.lowercased())",
                 ["platform": 403, "bkn": 403, "admin": 404, "operator": 403, "ppk": 404, "auditor": 404, "pegawai": 403]),
                ("/instansi/bukan-id", ["platform": 403, "bkn": 403, "admin": 404, "operator": 404, "ppk": 404, "auditor": 404, "pegawai": 404]),
                ("/saya", ["platform": 403, "bkn": 403, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 200]),
                ("/daerah", ["platform": 200, "bkn": 200, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 403]),
                ("/daerah/\(ids.tenant)",
                 ["platform": 200, "bkn": 200, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 403]),
                ("/daerah/\(ids.kupangTenant)",   // outside Banjarmasin's area
                 ["platform": 200, "bkn": 404, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 403]),
                ("/daerah/\(UUID().uuidString.lowercased())",
                 ["platform": 404, "bkn": 404, "admin": 403, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 403]),
            ]
            for (who, login) in logins {
                let session = try await http.webSignIn(login.0, login.1)
                for (page, statuses) in expected {
                    let response = try await http.webGet(page, session: session)
                    #expect(response.status.code == statuses[who], "\(who) \(page): \(response.status)")
                    if response.status.code >= 400 {
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8", "\(who) \(page)")
                        #expect(!response.text.contains("Problem") && response.text.contains("<h1>"))
                    }
                }
            }
        }
    }

    @Test("The dashboard shows each agency's figures as the API computes them, a chart and the totals")
    func dashboard() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await Self.ids(http)
            let token = try await http.login("provinsi-sabangau", "admin")
            let report = try await http.call(.get, "/v1/tenants/\(ids.tenant)/balance?level=agency&limit=200", token: token).json()
            let items = report["items"] as! [[String: Any]]
            let totals = report["totals"] as! [String: Any]
            #expect(items.count >= 2)

            let session = try await http.webSignIn("provinsi-sabangau", "admin")
            let page = try await http.webGet("/", session: session)
            #expect(page.status == .ok)
            let html = page.text
            #expect(html.contains("<svg") && html.contains("role=\"img\""))
            #expect(html.contains("Pemerintah Provinsi Sabangau"))
            #expect(page.headers[.init("Server-Timing")!]?.hasPrefix("render;dur=") == true)
            for item in items {
                let id = (item["id"] as! String).lowercased(), name = item["name"] as! String
                let row = try #require(Self.row(html, containing: "href=\"/instansi/\(id)\""), "\(name)")
                let cells = Self.numbers(row)
                #expect(Array(cells.prefix(5)) == [item["need"], item["current"], item["retiring"], item["deficit"], item["surplus"]]
                    .map { IndonesianFormat.number($0 as! Int) }, "\(name): \(cells)")
                #expect(html.contains("Kebutuhan \(IndonesianFormat.number(item["need"] as! Int))</text>"))
                #expect(html.contains("Pegawai \(IndonesianFormat.number(item["current"] as! Int))</text>"))
            }
            let need = totals["need"] as! Int
            #expect(need >= 1000)   // a province: thousands separated by a dot
            #expect(html.contains("<dd>\(IndonesianFormat.number(need))</dd>") && IndonesianFormat.number(need).contains("."))
        }
    }

    @Test("Platform and BKN admins land on the regions in their reach and see a region's balance per agency")
    func regions() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await Self.ids(http)
            let signIn = try await http.webPostSignIn(nil, "bkn-banjarmasin")
            #expect(signIn.location == "/daerah")
            let bkn = try #require(signIn.cookie(WebPage.session))
            let list = try await http.webGet("/daerah", session: bkn)
            #expect(list.text.contains("/daerah/\(ids.tenant)"))
            #expect(!list.text.contains("/daerah/\(ids.kupangTenant)"))
            let platform = try await http.webSignIn(nil, "admin")
            let all = try await http.webGet("/daerah", session: platform)
            #expect(all.text.contains("/daerah/\(ids.tenant)") && all.text.contains("/daerah/\(ids.kupangTenant)"))
            #expect(try await http.webGet("/daerah?halaman=0", session: platform).status == .badRequest)
            #expect(try await http.webGet("/daerah?halaman=99999999999999999999", session: platform).status == .badRequest)
            #expect(try await http.webGet("/daerah?halaman=2", session: platform).text.contains("Belum ada pemerintah daerah"))

            // The region page shows the API's figures of the region, and no employee.
            let token = try await http.login(nil, "bkn-banjarmasin")
            let report = try await http.call(.get, "/v1/tenants/\(ids.tenant)/balance?level=agency&limit=200", token: token).json()
            let totals = report["totals"] as! [String: Any]
            let region = try await http.webGet("/daerah/\(ids.tenant)", session: bkn)
            #expect(region.status == .ok)
            #expect(region.text.contains("<svg"))
            #expect(region.text.contains("<dd>\(IndonesianFormat.number(totals["need"] as! Int))</dd>"))
            #expect(!region.text.contains("/instansi/"))
        }
    }

    @Test("An operator's dashboard lists their agencies only")
    func operatorDashboard() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await Self.ids(http)
            let session = try await http.webSignIn("provinsi-sabangau", "operator-pendidikan")
            let html = try await http.webGet("/", session: session).text
            #expect(html.contains("href=\"/instansi/\(ids.education)\""))
            #expect(!html.contains("href=\"/instansi/\(ids.health)\""))
            #expect(!html.contains("Dinas Kesehatan"))
        }
    }

    @Test("The drill-down lists the agency's units and slots with the API's figures")
    func drillDown() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await Self.ids(http)
            let token = try await http.login("provinsi-sabangau", "auditor")
            let units = try await http.call(.get, "/v1/tenants/\(ids.tenant)/balance?level=unit&agencyID=\(ids.education)&limit=200",
                                            token: token).json()["items"] as! [[String: Any]]
            let slots = try await http.call(.get, "/v1/tenants/\(ids.tenant)/balance?level=slot&agencyID=\(ids.education)&limit=200",
                                            token: token).json()
            #expect(!units.isEmpty)
            let session = try await http.webSignIn("provinsi-sabangau", "auditor")
            let html = try await http.webGet("/instansi/\(ids.education)", session: session).text
            #expect(html.contains("<h1>Dinas Pendidikan</h1>"))
            for unit in units {
                let name = HTML.escape(unit["name"] as! String)
                let row = try #require(Self.row(html, containing: "<th scope=\"row\">\(name)</th>"), "\(name)")
                #expect(Array(Self.numbers(row).prefix(2)) == [IndonesianFormat.number(unit["need"] as! Int),
                                                        IndonesianFormat.number(unit["current"] as! Int)])
            }
            // Every slot, past the service's page of 200 too.
            let slotItems = slots["items"] as! [[String: Any]]
            for slot in slotItems { #expect(html.contains("(\(HTML.escape(slot["code"] as! String)))</span>")) }
            #expect(html.components(separatedBy: "<span class=\"hint\">(").count - 1 == slots["total"] as! Int)
        }
    }

    @Test("An employee's page shows their own name, NIP, post and unit")
    func ownRecord() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await Self.ids(http)
            let token = try await http.login("provinsi-sabangau", "pegawai")
            let me = try await http.call(.get, "/v1/me", token: token).json()
            let employeeID = try #require(me["employeeID"] as? String)
            let employee = try await http.call(.get, "/v1/tenants/\(ids.tenant)/employees/\(employeeID)", token: token).json()
            let unitID = try #require(employee["unitID"] as? String)
            let unit = try await http.call(.get, "/v1/tenants/\(ids.tenant)/units/\(unitID)", token: token).json()
            let post = (employee["positionHistory"] as! [[String: Any]]).last!["slotName"] as! String

            let session = try await http.webSignIn("provinsi-sabangau", "pegawai")
            let page = try await http.webGet("/saya", session: session)
            #expect(page.status == .ok)
            for value in [employee["name"] as! String, employee["nip"] as! String, post, unit["name"] as! String] {
                #expect(page.text.contains("<dd>\(HTML.escape(value))</dd>"), "\(value)")
            }
            // The employee's navigation offers their record, not the dashboard.
            #expect(page.text.contains("href=\"/saya\" aria-current=\"page\""))
            #expect(!page.text.contains("Dasbor keseimbangan"))
        }
    }

    @Test("Names holding markup are shown as text, never run")
    func escaping() async throws {
        try await TestApp.run { http, _, db, _ in
            let ids = try await Self.ids(http)
            let evil = "<script>alert('x')</script> & \"Dinas\""
            let token = try await http.login("provinsi-sabangau", "pegawai")
            let employeeID = try #require(try await http.call(.get, "/v1/me", token: token).json()["employeeID"] as? String)
            try await db.asOwner(tenant: "provinsi-sabangau") { connection, tenant in
                _ = try await connection.query("UPDATE agencies SET name = \(evil) WHERE tenant_id = \(tenant) AND id = \(UUID(uuidString: ids.education)!)",
                                               logger: TestDatabase.logger)
                _ = try await connection.query("UPDATE employees SET name = \(evil) WHERE tenant_id = \(tenant) AND id = \(UUID(uuidString: employeeID)!)",
                                               logger: TestDatabase.logger)
                _ = try await connection.query("UPDATE users SET full_name = \(evil) WHERE tenant_id = \(tenant) AND username = 'admin'",
                                               logger: TestDatabase.logger)
            }
            let escaped = "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;Dinas&quot;"
            let admin = try await http.webSignIn("provinsi-sabangau", "admin")
            for uri in ["/", "/instansi/\(ids.education)"] {
                let html = try await http.webGet(uri, session: admin).text
                #expect(html.contains(escaped), "\(uri)")
                #expect(!html.contains("<script"), "\(uri)")
            }
            let employee = try await http.webSignIn("provinsi-sabangau", "pegawai")
            let html = try await http.webGet("/saya", session: employee).text
            #expect(html.contains("<dd>\(escaped)</dd>"))
            #expect(!html.contains("<script"))
        }
    }

    @Test("The stylesheet is served with long caching under a versioned address, and 304 when unchanged")
    func stylesheet() async throws {
        try await TestApp.run(seeded: false) { http, _, _, _ in
            let form = try await http.webGet("/masuk").text
            let range = try #require(form.range(of: "href=\"/aset/mutasi.css?v="))
            let href = String(form[form.index(range.lowerBound, offsetBy: 6)...].prefix { $0 != "\"" })
            let css = try await http.webGet(href)
            #expect(css.status == .ok)
            #expect(css.headers[.contentType] == "text/css; charset=utf-8")
            #expect(css.headers[.cacheControl] == "public, max-age=31536000, immutable")
            #expect(css.text.contains(":focus-visible") && css.text.contains("@media"))
            let etag = try #require(css.headers[.eTag])
            let again = try await http.webGet(href, headers: [.ifNoneMatch: etag])
            #expect(again.status == .notModified)
            #expect(again.body.readableBytes == 0)
        }
    }

    // MARK: Reading the pages

    /// The table row (`<tr>...</tr>`) that contains `marker`.
    static func row(_ html: String, containing marker: String) -> String? {
        guard let hit = html.range(of: marker),
              let start = html.range(of: "<tr>", options: .backwards, range: html.startIndex..<hit.lowerBound),
              let end = html.range(of: "</tr>", range: hit.upperBound..<html.endIndex) else { return nil }
        return String(html[start.lowerBound..<end.upperBound])
    }

    /// The contents of a row's number cells, in order.
    static func numbers(_ row: String) -> [String] {
        row.components(separatedBy: "<td class=\"num\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
    }
}
