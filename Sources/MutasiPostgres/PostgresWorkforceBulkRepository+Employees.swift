import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// The employee import: new employees are inserted with their history, changed ones updated,
/// equal ones left alone, and the ratings written after, all from one staging table.
extension PostgresWorkforceBulkRepository {
    func upsertEmployees(tenantID: UUID, _ rows: [EmployeeImportRow], columns: EmployeeImportColumns,
                         progress: (@Sendable (Int) -> Void)?) async throws -> ImportCounts {
        // Each row comes with the id it gets if it is new, in increasing order, so new employees,
        // their ratings and their history append to the primary-key indexes; the ratings ride
        // along as arrays, so one COPY stages the whole file.
        var ids = OrderedIDs()
        try await stage("mutasi_stage_employees", """
            id uuid, nip text, kind text, name text, birth_date date, sex smallint, grade int, education_level text,
            education_field text, competencies jsonb, slot_id uuid, slot_since date, locked boolean, lock_reason text,
            years int[], predicates smallint[]
            """, columns: ["id", "nip", "kind", "name", "birth_date", "sex", "grade", "education_level", "education_field",
                           "competencies", "slot_id", "slot_since", "locked", "lock_reason", "years", "predicates"],
                       rows, progress: progress) { e, row in
            let r = row.record
            e.field(ids.next().uuidString); e.field(r.number.text); e.field(r.kind.rawValue); e.field(r.name); e.field(r.birthDate.iso)
            e.field(r.sex.rawValue); e.field(r.grade); e.field(r.educationLevel?.rawValue ?? ""); e.field(r.educationField)
            e.field(Self.competenciesJSON(r.competencies)); e.field(r.slotID?.uuidString); e.field(r.slotSince?.iso)
            e.field(r.locked); e.field(r.lockReason)
            e.field("{" + row.performance.map { String($0.year) }.joined(separator: ",") + "}")
            e.field("{" + row.performance.map { String($0.predicate.score) }.joined(separator: ",") + "}")
        }
        // Fields the file lacks keep what is stored: they are left out of the update. Without a
        // required field every row is an existing employee (validation refused new ones).
        let fields: [(EmployeeImportColumns?, [String])] = [
            (.kind, ["kind"]), (.name, ["name"]), (nil, ["birth_date", "sex"]), (.grade, ["grade"]),
            (.educationLevel, ["education_level"]), (.educationField, ["education_field"]),
            (.competencies, ["competencies"]), (.placement, ["slot_id", "slot_since"]), (.lock, ["locked", "lock_reason"]),
        ]
        let updated = fields.filter { $0.0.map(columns.contains) ?? true }.flatMap(\.1)
        let inserted = ["nip"] + fields.flatMap(\.1)
        let insertedCount = columns.isSuperset(of: .required) ? try await insertNew(tenantID: tenantID, columns: inserted) : 0
        let updatedCount = insertedCount == rows.count ? 0 : try await updateChanged(tenantID: tenantID, columns: updated)
        let counts = ImportCounts(inserted: insertedCount, updated: updatedCount,
                                  unchanged: rows.count - insertedCount - updatedCount)
        try await upsertRatings(tenantID: tenantID, rows, allNew: counts.inserted == rows.count)
        // An updated employee's history follows its placement.
        if columns.contains(.placement) && counts.updated > 0 {
            try await PostgresEmployeeRepository.syncHistory(
                db, tenantID: tenantID, scope: "JOIN mutasi_import_rows r ON r.id = e.id WHERE true")
        }
        return counts
    }

    /// Updates the stored employees whose staged fields (`columns`) differ; equal ones are not
    /// touched (an update would lock and rewrite each). Keeps the ids in `mutasi_import_rows`
    /// for the position history and returns how many.
    private func updateChanged(tenantID: UUID, columns updated: [String]) async throws -> Int {
        try await db.rows("DROP TABLE IF EXISTS mutasi_import_rows")
        try await db.rows("CREATE TEMPORARY TABLE mutasi_import_rows (id uuid) ON COMMIT DROP")
        return try await db.count("""
            WITH up AS (
                UPDATE employees e SET \(unescaped: updated.map { "\($0) = s.\($0)" }.joined(separator: ", ")),
                       updated_at = now(), version = e.version + 1
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
    private func upsertRatings(tenantID: UUID, _ rows: [EmployeeImportRow], allNew: Bool) async throws {
        guard rows.contains(where: { !$0.performance.isEmpty }) else { return }
        if allNew {
            // All employees are new (their staged ids are theirs), so none has ratings yet.
            try await db.rows("""
                INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
                SELECT \(tenantID), s.id, r.year, r.predicate
                FROM mutasi_stage_employees s CROSS JOIN LATERAL unnest(s.years, s.predicates) AS r(year, predicate)
                """)
        } else {
            try await db.rows("""
                INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
                SELECT e.tenant_id, e.id, r.year, r.predicate
                FROM mutasi_stage_employees s
                JOIN employees e ON e.tenant_id = \(tenantID) AND e.nip = s.nip
                CROSS JOIN LATERAL unnest(s.years, s.predicates) AS r(year, predicate)
                WHERE NOT EXISTS (SELECT 1 FROM employee_performance x
                                  WHERE x.tenant_id = e.tenant_id AND x.employee_id = e.id AND x.year = r.year
                                    AND x.predicate = r.predicate)
                ON CONFLICT (tenant_id, employee_id, year) DO UPDATE SET predicate = EXCLUDED.predicate
                    WHERE employee_performance.predicate <> EXCLUDED.predicate
                """)
        }
    }

    /// Inserts the staged employees whose numbers are not stored yet, with their staged ids, and
    /// starts each one's position history with its slot; returns how many.
    private func insertNew(tenantID: UUID, columns: [String]) async throws -> Int {
        try await WorkforceSQL.mappingUnique {
            try await db.count("""
                WITH new AS (
                    INSERT INTO employees (tenant_id, id, \(unescaped: columns.joined(separator: ", ")))
                    SELECT \(tenantID), s.id, \(unescaped: columns.map { "s.\($0)" }.joined(separator: ", "))
                    FROM mutasi_stage_employees s
                    WHERE NOT EXISTS (SELECT 1 FROM employees x WHERE x.tenant_id = \(tenantID) AND x.nip = s.nip)
                    RETURNING id, slot_id, slot_since),
                history AS (
                    INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on)
                    SELECT \(tenantID), id, 1, slot_id, slot_since FROM new WHERE slot_id IS NOT NULL)
                SELECT count(*) FROM new
                """)
        }
    }
}
