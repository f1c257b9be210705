import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import NIOCore
import Testing

/// Every role against every review route on Kota Uji's plan in review: the tenant admin opens
/// reviews and decides objections; tenant admins, approvers and auditors read answers; each
/// employee reads and answers only their own move; agency operators (own agency or another), the
/// platform and BKN admins get 403; other tenants and other BKN offices read as absent.
@Suite("Plan review role x route matrix")
struct PlanReviewAccessTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn-x": (nil, "bkn-denpasar"), "bkn-viii": (nil, "bkn-banjarmasin"),
        "admin": ("kota-uji", "admin"), "ppk": ("kota-uji", "ppk"), "auditor": ("kota-uji", "auditor"),
        "operator": ("kota-uji", "operator-pendidikan"), "operator-other": ("kota-uji", "operator-kesehatan"),
        "pegawai": ("kota-uji", "pegawai"), "relawan": ("kota-uji", "guru-relawan"), "diam": ("kota-uji", "guru-diam"),
        "tetap": ("kota-uji", "guru-tetap"),
        "mataram-admin": ("kota-mataram", "admin"), "mataram-auditor": ("kota-mataram", "auditor"),
    ]
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
        let p = "/v1/tenants/{tenant}/plans/{plan}"
        let readers = ["admin": 200, "ppk": 200, "auditor": 200]
        let employees = ["relawan": 200, "diam": 200, "tetap": 200, "pegawai": 403]
        func with(_ e: [String: Int]) -> [String: Int] { e.merging(foreign) { a, _ in a } }
        return [
            Case(method: .get, path: p, expect: with(readers), otherwise: 403),
            Case(method: .get, path: "\(p)/moves?answer=objected", expect: with(readers), otherwise: 403),
            // Already in review: the admin passes the role check and is refused for the state.
            Case(method: .post, path: "\(p)/review", ifMatch: "{planTag}", expect: with(["admin": 409]), otherwise: 403),
            Case(method: .post, path: "\(p)/moves/{silent}/objection", json: ["decision": "reject", "note": "Formasi dibutuhkan."],
                 ifMatch: "\"v1\"", expect: with(["admin": 200]), otherwise: 403),
            Case(method: .get, path: "/v1/tenants/{tenant}/me/proposed-moves", expect: with(employees), otherwise: 403),
            Case(method: .get, path: "\(p)/moves/me", expect: with(employees.merging(["tetap": 404]) { _, b in b }), otherwise: 403),
            // The volunteer's retry of their answer; the objector changing theirs needs If-Match.
            Case(method: .put, path: "\(p)/moves/me/answer", json: ["answer": "accept"],
                 expect: with(["relawan": 200, "diam": 428, "tetap": 404, "pegawai": 403]), otherwise: 403),
            Case(method: .post, path: "/v1/tenants/{tenant}/plans", json: ["name": "Ulang", "replanOf": "{plan}"],
                 expect: with(["admin": 202]), otherwise: 403),
        ]
    }

    /// The fixture's plan in review, the volunteer's acceptance and the silent teacher's
    /// objection, an auditor and an operator of another agency.
    static func setUp(_ http: some TestClientProtocol, _ services: Services, _ db: TestDatabase) async throws -> ReviewFixture {
        let f = try await ReviewFixture.make(http, services, db)
        let admin = try await services.operators.principal(login: "kota-uji/admin")
        let health = try await services.agencies.create(actor: admin, tenantID: admin.scope.uuid, code: "dinas-kesehatan", name: "Dinas Kesehatan")
        for (username, role, agencies) in [("auditor", Role.auditor, nil), ("operator-kesehatan", .agencyOperator, [health.id])] {
            _ = try await services.users.createTenantUser(actor: admin, tenantID: admin.scope.uuid, .init(
                username: username, fullName: username, role: role, password: TestApp.demoPassword, agencyIDs: agencies))
        }
        try await f.openReview(http)
        let answer = "\(f.planPath)/moves/me/answer"
        try #require(try await http.call(.put, answer, token: f.relawan, json: ["answer": "accept"]).status == .created)
        try #require(try await http.call(.put, answer, token: f.diam,
                                          json: ["answer": "object", "reason": "Saya merawat orang tua di dekat SD 2."]).status == .created)
        return f
    }

    @Test("each role gets exactly what it may do on the review routes")
    func matrix() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await Self.setUp(http, services, db)
            var tokens: [String: String] = [:]
            for (name, login) in Self.logins { tokens[name] = try await http.login(login.0, login.1) }
            let planTag = try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] ?? ""
            let ids = ["{tenant}": f.tenantID, "{plan}": f.plan, "{silent}": f.silentID, "{planTag}": planTag]
            func fill(_ text: String) -> String { ids.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
            var failures: [String] = []
            for c in Self.cases() {
                let path = fill(c.path)
                let json = c.json.map { $0.mapValues { value in (value as? String).map(fill) ?? value } }
                for name in Self.logins.keys.sorted() + ["anonymous"] {
                    let expected = name == "anonymous" ? 401 : c.expect[name] ?? c.otherwise
                    var headers: HTTPFields = [:]
                    if let ifMatch = c.ifMatch { headers[.ifMatch] = fill(ifMatch) }
                    let response = try await http.call(c.method, path, token: tokens[name], json: json, headers: headers)
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("another tenant's plan and move ids answer 404 on every review route, and change nothing")
    func foreignTenant() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await Self.setUp(http, services, db)
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            let pegawai = try await http.login("kota-mataram", "pegawai")
            let p = "/v1/tenants/\(mataramID)/plans/\(f.plan)"
            let attempts: [(HTTPRequest.Method, String, String, [String: Any]?)] = [
                (.get, p, mataram, nil),
                (.get, "\(p)/moves?answer=objected", mataram, nil),
                (.post, "\(p)/review", mataram, ["answerDeadline": ReviewFixture.deadline]),
                (.post, "\(p)/moves/\(f.silentID)/objection", mataram, ["decision": "uphold", "note": "Diterima."]),
                (.get, "\(p)/moves/me", pegawai, nil),
                (.put, "\(p)/moves/me/answer", pegawai, ["answer": "accept"]),
            ]
            for (method, path, token, json) in attempts {
                let response = try await http.call(method, path, token: token, json: json, headers: [.ifMatch: "\"v1\""])
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                #expect(try response.json()["code"] as? String == "plan.not_found" && !response.text.contains("Rotasi"), "\(response.text)")
            }
            let replan = try await http.call(.post, "/v1/tenants/\(mataramID)/plans", token: mataram, json: ["name": "x", "replanOf": f.plan])
            #expect(try replan.status == .badRequest && (try replan.json()["field"] as? String) == "replanOf", "\(replan.text)")
            #expect((try await http.call(.get, "/v1/tenants/\(mataramID)/me/proposed-moves", token: pegawai).json()["items"] as? [Any])?.isEmpty == true)
            // Nothing changed in Kota Uji.
            #expect(try await f.plan(http)["answers"] as? [String: Int] == ["accepted": 1, "objected": 1, "pending": 0, "upheld": 0, "rejected": 0])
            #expect(try await f.plan(http)["replannedBy"] as? [String] == [])
        }
    }
}
