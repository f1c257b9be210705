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

/// Operational defaults that fail safe: metrics behind a token when one is set.
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
}
