import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import PostgresNIO
import Testing

/// Deactivating a tenant shuts its users out at once; a deactivated tenant's sign-in says so.
@Suite("Tenant life cycle")
struct TenantLifecycleTests {
    static func tenantID(_ http: TestClientProtocol, _ token: String, code: String) async throws -> String {
        let tenants = try await http.call(.get, "/v1/tenants", token: token).json()["items"] as! [[String: Any]]
        return try #require(tenants.first { $0["code"] as? String == code }?["id"] as? String)
    }

    static func setActive(_ http: TestClientProtocol, _ token: String, id: String, _ active: Bool) async throws -> TestResponse {
        let etag = try #require(try await http.call(.get, "/v1/tenants/\(id)", token: token).headers[.eTag])
        return try await http.call(.patch, "/v1/tenants/\(id)", token: token, json: ["active": active], headers: [.ifMatch: etag])
    }

    static func loginResponse(_ http: TestClientProtocol, _ tenant: String?, _ username: String, _ password: String) async throws -> TestResponse {
        var body: [String: Any] = ["username": username, "password": password]
        if let tenant { body["tenant"] = tenant }
        return try await http.call(.post, "/v1/auth/login", json: body)
    }

    @Test("deactivating a tenant revokes its sessions at once; its sign-in says tenant.inactive, wrong ones stay invalid")
    func deactivationRevokesAndRefuses() async throws {
        try await TestApp.run { http, _, db, _ in
            let bkn = try await http.login(nil, "bkn-denpasar")
            let admin = try await http.login("kota-mataram", "admin")
            let pegawai = try await http.login("kota-mataram", "pegawai")
            let kupang = try await http.login("kota-kupang", "admin")
            let id = try await Self.tenantID(http, bkn, code: "kota-mataram")

            let off = try await Self.setActive(http, bkn, id: id, false)
            #expect(off.status == .ok)
            #expect(try off.json()["active"] as? Bool == false)
            for token in [admin, pegawai] {
                #expect(try await http.call(.get, "/v1/me", token: token).status == .unauthorized)
            }
            let open = try await db.asOwner { client in
                try await client.column("""
                    SELECT count(*) FROM sessions WHERE tenant_id = \(UUID(uuidString: id)!) AND revoked_at IS NULL
                    """, as: Int64.self)
            }
            #expect(open == [0])
            // Another tenant is untouched.
            #expect(try await http.call(.get, "/v1/me", token: kupang).status == .ok)

            let right = try await Self.loginResponse(http, "kota-mataram", "admin", TestApp.demoPassword)
            #expect(right.status == .forbidden)
            #expect(try right.json()["code"] as? String == "tenant.inactive")
            let wrong = try await Self.loginResponse(http, "kota-mataram", "admin", "not-the-password")
            #expect(wrong.status == .unauthorized)
            #expect(try wrong.json()["code"] as? String == "auth.invalid_credentials")
            let nobody = try await Self.loginResponse(http, "kota-mataram", "nobody", TestApp.demoPassword)
            #expect(try nobody.json()["code"] as? String == "auth.invalid_credentials")

            #expect(try await Self.setActive(http, bkn, id: id, true).status == .ok)
            // Old tokens stay revoked; new logins work again.
            #expect(try await http.call(.get, "/v1/me", token: admin).status == .unauthorized)
            let again = try await http.login("kota-mataram", "admin")
            #expect(try await http.call(.get, "/v1/me", token: again).status == .ok)
        }
    }

    @Test("a token of an inactive tenant is refused even while its session is open")
    func inactiveTenantTokenRefused() async throws {
        try await TestApp.run { http, _, db, _ in
            let token = try await http.login("kota-mataram", "auditor")
            #expect(try await http.call(.get, "/v1/me", token: token).status == .ok)
            try await db.asOwner { client in
                _ = try await client.query("UPDATE tenants SET active = false WHERE code = 'kota-mataram'", logger: TestDatabase.logger)
            }
            let refused = try await http.call(.get, "/v1/me", token: token)
            #expect(refused.status == .unauthorized)
            #expect(try refused.json()["code"] as? String == "auth.invalid_token")
        }
    }
}

/// Each BKN office has an area (province codes); its admins create and manage only tenants
/// whose region lies in it, and a tenant outside reads as absent.
@Suite("BKN office areas")
struct BknAreaTests {
    static func offices(_ http: TestClientProtocol, _ token: String) async throws -> [String: [String: Any]] {
        let items = try await http.call(.get, "/v1/bkn-offices", token: token).json()["items"] as! [[String: Any]]
        return Dictionary(uniqueKeysWithValues: items.map { ($0["code"] as! String, $0) })
    }

