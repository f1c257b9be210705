import Foundation
import Logging
import MutasiDomain
import PostgresNIO

/// A numbered SQL file of `sql/`.
public struct Migration: Sendable, Equatable {
    public var version: Int
    public var name: String
    public var sql: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
    }

    /// Reads `NNN_name.sql` files of a folder, in order of their number.
    public static func load(from directory: URL) throws -> [Migration] {
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
            .filter { $0.hasSuffix(".sql") }
        let migrations = try files.map { file -> Migration in
            guard let number = file.split(separator: "_").first.flatMap({ Int($0) }) else {
                throw DomainError.invalid("migration.bad_name", "Migration file \(file) does not start with a number.")
            }
            let sql = try String(contentsOf: directory.appendingPathComponent(file), encoding: .utf8)
            return Migration(version: number, name: file, sql: sql)
        }.sorted { $0.version < $1.version }
        for (a, b) in zip(migrations, migrations.dropFirst()) where a.version == b.version {
            throw DomainError.invalid("migration.duplicate_number", "Migrations \(a.name) and \(b.name) share a number.")
        }
        return migrations
    }
}

/// Applies migrations in order, each in its own transaction, recording each in
/// `schema_migrations`; an applied one is skipped, a failing one is rolled back and named.
public struct Migrator: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Returns the names of the files applied now.
    @discardableResult
    public func migrate(_ migrations: [Migration]) async throws -> [String] {
        let logger = self.logger
        return try await client.withConnection { connection in
            try await connection.query("""
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version integer PRIMARY KEY, name text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now())
                """, logger: logger)
            // One migrator at a time, whatever number of instances start together.
            try await connection.query("SELECT pg_advisory_lock(7261001)", logger: logger)
            defer { Task { _ = try? await connection.query("SELECT pg_advisory_unlock(7261001)", logger: logger) } }
            var applied: Set<Int> = []
            for try await version in try await connection.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int32.self) {
                applied.insert(Int(version))
            }
            var done: [String] = []
            for migration in migrations where !applied.contains(migration.version) {
                try await connection.query("BEGIN", logger: logger)
                do {
                    for statement in SQLScript.statements(migration.sql) {
                        try await connection.query(PostgresQuery(unsafeSQL: statement), logger: logger)
                    }
                    try await connection.query("""
                        INSERT INTO schema_migrations (version, name)
                        VALUES (\(Int32(migration.version)), \(migration.name))
                        """, logger: logger)
                    try await connection.query("COMMIT", logger: logger)
                    done.append(migration.name)
                    logger.info("applied migration", metadata: ["file": "\(migration.name)"])
                } catch {
                    _ = try? await connection.query("ROLLBACK", logger: logger)
                    let detail = (error as? PSQLError)?.serverInfo?[.message] ?? "\(error)"
                    throw DomainError(.unavailable, code: "migration.failed",
                                      "Migration \(migration.name) failed and was rolled back: \(detail)")
                }
            }
            return done
        }
    }
}
