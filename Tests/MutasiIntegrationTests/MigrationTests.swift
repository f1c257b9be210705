import Foundation
import MutasiPostgres
import PostgresNIO
import Testing

@Suite("Migrations")
struct MigrationTests {
    @Test("apply from empty, then re-running is a no-op")
    func fromEmptyAndRerun() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let first = try await db.migrate()
        #expect(first.contains("001_foundation.sql"))
        let second = try await db.migrate()
        #expect(second.isEmpty)
        let recorded = try await db.asOwner { try await $0.column("SELECT name FROM schema_migrations ORDER BY version", as: String.self) }
        #expect(recorded == first)
    }

    @Test("a failing migration is rolled back whole and named")
    func failingMigrationRollsBack() async throws {
        let db = try await TestDatabase.create(migrated: false)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mig-\(UUID())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: db.sqlDirectory.appendingPathComponent("001_foundation.sql"),
                                         to: dir.appendingPathComponent("001_foundation.sql"))
        try "CREATE TABLE half_done (id int);\nSELECT * FROM no_such_table;\n"
            .write(to: dir.appendingPathComponent("002_broken.sql"), atomically: true, encoding: .utf8)
        await #expect {
            try await db.migrate(from: dir)
        } throws: { error in
            "\(error)".contains("002_broken.sql")
        }
        let tables = try await db.asOwner {
            try await $0.column("SELECT tablename::text FROM pg_tables WHERE schemaname = 'public' ORDER BY 1", as: String.self)
        }
        #expect(tables.contains("tenants"))
        #expect(!tables.contains("half_done"))
        let recorded = try await db.asOwner { try await $0.column("SELECT version FROM schema_migrations", as: Int32.self) }
        #expect(recorded == [1])
    }

    @Test("the server role owns nothing and cannot change the audit trail")
    func serverRolePrivileges() async throws {
        let db = try await TestDatabase.create()
        let owned = try await db.asApp {
            try await $0.column("SELECT count(*) FROM pg_tables WHERE schemaname = 'public' AND tableowner = current_user", as: Int64.self)
        }
        #expect(owned == [0])
        let canUpdate = try await db.asApp {
            try await $0.column("SELECT has_table_privilege('audit_events', 'UPDATE') OR has_table_privilege('audit_events', 'DELETE')", as: Bool.self)
        }
        #expect(canUpdate == [false])
    }
}

@Suite("SQL script splitting")
struct SQLScriptTests {
    @Test func splitsOnSemicolonsOutsideQuotesAndBodies() {
        let script = """
            -- a comment; with a semicolon
            CREATE TABLE a (x text DEFAULT 'semi;colon');
            /* block; comment */
            CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1; $$;
            DO $body$ BEGIN PERFORM 1; END $body$;
            SELECT "odd;name" FROM a
            """
        let statements = SQLScript.statements(script)
        #expect(statements.count == 4)
        #expect(statements[0] == "CREATE TABLE a (x text DEFAULT 'semi;colon')")
        #expect(statements[1].hasSuffix("$$ SELECT 1; $$"))
        #expect(statements[2].contains("PERFORM 1; END $body$"))
        #expect(statements[3] == "SELECT \"odd;name\" FROM a")
    }
}
