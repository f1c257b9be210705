import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiServices
import Testing

@Suite("Login, tokens, logout, password change")
struct AuthTests {
    @Test("login gives a token that identifies the user; logout revokes it")
    func loginAndLogout() async throws {
        try await TestApp.run { http, _, _, _ in
            let token = try await http.login("kota-kupang", "admin")
            let me = try await http.call(.get, "/v1/me", token: token)
            #expect(me.status == .ok)
            #expect(try me.json()["username"] as? String == "admin")
            #expect(try me.json()["role"] as? String == "tenant_admin")
            #expect(try await http.call(.post, "/v1/auth/logout", token: token).status == .noContent)
            let after = try await http.call(.get, "/v1/me", token: token)
            #expect(after.status == .unauthorized)
            #expect(after.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("wrong password and unknown user get the same 401")
    func sameAnswerForUnknownUser() async throws {
        try await TestApp.run { http, _, _, _ in
            let wrong = try await http.call(.post, "/v1/auth/login", json: ["tenant": "kota-kupang", "username": "admin", "password": "not-the-password"])
            let unknown = try await http.call(.post, "/v1/auth/login", json: ["tenant": "kota-kupang", "username": "nobody", "password": "not-the-password"])
            let noTenant = try await http.call(.post, "/v1/auth/login", json: ["tenant": "no-such-town", "username": "admin", "password": "not-the-password"])
            for response in [wrong, unknown, noTenant] {
                #expect(response.status == .unauthorized)
                #expect(try response.json()["code"] as? String == "auth.invalid_credentials")
                #expect(try response.json()["detail"] as? String == "Wrong tenant, username or password.")
            }
        }
    }

    @Test("a token is bound to its tenant: another tenant's user of the same name is someone else")
    func tokensAreTenantScoped() async throws {
        try await TestApp.run { http, _, _, _ in
            let kupang = try await http.login("kota-kupang", "admin")
            let mataram = try await http.login("kota-mataram", "admin")
            let a = try await http.call(.get, "/v1/me", token: kupang).json()["scope"] as? String
            let b = try await http.call(.get, "/v1/me", token: mataram).json()["scope"] as? String
            #expect(a != nil && b != nil && a != b)
            #expect(try await http.call(.get, "/v1/me", token: "mts_" + String(repeating: "0", count: 32) + "_" + String(repeating: "x", count: 43)).status == .unauthorized)
        }
    }

    @Test("repeated failures lock the login for a while, even with the right password")
    func lockout() async throws {
        try await TestApp.run { http, _, _, _ in
            for _ in 0..<5 {
                let r = try await http.call(.post, "/v1/auth/login", json: ["tenant": "kota-kupang", "username": "ppk", "password": "wrong-password"])
                #expect(r.status == .unauthorized)
            }
            let sixth = try await http.call(.post, "/v1/auth/login", json: ["tenant": "kota-kupang", "username": "ppk", "password": "wrong-password"])
            #expect(sixth.status == .tooManyRequests)
            #expect(sixth.headers[.retryAfter] != nil)
            let right = try await http.call(.post, "/v1/auth/login", json: ["tenant": "kota-kupang", "username": "ppk", "password": TestApp.demoPassword])
            #expect(right.status == .tooManyRequests)
            // Another user of the same tenant is not affected.
            _ = try await http.login("kota-kupang", "auditor")
        }
    }

    @Test("password change revokes the other sessions and keeps the current one")
    func passwordChange() async throws {
        try await TestApp.run { http, _, _, _ in
            let first = try await http.login("kota-kupang", "pegawai")
            let second = try await http.login("kota-kupang", "pegawai")
            let weak = try await http.call(.put, "/v1/me/password", token: first, json: ["currentPassword": TestApp.demoPassword, "newPassword": "short"])
            #expect(weak.status == .badRequest)
            #expect(try weak.json()["field"] as? String == "newPassword")
            let wrong = try await http.call(.put, "/v1/me/password", token: first, json: ["currentPassword": "wrong-password!", "newPassword": "a-new-password-1"])
            #expect(wrong.status == .badRequest)
            let ok = try await http.call(.put, "/v1/me/password", token: first, json: ["currentPassword": TestApp.demoPassword, "newPassword": "a-new-password-1"])
            #expect(ok.status == .noContent)
            #expect(try await http.call(.get, "/v1/me", token: first).status == .ok)
            #expect(try await http.call(.get, "/v1/me", token: second).status == .unauthorized)
            _ = try await http.login("kota-kupang", "pegawai", password: "a-new-password-1")
        }
    }

    @Test("tokens expire")
    func expiry() async throws {
        try await TestApp.run { _, services, _, _ in
            let clock = TestClock()
            var env = services.env
            env.now = { clock.now }
            env.tokenLifetime = .seconds(60)
            let auth = AuthService(env)
            let login = try await auth.login(tenantCode: "kota-kupang", username: "admin", password: TestApp.demoPassword)
            _ = try await auth.authenticate(token: login.token)
            clock.advance(seconds: 61)
            await #expect(throws: DomainError.self) { try await auth.authenticate(token: login.token) }
        }
    }
}

/// A clock tests move by hand.
final class TestClock: @unchecked Sendable {
    private let lock = NSLock()
    private var current = Date()
    var now: Date { lock.withLock { current } }
    func advance(seconds: Double) { lock.withLock { current = current.addingTimeInterval(seconds) } }
}
