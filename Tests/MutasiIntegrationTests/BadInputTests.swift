import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

/// Bad requests get the right 4xx problem document, name the field, and change nothing.
@Suite("Bad input")
struct BadInputTests {
    @Test("malformed JSON, wrong types, missing fields, wrong content type, oversize body")
    func refusals() async throws {
        try await TestApp.run { http, _, _, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let path = "/v1/tenants/\(tenantID)/agencies"
            let before = try await http.call(.get, path, token: admin).json()["total"] as! Int
            let auth: HTTPFields = [.authorization: "Bearer \(admin)", .contentType: "application/json"]

            let malformed = try await http.execute(uri: path, method: .post, headers: auth, body: ByteBuffer(string: "{\"code\": "))
            #expect(malformed.status == .badRequest)
            #expect(try malformed.json()["code"] as? String == "request.malformed_json")
            #expect(malformed.headers[.contentType] == "application/problem+json")

            let wrongType = try await http.call(.post, path, token: admin, json: ["code": 12, "name": "Dinas"])
            #expect(wrongType.status == .badRequest)
            #expect(try wrongType.json()["field"] as? String == "code")

            let missing = try await http.call(.post, path, token: admin, json: ["code": "dinas-x"])
            #expect(missing.status == .badRequest)
            #expect(try missing.json()["field"] as? String == "name")

            let invalid = try await http.call(.post, path, token: admin, json: ["code": "Not A Code!", "name": "Dinas"])
            #expect(invalid.status == .badRequest)
            #expect(try invalid.json()["field"] as? String == "code")

            let textPlain = try await http.execute(uri: path, method: .post,
                                                   headers: [.authorization: "Bearer \(admin)", .contentType: "text/plain"],
                                                   body: ByteBuffer(string: "{\"code\":\"dinas-y\",\"name\":\"Dinas\"}"))
            #expect(textPlain.status == .unsupportedMediaType)

            let huge = String(repeating: "x", count: 2 * 1024 * 1024)
            let oversize = try await http.execute(uri: path, method: .post, headers: auth,
                                                  body: ByteBuffer(string: "{\"code\":\"dinas-z\",\"name\":\"\(huge)\"}"))
            #expect(oversize.status == .contentTooLarge)

            let badPage = try await http.call(.get, path + "?limit=abc", token: admin)
            #expect(badPage.status == .badRequest)
            #expect(try badPage.json()["field"] as? String == "limit")
            let tooBig = try await http.call(.get, path + "?limit=100000", token: admin)
            #expect(tooBig.status == .badRequest)

            // An If-Match version no database integer holds is refused, and the server keeps serving.
            let sabangau = try await http.login("provinsi-sabangau", "admin")
            let sabangauID = try await http.call(.get, "/v1/me", token: sabangau).json()["scope"] as! String
            let units = try await http.call(.get, "/v1/tenants/\(sabangauID)/units?limit=1", token: sabangau).json()["items"] as? [[String: Any]]
            if let unit = units?.first?["id"] as? String {
                for tag in ["\"v99999999999\"", "\"v2147483648\"", "\"v-1\""] {
                    let stale = try await http.call(.patch, "/v1/tenants/\(sabangauID)/units/\(unit)", token: sabangau,
                                                    json: ["name": "Unit Lain"], headers: [.ifMatch: tag])
                    #expect(stale.status == .preconditionFailed, "\(tag): \(stale.text)")
                    #expect(try stale.json()["code"] as? String == "request.if_match_invalid")
                }
            } else {
                Issue.record("the demo tenant has no unit to patch")
            }

            let after = try await http.call(.get, path, token: admin).json()["total"] as! Int
            #expect(after == before)
        }
    }

    @Test("problem documents carry no internals, and unknown routes and ids are 404")
    func noInternals() async throws {
        try await TestApp.run { http, _, _, _ in
            let admin = try await http.login(nil, "admin")
            let notUUID = try await http.call(.get, "/v1/tenants/not-a-uuid", token: admin)
            #expect(notUUID.status == .notFound)
            let unknown = try await http.call(.get, "/v1/tenants/\(UUID().uuidString)", token: admin)
            #expect(unknown.status == .notFound)
            #expect(try unknown.json()["code"] as? String == "tenant.not_found")
            let route = try await http.call(.get, "/v1/no-such-thing", token: admin)
            #expect(route.status == .notFound)
            for response in [notUUID, unknown, route] {
                let text = response.text.lowercased()
                #expect(!text.contains("select") && !text.contains("psql") && !text.contains(".swift"))
                #expect(response.headers[.init("X-Request-ID")!] != nil)
            }
        }
    }

