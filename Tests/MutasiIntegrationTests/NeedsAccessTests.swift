import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// Every needs-analysis route against every role: who reads, who is refused (403), and who does
/// not see the tenant at all (404). The allowed writes are exercised by the workflow test.
@Suite("Needs analysis role x route matrix")
struct NeedsAccessTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn-x": (nil, "bkn-denpasar"), "bkn-viii": (nil, "bkn-banjarmasin"),
        "admin": ("kota-kupang", "admin"), "operator": ("kota-kupang", "operator-pendidikan"), "ppk": ("kota-kupang", "ppk"),
        "pegawai": ("kota-kupang", "pegawai"), "auditor": ("kota-kupang", "auditor"), "mataram": ("kota-mataram", "admin"),
    ]

    struct Case: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var body: [String: String]?
        /// Logins whose outcome is not checked here (they succeed and change state).
        var skip: Set<String> = []
        var expect: [String: Int]
        var otherwise: Int
    }

    @Test("each role gets exactly what it may do on the needs routes")
    func matrix() async throws {
        try await TestApp.run { http, _, db, _ in
            let slotID = try await NeedsAnalysisTests.slot(db, unit: "bkd-matrix", staff: 1)
            var tokens: [String: String] = [:]
            for (name, login) in Self.logins { tokens[name] = try await http.login(login.0, login.1) }
            let tenant = try await NeedsAnalysisTests.tenantID(http, tokens["admin"]!)
            let created = try await http.call(.post, "/v1/tenants/\(tenant)/needs-analyses", token: tokens["operator"]!,
                                              json: ["slotID": slotID, "year": 2026, "tasks": NeedsAnalysisTests.workedTasks])
            let id = try created.json()["id"] as! String
            let base = "/v1/tenants/\(tenant)/needs-analyses"
            let outside = ["bkn-viii": 404, "mataram": 404]
            let readers = outside.merging(["pegawai": 403]) { a, _ in a }
            let editors = outside.merging(["platform": 403, "bkn-x": 403, "ppk": 403, "pegawai": 403, "auditor": 403]) { a, _ in a }
            let verifiers = editors.merging(["operator": 403]) { a, _ in a }
            let cases: [Case] = [
                Case(method: .get, path: base, expect: readers, otherwise: 200),
                Case(method: .get, path: "\(base)/\(id)", expect: readers, otherwise: 200),
                Case(method: .get, path: "\(base)/\(id)/history", expect: readers, otherwise: 200),
                Case(method: .post, path: base, skip: ["admin", "operator"], expect: editors, otherwise: 0),
                Case(method: .put, path: "\(base)/\(id)", skip: ["admin", "operator"], expect: editors, otherwise: 0),
                Case(method: .post, path: "\(base)/\(id)/submit", skip: ["admin", "operator"], expect: editors, otherwise: 0),
                Case(method: .post, path: "\(base)/\(id)/approve", skip: ["admin"], expect: verifiers, otherwise: 0),
                Case(method: .post, path: "\(base)/\(id)/return", body: ["notes": "Perbaiki"], skip: ["admin"], expect: verifiers, otherwise: 0),
                Case(method: .get, path: "/v1/tenants/\(tenant)/needs-settings", expect: outside, otherwise: 200),
                Case(method: .patch, path: "/v1/tenants/\(tenant)/needs-settings", skip: ["admin"],
                     expect: outside.merging(["operator": 403, "ppk": 403, "pegawai": 403, "auditor": 403, "platform": 403, "bkn-x": 403]) { a, _ in a },
                     otherwise: 0),
            ]
            var failures: [String] = []
            for c in cases {
                let body: [String: Any]? = switch (c.method, c.path.hasSuffix("needs-analyses")) {
                case (.post, true): ["slotID": slotID, "year": 2027, "tasks": NeedsAnalysisTests.workedTasks]
                case (.put, _): ["tasks": NeedsAnalysisTests.workedTasks]
                case (.patch, _): ["rounding": "nearest"]
                default: c.body
                }
                for name in Self.logins.keys.sorted() where !c.skip.contains(name) {
                    let expected = c.expect[name] ?? c.otherwise
                    let response = try await http.call(c.method, c.path, token: tokens[name], json: body,
                                                       headers: c.method == .get ? [:] : NeedsAnalysisTests.ifMatch(1))
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text)")
                    }
                }
                let anonymous = try await http.call(c.method, c.path, json: body)
                if anonymous.status.code != 401 { failures.append("\(c.method) \(c.path) anonymous: \(anonymous.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // Nothing refused changed the analysis.
            let after = try await http.call(.get, "\(base)/\(id)", token: tokens["admin"]!)
            #expect(after.headers[.eTag] == "\"v1\"")
        }
    }
}
