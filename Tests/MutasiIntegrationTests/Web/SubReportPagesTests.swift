import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiHTTP
import Testing

/// The balance's employee lists as pages (`/laporan/...`), their cards on the dashboard, and the
/// HTML 404 of unknown paths.
@Suite("Web sub-report pages")
struct SubReportPagesTests {
    static let pages = ["/laporan/pensiun", "/laporan/pendidikan", "/laporan/rotasi"]
    static let api = ["retirements", "education-mismatches", "rotation-due"]

    @Test("Role x page: the lists for those the balance service serves, operators for their agencies")
    func roleMatrix() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await WebPageTests.ids(http)
            let logins: [String: (String?, String)] = [
                "platform": (nil, "admin"), "bkn": (nil, "bkn-banjarmasin"), "admin": ("provinsi-sabangau", "admin"),
                "operator": ("provinsi-sabangau", "operator-pendidikan"), "ppk": ("provinsi-sabangau", "ppk"),
                "auditor": ("provinsi-sabangau", "auditor"), "pegawai": ("provinsi-sabangau", "pegawai"),
            ]
            let queries: [(String, [String: Int])] = [
                ("", ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("?instansi=\(ids.education)",
                 ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("?instansi=\(ids.health)",   // not the operator's agency
                 ["platform": 403, "bkn": 403, "admin": 200, "operator": 403, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("?instansi=\(ids.kupangAgency)",   // another tenant's agency: absent
                 ["platform": 403, "bkn": 403, "admin": 404, "operator": 403, "ppk": 404, "auditor": 404, "pegawai": 403]),
                ("?instansi=bukan-id", ["platform": 403, "bkn": 403, "admin": 404, "operator": 404, "ppk": 404, "auditor": 404, "pegawai": 404]),
            ]
            for (who, login) in logins {
                let session = try await http.webSignIn(login.0, login.1)
                for page in Self.pages {
                    for (query, statuses) in queries {
                        let response = try await http.webGet(page + query, session: session)
                        #expect(response.status.code == statuses[who], "\(who) \(page)\(query): \(response.status)")
                        #expect(response.headers[.contentType] == "text/html; charset=utf-8")
                    }
                }
            }
        }
    }

    @Test("Each list shows the API's employees and total, filtered by agency and months, 50 a page")
    func contents() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await WebPageTests.ids(http)
            let token = try await http.login("provinsi-sabangau", "auditor")
            let session = try await http.webSignIn("provinsi-sabangau", "auditor")
            let base = "/v1/tenants/\(ids.tenant)/balance/"
            for (page, api) in zip(Self.pages, Self.api) {
                for (query, apiQuery) in [("", ""), ("?instansi=\(ids.health)", "&agencyID=\(ids.health)")] {
                    let list = try await http.call(.get, "\(base)\(api)?limit=50\(apiQuery)", token: token).json()
                    let total = list["total"] as! Int
                    let html = try await http.webGet(page + query, session: session).text
                    let items = list["items"] as! [[String: Any]]
                    if total == 0 {
                        #expect(html.contains("Tidak ada pegawai dalam daftar ini."), "\(page)\(query)")
                        continue
                    }
                    #expect(html.contains("pegawai)</caption>") && html.contains("(\(IndonesianFormat.number(total)) pegawai)"), "\(page)\(query)")
                    #expect(html.components(separatedBy: "<tr><td>").count - 1 == items.count, "\(page)\(query)")
                    for item in items {
                        let employee = item["employee"] as! [String: Any]
                        #expect(html.contains("<tr><td>\(employee["nip"] as! String)</td><td>\(HTML.escape(employee["name"] as! String))</td>"))
                    }
                    #expect(html.contains("rel=\"next\"") == (total > 50), "\(page)\(query)")
                }
            }
            // Retirements over 60 months: the API's total, and page 2 holds the next 50.
            let long = try await http.call(.get, "\(base)retirements?months=60&limit=50&offset=50", token: token).json()
            let total = long["total"] as! Int
            let html = try await http.webGet("/laporan/pensiun?bulan=60&halaman=2", session: session).text
            #expect(html.contains("(\(IndonesianFormat.number(total)) pegawai)"))
            #expect(html.contains("value=\"60\""))
            for item in long["items"] as! [[String: Any]] {
                #expect(html.contains("<tr><td>\((item["employee"] as! [String: Any])["nip"] as! String)</td>"))
            }
            for bad in ["bulan=601", "bulan=-1", "bulan=dua", "bulan=99999999999999999999", "halaman=0", "halaman=x"] {
                let response = try await http.webGet("/laporan/pensiun?\(bad)", session: session)
                #expect(response.status == .badRequest, "\(bad)")
            }
        }
    }

    @Test("The dashboard's cards give each list's count and link to it; an operator's count their agencies")
    func dashboardCards() async throws {
        try await TestApp.run { http, _, _, _ in
            let ids = try await WebPageTests.ids(http)
            for user in ["admin", "operator-pendidikan"] {
                let token = try await http.login("provinsi-sabangau", user)
                let html = try await http.webGet("/", session: try await http.webSignIn("provinsi-sabangau", user)).text
                for (page, api) in zip(Self.pages, Self.api) {
                    let total = try await http.call(.get, "/v1/tenants/\(ids.tenant)/balance/\(api)?limit=1", token: token).json()["total"] as! Int
                    #expect(html.contains("<li><a href=\"\(page)\"><span class=\"count\">\(IndonesianFormat.number(total))</span>"),
                            "\(user) \(page)")
                }
            }
        }
    }

    @Test("An unknown path outside the API answers a browser with the 404 page, and the API's clients with the problem")
    func notFound() async throws {
        try await TestApp.run(seeded: false) { http, _, _, _ in
            var browser = HTTPFields()
            browser[.accept] = "text/html,application/xhtml+xml,*/*;q=0.8"
            let page = try await http.execute(uri: "/tidak-ada/sama-sekali", method: .get, headers: browser)
            #expect(page.status == .notFound)
            #expect(page.headers[.contentType] == "text/html; charset=utf-8")
            #expect(page.text.contains("<h1>Halaman tidak ditemukan</h1>") && page.text.contains("lang=\"id\""))
            #expect(page.headers[.contentSecurityPolicy]?.hasPrefix("default-src 'none'") == true)
            for (uri, headers) in [("/tidak-ada", HTTPFields()), ("/v1/tidak-ada", browser), ("/v1", browser)] {
                let problem = try await http.execute(uri: uri, method: .get, headers: headers)
                #expect(problem.status == .notFound, "\(uri)")
                #expect(problem.headers[.contentType] == "application/problem+json", "\(uri)")
                #expect(try problem.json()["code"] as? String == "route.not_found", "\(uri)")
            }
            // The API's own paths outside /v1 still answer as they do.
            #expect(try await http.execute(uri: "/health", method: .get, headers: browser).status == .ok)
            let openapi = try await http.execute(uri: "/openapi.json", method: .get, headers: browser)
            #expect(openapi.status == .ok && openapi.headers[.contentType]?.hasPrefix("application/json") == true)
        }
    }
}
