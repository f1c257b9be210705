import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import NIOCore
import Testing

/// Every role against every execution and follow-up route on Kota Uji's executed plan: tenant
/// admins execute; tenant admins, approvers and auditors read the report; the receiving agency's
/// operator (Dinas Pendidikan) and tenant admins record the SPMT and edit the training plan; that
/// operator alone names the mentor; the employee reads their own follow-up; another agency's
/// operator, other employees, the platform and BKN admins get 403; other tenants read as absent.
@Suite("Execution and follow-up role x route matrix")
struct ExecutionAccessTests {
    static let logins = PlanReviewAccessTests.logins
    static let foreign = PlanReviewAccessTests.foreign

    struct Case {
        var method: HTTPRequest.Method
        var path: String
        var json: [String: Any]?
        /// Send the follow-up's current ETag.
        var tagged = false
        /// Send the plan's current ETag.
        var planTagged = false
        var expect: [String: Int]
        var otherwise: Int
    }

    static func cases() -> [Case] {
        let p = "/v1/tenants/{tenant}/plans/{plan}"
        let m = "\(p)/moves/{volunteer}"
        func with(_ e: [String: Int]) -> [String: Int] { e.merging(foreign) { a, _ in a } }
        let item: [String: Any] = ["competency": "PED", "gap": 1, "course": "Pelatihan pedagogik", "hours": 10, "dueOn": "2026-01-01"]
        return [
            Case(method: .post, path: "\(p)/execute", planTagged: true, expect: with(["admin": 200]), otherwise: 403),
            Case(method: .get, path: "\(p)/report", expect: with(["admin": 200, "ppk": 200, "auditor": 200]), otherwise: 403),
            Case(method: .put, path: "\(m)/spmt", json: ["reportedOn": "2025-07-01"], expect: with(["admin": 200, "operator": 200]),
                 otherwise: 403),
            Case(method: .get, path: "\(m)/follow-up",
                 expect: with(["admin": 200, "ppk": 200, "auditor": 200, "operator": 200, "relawan": 200]), otherwise: 403),
            Case(method: .put, path: "\(m)/follow-up/training", json: ["items": [item]], tagged: true,
                 expect: with(["admin": 200, "operator": 200]), otherwise: 403),
            Case(method: .put, path: "\(m)/follow-up/mentor", json: ["mentorID": "{senior}"], expect: with(["operator": 200]), otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do on the execution and follow-up routes")
    func matrix() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await FollowUpTests.executed(http, services, db)
            var tokens: [String: String] = [:]
            for (name, login) in Self.logins { tokens[name] = try await http.login(login.0, login.1) }
            let ids = ["{tenant}": f.review.tenantID, "{plan}": f.review.plan, "{volunteer}": f.volunteerID, "{senior}": f.seniorID]
            func fill(_ text: String) -> String { ids.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) } }
            let followUp = fill("/v1/tenants/{tenant}/plans/{plan}/moves/{volunteer}/follow-up")
            var failures: [String] = []
            for c in Self.cases() {
                let path = fill(c.path)
                let json = c.json.map { $0.mapValues { value in (value as? String).map(fill) ?? value } }
                for name in Self.logins.keys.sorted() + ["anonymous"] {
                    let expected = name == "anonymous" ? 401 : c.expect[name] ?? c.otherwise
                    var headers: HTTPFields = [:]
                    if c.tagged { headers[.ifMatch] = try await http.call(.get, followUp, token: f.admin).headers[.eTag] ?? "" }
                    if c.planTagged { headers[.ifMatch] = try await ExecutionFixture.planTag(http, fill("/v1/tenants/{tenant}/plans/{plan}"), token: f.admin) }
                    let response = try await http.call(c.method, path, token: tokens[name], json: json, headers: headers)
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    @Test("another tenant's plan and move ids answer 404 on every execution and follow-up route, and change nothing")
    func foreignTenant() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await ExecutionFixture.make(http, services, db)
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            let pegawai = try await http.login("kota-mataram", "pegawai")
            let operatorToken = try await http.login("kota-mataram", "operator-pendidikan")
            let p = "/v1/tenants/\(mataramID)/plans/\(f.review.plan)"
            let m = "\(p)/moves/\(f.volunteerID)"
            let attempts: [(HTTPRequest.Method, String, String, [String: Any]?)] = [
                (.post, "\(p)/execute", mataram, nil),
                (.get, "\(p)/report", mataram, nil),
                (.put, "\(m)/spmt", mataram, ["reportedOn": "2025-07-01"]),
                (.get, "\(m)/follow-up", mataram, nil),
                (.get, "\(m)/follow-up", pegawai, nil),
                (.put, "\(m)/follow-up/training", mataram, ["items": [[String: Any]]()]),
                (.put, "\(m)/spmt", operatorToken, ["reportedOn": "2025-07-01"]),
                (.put, "\(m)/follow-up/mentor", operatorToken, ["mentorID": f.seniorID]),
            ]
            for (method, path, token, json) in attempts {
                let response = try await http.call(method, path, token: token, json: json, headers: [.ifMatch: "\"v1\""])
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                #expect(try response.json()["code"] as? String == "plan.not_found" && !response.text.contains("Rotasi"), "\(response.text)")
            }
            // Kota Uji's own path with a foreign admin's token reads as an absent tenant.
            let own = try await http.call(.post, "\(f.planPath)/execute", token: mataram, headers: [.ifMatch: "\"v1\""])
            #expect(own.status == .notFound)
            #expect(try await f.review.plan(http)["status"] as? String == "decreed")
            #expect(try await ExecutionFixture.history(db, f.volunteerID).isEmpty)
        }
    }
}
