import Foundation
import Hummingbird
import HummingbirdTesting
import PostgresNIO
import Testing

/// A tenant's default planning policy: who reads and changes it, versioning, validation, and
/// plans that take it for the fields their request leaves out.
@Suite("Plan settings")
struct PlanSettingsTests {
    static let fields = ["horizonMonths", "minMonthsInPosition", "minPerformance", "maxTrainableGap", "scope", "mode",
                         "fitWeight", "wishBonus", "wishStep", "compulsoryCost", "stayCost", "ignoredWishCost"]

    @Test("each role gets exactly what it may do on the plan settings routes")
    func matrix() async throws {
        try await TestApp.run { http, _, _, _ in
            var tokens: [String: String] = [:]
            for (name, login) in WorkforceAccessTests.logins { tokens[name] = try await http.login(login.0, login.1) }
            let tenantID = try await http.call(.get, "/v1/me", token: tokens["admin"]!).json()["scope"] as! String
            let foreign = ["bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404]
            let outsiders = foreign.merging(["platform": 403, "bkn-x": 403, "operator": 403, "pegawai": 403]) { a, _ in a }
            typealias Case = WorkforceAccessTests.Case
            let path = "/v1/tenants/\(tenantID)/plan-settings"
            let cases = [
                Case(method: .get, path: path, expect: outsiders, otherwise: 200),
                // The admin goes first (names sorted) and moves the settings to v1; the others are
                // refused before the version is looked at.
                Case(method: .patch, path: path, json: { _, _ in ["wishBonus": 240] }, ifMatch: "\"v0\"",
                     expect: outsiders.merging(["admin": 200]) { a, _ in a }, otherwise: 403),
            ]
            var failures: [String] = []
            for c in cases {
                for name in WorkforceAccessTests.logins.keys.sorted() {
                    let expected = c.expect[name] ?? c.otherwise
                    let response = try await WorkforceAccessTests.send(http, c, path: path, token: tokens[name], who: name, ids: [:])
                    if response.status.code != expected {
                        failures.append("\(c.method) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
                let anonymous = try await WorkforceAccessTests.send(http, c, path: path, token: nil, who: "anon", ids: [:])
                if anonymous.status.code != 401 { failures.append("\(c.method) anonymous: \(anonymous.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
            // Another tenant's admin changed nothing here, and their own settings are untouched.
            #expect(try await http.call(.get, path, token: tokens["admin"]!).json()["wishBonus"] as? Int == 240)
            let mataramID = try await http.call(.get, "/v1/me", token: tokens["mataram-admin"]!).json()["scope"] as! String
            let theirs = try await http.call(.get, "/v1/tenants/\(mataramID)/plan-settings", token: tokens["mataram-admin"]!).json()
            #expect(theirs["wishBonus"] as? Int == 200 && theirs["version"] as? Int == 0)
        }
    }

    @Test("settings are versioned; a change that changes nothing keeps the version and is not audited; bad input changes nothing")
    func workflow() async throws {
        try await TestApp.run { http, _, db, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let path = "/v1/tenants/\(tenantID)/plan-settings"
            let initial = try await http.call(.get, path, token: admin)
            #expect(initial.status == .ok && initial.headers[.eTag] == "\"v0\"")
            let body = try initial.json()
            #expect(Set(body.keys) == Set(Self.fields + ["version"]))
            #expect(body["wishBonus"] as? Int == 200 && body["scope"] as? String == "province" && body["version"] as? Int == 0)

            #expect(try await http.call(.patch, path, token: admin, json: ["wishBonus": 250]).status.code == 428)
            let changed = try await http.call(.patch, path, token: admin, json: ["wishBonus": 250, "scope": "regency"],
                                              headers: [.ifMatch: "\"v0\""])
            #expect(changed.status == .ok, "\(changed.text)")
            #expect(changed.headers[.eTag] == "\"v1\"")
            #expect(try changed.json()["wishBonus"] as? Int == 250 && changed.json()["scope"] as? String == "regency")
            #expect(try changed.json()["stayCost"] as? Int == 200)

            // The same values again: same version, no second audit event.
            let same = try await http.call(.patch, path, token: admin, json: ["wishBonus": 250], headers: [.ifMatch: "\"v1\""])
            #expect(same.status == .ok && same.headers[.eTag] == "\"v1\"")
            let audited = try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                try await connection.query("SELECT count(*) FROM audit_events WHERE action = 'plan_settings.update'",
                                           logger: TestDatabase.logger).collect().first!.decode(Int64.self)
            }
            #expect(audited == 1)

            // Stale, invalid, unknown: refused naming the field, nothing stored.
            let stale = try await http.call(.patch, path, token: admin, json: ["wishBonus": 260], headers: [.ifMatch: "\"v0\""])
            #expect(try stale.status.code == 412 && (stale.json()["code"] as? String) == "plan_settings.version_mismatch")
            for (json, field) in [(["wishBonus": -1], "wishBonus"), (["wishBonus": 100_001], "wishBonus"),
                                  (["minPerformance": 6], "minPerformance"), (["horizonMonths": 601], "horizonMonths"),
                                  (["wishBonnus": 1], "wishBonnus"), (["scope": "galaxy"], "scope"),
                                  (["stayCost": "banyak"], "stayCost")] as [([String: Any], String)] {
                let refused = try await http.call(.patch, path, token: admin, json: json, headers: [.ifMatch: "\"v1\""])
                #expect(refused.status == .badRequest, "\(json): \(refused.text)")
                #expect(try refused.json()["field"] as? String == field, "\(json): \(refused.text)")
            }
            // A number no integer holds is refused before it is converted.
            let huge = try await http.call(.patch, path, token: admin, json: ["fitWeight": 1e30], headers: [.ifMatch: "\"v1\""])
            #expect(huge.status == .badRequest, "\(huge.text)")
            let after = try await http.call(.get, path, token: admin)
            #expect(after.headers[.eTag] == "\"v1\"")
            #expect(try after.json()["wishBonus"] as? Int == 250)
        }
    }

    @Test("a plan takes the tenant's defaults for the fields it leaves out, its own for the rest, and stores them all")
    func planTakesDefaults() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let settings = try await http.call(.patch, "/v1/tenants/\(tenantID)/plan-settings", token: admin,
                                               json: ["wishBonus": 260, "scope": "regency", "stayCost": 90],
                                               headers: [.ifMatch: "\"v0\""])
            #expect(settings.status == .ok)
            let plans = "/v1/tenants/\(tenantID)/plans"
            let created = try await http.call(.post, plans, token: admin, json: ["name": "Dengan bawaan", "policy": ["stayCost": 120]])
            #expect(created.status == .accepted, "\(created.text)")
            let policy = try #require((try created.json()["plan"] as? [String: Any])?["policy"] as? [String: Any])
            #expect(Set(policy.keys) == Set(Self.fields))
            #expect(policy["wishBonus"] as? Int == 260 && policy["scope"] as? String == "regency")
            #expect(policy["stayCost"] as? Int == 120 && policy["fitWeight"] as? Int == 3)

            let plain = try await http.call(.post, plans, token: admin, json: ["name": "Tanpa kebijakan"])
            let plainPolicy = try #require((try plain.json()["plan"] as? [String: Any])?["policy"] as? [String: Any])
            #expect(plainPolicy["stayCost"] as? Int == 90 && plainPolicy["wishBonus"] as? Int == 260)

            // A plan's own fields are checked as before, and unknown ones refused.
            let bad = try await http.call(.post, plans, token: admin, json: ["name": "x", "policy": ["wishBonus": -5]])
            #expect(try bad.status == .badRequest && (bad.json()["field"] as? String) == "policy.wishBonus")
            let unknown = try await http.call(.post, plans, token: admin, json: ["name": "x", "policy": ["wishBonnus": 5]])
            #expect(try unknown.status == .badRequest && (unknown.json()["field"] as? String) == "policy.wishBonnus")
            #expect(try await http.call(.get, plans, token: admin).json()["total"] as? Int == 2)
        }
    }

    @Test("each plan links the published planning model, in its JSON and a Link header")
    func modelLink() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let created = try await http.call(.post, "/v1/tenants/\(tenantID)/plans", token: admin, json: ["name": "Rotasi"])
            let location = try #require(created.headers[.location])
            for response in [created, try await http.call(.get, location, token: admin),
                             try await http.call(.get, "/v1/tenants/\(tenantID)/plans", token: admin)] {
                #expect(response.headers[.init("Link")!] == "<docs/model-perencanaan.md>; rel=\"describedby\"; type=\"text/markdown\"")
            }
            let model = try #require((try await http.call(.get, location, token: admin).json()["plan"] as? [String: Any])?["model"] as? [String: Any])
            #expect(model["version"] as? Int == 2 && model["document"] as? String == "docs/model-perencanaan.md")
            #expect(FileManager.default.fileExists(atPath: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
                .appendingPathComponent("../../../docs/model-perencanaan.md").standardized.path))
        }
    }
}
