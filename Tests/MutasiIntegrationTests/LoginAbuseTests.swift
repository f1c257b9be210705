import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiHTTP
import MutasiServices
import Testing

/// Login abuse: attempts counted atomically per name and per address, forwarded addresses only
/// from trusted proxies, bcrypt on a bounded pool, failed logins audited, long passwords refused.
@Suite("Login abuse")
struct LoginAbuseTests {
    static func attempt(_ http: TestClientProtocol, _ tenant: String?, _ username: String, _ password: String,
                        forwardedFor: String? = nil) async throws -> TestResponse {
        var body: [String: Any] = ["username": username, "password": password]
        if let tenant { body["tenant"] = tenant }
        var headers: HTTPFields = [:]
        if let forwardedFor { headers[.init("X-Forwarded-For")!] = forwardedFor }
        return try await http.call(.post, "/v1/auth/login", json: body, headers: headers)
    }

    @Test("parallel wrong guesses are throttled exactly like the same guesses one by one")
    func parallelGuessesCountedAtomically() async throws {
        try await TestApp.run { http, services, _, _ in
            let limit = services.env.login.maxFailures
            let n = limit + 7
            let parallel = try await withThrowingTaskGroup(of: Int.self) { group in
                for i in 0..<n {
                    group.addTask { try await Self.attempt(http, "kota-kupang", "ppk", "wrong-guess-\(i)").status.code }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            var sequential: [Int] = []
            for i in 0..<n { sequential.append(try await Self.attempt(http, "kota-kupang", "auditor", "wrong-guess-\(i)").status.code) }
            for codes in [parallel, sequential] {
                #expect(codes.filter { $0 == 401 }.count == limit, "\(codes)")
                #expect(codes.filter { $0 == 429 }.count == n - limit, "\(codes)")
            }
            #expect(sequential == Array(repeating: 401, count: limit) + Array(repeating: 429, count: n - limit))
            // Locked means locked, even with the right password.
            #expect(try await Self.attempt(http, "kota-kupang", "ppk", TestApp.demoPassword).status == .tooManyRequests)
        }
    }

    @Test("a success clears the name's count")
    func successResets() async throws {
        try await TestApp.run { http, services, _, _ in
            let limit = services.env.login.maxFailures
            for _ in 0..<(limit - 1) { _ = try await Self.attempt(http, "kota-kupang", "ppk", "wrong-password") }
            _ = try await http.login("kota-kupang", "ppk")
            for _ in 0..<limit {
                #expect(try await Self.attempt(http, "kota-kupang", "ppk", "wrong-password").status == .unauthorized)
            }
            #expect(try await Self.attempt(http, "kota-kupang", "ppk", "wrong-password").status == .tooManyRequests)
        }
    }

    @Test("failures are limited per client address, across login names; X-Forwarded-For is not believed by default")
    func perAddressLimit() async throws {
        try await TestApp.run(environment: ["LOGIN_MAX_FAILURES_PER_ADDRESS": "3"], live: true) { http, _, _, _ in
            for (i, name) in ["ppk", "auditor", "pegawai"].enumerated() {
                let r = try await Self.attempt(http, "kota-kupang", name, "wrong-password", forwardedFor: "198.51.100.\(i)")
                #expect(r.status == .unauthorized)
            }
            // Another name, another claimed address, the right password: the peer is locked.
            let locked = try await Self.attempt(http, "kota-mataram", "admin", TestApp.demoPassword, forwardedFor: "198.51.100.9")
            #expect(locked.status == .tooManyRequests)
            #expect(try locked.json()["code"] as? String == "auth.locked")
        }
    }

    @Test("behind a trusted proxy the forwarded address is the one counted and audited")
    func trustedProxyForwardedAddress() async throws {
        try await TestApp.run(environment: ["LOGIN_MAX_FAILURES_PER_ADDRESS": "3", "TRUSTED_PROXIES": "127.0.0.0/8, ::1"],
                              live: true) { http, _, _, _ in
            for name in ["ppk", "auditor", "pegawai"] {
                let r = try await Self.attempt(http, "kota-kupang", name, "wrong-password", forwardedFor: "203.0.113.7")
                #expect(r.status == .unauthorized)
            }
            let same = try await Self.attempt(http, "kota-mataram", "admin", TestApp.demoPassword, forwardedFor: "203.0.113.7")
            #expect(same.status == .tooManyRequests)
            // A client further left cannot choose its address: the proxy appended the real one.
            let spoofed = try await Self.attempt(http, "kota-mataram", "admin", TestApp.demoPassword,
                                                 forwardedFor: "192.0.2.1, 203.0.113.7")
            #expect(spoofed.status == .tooManyRequests)
            let other = try await Self.attempt(http, "kota-mataram", "admin", TestApp.demoPassword, forwardedFor: "203.0.113.8")
            #expect(other.status == .ok)

            let admin = try await http.login("kota-kupang", "admin", forwardedFor: "203.0.113.9")
            let tenant = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let events = try await http.call(.get, "/v1/tenants/\(tenant)/audit-events?action=auth.login_failed", token: admin)
                .json()["items"] as! [[String: Any]]
            #expect(events.count == 3)
            #expect(events.allSatisfy { auditText($0["after"])?.contains("\"clientAddress\":\"203.0.113.7\"") == true })
        }
    }

    @Test("failed logins are audited with the reason, in the tenant's chain or the platform's, never the password")
    func failedLoginsAudited() async throws {
        try await TestApp.run { http, _, _, _ in
            _ = try await Self.attempt(http, "kota-kupang", "ppk", "secret-guess-one")
            _ = try await Self.attempt(http, "kota-kupang", "nobody", "secret-guess-two")
            _ = try await Self.attempt(http, nil, "admin", "secret-guess-three")
            _ = try await Self.attempt(http, "no-such-town", "admin", "secret-guess-four")
            _ = try await Self.attempt(http, "no-such-town-2", "admin", "secret-guess-five")

            let admin = try await http.login("kota-kupang", "admin")
            let tenant = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            let users = try await http.call(.get, "/v1/tenants/\(tenant)/users?limit=200", token: admin).json()["items"] as! [[String: Any]]
            let ppk = (users.first { $0["username"] as? String == "ppk" }!["id"] as! String).lowercased()
            let events = try await http.call(.get, "/v1/tenants/\(tenant)/audit-events?action=auth.login_failed", token: admin)
                .json()["items"] as! [[String: Any]]
            #expect(events.count == 2)
            let byEntity = Dictionary(uniqueKeysWithValues: events.map { ("\($0["entityType"]!)/\($0["entityID"]!)", auditText($0["after"]) ?? "") })
            #expect(byEntity["user/\(ppk)"]?.contains("\"reason\":\"wrong_password\"") == true)
            #expect(byEntity["login/nobody"]?.contains("\"reason\":\"unknown_user\"") == true)

            let platform = try await http.login(nil, "admin")
            let platformEvents = try await http.call(.get, "/v1/platform/audit-events?action=auth.login_failed", token: platform)
                .json()["items"] as! [[String: Any]]
            let reasons = platformEvents.compactMap { auditText($0["after"]) }
            #expect(reasons.filter { $0.contains("wrong_password") }.count == 1)
            // Unknown tenants: only the address's first such failure in the window is kept.
            #expect(reasons.filter { $0.contains("unknown_tenant") }.count == 1)
            for text in (events + platformEvents).map({ "\($0)" }) { #expect(!text.contains("secret-guess")) }
        }
    }

    @Test("passwords longer than bcrypt reads are refused when set and never match by truncation")
    func longPasswords() async throws {
        try await TestApp.run { http, _, _, _ in
            let token = try await http.login("kota-kupang", "pegawai")
            let exact = String(repeating: "p", count: 60) + "-0123456789"  // 71 bytes
            let seventyTwo = exact + "x"
            #expect(seventyTwo.utf8.count == 72)
            let tooLong = try await http.call(.put, "/v1/me/password", token: token,
                                              json: ["currentPassword": TestApp.demoPassword, "newPassword": seventyTwo + "y"])
            #expect(tooLong.status == .badRequest)
            #expect(try tooLong.json()["code"] as? String == "password.too_long")
            #expect(try tooLong.json()["field"] as? String == "newPassword")
            // 37 characters but 74 bytes.
            let wide = try await http.call(.put, "/v1/me/password", token: token,
                                           json: ["currentPassword": TestApp.demoPassword, "newPassword": String(repeating: "é", count: 37)])
            #expect(try wide.json()["code"] as? String == "password.too_long")

            let set = try await http.call(.put, "/v1/me/password", token: token,
                                          json: ["currentPassword": TestApp.demoPassword, "newPassword": seventyTwo])
            #expect(set.status == .noContent)
            _ = try await http.login("kota-kupang", "pegawai", password: seventyTwo)
            let longer = try await Self.attempt(http, "kota-kupang", "pegawai", seventyTwo + "extra")
            #expect(longer.status == .unauthorized)
            #expect(try longer.json()["code"] as? String == "auth.invalid_credentials")

            let platform = try await http.login(nil, "admin")
            let created = try await http.call(.post, "/v1/platform/users", token: platform, json: [
                "username": "admin-dua", "fullName": "Admin Dua", "role": "platform_admin", "password": seventyTwo + "z"])
            #expect(created.status == .badRequest)
            #expect(try created.json()["field"] as? String == "password")
        }
    }

    @Test("bcrypt waits on a bounded pool: when it is full a login answers 503 and is not counted")
    func boundedPool() async throws {
        try await TestApp.run(environment: ["BCRYPT_THREADS": "1", "BCRYPT_QUEUE": "0"]) { http, services, _, _ in
            let pool = services.env.hasher.pool
            let gate = DispatchSemaphore(value: 0)
            let started = DispatchSemaphore(value: 0)
            let blocker = Task { try await pool.run { started.signal(); gate.wait() } }
            await Task.detached { started.wait() }.value
            let busy = try await Self.attempt(http, "kota-kupang", "ppk", "wrong-password")
            #expect(busy.status == .serviceUnavailable)
            #expect(try busy.json()["code"] as? String == "auth.busy")
            #expect(busy.headers[.retryAfter] != nil)
            gate.signal()
            try await blocker.value
            // The refused attempts did not count against the name.
            for _ in 0..<services.env.login.maxFailures {
                #expect(try await Self.attempt(http, "kota-kupang", "ppk", "wrong-password").status == .unauthorized)
            }
        }
    }

    @Test("the pool runs at most its threads at once and queues a bounded number")
    func poolBounds() async throws {
        let pool = BcryptPool(threads: 2, maxWaiting: 3)
        let counter = Counter()
        try await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<5 {
                group.addTask {
                    try await pool.run { counter.enter(); usleep(50_000); counter.leave() }
                }
            }
            try await group.waitForAll()
        }
        #expect(counter.peak == 2)
    }

    @Test("trusted proxies: addresses and networks, the rightmost untrusted hop is the client")
    func trustedProxiesParsing() throws {
        let proxies = try TrustedProxies.parse("10.0.0.0/8, 192.168.1.5, fd00::/8").get()
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.1, 192.168.1.5"]) == "198.51.100.1")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["6.6.6.6, 198.51.100.1"]) == "198.51.100.1")
        #expect(proxies.clientAddress(peer: "198.51.100.2", forwardedFor: ["6.6.6.6"]) == "198.51.100.2")
        #expect(proxies.clientAddress(peer: "fd00::1", forwardedFor: ["2001:db8::1"]) == "2001:db8::1")
        #expect(proxies.clientAddress(peer: "::ffff:10.0.0.1", forwardedFor: ["198.51.100.3"]) == "198.51.100.3")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["not-an-address"]) == "10.1.2.3")
        #expect(proxies.clientAddress(peer: "10.1.2.3", forwardedFor: ["10.9.9.9"]) == "10.9.9.9")
        #expect(TrustedProxies().clientAddress(peer: "10.1.2.3", forwardedFor: ["198.51.100.1"]) == "10.1.2.3")
        for bad in ["10.0.0.0/33", "example.com", "10.0.0.1/", "::/129"] {
            #expect(throws: TrustedProxies.BadEntry.self) { try TrustedProxies.parse(bad).get() }
        }
    }
}

/// Counts how many run at once.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var now = 0
    private(set) var peak = 0
    func enter() { lock.withLock { now += 1; peak = max(peak, now) } }
    func leave() { lock.withLock { now -= 1 } }
}
