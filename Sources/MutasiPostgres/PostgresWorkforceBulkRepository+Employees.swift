import Foundation
import MutasiDomain
import MutasiRepositories
import NIOCore
import PostgresNIO

/// The employee import: a row whose digest is stored is unchanged and skipped; the others are
/// staged chunk by chunk as they are checked, then new employees are inserted with their
/// history, changed ones updated, equal ones left alone, and the ratings written after.
extension PostgresWorkforceBulkRepository {
    func upsertEmployees(tenantID: UUID, _ chunks: AsyncThrowingStream<[EmployeeImportRow], any Error>, columns: EmployeeImportColumns,
                         progress: (@Sendable (Int) -> Void)?) async throws -> ImportCounts {
        // A digest stands for a whole row, so only a file with every column can match one; a row
        // of a file that lacks some is compared field by field.
        let whole = columns == .all
        let stored = whole ? try await storedDigests(tenantID: tenantID) : []
        // Fields the file lacks keep what is stored: they are left out of the update. Without a
        // required field every row is an existing employee (validation refused new ones).
        let fields: [(EmployeeImportColumns?, [String])] = [
            (.kind, ["kind"]), (.name, ["name"]), (nil, ["birth_date", "sex"]), (.grade, ["grade"]),
            (.educationLevel, ["education_level"]), (.educationField, ["education_field"]),
            (.competencies, ["competencies"]), (.placement, ["slot_id", "slot_since"]), (.lock, ["locked", "lock_reason"]),
        ]
        let updated = fields.filter { $0.0.map(columns.contains) ?? true }.flatMap(\.1)
        let inserted = ["nip"] + fields.flatMap(\.1)
        let insertable = columns.isSuperset(of: .required)

        // Each chunk is encoded and hashed on another core, and staged, while later ones are checked.
        let (encoded, sink) = AsyncThrowingStream.makeStream(of: EmployeeStageLines.self)
        @Sendable func encode() async {
            do {
                for try await rows in chunks { sink.yield(EmployeeStageLines(rows)) }
                sink.finish()
            } catch {
                sink.finish(throwing: error)
            }
        }
        async let encoding: Void = encode()
        // Each staged row comes with the id it gets if it is new, in increasing order, so new
        // employees, their ratings and their history append to the primary-key indexes.
        var ids = OrderedIDs()
        var (done, staged, rated) = (0, 0, false)
        for try await chunk in encoded {
            let lines = chunk.lines.filter { !stored.contains($0.digest) }
            done += chunk.count
            if !lines.isEmpty {
                if staged == 0 { try await createStaging("mutasi_stage_employees", Self.staging) }
                try await copy("mutasi_stage_employees", columns: Self.stagedColumns, lines, progress: nil) { e, line in
                    e.field(bytea: line.digest.bytes); e.field(ids.next()); e.fields(encoded: line.text)
                }
                staged += lines.count
                rated = rated || lines.contains(where: \.rated)
            }
            progress?(done)
        }
        await encoding
        guard staged > 0 else { return ImportCounts(inserted: 0, updated: 0, unchanged: done) }
        let insertedCount = insertable ? try await insertNew(tenantID: tenantID, columns: inserted) : 0
        let allNew = insertedCount == staged
        let updatedCount = allNew ? 0 : try await updateChanged(tenantID: tenantID, columns: updated, digest: whole)
        if rated { try await upsertRatings(tenantID: tenantID, allNew: allNew) }
        // An updated employee's history follows its placement.
        if columns.contains(.placement) && updatedCount > 0 {
            try await PostgresEmployeeRepository.syncHistory(
                db, tenantID: tenantID, scope: "JOIN mutasi_import_rows r ON r.id = e.id WHERE true")
        }
        if whole && !allNew { try await storeDigests(tenantID: tenantID) }
        return ImportCounts(inserted: insertedCount, updated: updatedCount, unchanged: done - insertedCount - updatedCount)
    }

    static let stagedColumns = ["digest", "id", "nip", "kind", "name", "birth_date", "sex", "grade", "education_level",
                                "education_field", "competencies", "slot_id", "slot_since", "locked", "lock_reason", "years",
                                "predicates"]

    /// The staging table: each row with its digest, the id it gets if it is new, and its ratings as arrays.
    static let staging = """
        digest bytea, id uuid, nip text, kind text, name text, birth_date date, sex smallint, grade int,
        education_level text, education_field text, competencies jsonb, slot_id uuid, slot_since date, locked boolean,
        lock_reason text, years int[], predicates smallint[]
        """

    /// The digests of the rows imports last applied to the tenant's employees, read as one value.
    private func storedDigests(tenantID: UUID) async throws -> Set<RowDigest> {
        let all = try await db.rows("""
            SELECT string_agg(import_digest, ''::bytea) FROM employees WHERE tenant_id = \(tenantID) AND import_digest IS NOT NULL
            """)
        guard let bytes = try all.first?.decode(ByteBuffer?.self) else { return [] }
        return RowDigest.all(in: bytes)
    }

