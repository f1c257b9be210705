import Foundation
import MutasiApp
import MutasiServices
import PostgresNIO

/// The templates each test's database is copied from (`CREATE DATABASE ... TEMPLATE`), built once
/// per test process: copying a database takes a fraction of applying every migration to it.
/// Each is a task stored in a static, so suites running in parallel wait for the one build
/// instead of racing; the names are the process's own, so parallel test processes do not share.
enum TemplateDatabase {
    /// Every migration of sql/ applied.
    static let migrated = Task<String, any Error> {
        let db = try await TestDatabase.create(from: nil)
        try await db.migrate()
        if let citus = CitusTestCluster.current {
            _ = try await MutasiApplication.distributeOnCitus(config: try db.configuration(), logger: TestDatabase.logger)
            try await citus.seal(db.name)
        }
        return db.name
    }

    /// `migrated` with the demo data loaded, as the server's role loads it.
    static let seeded = Task<String, any Error> {
        let db = try await TestDatabase.create(from: try await migrated.value)
        let config = try db.configuration()
        try await DatabaseConnection.withClient(config.databaseURL, logger: TestDatabase.logger) { client in
            let services = MutasiApplication.services(client: client, config: config, logger: TestDatabase.logger)
            try await services.demo.seed()
        }
        try await CitusTestCluster.current?.seal(db.name)
        return db.name
    }
}
