import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import PostgresNIO
import Testing

/// Comments on a plan's moves, on the demo province: operators of an agency the move touches
/// write and read them, the tenant admin too; approvers and auditors read; nobody else.
@Suite("Comments on plan moves")
struct PlanCommentTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn-viii": (nil, "bkn-banjarmasin"), "bkn-x": (nil, "bkn-denpasar"),
        "admin": ("provinsi-sabangau", "admin"), "operator": ("provinsi-sabangau", "operator-pendidikan"),
        "operator-kesehatan": ("provinsi-sabangau", "operator-kesehatan"), "ppk": ("provinsi-sabangau", "ppk"),
        "pegawai": ("provinsi-sabangau", "pegawai"), "auditor": ("provinsi-sabangau", "auditor"),
        "mataram-admin": ("kota-mataram", "admin"), "mataram-auditor": ("kota-mataram", "auditor"),
    ]

    /// A built demo plan, an operator of Dinas Kesehatan, and a teacher's move between schools
    /// (it touches Dinas Pendidikan only). Returns the plan's path and the move's employee id.
    static func setUp(_ http: some TestClientProtocol, _ services: Services) async throws -> (String, String) {
        let admin = try await services.operators.principal(login: "provinsi-sabangau/admin")
        let tenantID = admin.scope.uuid
        let agencies = try await services.agencies.list(actor: admin, tenantID: tenantID, page: try PageRequest(limit: 200))
        let kesehatan = try #require(agencies.items.first { $0.code == "dinas-kesehatan" })
        _ = try await services.users.createTenantUser(actor: admin, tenantID: tenantID, .init(
            username: "operator-kesehatan", fullName: "Operator Dinas Kesehatan", role: .agencyOperator,
            password: TestApp.demoPassword, agencyIDs: [kesehatan.id]))
        let created = try await services.plans.create(actor: admin, tenantID: tenantID, name: "Komentar", policy: PlanPolicy())
        #expect(try await PlanBuildWorker(services.env).runOnce())
        let moves = try await services.plans.moves(actor: admin, tenantID: tenantID, id: created.plan.id, page: try PageRequest(limit: 200))
        let teacher = try #require(moves.items.first {
            $0.fromSlot.hasPrefix("SBG-SM") && $0.toSlot.hasPrefix("SBG-SM") && $0.toSlot.contains("GURU")
        })
        return ("/v1/tenants/\(tenantID.uuidString.lowercased())/plans/\(created.plan.id.uuidString.lowercased())",
                teacher.employeeID.uuidString.lowercased())
    }

    @Test("each role gets exactly what it may do on the comment routes; other tenants read them as absent")
    func matrix() async throws {
        try await TestApp.run { http, services, _, _ in
            let (plan, employee) = try await Self.setUp(http, services)
            var tokens: [String: String] = [:]
            for (name, login) in Self.logins { tokens[name] = try await http.login(login.0, login.1) }
            let first = try await http.call(.post, "\(plan)/moves/\(employee)/comments", token: tokens["admin"]!,
                                            json: ["text": "Sekolah tujuan kekurangan guru matematika."])
            #expect(first.status == .created, "\(first.text)")
            let commentPath = try #require(first.headers[.location])
            let foreign = ["bkn-x": 404, "mataram-admin": 404, "mataram-auditor": 404]
            // The move touches Dinas Pendidikan only: Dinas Kesehatan's operator reads it as absent.
            let base = foreign.merging(["platform": 403, "bkn-viii": 403, "pegawai": 403, "operator-kesehatan": 404]) { a, _ in a }
            typealias Case = WorkforceAccessTests.Case
            let cases = [
                Case(method: .post, path: "\(plan)/moves/\(employee)/comments", json: { who, _ in ["text": "Catatan dari \(who)."] },
                     expect: base.merging(["admin": 201, "operator": 201]) { a, _ in a }, otherwise: 403),
                Case(method: .get, path: "\(plan)/moves/\(employee)/comments", expect: base, otherwise: 200),
                Case(method: .get, path: commentPath, expect: base, otherwise: 200),
            ]
            var failures: [String] = []
            for c in cases {
                for name in Self.logins.keys.sorted() {
                    let expected = c.expect[name] ?? c.otherwise
                    let response = try await WorkforceAccessTests.send(http, c, path: c.path, token: tokens[name], who: name, ids: [:])
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
                let anonymous = try await WorkforceAccessTests.send(http, c, path: c.path, token: nil, who: "anon", ids: [:])
                if anonymous.status.code != 401 { failures.append("\(c.method) \(c.path) anonymous: \(anonymous.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // Only the admin's and the operator's comments were stored.
            let listed = try await http.call(.get, "\(plan)/moves/\(employee)/comments", token: tokens["ppk"]!).json()
            #expect(listed["total"] as? Int == 3)

            // Another tenant's admin with the same ids under their own tenant: absent, nothing leaks.
            let mataramID = try await http.call(.get, "/v1/me", token: tokens["mataram-admin"]!).json()["scope"] as! String
            let planID = plan.split(separator: "/").last!
            let theirs = try await http.call(.get, "/v1/tenants/\(mataramID)/plans/\(planID)/moves/\(employee)/comments",
                                             token: tokens["mataram-admin"]!)
            #expect(try theirs.status == .notFound && (theirs.json()["code"] as? String) == "plan.not_found")
        }
    }

    @Test("a comment is checked, stored once per Idempotency-Key, audited, counted on the move, and refused for no move")
    func workflow() async throws {
        try await TestApp.run { http, services, db, _ in
            let (plan, employee) = try await Self.setUp(http, services)
            let token = try await http.login("provinsi-sabangau", "operator-pendidikan")
            let comments = "\(plan)/moves/\(employee)/comments"
            for (json, field) in [(["text": "   "], "text"), (["text": String(repeating: "a", count: 2001)], "text"),
                                  (["text": "ok", "penting": true], "penting"), ([:], "text")] as [([String: Any], String)] {
                let refused = try await http.call(.post, comments, token: token, json: json)
                #expect(refused.status == .badRequest, "\(refused.text)")
                #expect(try refused.json()["field"] as? String == field)
            }
            let longest = try await http.call(.post, comments, token: token, json: ["text": String(repeating: "é", count: 2000)])
            #expect(longest.status == .created, "\(longest.text)")

            var key: HTTPFields = [:]; key[.init("Idempotency-Key")!] = "komentar-1"
            let once = try await http.call(.post, comments, token: token, json: ["text": "  Guru ini dibutuhkan di sekolah asal.  "], headers: key)
            let again = try await http.call(.post, comments, token: token, json: ["text": "  Guru ini dibutuhkan di sekolah asal.  "], headers: key)
            #expect(once.status == .created && again.status == .created)
            let id = try #require(try once.json()["id"] as? String)
            #expect(try again.json()["id"] as? String == id)
            #expect(try once.json()["text"] as? String == "Guru ini dibutuhkan di sekolah asal.")
            #expect(try once.json()["authorRole"] as? String == "agency_operator")
            let reused = try await http.call(.post, comments, token: token, json: ["text": "Lain"], headers: key)
            #expect(reused.status == .conflict)
            let fetched = try await http.call(.get, try #require(once.headers[.location]), token: token)
            #expect(try fetched.status == .ok && (fetched.json()["id"] as? String) == id)

            let listed = try await http.call(.get, comments + "?limit=1&offset=1", token: token).json()
            #expect(listed["total"] as? Int == 2)
            #expect(((listed["items"] as? [[String: Any]])?.first?["id"] as? String) == id)

            // The staff moves list counts the comments per move.
            let admin = try await http.login("provinsi-sabangau", "admin")
            let moves = try await http.call(.get, "\(plan)/moves?limit=200", token: admin).json()["items"] as? [[String: Any]] ?? []
            func isMove(_ move: [String: Any]) -> Bool { (move["employeeID"] as? String)?.lowercased() == employee }
            #expect(moves.first(where: isMove)?["commentCount"] as? Int == 2)
            #expect(moves.filter { !isMove($0) }.allSatisfy { $0["commentCount"] as? Int == 0 })

            let audited = try await db.asOwner(tenant: "provinsi-sabangau") { connection, _ in
                try await connection.query("SELECT after_json FROM audit_events WHERE action = 'plan_move_comment.create'",
                                           logger: TestDatabase.logger).collect().map { try $0.decode(String.self) }
            }
            #expect(audited.count == 2)
            #expect(audited.allSatisfy { !$0.contains("dibutuhkan") && $0.contains("\"length\"") })

            // No such move, no such plan, no such comment.
            let none = try await http.call(.post, "\(plan)/moves/\(UUID().uuidString)/comments", token: admin, json: ["text": "x"])
            #expect(try none.status == .notFound && (none.json()["code"] as? String) == "plan_move.not_found")
            let tenantPlans = plan.split(separator: "/").dropLast().joined(separator: "/")
            let noPlan = try await http.call(.get, "/\(tenantPlans)/\(UUID().uuidString)/moves/\(employee)/comments", token: admin)
            #expect(try noPlan.status == .notFound && (noPlan.json()["code"] as? String) == "plan.not_found")
            let noComment = try await http.call(.get, "\(comments)/\(UUID().uuidString)", token: admin)
            #expect(try noComment.status == .notFound && (noComment.json()["code"] as? String) == "plan_move_comment.not_found")
        }
    }
}
