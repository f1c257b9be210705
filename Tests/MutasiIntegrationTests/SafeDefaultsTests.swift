import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import MutasiApp
import MutasiHTTP
@testable import MutasiPostgres
import MutasiRepositories
import PostgresNIO
import Testing

/// Operational defaults that fail safe: metrics behind a token when one is set, and a pooled
/// connection whose transaction could not be rolled back is not reused.
@Suite("Safe defaults")
struct SafeDefaultsTests {
    @Test("with METRICS_TOKEN set, /metrics needs that bearer token")
    func metricsToken() async throws {
        let db = try await TestDatabase.create()
        var env = ["DATABASE_URL": db.appURL, "METRICS_TOKEN": "geheim-123"]
        let config = try AppConfiguration(environment: env)
        #expect(config.metricsToken == "geheim-123")
        env["METRICS_TOKEN"] = ""
        #expect(try AppConfiguration(environment: env).metricsToken == nil)
        let client = PostgresClient(configuration: try DatabaseConnection.configuration(config.databaseURL), backgroundLogger: TestDatabase.logger)
        let services = MutasiApplication.services(client: client, config: config, logger: TestDatabase.logger)
        let (router, _) = APIRouter.build(services: services, metrics: MutasiApplication.metrics,
                                          metricsToken: config.metricsToken, logRequests: false)
        var app = Application(router: router, logger: TestDatabase.logger)
        app.addServices(client)
        try await app.test(.router) { http in
            #expect(try await http.call(.get, "/metrics").status == .unauthorized)
            #expect(try await http.call(.get, "/metrics", headers: [.authorization: "Bearer geheim-12"]).status == .unauthorized)
            #expect(try await http.call(.get, "/metrics", headers: [.authorization: "Bearer geheim-1234"]).status == .unauthorized)
            let allowed = try await http.call(.get, "/metrics", headers: [.authorization: "Bearer geheim-123"])
            #expect(allowed.status == .ok)
            #expect(allowed.text.contains("hb_request"))
            #expect(try await http.call(.get, "/health").status == .ok)
        }
    }

    @Test("a transaction whose connection died and whose ROLLBACK failed leaves the pool serving")
    func failedRollbackDiscardsConnection() async throws {
        let db = try await TestDatabase.create()
        var configuration = try DatabaseConnection.configuration(db.appURL)
        configuration.options.maximumConnections = 1
        let client = PostgresClient(configuration: configuration, backgroundLogger: TestDatabase.logger)
        let store = PostgresStore(client: client, logger: TestDatabase.logger)
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { await client.run() }
            defer { group.cancelAll() }
            let pid: Int32 = try await store.transaction(in: .platform) { tx in
                try await (tx as! PostgresTransaction).rows("SELECT pg_backend_pid()")[0].decode(Int32.self)
            }
            // The backend ends mid-transaction: the statement fails, and so does ROLLBACK.
            await #expect(throws: (any Error).self) {
                try await store.transaction(in: .platform) { tx in
                    try await (tx as! PostgresTransaction).rows("SELECT pg_terminate_backend(pg_backend_pid())")
                }
            }
            for _ in 0..<3 {
                let (next, tenants): (Int32, Int) = try await store.transaction(in: .platform) { tx in
                    let t = tx as! PostgresTransaction
                    return (try await t.rows("SELECT pg_backend_pid()")[0].decode(Int32.self),
                            try await t.count("SELECT count(*) FROM tenants"))
                }
                #expect(next != pid)
                #expect(tenants >= 0)
            }
            #expect(await store.isReachable())
        }
    }
}