    @Test("numbers past a column's range are 400 naming the parameter, and the server keeps serving")
    func outOfRangeNumbers() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let needs = "/v1/tenants/\(tenantID)/needs-analyses"
            for year in ["219566088575", "2147483648", "-2147483649", "1999", "2101"] {
                let response = try await http.call(.get, needs + "?year=\(year)", token: admin)
                #expect(response.status == .badRequest, "\(year): \(response.text)")
                #expect(try response.json()["field"] as? String == "year")
            }
            #expect(try await http.call(.get, needs + "?year=2026", token: admin).status == .ok)
            for (query, field) in [("limit=0", "limit"), ("limit=9223372036854775808", "limit"), ("offset=-1", "offset"),
                                   ("offset=99999999999999999999", "offset")] {
                let response = try await http.call(.get, needs + "?" + query, token: admin)
                #expect(response.status == .badRequest, "\(query): \(response.text)")
                #expect(try response.json()["field"] as? String == field)
            }
            let far = try await http.call(.get, needs + "?offset=9223372036854775807", token: admin)
            #expect(far.status == .ok, "\(far.text)")
            #expect((try far.json()["items"] as? [Any])?.isEmpty == true)
            // A year's working time past the minutes of a year (and past the column) trapped the server.
            let settings = "/v1/tenants/\(tenantID)/needs-settings"
            let etag = try await http.call(.get, settings, token: admin).headers[.eTag] ?? ""
            for minutes in ["139531647314240.0", "527041", "2147483648"] {
                let response = try await http.execute(uri: settings, method: .patch, headers: [
                    .authorization: "Bearer \(admin)", .contentType: "application/json", .ifMatch: etag],
                    body: ByteBuffer(string: "{\"effectiveWorkingMinutes\": \(minutes)}"))
                #expect(response.status == .badRequest, "\(minutes): \(response.text)")
                #expect(try response.json()["field"] as? String == "effectiveWorkingMinutes")
            }
            #expect(try await http.call(.get, "/health").status == .ok)
        }
    }

    @Test("text holding U+0000 is a 400 naming the field, in bodies and query parameters")
    func nulCharacter() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let agencies = "/v1/tenants/\(tenantID)/agencies"
            let before = try await http.call(.get, agencies, token: admin).json()["total"] as! Int
            let body = try await http.execute(uri: agencies, method: .post,
                                              headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                                              body: ByteBuffer(string: #"{"code": "dinas-nul", "name": "Dinas\u0000X"}"#))
            #expect(body.status == .badRequest, "\(body.text)")
            #expect(try body.json()["code"] as? String == "request.nul_character")
            #expect(try body.json()["field"] as? String == "name")
            // An escaped backslash before `u0000` is ordinary text.
            let literal = try await http.execute(uri: agencies, method: .post,
                                                 headers: [.authorization: "Bearer \(admin)", .contentType: "application/json"],
                                                 body: ByteBuffer(string: #"{"code": "dinas-garis", "name": "Dinas \\u0000"}"#))
            #expect(literal.status == .created, "\(literal.text)")
            let query = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?entityType=a%00b", token: admin)
            #expect(query.status == .badRequest, "\(query.text)")
            #expect(try query.json()["field"] as? String == "entityType")
            #expect(try await http.call(.get, agencies, token: admin).json()["total"] as! Int == before + 1)
        }
    }

    @Test("a known path with a method it does not serve is 405 with Allow, on the API and the pages")
    func methodNotAllowed() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let agencies = try await http.call(.put, "/v1/tenants/\(tenantID)/agencies", token: admin)
            #expect(agencies.status == .methodNotAllowed)
            #expect(agencies.headers[.allow] == "GET, POST")
            #expect(agencies.headers[.contentType] == "application/problem+json")
            #expect(try agencies.json()["code"] as? String == "route.method_not_allowed")
            // No token needed to learn the methods; the route itself still asks for one.
            let anonymous = try await http.call(.delete, "/v1/tenants/\(UUID().uuidString)/agencies")
            #expect(anonymous.status == .methodNotAllowed)
            #expect(anonymous.headers[.allow] == "GET, POST")
            let login = try await http.call(.get, "/v1/auth/login")
            #expect(login.status == .methodNotAllowed)
            #expect(login.headers[.allow] == "POST")

            let page = try await http.execute(uri: "/masuk", method: .delete, headers: [.accept: "text/html"])
            #expect(page.status == .methodNotAllowed)
            #expect(page.headers[.allow] == "GET, POST")
            #expect(page.headers[.contentType]?.hasPrefix("text/html") == true)
            #expect(page.text.contains("Metode tidak didukung"))
            let signOut = try await http.execute(uri: "/keluar", method: .get, headers: [.accept: "text/html"])
            #expect(signOut.status == .methodNotAllowed)
            #expect(signOut.headers[.allow] == "POST")

            #expect(try await http.call(.delete, "/v1/no-such-thing", token: admin).status == .notFound)
            #expect(try await http.call(.get, "/v1/tenants/\(tenantID)/agencies", token: admin).status == .ok)
        }
    }

    @Test("health, readiness and metrics answer without login")
    func operationalRoutes() async throws {
        try await TestApp.run(seeded: false) { http, _, _, _ in
            #expect(try await http.call(.get, "/health").status == .ok)
            let ready = try await http.call(.get, "/ready")
            #expect(ready.status == .ok)
            #expect(try ready.json()["status"] as? String == "ready")
            _ = try await http.call(.get, "/health")
            let metrics = try await http.call(.get, "/metrics")
            #expect(metrics.status == .ok)
            #expect(metrics.text.contains("hb_request"))
        }
    }
}
