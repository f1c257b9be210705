import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiApp
import PostgresNIO
import Testing

/// Signing in and out of the web pages: the same login as the API (throttled, audited), a
/// session cookie with safe flags, CSRF tokens on every form, and an idle limit.
@Suite("Web sign-in")
struct WebSignInTests {
    @Test("Signing in sets an HttpOnly, SameSite=Strict session cookie and leads to the dashboard")
    func signIn() async throws {
        try await TestApp.run { http, _, _, _ in
            let form = try await http.webGet("/masuk")
            #expect(form.status == .ok)
            #expect(form.headers[.contentType] == "text/html; charset=utf-8")
            #expect(form.text.contains("<label for=\"username\">Nama pengguna</label>"))
            let signInCookie = try #require(form.setCookie(WebPage.signIn))
            #expect(signInCookie.contains("HttpOnly") && signInCookie.contains("SameSite=Strict") && signInCookie.contains("Path=/"))

            let response = try await http.webPostSignIn("provinsi-sabangau", "admin")
            #expect(response.status == .seeOther)
            #expect(response.location == "/")
            let cookie = try #require(response.setCookie(WebPage.session))
            for flag in ["HttpOnly", "SameSite=Strict", "Path=/"] { #expect(cookie.contains(flag)) }
            #expect(!cookie.contains("Secure"))   // plain HTTP, no proxy
            #expect(response.setCookie(WebPage.signIn)?.contains("Max-Age=0") == true)

            let session = try #require(response.cookie(WebPage.session))
            let page = try await http.webGet("/", session: session)
            #expect(page.status == .ok)
            #expect(page.text.contains("Admin BKPSDM"))
            #expect(page.headers[.contentSecurityPolicy]?.contains("default-src 'none'") == true)
            #expect(page.headers[.cacheControl] == "no-store")
        }
    }

    @Test("An employee lands on their own record")
    func employeeLanding() async throws {
        try await TestApp.run { http, _, _, _ in
            let response = try await http.webPostSignIn("provinsi-sabangau", "pegawai")
            #expect(response.location == "/saya")
        }
    }

    @Test("A wrong password shows the form again with a message, sets no session and is audited")
    func wrongPassword() async throws {
        try await TestApp.run { http, _, _, _ in
            let response = try await http.webPostSignIn("provinsi-sabangau", "admin", password: "not-the-password")
            #expect(response.status == .unauthorized)
            #expect(response.setCookie(WebPage.session) == nil)
            #expect(response.text.contains("Kode instansi daerah, nama pengguna, atau kata sandi salah."))
            #expect(response.text.contains("value=\"admin\""))   // the username stays filled in
            let token = try await http.login("provinsi-sabangau", "admin")
            let me = try await http.call(.get, "/v1/me", token: token).json()
            let events = try await http.call(.get, "/v1/tenants/\(me["scope"]!)/audit-events?action=auth.login_failed", token: token)
            #expect(events.text.contains("wrong_password"))
        }
    }

    @Test("A NUL character in a form field is refused with 400 naming the field, as in the API")
    func nulInForm() async throws {
        try await TestApp.run { http, _, _, _ in
            for (username, tenant) in [("ad\u{0}min", "provinsi-sabangau"), ("admin", "provinsi\u{0}")] {
                let response = try await http.webPostSignIn(tenant, username)
                #expect(response.status == .badRequest, "\(response.status) \(response.text.prefix(200))")
                #expect(response.setCookie(WebPage.session) == nil)
                #expect(!response.text.contains("PSQLError"))
            }
        }
    }

    @Test("Failed page sign-ins are throttled like the API's")
    func throttled() async throws {
        try await TestApp.run(environment: ["LOGIN_MAX_FAILURES": "2"]) { http, _, _, _ in
            for _ in 0..<2 { _ = try await http.webPostSignIn("kota-kupang", "admin", password: "wrong-password-1") }
            let locked = try await http.webPostSignIn("kota-kupang", "admin")
            #expect(locked.status == .tooManyRequests)
            #expect(locked.text.contains("Terlalu banyak percobaan masuk yang gagal"))
            #expect(locked.setCookie(WebPage.session) == nil)
        }
    }

    @Test("Signing in without the form's token, or with another one, is refused with 403")
    func signInCSRF() async throws {
        try await TestApp.run { http, _, _, _ in
            let fields = ["tenant": "kota-kupang", "username": "admin", "password": TestApp.demoPassword]
            let none = try await http.webPost("/masuk", fields: fields, cookies: [:])
            #expect(none.status == .forbidden)
            #expect(none.text.contains("Akses ditolak") || none.text.contains("Formulir ini kedaluwarsa"))
            let form = try await http.webGet("/masuk")
            let cookie = try #require(form.cookie(WebPage.signIn))
            var wrong = fields
            wrong["csrf"] = String(repeating: "0", count: 64)
            let mismatched = try await http.webPost("/masuk", fields: wrong, cookies: [WebPage.signIn: cookie])
            #expect(mismatched.status == .forbidden)
            #expect(mismatched.setCookie(WebPage.session) == nil)
        }
    }

    @Test("Pages without a session send the browser to the sign-in page")
    func unauthenticated() async throws {
        try await TestApp.run { http, _, _, _ in
            for uri in ["/", "/saya", "/instansi/\(UUID().uuidString.lowercased())"] {
                let response = try await http.webGet(uri)
                #expect(response.status == .seeOther, "\(uri)")
                #expect(response.location == "/masuk")
            }
            let forged = try await http.webGet("/", session: "mts_00000000000000000000000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA")
            #expect(forged.status == .seeOther)
            #expect(forged.setCookie(WebPage.session)?.contains("Max-Age=0") == true)
            let post = try await http.webPost("/keluar", fields: [:], cookies: [:])
            #expect(post.status == .seeOther)
            // The API still answers with its problem documents and bearer auth.
            let api = try await http.call(.get, "/v1/me")
            #expect(api.status == .unauthorized)
            #expect(api.headers[.contentType] == "application/problem+json")
        }
    }

    @Test("Signing out needs the session's CSRF token; then the session is over for pages and API alike")
    func signOut() async throws {
        try await TestApp.run { http, _, _, _ in
            let session = try await http.webSignIn("kota-kupang", "admin")
            let page = try await http.webGet("/", session: session)
            let token = try #require(page.csrfToken)

            let without = try await http.webPost("/keluar", fields: [:], cookies: [WebPage.session: session])
            #expect(without.status == .forbidden)
            let wrong = try await http.webPost("/keluar", fields: ["csrf": String(token.reversed())], cookies: [WebPage.session: session])
            #expect(wrong.status == .forbidden)
            #expect(try await http.webGet("/", session: session).status == .ok)   // refusals changed nothing

            // Another session's token is no good either.
            let other = try await http.webSignIn("kota-kupang", "admin")
            let otherToken = try #require(try await http.webGet("/", session: other).csrfToken)
            #expect(otherToken != token)
            let crossed = try await http.webPost("/keluar", fields: ["csrf": otherToken], cookies: [WebPage.session: session])
            #expect(crossed.status == .forbidden)

            let out = try await http.webPost("/keluar", fields: ["csrf": token], cookies: [WebPage.session: session])
            #expect(out.status == .seeOther)
            #expect(out.location == "/masuk")
            #expect(out.setCookie(WebPage.session)?.contains("Max-Age=0") == true)
            #expect(try await http.webGet("/", session: session).status == .seeOther)
            #expect(try await http.call(.get, "/v1/me", token: session).status == .unauthorized)
            #expect(try await http.webGet("/", session: other).status == .ok)
        }
    }

    @Test("What is done through the pages reads channel web in the audit trail; the API's stays api")
    func webChannel() async throws {
        try await TestApp.run { http, _, _, _ in
            _ = try await http.webPostSignIn("kota-kupang", "admin", password: "not-the-password")
            let session = try await http.webSignIn("kota-kupang", "admin")
            let token = try #require(try await http.webGet("/", session: session).csrfToken)
            #expect(try await http.webPost("/keluar", fields: ["csrf": token], cookies: [WebPage.session: session]).status == .seeOther)

            let api = try await http.login("kota-kupang", "admin")
            let scope = try await http.call(.get, "/v1/me", token: api).json()["scope"] as! String
            func channels(_ action: String) async throws -> [String] {
                let body = try await http.call(.get, "/v1/tenants/\(scope)/audit-events?action=\(action)&limit=10", token: api).json()
                return (body["items"] as? [[String: Any]] ?? []).compactMap { $0["channel"] as? String }
            }
            let logins = try await channels("auth.login")
            #expect(logins.sorted() == ["api", "web"])
            #expect(try await channels("auth.login_failed") == ["web"])
            #expect(try await channels("auth.logout") == ["web"])
        }
    }

    /// Seconds from now to the session's expiry, read as the owner.
    static func secondsLeft(_ db: TestDatabase, tenant: String, session: String) async throws -> Double {
        try await db.asOwner(tenant: tenant) { connection, _ in
            try await connection.column("""
                SELECT extract(epoch FROM expires_at - now())::float8 FROM sessions
                WHERE token_hash = encode(sha256(convert_to(\(session), 'UTF8')), 'hex')
                """, as: Double.self)[0]
        }
    }

    @Test("A page session ends after the idle limit, and each page view moves its end")
    func idleLimit() async throws {
        try await TestApp.run(environment: ["WEB_IDLE_SECONDS": "120"]) { http, _, db, _ in
            let session = try await http.webSignIn("kota-kupang", "admin")
            let left = try await Self.secondsLeft(db, tenant: "kota-kupang", session: session)
            #expect(left > 100 && left <= 121)   // the idle limit, not the hour-long lifetime

            try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                _ = try await connection.query("""
                    UPDATE sessions SET expires_at = now() + interval '5 seconds'
                    WHERE token_hash = encode(sha256(convert_to(\(session), 'UTF8')), 'hex')
                    """, logger: TestDatabase.logger)
            }
            #expect(try await http.webGet("/", session: session).status == .ok)
            #expect(try await Self.secondsLeft(db, tenant: "kota-kupang", session: session) > 100)   // moved on use

            try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                _ = try await connection.query("""
                    UPDATE sessions SET expires_at = now() - interval '1 second'
                    WHERE token_hash = encode(sha256(convert_to(\(session), 'UTF8')), 'hex')
                    """, logger: TestDatabase.logger)
            }
            let expired = try await http.webGet("/", session: session)
            #expect(expired.status == .seeOther)
            #expect(expired.location == "/masuk")
            #expect(try await Self.secondsLeft(db, tenant: "kota-kupang", session: session) < 0)   // not revived
        }
    }

    @Test("The idle limit never stretches a session past its own lifetime")
    func lifetimeCap() async throws {
        try await TestApp.run(environment: ["WEB_IDLE_SECONDS": "86400"]) { http, _, db, _ in
            let session = try await http.webSignIn("kota-kupang", "admin")
            #expect(try await http.webGet("/", session: session).status == .ok)
            let left = try await Self.secondsLeft(db, tenant: "kota-kupang", session: session)
            #expect(left <= 3601 && left > 3500)   // TOKEN_LIFETIME_SECONDS of the tests: 3600
        }
    }

    @Test("The session cookie is Secure behind a trusted proxy that says https, and only then")
    func secureCookie() async throws {
        try await TestApp.run(environment: ["TRUSTED_PROXIES": "127.0.0.1,::1"], live: true) { http, _, _, _ in
            let https: HTTPFields = [.init("X-Forwarded-Proto")!: "https"]
            let behindProxy = try await http.webPostSignIn("kota-kupang", "admin", headers: https)
            #expect(behindProxy.setCookie(WebPage.session)?.contains("Secure") == true)
            let plain = try await http.webPostSignIn("kota-kupang", "admin")
            #expect(plain.setCookie(WebPage.session)?.contains("Secure") == false)
        }
        try await TestApp.run(live: true) { http, _, _, _ in
            let untrusted = try await http.webPostSignIn("kota-kupang", "admin", headers: [.init("X-Forwarded-Proto")!: "https"])
            #expect(untrusted.setCookie(WebPage.session)?.contains("Secure") == false)
        }
    }

    @Test("WEB_IDLE_SECONDS outside 60...86400 is refused at start")
    func idleConfiguration() throws {
        #expect(throws: (any Error).self) { try AppConfiguration(environment: ["WEB_IDLE_SECONDS": "10"]) }
        #expect(try AppConfiguration(environment: ["WEB_IDLE_SECONDS": "600"]).webIdleLimit == .seconds(600))
        #expect(try AppConfiguration(environment: [:]).webIdleLimit == .seconds(1800))
    }
}