    @Test("the demo offices carry their areas; the platform admin sets and checks them")
    func areasStoredAndValidated() async throws {
        try await TestApp.run { http, _, _, _ in
            let platform = try await http.login(nil, "admin")
            let offices = try await Self.offices(http, platform)
            #expect(offices["kanreg-x"]?["provinceCodes"] as? [String] == ["51", "52", "53"])
            #expect(offices["kanreg-viii"]?["provinceCodes"] as? [String] == ["62", "63", "64", "65"])

            let created = try await http.call(.post, "/v1/bkn-offices", token: platform,
                                              json: ["code": "kanreg-ii", "name": "Kanreg II BKN Surabaya", "provinceCodes": ["35", "52", "35"]])
            #expect(created.status == .created)
            #expect(try created.json()["provinceCodes"] as? [String] == ["35", "52"])
            for bad in [[], ["5"], ["53.71"], ["10"], ["ab"]] {
                let r = try await http.call(.post, "/v1/bkn-offices", token: platform,
                                            json: ["code": "kanreg-z", "name": "Z", "provinceCodes": bad])
                #expect(r.status == .badRequest, "\(bad)")
                #expect(try r.json()["field"] as? String == "provinceCodes", "\(bad)")
            }
            let missing = try await http.call(.post, "/v1/bkn-offices", token: platform, json: ["code": "kanreg-z", "name": "Z"])
            #expect(missing.status == .badRequest)

            // The area cannot leave out a province where the office oversees a tenant (Kupang, 53).
            let x = offices["kanreg-x"]!
            let xID = x["id"] as! String
            let etag = "\"v\(x["version"] as! Int)\""
            let shrink = try await http.call(.patch, "/v1/bkn-offices/\(xID)", token: platform,
                                             json: ["provinceCodes": ["51", "52"]], headers: [.ifMatch: etag])
            #expect(shrink.status == .badRequest)
            #expect(try shrink.json()["code"] as? String == "province_codes.tenants_outside")
            let bkn = try await http.login(nil, "bkn-denpasar")
            let notPlatform = try await http.call(.patch, "/v1/bkn-offices/\(xID)", token: bkn,
                                                  json: ["provinceCodes": ["51", "52", "53", "54"]], headers: [.ifMatch: etag])
            #expect(notPlatform.status == .forbidden)
            let grow = try await http.call(.patch, "/v1/bkn-offices/\(xID)", token: platform,
                                           json: ["provinceCodes": ["51", "52", "53", "54"]], headers: [.ifMatch: etag])
            #expect(grow.status == .ok)
            #expect(try grow.json()["provinceCodes"] as? [String] == ["51", "52", "53", "54"])
            let stale = try await http.call(.patch, "/v1/bkn-offices/\(xID)", token: platform,
                                            json: ["name": "Lost"], headers: [.ifMatch: etag])
            #expect(stale.status == .preconditionFailed)
        }
    }

    @Test("a tenant is created only inside its office's area, by BKN and platform admins alike")
    func createOnlyInsideArea() async throws {
        try await TestApp.run { http, _, _, _ in
            let banjarmasin = try await http.login(nil, "bkn-banjarmasin")
            let outside = try await http.call(.post, "/v1/tenants", token: banjarmasin, json: [
                "code": "kab-kupang", "name": "Pemerintah Kabupaten Kupang", "kind": "regency", "regionCode": "53.01"])
            #expect(outside.status == .badRequest)
            #expect(try outside.json()["code"] as? String == "tenant.region_outside_office_area")
            #expect(try outside.json()["field"] as? String == "regionCode")
            let inside = try await http.call(.post, "/v1/tenants", token: banjarmasin, json: [
                "code": "kab-banjar", "name": "Pemerintah Kabupaten Banjar", "kind": "regency", "regionCode": "63.03"])
            #expect(inside.status == .created)

            let platform = try await http.login(nil, "admin")
            let viii = try await BknAreaTests.offices(http, platform)["kanreg-viii"]!["id"] as! String
            let wrongOffice = try await http.call(.post, "/v1/tenants", token: platform, json: [
                "code": "kota-bima", "name": "Pemerintah Kota Bima", "kind": "city", "regionCode": "52.72", "bknOfficeID": viii])
            #expect(wrongOffice.status == .badRequest)
            #expect(try wrongOffice.json()["code"] as? String == "tenant.region_outside_office_area")
        }
    }

