import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import NIOCore
import Testing

/// Every role against every decree route on Kota Uji's decreed plan: tenant admins issue,
/// cancel and change settings, approvers sign; tenant admins, approvers and auditors read all;
/// the education operator reads the decree moving their teachers, the health operator sees none;
/// employees read only their own extract of a signed decree; the platform and BKN admins get
/// 403; other tenants and other BKN offices read as absent.
@Suite("Decree role x route matrix")
struct DecreeAccessTests {
    static let foreign = ["bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404]

    struct Case {
        var method: HTTPRequest.Method
        var path: String
        var json: [String: Any]?
        var ifMatch: String?
        var expect: [String: Int]
        var otherwise: Int
    }

    static func cases() -> [Case] {
        let t = "/v1/tenants/{tenant}", d = "/v1/tenants/{tenant}/decrees/{decree}"
        func with(_ e: [String: Int]) -> [String: Int] { e.merging(foreign) { a, _ in a } }
        let settingsReaders = ["admin": 200, "ppk": 200, "auditor": 200]
        let listReaders = settingsReaders.merging(["operator": 200, "operator-other": 200]) { a, _ in a }
        let decreeReaders = settingsReaders.merging(["operator": 200, "operator-other": 404]) { a, _ in a }
        // Before signing the silent teacher's own extract is not there yet for them.
        let extractReaders = decreeReaders.merging(["diam": 404, "relawan": 403, "tetap": 403, "pegawai": 403]) { a, _ in a }
        return [
            Case(method: .get, path: "\(t)/decree-settings", expect: with(settingsReaders), otherwise: 403),
            Case(method: .patch, path: "\(t)/decree-settings", json: ["signatoryName": "Drs. Budi Santoso"], ifMatch: "\"v0\"",
                 expect: with(["admin": 200]), otherwise: 403),
            // Already decreed: the admin passes the role check and is refused for the state.
            Case(method: .post, path: "\(t)/plans/{plan}/decrees", json: ["effectiveDate": DecreeFixture.tmt], ifMatch: "{planTag}",
                 expect: with(["admin": 409]), otherwise: 403),
            Case(method: .get, path: "\(t)/plans/{plan}/decrees", expect: with(listReaders), otherwise: 403),
            Case(method: .get, path: "\(t)/decrees", expect: with(listReaders), otherwise: 403),
            Case(method: .get, path: d, expect: with(decreeReaders), otherwise: 403),
            Case(method: .get, path: "\(d).html", expect: with(decreeReaders), otherwise: 403),
            Case(method: .get, path: "\(d).pdf", expect: with(decreeReaders), otherwise: 403),
            Case(method: .get, path: "\(d)/extracts/{silent}.html", expect: with(extractReaders), otherwise: 403),
            Case(method: .get, path: "\(d)/extracts/{silent}.pdf", expect: with(extractReaders), otherwise: 403),
            Case(method: .post, path: "\(d)/sign", json: ["signedOn": DecreeFixture.today], ifMatch: "\"v1\"",
                 expect: with(["ppk": 200]), otherwise: 403),
            Case(method: .get, path: "\(t)/me/decree-extracts",
                 expect: with(["diam": 200, "relawan": 200, "tetap": 200, "pegawai": 200]), otherwise: 403),
            Case(method: .get, path: "\(t)/me/decree-extracts/{decree}.pdf",
                 expect: with(["diam": 200, "relawan": 200, "tetap": 404, "pegawai": 404]), otherwise: 403),
            Case(method: .get, path: "\(d)/extracts/{silent}.html",
                 expect: with(decreeReaders.merging(["diam": 200, "relawan": 403, "tetap": 403, "pegawai": 403]) { a, _ in a }), otherwise: 403),
            Case(method: .post, path: "\(d)/cancel", json: ["reason": "Salah tulis jabatan baru."], ifMatch: "\"v2\"",
                 expect: with(["admin": 200]), otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do on the decree routes")
    func matrix() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let decree = try await f.issue(http)[0]["id"] as! String
            var tokens: [String: String] = [:]
            for (name, login) in PlanReviewAccessTests.logins { tokens[name] = try await http.login(login.0, login.1) }
            let planTag = try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] ?? ""
            let ids = ["{tenant}": f.review.tenantID, "{plan}": f.review.plan, "{decree}": decree, "{silent}": f.review.silentID,
                       "{planTag}": planTag]
            func fill(_ text: String) -> String { ids.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
            var failures: [String] = []
            for c in Self.cases() {
                let path = fill(c.path)
                for name in PlanReviewAccessTests.logins.keys.sorted() + ["anonymous"] {
                    let expected = name == "anonymous" ? 401 : c.expect[name] ?? c.otherwise
                    var headers: HTTPFields = [:]
                    if let ifMatch = c.ifMatch { headers[.ifMatch] = fill(ifMatch) }
                    let response = try await http.call(c.method, path, token: tokens[name], json: c.json, headers: headers)
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(200))")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // The health operator's list is empty, the education operator's holds the decree.
            let other = try await http.call(.get, "\(f.t)/decrees", token: tokens["operator-other"]).json()["items"] as? [Any]
            let own = try await http.call(.get, "\(f.t)/decrees", token: tokens["operator"]).json()["items"] as? [Any]
            #expect(other?.count == 0 && own?.count == 1)
        }
    }

    @Test("another tenant's ids answer 404 on every decree route, and change nothing")
    func foreignTenant() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await DecreeFixture.make(http, services, db)
            let issued = try await f.issue(http)[0]
            let decree = issued["id"] as! String, number = issued["number"] as! String
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            let pegawai = try await http.login("kota-mataram", "pegawai")
            let ppk = try await http.login("kota-mataram", "ppk")
            let t = "/v1/tenants/\(mataramID)", d = "\(t)/decrees/\(decree)"
            let attempts: [(HTTPRequest.Method, String, String, [String: Any]?)] = [
                (.post, "\(t)/plans/\(f.review.plan)/decrees", mataram, ["effectiveDate": DecreeFixture.tmt]),
                (.get, "\(t)/plans/\(f.review.plan)/decrees", mataram, nil),
                (.get, d, mataram, nil), (.get, "\(d).html", mataram, nil), (.get, "\(d).pdf", mataram, nil),
                (.get, "\(d)/extracts/\(f.review.silentID).html", mataram, nil),
                (.get, "\(d)/extracts/\(f.review.silentID).pdf", mataram, nil),
                (.post, "\(d)/sign", ppk, ["signedOn": DecreeFixture.today]),
                (.post, "\(d)/cancel", mataram, ["reason": "Salah tulis jabatan baru."]),
                (.get, "\(t)/me/decree-extracts/\(decree).pdf", pegawai, nil),
            ]
            for (method, path, token, json) in attempts {
                let response = try await http.call(method, path, token: token, json: json, headers: [.ifMatch: "\"v1\""])
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                #expect(!response.text.contains(number) && !response.text.contains("Guru"), "\(response.text)")
            }
            // Kota Mataram's own list stays empty; Kota Uji's decree is untouched.
            #expect(try await http.call(.get, "\(t)/decrees", token: mataram).json()["items"].map { ($0 as! [Any]).count } == 0)
            let kept = try await http.call(.get, "\(f.t)/decrees/\(decree)", token: f.admin).json()
            #expect(kept["status"] as? String == "issued" && kept["version"] as? Int == 1)
            // Kota Uji's tenant id with a Mataram token reads as an absent tenant.
            #expect(try await http.call(.get, "\(f.t)/decrees/\(decree)", token: mataram).status == .notFound)
            #expect(try await http.call(.get, "\(f.t)/decree-settings", token: mataram).status == .notFound)
        }
    }
}
