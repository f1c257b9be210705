import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiApp
import MutasiDomain
import MutasiHTTP
import MutasiPostgres
import PostgresNIO
import Testing

/// `DATABASE_URL` with `?host=/folder` (as libpq reads it) reaches PostgreSQL through its Unix
/// socket, and the probe that tells a database that is down looks at that socket.
@Suite("Unix socket connections")
struct UnixSocketTests {
    /// The folder of the test cluster's socket (scripts/test exports it).
    static var socketFolder: String { get throws { try TestDatabase.environment("MUTASI_TEST_SOCKET_DIR") } }

    @Test("the server signs in and reads through the socket")
    func servesThroughSocket() async throws {
        let db = try await TestDatabase.create(seeded: true)
        let folder = try Self.socketFolder
        let url = db.appURL + "?host=" + (folder.addingPercentEncoding(withAllowedCharacters: .urlQueryAllowed) ?? folder)
        let socket = try #require(try DatabaseConnection.socketPath(url))
        #expect(socket.hasPrefix(folder + "/.s.PGSQL."))
        #expect(try DatabaseConnection.configuration(url).unixSocketPath == socket)
        #expect(DatabaseProbe(socketPath: socket).accepts())
        #expect(!DatabaseProbe(socketPath: folder + "/.s.PGSQL.1").accepts())

        let config = try db.configuration(extra: ["DATABASE_URL": url])
        try await TestApp.serve(config) { http in
            let token = try await http.login("provinsi-sabangau", "admin")
            let me = try await http.call(.get, "/v1/me", token: token)
            #expect(me.status == .ok)
            let tenant = try #require(try me.json()["scope"] as? String)
            let units = try await http.call(.get, "/v1/tenants/\(tenant)/units?limit=5", token: token)
            #expect(units.status == .ok)
            #expect((try units.json()["items"] as? [Any])?.isEmpty == false)
            #expect(try await http.call(.get, "/ready").status == .ok)
        }
    }

    @Test("a socket folder that is not an absolute path is refused, naming DATABASE_URL")
    func relativeFolderRefused() throws {
        #expect(try DatabaseConnection.socketPath("postgres://u:p@localhost:5432/mutasi") == nil)
        #expect(try DatabaseConnection.socketPath("postgres://u:p@localhost:6543/mutasi?host=/run/pg") == "/run/pg/.s.PGSQL.6543")
        let error = #expect(throws: DomainError.self) {
            try DatabaseConnection.configuration("postgres://u:p@localhost/mutasi?host=run/pg")
        }
        #expect(error?.code == "config.invalid_database_url")
        #expect(error?.field == "DATABASE_URL")
    }
}