    @Test("outside the office's area a tenant reads as absent to its BKN admin")
    func outsideAreaIsAbsent() async throws {
        try await TestApp.run { http, _, db, _ in
            // A tenant of Kanreg X whose region (Jawa Barat, 32) lies outside its area, as an older
            // assignment could have left it.
            try await db.asOwner { client in
                _ = try await client.query("""
                    INSERT INTO tenants (code, name, kind, region_code, bkn_office_id)
                    SELECT 'kab-bogor', 'Pemerintah Kabupaten Bogor', 'regency', '32.01', id FROM bkn_offices WHERE code = 'kanreg-x'
                    """, logger: TestDatabase.logger)
            }
            let platform = try await http.login(nil, "admin")
            let bogor = try await TenantLifecycleTests.tenantID(http, platform, code: "kab-bogor")
            let bkn = try await http.login(nil, "bkn-denpasar")
            let listed = try await http.call(.get, "/v1/tenants", token: bkn).json()["items"] as! [[String: Any]]
            #expect(Set(listed.compactMap { $0["code"] as? String }) == ["kota-kupang", "kota-mataram"])
            #expect(try await http.call(.get, "/v1/tenants/\(bogor)", token: bkn).status == .notFound)
            #expect(try await http.call(.patch, "/v1/tenants/\(bogor)", token: bkn, json: ["active": false],
                                        headers: [.ifMatch: "\"v1\""]).status == .notFound)
            let admin = ["username": "admin", "fullName": "Admin Bogor", "role": "tenant_admin", "password": "a-long-password"]
            #expect(try await http.call(.post, "/v1/tenants/\(bogor)/users", token: bkn, json: admin).status == .notFound)
            #expect(try await http.call(.get, "/v1/tenants/\(bogor)/users", token: bkn).status == .notFound)
            #expect(try await http.call(.get, "/v1/tenants/\(bogor)", token: platform).status == .ok)
            // Inside the area, the same admin manages as before.
            let kupang = try await TenantLifecycleTests.tenantID(http, bkn, code: "kota-kupang")
            #expect(try await http.call(.get, "/v1/tenants/\(kupang)/users", token: bkn).status == .ok)

            // Once the platform admin widens the area, the tenant is the office's to manage.
            let x = try await BknAreaTests.offices(http, platform)["kanreg-x"]!
            let grow = try await http.call(.patch, "/v1/bkn-offices/\(x["id"] as! String)", token: platform,
                                           json: ["provinceCodes": ["32", "51", "52", "53"]],
                                           headers: [.ifMatch: "\"v\(x["version"] as! Int)\""])
            #expect(grow.status == .ok)
            #expect(try await http.call(.get, "/v1/tenants/\(bogor)", token: bkn).status == .ok)
            #expect(try await http.call(.post, "/v1/tenants/\(bogor)/users", token: bkn, json: admin).status == .created)
        }
    }

    @Test("the migration gives existing offices the provinces of the tenants they oversee")
    func migrationBackfillsAreas() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let earlier = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID())")
        try FileManager.default.createDirectory(at: earlier, withIntermediateDirectories: true)
        for file in try FileManager.default.contentsOfDirectory(atPath: db.sqlDirectory.path)
        where file.hasSuffix(".sql") && file < "006" {
            try FileManager.default.copyItem(at: db.sqlDirectory.appendingPathComponent(file), to: earlier.appendingPathComponent(file))
        }
        try await db.migrate(from: earlier)
        try await db.asOwner { client in
            for statement in [
                "INSERT INTO bkn_offices (code, name) VALUES ('kanreg-x', 'X'), ('kanreg-y', 'Y')",
                """
                INSERT INTO tenants (code, name, kind, region_code, bkn_office_id)
                SELECT c, c, k, r, (SELECT id FROM bkn_offices WHERE code = 'kanreg-x')
                FROM (VALUES ('kota-kupang', 'city', '53.71'), ('kab-kupang', 'regency', '53.01'), ('kota-mataram', 'city', '52.71'))
                     AS t(c, k, r)
                """,
            ] {
                _ = try await client.query(PostgresQuery(unsafeSQL: statement), logger: TestDatabase.logger)
            }
        }
        try await db.migrate()
        let areas = try await db.asOwner { client in
            try await client.column("SELECT array_to_string(province_codes, ',') FROM bkn_offices ORDER BY code", as: String.self)
        }
        #expect(areas == ["52,53", ""])
    }
}
