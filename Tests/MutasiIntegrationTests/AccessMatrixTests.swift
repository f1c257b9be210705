import Foundation

import Hummingbird
import HummingbirdTesting
import Testing

/// Every role against every route: what each may do, and that other tenants' data reads as
/// absent (404) and cannot be written.
@Suite("Role x route matrix")
struct AccessMatrixTests {
    /// The demo logins used below, as `tenant/username` (platform users without a tenant).
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"),
        "bkn-x": (nil, "bkn-denpasar"),         // oversees Kupang and Mataram
        "bkn-viii": (nil, "bkn-banjarmasin"),   // oversees Sabangau only
        "admin": ("kota-kupang", "admin"),
        "operator": ("kota-kupang", "operator-pendidikan"),
        "ppk": ("kota-kupang", "ppk"),
        "pegawai": ("kota-kupang", "pegawai"),
        "auditor": ("kota-kupang", "auditor"),
        "mataram-admin": ("kota-mataram", "admin"),
        "mataram-auditor": ("kota-mataram", "auditor"),
    ]

    struct Case: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var body: (@Sendable (String) -> [String: Any])?
        /// Expected status for each login; logins not listed expect `otherwise`.
        var expect: [String: Int]
        var otherwise: Int
    }

    static func cases() -> [Case] {
        let employee: @Sendable (String) -> [String: Any] = { who in
            ["username": "new-\(who)", "fullName": "Pegawai Baru", "role": "employee", "password": "a-long-password"]
        }
        let tenantAdmin: @Sendable (String) -> [String: Any] = { who in
            ["username": "admin-\(who)", "fullName": "Admin Baru", "role": "tenant_admin", "password": "a-long-password"]
        }
        return [
            Case(method: .get, path: "/v1/bkn-offices", expect: ["platform": 200, "bkn-x": 200, "bkn-viii": 200], otherwise: 403),
            Case(method: .post, path: "/v1/bkn-offices", body: { ["code": "kanreg-\($0)", "name": "Kanreg \($0)", "provinceCodes": ["11"]] },
                 expect: ["platform": 201], otherwise: 403),
            Case(method: .post, path: "/v1/tenants",
                 body: { who in ["code": "kab-\(who)", "name": "Kabupaten \(who)", "kind": "regency",
                                 "regionCode": who == "bkn-x" ? "53.11" : "63.12"] },
                 expect: ["bkn-x": 201, "bkn-viii": 201, "platform": 400], otherwise: 403),
            // Outside Kanreg VIII's area (Kalimantan): refused for its admin.
            Case(method: .post, path: "/v1/tenants",
                 body: { who in ["code": "luar-\(who)", "name": "Kabupaten Luar \(who)", "kind": "regency", "regionCode": "53.13"] },
                 expect: ["bkn-x": 201, "bkn-viii": 400, "platform": 400], otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{kupang}",
                 expect: ["bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 200),
            Case(method: .get, path: "/v1/tenants/{kupang}/users",
                 expect: ["platform": 200, "bkn-x": 200, "admin": 200, "auditor": 200,
                          "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .post, path: "/v1/tenants/{kupang}/users", body: employee,
                 expect: ["admin": 201, "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .post, path: "/v1/tenants/{kupang}/users", body: tenantAdmin,
                 expect: ["admin": 201, "platform": 201, "bkn-x": 201,
                          "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{kupang}/agencies",
                 expect: ["pegawai": 403, "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 200),
            Case(method: .post, path: "/v1/tenants/{kupang}/agencies", body: { ["code": "dinas-\($0)", "name": "Dinas \($0)"] },
                 expect: ["admin": 201, "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{kupang}/audit-events",   // overseers read it redacted
                 expect: ["platform": 200, "bkn-x": 200, "admin": 200, "auditor": 200,
                          "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{kupang}/audit-verification",   // overseers verify too
                 expect: ["platform": 200, "bkn-x": 200, "admin": 200, "auditor": 200,
                          "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{kupang}/users/{kupang-admin}",
                 expect: ["platform": 200, "bkn-x": 200, "admin": 200, "auditor": 200,
                          "bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404], otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{mataram}/users/{kupang-admin}",
                 expect: ["platform": 404, "bkn-x": 404, "mataram-admin": 404, "mataram-auditor": 404,
                          "bkn-viii": 404], otherwise: 404),
            Case(method: .get, path: "/v1/platform/users", expect: ["platform": 200], otherwise: 403),
            Case(method: .get, path: "/v1/platform/audit-events", expect: ["platform": 200], otherwise: 403),
            Case(method: .post, path: "/v1/platform/users",
                 body: { ["username": "bkn-\($0)", "fullName": "BKN \($0)", "role": "platform_admin", "password": "a-long-password"] },
                 expect: ["platform": 201], otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do")
    func matrix() async throws {
        try await TestApp.run { http, _, _, _ in
            var tokens: [String: String] = [:]
            for (name, login) in Self.logins { tokens[name] = try await http.login(login.0, login.1) }
            let platform = tokens["platform"]!
            let tenants = try await http.call(.get, "/v1/tenants", token: platform).json()["items"] as! [[String: Any]]
            func tenantID(_ code: String) -> String { tenants.first { $0["code"] as? String == code }!["id"] as! String }
            let kupangAdmin = try await http.call(.get, "/v1/me", token: tokens["admin"]!).json()["id"] as! String
            let ids = ["{kupang}": tenantID("kota-kupang"), "{mataram}": tenantID("kota-mataram"), "{kupang-admin}": kupangAdmin]

            var failures: [String] = []
            for c in Self.cases() {
                var path = c.path
                for (placeholder, id) in ids { path = path.replacingOccurrences(of: placeholder, with: id) }
                for name in Self.logins.keys.sorted() {
                    let expected = c.expect[name] ?? c.otherwise
                    let response = try await http.call(c.method, path, token: tokens[name], json: c.body?(name))
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text)")
                    }
                }
                let anonymous = try await http.call(c.method, path, json: c.body?("anon"))
                if anonymous.status.code != 401 { failures.append("\(c.method) \(c.path) anonymous: \(anonymous.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("an agency operator sees only their own agencies")
    func operatorSeesOwnAgencies() async throws {
        try await TestApp.run { http, _, _, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let all = try await http.call(.get, "/v1/tenants/\(tenantID)/agencies", token: admin).json()
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let own = try await http.call(.get, "/v1/tenants/\(tenantID)/agencies", token: operatorToken).json()
            #expect((all["total"] as? Int ?? 0) > 1)
            #expect(own["total"] as? Int == 1)
            #expect((own["items"] as? [[String: Any]])?.first?["code"] as? String == "dinas-pendidikan")
        }
    }

    @Test("a tenant update needs the current ETag; a stale one is refused")
    func etagOnTenantUpdate() async throws {
        try await TestApp.run { http, _, _, _ in
            let bkn = try await http.login(nil, "bkn-denpasar")
            let tenants = try await http.call(.get, "/v1/tenants", token: bkn).json()["items"] as! [[String: Any]]
            let id = tenants.first { $0["code"] as? String == "kota-kupang" }!["id"] as! String
            let read = try await http.call(.get, "/v1/tenants/\(id)", token: bkn)
            let etag = try #require(read.headers[.eTag])
            let missing = try await http.call(.patch, "/v1/tenants/\(id)", token: bkn, json: ["name": "Kota Kupang Baru"])
            #expect(missing.status.code == 428)
            let ok = try await http.call(.patch, "/v1/tenants/\(id)", token: bkn, json: ["name": "Kota Kupang Baru"], headers: [.ifMatch: etag])
            #expect(ok.status == .ok)
            #expect(try ok.json()["name"] as? String == "Kota Kupang Baru")
            let stale = try await http.call(.patch, "/v1/tenants/\(id)", token: bkn, json: ["name": "Lost Update"], headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
            #expect(try await http.call(.get, "/v1/tenants/\(id)", token: bkn).json()["name"] as? String == "Kota Kupang Baru")
        }
    }
}
