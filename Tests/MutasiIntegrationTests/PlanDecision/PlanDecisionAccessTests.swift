import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import NIOCore
import Testing

/// Every role against every lifecycle route on Kota Uji's plan in review (the volunteer accepted,
/// the silent teacher objected, undecided): tenant admins submit and cancel, approvers drop,
/// approve and reject, tenant admins, approvers and auditors read the history; operators (own
/// agency or another), employees, the platform and BKN admins get 403; other tenants read as absent.
@Suite("Plan decision role x route matrix")
struct PlanDecisionAccessTests {
    static func cases() -> [PlanReviewAccessTests.Case] {
        typealias Case = PlanReviewAccessTests.Case
        let p = "/v1/tenants/{tenant}/plans/{plan}"
        let readers = ["admin": 200, "ppk": 200, "auditor": 200]
        func with(_ e: [String: Int]) -> [String: Int] { e.merging(PlanReviewAccessTests.foreign) { a, _ in a } }
        let reason = ["reason": "Alasan yang cukup panjang."]
        return [
            Case(method: .get, path: "\(p)/history", expect: with(readers), otherwise: 403),
            Case(method: .get, path: "\(p)/moves?dropped=false", expect: with(readers), otherwise: 403),
            // In review with an undecided objection: each allowed role passes the role check and
            // is refused for the state.
            Case(method: .post, path: "\(p)/submit", ifMatch: "{planTag}", expect: with(["admin": 409]), otherwise: 403),
            Case(method: .post, path: "\(p)/approve", ifMatch: "{planTag}", expect: with(["ppk": 409]), otherwise: 403),
            Case(method: .post, path: "\(p)/reject", json: reason, ifMatch: "{planTag}", expect: with(["ppk": 409]), otherwise: 403),
            Case(method: .post, path: "\(p)/moves/{silent}/drop", json: reason, ifMatch: "{planTag}", expect: with(["ppk": 409]),
                 otherwise: 403),
            // Last: the admin cancels the plan.
            Case(method: .post, path: "\(p)/cancel", json: reason, ifMatch: "{planTag}", expect: with(["admin": 200]), otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do on the lifecycle routes")
    func matrix() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await PlanReviewAccessTests.setUp(http, services, db)
            var tokens: [String: String] = [:]
            for (name, login) in PlanReviewAccessTests.logins { tokens[name] = try await http.login(login.0, login.1) }
            let planTag = try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] ?? ""
            let ids = ["{tenant}": f.tenantID, "{plan}": f.plan, "{silent}": f.silentID, "{planTag}": planTag]
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
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            #expect(try await f.plan(http)["status"] as? String == "cancelled")
        }
    }

    @Test("another tenant's plan and move ids answer 404 on every lifecycle route, and change nothing")
    func foreignTenant() async throws {
        try await TestApp.run { http, services, db, _ in
            let f = try await PlanReviewAccessTests.setUp(http, services, db)
            let mataram = try await http.login("kota-mataram", "admin")
            let mataramID = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as! String
            let approver = try await http.login("kota-mataram", "ppk")
            let p = "/v1/tenants/\(mataramID)/plans/\(f.plan)"
            let reason = ["reason": "Alasan yang cukup panjang."]
            let attempts: [(HTTPRequest.Method, String, String, [String: Any]?)] = [
                (.get, "\(p)/history", mataram, nil),
                (.get, "\(p)/moves?dropped=true", mataram, nil),
                (.post, "\(p)/submit", mataram, nil),
                (.post, "\(p)/cancel", mataram, reason),
                (.post, "\(p)/approve", approver, nil),
                (.post, "\(p)/reject", approver, reason),
                (.post, "\(p)/moves/\(f.silentID)/drop", approver, reason),
            ]
            let planTag = try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] ?? ""
            for (method, path, token, json) in attempts {
                let response = try await http.call(method, path, token: token, json: json, headers: [.ifMatch: planTag])
                #expect(response.status == .notFound, "\(method) \(path): \(response.text)")
                #expect(try response.json()["code"] as? String == "plan.not_found" && !response.text.contains("Rotasi"), "\(response.text)")
            }
            // Nothing changed in Kota Uji.
            let plan = try await f.plan(http)
            #expect(plan["status"] as? String == "in_review" && plan["moveCount"] as? Int == 2)
            #expect(try await http.call(.get, f.planPath, token: f.admin).headers[.eTag] == planTag)
            #expect(try await ReviewFixture.audit(db, entity: "plan").filter { $0 != "plan.create" && $0 != "plan.built" } == ["plan.review_opened"])
        }
    }
}