    /// Gives each staged employee its row's digest once the row is applied (an update, a changed
    /// rating or an edit outside imports forgot it), so that the same row is skipped next time.
    private func storeDigests(tenantID: UUID) async throws {
        try await db.rows("""
            UPDATE employees e SET import_digest = s.digest
            FROM mutasi_stage_employees s
            WHERE e.tenant_id = \(tenantID) AND e.nip = s.nip AND e.import_digest IS DISTINCT FROM s.digest
            """)
    }

    /// Updates the stored employees whose staged fields (`columns`) differ, with the row's digest
    /// when it stands for the whole row; equal ones are not touched (an update would lock and
    /// rewrite each). Keeps the ids in `mutasi_import_rows` for the position history and returns how many.
    private func updateChanged(tenantID: UUID, columns updated: [String], digest: Bool) async throws -> Int {
        try await createStaging("mutasi_import_rows", "id uuid")
        let assignments = updated.map { "\($0) = s.\($0)" } + (digest ? ["import_digest = s.digest"] : [])
        return try await db.count("""
            WITH up AS (
                UPDATE employees e SET \(unescaped: assignments.joined(separator: ", ")), updated_at = now(), version = e.version + 1
                FROM mutasi_stage_employees s
                WHERE e.tenant_id = \(tenantID) AND e.nip = s.nip AND e.id <> s.id
                  AND NOT (\(unescaped: Self.same("e", "s", updated)))
                RETURNING e.id),
            kept AS (INSERT INTO mutasi_import_rows SELECT id FROM up)
            SELECT count(*) FROM up
            """)
    }

    /// Writes the staged ratings: straight from the staging table when every employee is new (the
    /// staged ids are theirs and none has ratings yet), else by number, leaving out ratings
    /// already stored as given before the upsert, which would otherwise lock each of them.
    private func upsertRatings(tenantID: UUID, allNew: Bool) async throws {
        if allNew {
            try await db.rows("""
                WITH added AS (
                    INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
                    SELECT \(tenantID), s.id, r.year, r.predicate
                    FROM mutasi_stage_employees s CROSS JOIN LATERAL unnest(s.years, s.predicates) AS r(year, predicate)
                    RETURNING 1)
                SELECT count(*) FROM added
                """)
        } else {
            try await db.rows("""
                INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
                SELECT e.tenant_id, e.id, r.year, r.predicate
                FROM mutasi_stage_employees s
                JOIN employees e ON e.tenant_id = \(tenantID) AND e.nip = s.nip
                CROSS JOIN LATERAL unnest(s.years, s.predicates) AS r(year, predicate)
                WHERE NOT EXISTS (SELECT 1 FROM employee_performance x
                                  WHERE x.tenant_id = \(tenantID) AND x.employee_id = e.id AND x.year = r.year
                                    AND x.predicate = r.predicate)
                ON CONFLICT (tenant_id, employee_id, year) DO UPDATE SET predicate = EXCLUDED.predicate
                    WHERE employee_performance.predicate <> EXCLUDED.predicate
                """)
        }
    }

    /// Inserts the staged employees whose numbers are not stored yet, with their staged ids and
    /// digests (a new employee is exactly its row), and starts each one's position history with
    /// its slot; returns how many. The numbers already stored are read first, apart, as every
    /// statement here that joins the staging table (on the coordinator, on Citus) with a
    /// tenant's table is uncorrelated, and each INSERT ... SELECT returns its rows (sql/README.md).
    private func insertNew(tenantID: UUID, columns: [String]) async throws -> Int {
        try await WorkforceSQL.mappingUnique {
            try await db.count("""
                WITH known AS MATERIALIZED (
                    SELECT x.nip FROM employees x
                    WHERE x.tenant_id = \(tenantID) AND x.nip IN (SELECT nip FROM mutasi_stage_employees)),
                new AS (
                    INSERT INTO employees (tenant_id, id, import_digest, \(unescaped: columns.joined(separator: ", ")))
                    SELECT \(tenantID), s.id, s.digest, \(unescaped: columns.map { "s.\($0)" }.joined(separator: ", "))
                    FROM mutasi_stage_employees s
                    WHERE NOT EXISTS (SELECT 1 FROM known k WHERE k.nip = s.nip)
                    RETURNING id, slot_id, slot_since),
                history AS (
                    INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on)
                    SELECT \(tenantID), id, 1, slot_id, slot_since FROM new WHERE slot_id IS NOT NULL
                    RETURNING 1)
                SELECT count(*) FROM new
                """)
        }
    }
}
