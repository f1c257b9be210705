import Logging
import MutasiDomain
import PostgresNIO

/// Distributes the migrated schema over a Citus cluster (`mutasi citus distribute`), as the
/// schema owner on the coordinator. Idempotent: a table already in Citus's metadata is left as it
/// is, so it is run again after every `mutasi migrate` that adds a table. The roles of the tables
/// (sql/README.md):
/// - reference, a copy on every node: `bkn_offices`, `tenants` (read with every tenant's rows);
/// - distributed by `tenant_id` in one colocation group, so a tenant's rows of every table lie on
///   one node and its joins and foreign keys stay there: every other table with a `tenant_id`;
/// - `audit_events` and `audit_heads` by `tenant_id` in a group of their own: `audit_append` writes
///   them as the owner (SECURITY DEFINER) in transactions where the server's role has written the
///   main group, and Citus refuses two users on one shard placement in one transaction;
/// - on the coordinator, in the metadata: `jobs` (the plan worker claims across tenants);
/// - on the coordinator, plain: `schema_migrations`, `login_throttle` (no tenant, never joined).
/// A new table without `tenant_id` and without a role here stops the step: it needs a decision.
public struct CitusDistribution: Sendable {
    let client: PostgresClient
    let logger: Logger

    public init(client: PostgresClient, logger: Logger) {
        self.client = client
        self.logger = logger
    }

    /// How the tables stand after the step: kind (`reference`, `distributed`, `coordinator`) → count.
    public struct Outcome: Sendable, Equatable {
        public var citusVersion: String
        public var tables: [String: Int]
    }

    public func distribute() async throws -> Outcome {
        let logger = self.logger
        let versions = try await client.query("SELECT extversion FROM pg_extension WHERE extname = 'citus'", logger: logger)
        var version: String?
        for try await v in versions.decode(String.self) { version = v }
        guard let version else {
            throw DomainError.invalid("citus.not_installed",
                                      "Ekstensi citus tidak terpasang di basis data ini: jalankan CREATE EXTENSION citus dan daftarkan node pekerja lebih dulu.")
        }
        try await client.query(PostgresQuery(unsafeSQL: Self.script), logger: logger)
        var tables: [String: Int] = [:]
        let kinds = try await client.query("""
            SELECT CASE WHEN repmodel = 't' THEN 'reference' WHEN partmethod = 'h' THEN 'distributed' ELSE 'coordinator' END, count(*)::int
            FROM pg_dist_partition GROUP BY 1
            """, logger: logger)
        for try await (kind, count) in kinds.decode((String, Int).self) { tables[kind] = count }
        logger.info("schema distributed", metadata: ["citus": "\(version)", "tables": "\(tables)"])
        return Outcome(citusVersion: version, tables: tables)
    }

    /// One transaction: foreign keys that touch a table not yet distributed come off, the tables
    /// are distributed (any order, then), the keys go back on; the database gets the settings the
    /// server's connections need; `session_identity` is delegated to the node of its tenant, since
    /// it sets the scope inside itself, where Citus would not pass the setting on.
    static let script = """
        DO $distribute$
        DECLARE
            reference_tables constant text[] := ARRAY['bkn_offices', 'tenants'];
            coordinator_tables constant text[] := ARRAY['jobs'];
            plain_tables constant text[] := ARRAY['schema_migrations', 'login_throttle'];
            audit_group constant text[] := ARRAY['audit_events', 'audit_heads'];
            fk record;
            t text;
            readd text[] := '{}';
        BEGIN
            PERFORM set_config('citus.multi_shard_modify_mode', 'sequential', true);
            PERFORM set_config('citus.enable_local_reference_table_foreign_keys', 'off', true);
            -- The triggers of migration 023 run on each shard, on its node: they touch only their row.
            PERFORM set_config('citus.enable_unsafe_triggers', 'on', true);
            FOR fk IN
                SELECT c.conrelid::regclass::text AS tbl, c.conname, pg_get_constraintdef(c.oid) AS def
                FROM pg_constraint c
                WHERE c.contype = 'f' AND c.connamespace = 'public'::regnamespace
                  AND (NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.conrelid)
                       OR NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.confrelid))
            LOOP
                EXECUTE format('ALTER TABLE %I DROP CONSTRAINT %I', fk.tbl, fk.conname);
                readd := readd || format('ALTER TABLE %I ADD CONSTRAINT %I %s', fk.tbl, fk.conname, fk.def);
            END LOOP;
            FOREACH t IN ARRAY reference_tables LOOP
                IF NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = t::regclass) THEN
                    PERFORM create_reference_table(t);
                END IF;
            END LOOP;
            IF NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'agencies'::regclass) THEN
                PERFORM create_distributed_table('agencies', 'tenant_id', shard_count => 32, colocate_with => 'none');
            END IF;
            IF NOT EXISTS (SELECT FROM pg_dist_partition WHERE logicalrelid = 'audit_events'::regclass) THEN
                PERFORM create_distributed_table('audit_events', 'tenant_id', shard_count => 32, colocate_with => 'none');
            END IF;
            FOR t IN
                SELECT c.relname FROM pg_class c
                WHERE c.relnamespace = 'public'::regnamespace AND c.relkind IN ('r', 'p')
                  AND NOT EXISTS (SELECT FROM pg_dist_partition p WHERE p.logicalrelid = c.oid)
                  AND c.relname <> ALL (plain_tables)
                ORDER BY c.relname
            LOOP
                IF t = ANY (coordinator_tables) THEN
                    PERFORM citus_add_local_table_to_metadata(t);
                ELSIF NOT EXISTS (SELECT FROM pg_attribute
                                  WHERE attrelid = t::regclass AND attname = 'tenant_id' AND NOT attisdropped) THEN
                    RAISE EXCEPTION 'table % has no tenant_id and no role in the distribution', t
                        USING ERRCODE = '55000';
                ELSIF t = ANY (audit_group) THEN
                    PERFORM create_distributed_table(t, 'tenant_id', colocate_with => 'audit_events');
                ELSE
                    PERFORM create_distributed_table(t, 'tenant_id', colocate_with => 'agencies');
                END IF;
            END LOOP;
            FOREACH t IN ARRAY readd LOOP
                EXECUTE t;
            END LOOP;
            -- The server's connections: the transaction's `SET LOCAL mutasi.tenant_id` goes on to the
            -- workers that run its statements, so row-level security holds there; a statement over
            -- many shards (the platform's, across tenants) uses one connection per worker, so the
            -- same transaction may still write a reference table. Connections opened after this.
            EXECUTE format('ALTER DATABASE %I SET citus.propagate_set_commands = %L', current_database(), 'local');
            EXECUTE format('ALTER DATABASE %I SET citus.multi_shard_modify_mode = %L', current_database(), 'sequential');
            IF NOT EXISTS (
                SELECT FROM pg_dist_object
                WHERE objid = 'session_identity(uuid,text,timestamptz,timestamptz,double precision)'::regprocedure
                  AND distribution_argument_index IS NOT NULL) THEN
                PERFORM create_distributed_function('session_identity(uuid,text,timestamptz,timestamptz,double precision)',
                                                    'p_scope', colocate_with := 'sessions');
            END IF;
        END
        $distribute$
        """
}
