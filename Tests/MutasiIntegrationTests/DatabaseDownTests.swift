import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiApp
import MutasiHTTP
import PostgresNIO
import Testing

/// With PostgreSQL unreachable the server answers at once instead of waiting for a connection:
/// `/ready` 503, data routes a 503 problem `database.unavailable` with `Retry-After`, pages a
/// 503 page; `/health` (the process itself) stays 200.
@Suite("Database down")
struct DatabaseDownTests {
    @Test("Every route answers promptly while the database refuses connections", .timeLimit(.minutes(1)))
    func answersPromptly() async throws {
        let db = try await TestDatabase.create(migrated: false)
        // Nothing listens on port 1: every connection attempt is refused, as with PostgreSQL stopped.
        let config = try db.configuration(extra: ["DATABASE_URL": "postgres://mutasi_app:x@127.0.0.1:1/mutasi"])
        try await TestApp.serve(config) { http in
            #expect(try await http.call(.get, "/health").status == .ok)
            var started = ContinuousClock.now
            let ready = try await http.call(.get, "/ready")
            print("/ready answered \(ready.status.code) in \(ContinuousClock.now - started) (floor 1 s)")
            #expect(ready.status == .serviceUnavailable)

            started = ContinuousClock.now
            let login = try await http.call(.post, "/v1/auth/login", json: ["tenant": "kota-kupang", "username": "admin",
                                                                           "password": TestApp.demoPassword])
            print("login answered \(login.status.code) in \(ContinuousClock.now - started) (floor 2 s)")
            #expect(login.status == .serviceUnavailable)
            #expect(login.headers[.retryAfter] == "5")
            #expect(try login.json()["code"] as? String == "database.unavailable")
            #expect(!login.text.contains("PSQLError") && !login.text.contains("127.0.0.1"))

            let page = try await http.webPostSignIn("kota-kupang", "admin")
            #expect(page.status == .serviceUnavailable)
            #expect(page.text.contains("Layanan sibuk"))
        }
    }
}
