import Logging
import MutasiDomain
import PostgresNIO

/// What the server verifies about its database connection before it listens: that row-level
/// security holds its role back, and that the schema is as new as the migrations it ships.
public struct StartupCheck: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// Refuses a role that row-level security would not hold back: a superuser, a role with
    /// BYPASSRLS, or one that owns a table of the schema (directly or through a role it is a
    /// member of, since a member may act as that role).
    public func checkRole() async throws {
        let rows = try await client.query("""
            SELECT current_user::text,
                   EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolsuper AND pg_has_role(current_user, r.oid, 'MEMBER')),
                   EXISTS (SELECT 1 FROM pg_roles r WHERE r.rolbypassrls AND pg_has_role(current_user, r.oid, 'MEMBER')),
                   (SELECT c.relname::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                    WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'p')
                      AND pg_has_role(current_user, c.relowner, 'MEMBER')
                    ORDER BY c.relname LIMIT 1)
            """, logger: logger)
        for try await (role, superuser, bypass, ownedTable) in rows.decode((String, Bool, Bool, String?).self) {
            let fix = "Connect the server (DATABASE_URL) as a role that owns nothing, such as mutasi_app, and give the schema owner as MIGRATION_DATABASE_URL."
            if superuser {
                throw DomainError(.unavailable, code: "startup.role_superuser",
                                  "Refusing to start: the database role \(role) is a superuser, which row-level security does not hold back. \(fix)")
            }
            if bypass {
                throw DomainError(.unavailable, code: "startup.role_bypasses_rls",
                                  "Refusing to start: the database role \(role) has BYPASSRLS, so row-level security does not hold it back. \(fix)")
            }
            if let ownedTable {
                throw DomainError(.unavailable, code: "startup.role_owns_tables",
                                  "Refusing to start: the database role \(role) owns table \(ownedTable) (or is a member of its owner). \(fix)")
            }
        }
    }

    /// Refuses a schema that lacks any of `shipped` (a schema newer than the server is fine:
    /// instances of two versions may run side by side during an upgrade).
    public func checkSchema(shipped: [Migration]) async throws {
        guard let latest = shipped.last else { return }
        var readable = false
        for try await value in try await client.query("""
            SELECT coalesce(has_table_privilege(to_regclass('schema_migrations'), 'SELECT'), false)
            """, logger: logger).decode(Bool.self) {
            readable = value
        }
        var applied: Set<Int> = []
        if readable {
            for try await version in try await client.query("SELECT version FROM schema_migrations", logger: logger)
                .decode(Int32.self) {
                applied.insert(Int(version))
            }
        }
        let missing = shipped.filter { !applied.contains($0.version) }
        guard missing.isEmpty else {
            let names = readable ? missing.map(\.name).joined(separator: ", ") : "its migrations up to \(latest.name)"
            throw DomainError(.unavailable, code: "startup.schema_outdated",
                              "Refusing to start: the database schema is older than this server (missing \(names)). Run `mutasi migrate` as the schema owner (MIGRATION_DATABASE_URL) first.")
        }
    }
}
