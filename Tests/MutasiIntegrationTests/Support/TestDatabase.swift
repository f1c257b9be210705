import Foundation
import Logging
import MutasiApp
import MutasiPostgres
import PostgresNIO

/// A fresh, migrated database of its own for one test, in the throwaway cluster that
/// `scripts/test` starts (it exports the MUTASI_TEST_* variables).
struct TestDatabase: Sendable {
    let name: String
    /// As the schema owner (migrations, tampering in audit tests). Row-level security is forced
    /// on the owner too: it sees tenant rows only in a scoped transaction (`asOwner(scope:)`).
    let ownerURL: String
    /// As the server's role, which owns nothing and is subject to row-level security.
    let appURL: String
    let sqlDirectory: URL

    static var logger: Logger {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }

    static func environment(_ name: String) throws -> String {
        guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
            throw TestSetupError("\(name) is not set: run the tests with scripts/test, which starts PostgreSQL.")
        }
        return value
    }

    /// A database of its own: a copy of this process's migrated template (`seeded` adds the
    /// demo data), or an empty one when `migrated` is false (for tests of the migrations).
    static func create(migrated: Bool = true, seeded: Bool = false) async throws -> TestDatabase {
        let template = migrated ? try await (seeded ? TemplateDatabase.seeded : TemplateDatabase.migrated).value : nil
        return try await create(from: template)
    }

    /// Creates a database, empty or as a copy of `template` (which nobody may be connected to).
    static func create(from template: String?) async throws -> TestDatabase {
        let ownerBase = try environment("MUTASI_TEST_OWNER_URL")
        let appBase = try environment("MUTASI_TEST_APP_URL")
        let sql = URL(fileURLWithPath: try environment("MUTASI_TEST_SQL_DIR"))
        // scripts/test gives each run against an external database a prefix of its own, and drops
        // that run's databases at the end.
        let prefix = ProcessInfo.processInfo.environment["MUTASI_TEST_DB_PREFIX"].flatMap { $0.isEmpty ? nil : $0 } ?? "t_"
        let name = prefix + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        if let citus = CitusTestCluster.current {
            guard let owner = URLComponents(string: ownerBase)?.user else { throw TestSetupError("no user in MUTASI_TEST_OWNER_URL") }
            try await citus.createDatabase(name, owner: owner, template: template)
        } else {
            let copy = template.map { " TEMPLATE \($0)" } ?? ""
            try await DatabaseConnection.withClient(ownerBase + "/postgres", logger: logger) { client in
                try await client.query(PostgresQuery(unsafeSQL: "CREATE DATABASE \(name)\(copy)"), logger: logger)
            }
        }
        let db = TestDatabase(name: name, ownerURL: ownerBase + "/" + name, appURL: appBase + "/" + name, sqlDirectory: sql)
        if CitusTestCluster.current != nil, template != nil {
            // A copy does not take its template's database settings: the step sets them again
            // (and finds every table distributed already).
            _ = try await MutasiApplication.distributeOnCitus(config: try db.configuration(), logger: logger)
        }
        return db
    }

    @discardableResult
    func migrate(from directory: URL? = nil) async throws -> [String] {
        var config = try configuration()
        if let directory { config.sqlDirectory = directory }
        guard CitusTestCluster.current != nil else { return try await MutasiApplication.migrate(config: config, logger: Self.logger) }
        return try await CitusTestCluster.serial.run { [config] in try await MutasiApplication.migrate(config: config, logger: Self.logger) }
    }

    /// The configuration a server on this database would run with (fast bcrypt for tests);
    /// `extra` adds or overrides settings.
    func configuration(tokenLifetime: Int = 3600, extra: [String: String] = [:]) throws -> AppConfiguration {
        try AppConfiguration(environment: [
            "DATABASE_URL": appURL, "MIGRATION_DATABASE_URL": ownerURL, "SQL_DIR": sqlDirectory.path,
            "BCRYPT_COST": "4", "TOKEN_LIFETIME_SECONDS": "\(tokenLifetime)", "LOG_LEVEL": "warning",
        ].merging(extra) { _, new in new })
    }

    /// Runs `body` with a client connected as the schema owner.
    func asOwner<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await DatabaseConnection.withClient(ownerURL, logger: Self.logger, body)
    }

    /// Runs `body` in one transaction as the schema owner, scoped to a tenant (or the platform,
    /// the nil UUID), committed when `body` returns.
    @discardableResult
    func asOwner<T: Sendable>(scope: UUID, _ body: @Sendable (PostgresConnection) async throws -> T) async throws -> T {
        try await asOwner { client in
            try await client.withConnection { connection in
                let log = Self.logger
                try await connection.query("BEGIN", logger: log)
                do {
                    // SET LOCAL, as the server does: Citus passes it on to the workers.
                    try await connection.query(PostgresQuery(unsafeSQL: "SET LOCAL mutasi.tenant_id = '\(scope.uuidString)'"), logger: log)
                    let result = try await body(connection)
                    try await connection.query("COMMIT", logger: log)
                    return result
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: log)
                    throw error
                }
            }
        }
    }

    /// `asOwner(scope:)` in the tenant with `code`; `body` also gets the tenant's id.
    @discardableResult
    func asOwner<T: Sendable>(tenant code: String, _ body: @Sendable (PostgresConnection, UUID) async throws -> T) async throws -> T {
        let ids = try await asOwner { try await $0.column("SELECT id FROM tenants WHERE code = \(code)", as: UUID.self) }
        guard let id = ids.first else { throw TestSetupError("no tenant \(code)") }
        return try await asOwner(scope: id) { try await body($0, id) }
    }

    /// The cluster's superuser (for what only it may do, such as ending another role's
    /// backend), when scripts/test exported it.
    static var superuserURL: String? {
        ProcessInfo.processInfo.environment["MUTASI_TEST_SUPER_URL"].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// Runs `body` with a client connected as the server's role.
    func asApp<T: Sendable>(_ body: @Sendable (PostgresClient) async throws -> T) async throws -> T {
        try await DatabaseConnection.withClient(appURL, logger: Self.logger, body)
    }
}

struct TestSetupError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

extension PostgresClient {
    /// Collects every row of a query's first column as `T`.
    func column<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as: T.Type = T.self) async throws -> [T] {
        var values: [T] = []
        for try await value in try await self.query(query, logger: TestDatabase.logger).decode(T.self) {
            values.append(value)
        }
        return values
    }
}

extension PostgresConnection {
    /// Collects every row of a query's first column as `T`.
    func column<T: PostgresDecodable & Sendable>(_ query: PostgresQuery, as: T.Type = T.self) async throws -> [T] {
        var values: [T] = []
        for try await value in try await self.query(query, logger: TestDatabase.logger).decode(T.self) {
            values.append(value)
        }
        return values
    }
}
