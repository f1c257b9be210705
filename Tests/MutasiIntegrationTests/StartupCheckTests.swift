import Foundation
import MutasiApp
import MutasiDomain
import MutasiPostgres
import PostgresNIO
import Testing

/// `serve` refuses a database role that row-level security would not hold back, and a schema
/// older than the migrations it ships.
@Suite("Startup checks")
struct StartupCheckTests {
    static func check<T: Sendable>(_ url: String, _ body: @Sendable (StartupCheck) async throws -> T) async throws -> T {
        try await DatabaseConnection.withClient(url, logger: TestDatabase.logger) { client in
            try await body(StartupCheck(client: client, logger: TestDatabase.logger))
        }
    }

    static func code(_ error: any Error) -> String? { (error as? DomainError)?.code }

    /// A copy of sql/ holding only the migrations numbered up to `last`.
    static func migrations(upTo last: Int, of db: TestDatabase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        for migration in try Migration.load(from: db.sqlDirectory) where migration.version <= last {
            try FileManager.default.copyItem(at: db.sqlDirectory.appendingPathComponent(migration.name),
                                             to: dir.appendingPathComponent(migration.name))
        }
        return dir
    }

    @Test("the owner's connection is refused, the server role's passes")
    func roleCheck() async throws {
        let db = try await TestDatabase.create()
        await #expect { try await Self.check(db.ownerURL) { try await $0.checkRole() } } throws: { error in
            Self.code(error) == "startup.role_owns_tables" && "\(error)".contains("owns table")
        }
        try await Self.check(db.appURL) { try await $0.checkRole() }
        let shipped = try Migration.load(from: db.sqlDirectory)
        try await Self.check(db.appURL) { try await $0.checkSchema(shipped: shipped) }
    }

    @Test("a superuser is refused", .enabled(if: TestDatabase.superuserURL != nil))
    func superuserIsRefused() async throws {
        let db = try await TestDatabase.create()
        let url = try #require(TestDatabase.superuserURL) + "/" + db.name
        await #expect { try await Self.check(url) { try await $0.checkRole() } } throws: { Self.code($0) == "startup.role_superuser" }
    }

    @Test("a schema migrated only partly is refused, naming what is missing")
    func partlyMigratedIsRefused() async throws {
        let db = try await TestDatabase.create(migrated: false)
        try await db.migrate(from: try Self.migrations(upTo: 4, of: db))
        let shipped = try Migration.load(from: db.sqlDirectory)
        await #expect { try await Self.check(db.appURL) { try await $0.checkSchema(shipped: shipped) } } throws: { error in
            Self.code(error) == "startup.schema_outdated" && "\(error)".contains("mutasi migrate")
        }
        // Current now, but a server shipping one more migration still refuses, and names it.
        try await db.migrate()
        try await Self.check(db.appURL) { try await $0.checkSchema(shipped: shipped) }
        let newer = shipped + [Migration(version: 999, name: "999_next.sql", sql: "")]
        await #expect { try await Self.check(db.appURL) { try await $0.checkSchema(shipped: newer) } } throws: { error in
            Self.code(error) == "startup.schema_outdated" && "\(error)".contains("999_next.sql")
        }
    }

    @Test("without a separate owner URL, serve does not migrate; with one, it does")
    func serveMigratesOnlyWithOwnerURL() async throws {
        let db = try await TestDatabase.create(migrated: false)
        var config = try db.configuration()
        config.migrationDatabaseURL = nil
        await #expect { try await MutasiApplication.prepareToServe(config: config, logger: TestDatabase.logger) } throws: {
            Self.code($0) == "startup.schema_outdated"
        }
        config.migrationDatabaseURL = db.appURL   // the same as DATABASE_URL: not an owner's
        await #expect { try await MutasiApplication.prepareToServe(config: config, logger: TestDatabase.logger) } throws: {
            Self.code($0) == "startup.schema_outdated"
        }
        config.migrationDatabaseURL = db.ownerURL
        try await MutasiApplication.prepareToServe(config: config, logger: TestDatabase.logger)
    }

    @Test("mutasi serve exits with one clear line on the owner's role and on an old schema")
    func serveProcessRefuses() async throws {
        let db = try await TestDatabase.create()
        let asOwner = try CLITests.run(["serve"], db: db, env: ["DATABASE_URL": db.ownerURL, "MIGRATION_DATABASE_URL": "", "HOST": "invalid.invalid"])
        #expect(asOwner.status != 0)
        #expect(asOwner.stderr.contains("startup.role_owns_tables"), "\(asOwner.stderr)")

        let fresh = try await TestDatabase.create(migrated: false)
        let outdated = try CLITests.run(["serve"], db: fresh, env: ["MIGRATION_DATABASE_URL": "", "HOST": "invalid.invalid"])
        #expect(outdated.status != 0)
        #expect(outdated.stderr.contains("startup.schema_outdated") && outdated.stderr.contains("mutasi migrate"), "\(outdated.stderr)")
    }
}
