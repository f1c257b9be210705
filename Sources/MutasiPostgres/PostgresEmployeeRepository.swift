import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresEmployeeRepository: EmployeeRepository {
    let db: PostgresTransaction

    /// Columns of `employees e` with its slot `s` and unit `u` (both left-joined), its ratings and
    /// its position history as JSON. `$1` is the tenant: the statements that read these columns
    /// bind it first (their filter starts with `e.tenant_id`), so that every subquery names the
    /// tenant and Citus routes the whole statement to the tenant's shard.
    static let columns = """
        e.tenant_id, e.id, e.nip, e.kind, e.name, e.birth_date::text, e.sex, e.grade, e.education_level,
        e.education_field, e.competencies::text, e.slot_id, e.slot_since::text, u.id, u.agency_id, s.position_kind,
        e.transfer_requested, e.locked, e.lock_reason, e.version,
        COALESCE((SELECT json_agg(json_build_object('year', p.year, 'score', p.predicate) ORDER BY p.year)
                  FROM employee_performance p WHERE p.tenant_id = $1 AND p.employee_id = e.id), '[]')::text,
        COALESCE((SELECT json_agg(json_build_object('seq', h.seq, 'slotID', h.slot_id, 'slotCode', hs.code,
                                                    'slotName', hs.name, 'unitCode', hu.code, 'startedOn', h.started_on,
                                                    'endedOn', h.ended_on) ORDER BY h.seq)
                  FROM position_history h
                  JOIN slots hs ON hs.tenant_id = $1 AND hs.id = h.slot_id
                  JOIN units hu ON hu.tenant_id = $1 AND hu.id = hs.unit_id
                  WHERE h.tenant_id = $1 AND h.employee_id = e.id), '[]')::text
        """
    static let from = """
        FROM employees e
        LEFT JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
        LEFT JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id 
        """

    private struct Score: Decodable { var year: Int; var score: Int }

    static func employee(_ row: PostgresRow) throws -> Employee {
        let r = row.makeRandomAccess()
        let kind = CivilServantKind(rawValue: try r[3].decode(String.self)) ?? .pns
        let level = try r[8].decode(String.self)
        let ratings = try WorkforceSQL.decode([Score].self, json: try r[20].decode(String.self)).compactMap { score in
            SKPPredicate(rawValue: score.score).flatMap { try? PerformanceRating(year: score.year, predicate: $0) }
        }
        return Employee(
            tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), nip: try r[2].decode(String.self),
            kind: kind, name: try r[4].decode(String.self), birthDate: try CalendarDate(iso: try r[5].decode(String.self)),
            sex: Sex(rawValue: Int(try r[6].decode(Int16.self))) ?? .male, grade: Int(try r[7].decode(Int32.self)),
            educationLevel: EducationLevel(rawValue: level), educationField: try r[9].decode(String.self),
            competencies: try WorkforceSQL.decode([String: Int].self, json: try r[10].decode(String.self)),
            slotID: try r[11].decode(UUID?.self), slotSince: try WorkforceSQL.date(try r[12].decode(String?.self)),
            unitID: try r[13].decode(UUID?.self), agencyID: try r[14].decode(UUID?.self),
            positionKind: try r[15].decode(String?.self).flatMap(PositionKind.init(rawValue:)),
            performance: ratings,
            positionHistory: try WorkforceSQL.decode([PositionHistoryEntry].self, json: try r[21].decode(String.self)),
            transferRequested: try r[16].decode(Bool.self), locked: try r[17].decode(Bool.self),
            lockReason: try r[18].decode(String?.self), version: Int(try r[19].decode(Int32.self)))
    }

    func create(tenantID: UUID, _ new: EmployeeRecord) async throws -> Employee {
        let id: UUID = try await WorkforceSQL.mappingUnique {
            let rows = try await db.rows("""
                INSERT INTO employees (tenant_id, nip, kind, name, birth_date, sex, grade, education_level, education_field,
                                       competencies, slot_id, slot_since, locked, lock_reason)
                VALUES (\(tenantID), \(new.number.text), \(new.kind.rawValue), \(new.name), \(new.birthDate.iso)::date,
                        \(Int16(new.sex.rawValue)), \(new.grade), \(new.educationLevel?.rawValue ?? ""), \(new.educationField),
                        \(WorkforceSQL.json(new.competencies))::jsonb, \(new.slotID), \(new.slotSince?.iso)::date,
                        \(new.locked), \(new.lockReason))
                RETURNING id
                """)
            return try rows[0].decode(UUID.self)
        }
        try await Self.syncHistory(db, tenantID: tenantID, scope: "WHERE e.id = '\(id.uuidString.lowercased())'")
        guard let employee = try await find(tenantID: tenantID, id: id) else {
            throw DomainError.notFound("employee.not_found", "Employee not found.")
        }
        return employee
    }

    func find(tenantID: UUID, id: UUID) async throws -> Employee? {
        try await db.rows(prepared: "employees.find", WorkforceSQL.prefixed("SELECT \(Self.columns) " + Self.from, """
            WHERE e.tenant_id = \(tenantID) AND e.id = \(id)
            """)).first.map(Self.employee)
    }

    func list(tenantID: UUID, _ f: EmployeeFilter, _ page: PageRequest) async throws -> Page<Employee> {
        let nip = f.nip.map { WorkforceSQL.likeEscaped($0.filter { $0 != " " }) + "%" }
        let name = f.name.map(WorkforceSQL.likeContains)
        let kind = f.kind?.rawValue
        // The total counts the whole list; a cursor then seeks through the (tenant_id, nip) index
        // instead of reading past `offset` rows.
        let after = try page.after?.sortKey(of: "employees", parts: 1)[0]
        let filter = { (after: String?) -> PostgresQuery in """
            WHERE e.tenant_id = \(tenantID)
              AND (\(f.agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(f.agencyIDs)))
              AND (\(f.onlyID)::uuid IS NULL OR e.id = \(f.onlyID))
              AND (\(f.agencyID)::uuid IS NULL OR u.agency_id = \(f.agencyID))
              AND (\(f.unitID)::uuid IS NULL OR s.unit_id = \(f.unitID))
              AND (\(f.slotID)::uuid IS NULL OR e.slot_id = \(f.slotID))
              AND (\(nip)::text IS NULL OR e.nip LIKE \(nip))
              AND (\(name)::text IS NULL OR e.name ILIKE \(name))
              AND (\(kind)::text IS NULL OR e.kind = \(kind))
              AND (\(f.locked)::boolean IS NULL OR e.locked = \(f.locked))
              AND (\(after)::text IS NULL OR e.nip > \(after))
            """ }
        let total = try await db.count(WorkforceSQL.prefixed("SELECT count(*) " + Self.from, filter(nil)))
        let rows = try await db.rows(WorkforceSQL.prefixed("SELECT \(Self.columns) " + Self.from, filter(after),
                                                           " ORDER BY e.nip LIMIT \(page.limit + 1) OFFSET \(page.offset)"))
        let items = try rows.prefix(page.limit).map(Self.employee)
        let next = rows.count > page.limit ? items.last.map { PageCursor(list: "employees", key: [$0.nip]) } : nil
        return Page(items: items, total: total, request: page, next: next)
    }

    func update(tenantID: UUID, id: UUID, _ c: EmployeeChanges, expectedVersion: Int) async throws -> Employee? {
        let competencies = c.competencies.map(WorkforceSQL.json)
        let rows = try await db.rows("""
            UPDATE employees SET
                name = COALESCE(\(c.name), name), grade = COALESCE(\(c.grade), grade),
                education_level = COALESCE(\(c.educationLevel?.rawValue), education_level),
                education_field = COALESCE(\(c.educationField), education_field),
                competencies = COALESCE(\(competencies)::jsonb, competencies),
                slot_id = CASE WHEN \(c.placement != nil) THEN \(c.placement?.slotID)::uuid ELSE slot_id END,
                slot_since = CASE WHEN \(c.placement != nil) THEN \(c.placement?.since.map(WorkforceSQL.Day.init)) ELSE slot_since END,
                locked = COALESCE(\(c.lock?.locked), locked),
                lock_reason = CASE WHEN \(c.lock != nil) THEN \(c.lock?.reason)::text ELSE lock_reason END,
                updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING id
            """)
        guard rows.isEmpty else {
            if c.placement != nil {
                try await Self.syncHistory(db, tenantID: tenantID, scope: "WHERE e.id = '\(id.uuidString.lowercased())'")
            }
            return try await find(tenantID: tenantID, id: id)
        }
        guard try await find(tenantID: tenantID, id: id) != nil else { return nil }
        throw WorkforceSQL.stale("employee", "employee")
    }

    func setPerformance(tenantID: UUID, id: UUID, _ ratings: [PerformanceRating], expectedVersion: Int) async throws -> Employee? {
        try await bump(tenantID: tenantID, id: id, expectedVersion: expectedVersion)
        let years = ratings.map(\.year)
        let scores = ratings.map(\.predicate.score)
        try await db.rows("""
            INSERT INTO employee_performance (tenant_id, employee_id, year, predicate)
            SELECT \(tenantID), \(id), y, p FROM unnest(\(years)::int[], \(scores)::int[]) AS t(y, p)
            ON CONFLICT (tenant_id, employee_id, year) DO UPDATE SET predicate = EXCLUDED.predicate
            """)
        return try await find(tenantID: tenantID, id: id)
    }

    func removePerformance(tenantID: UUID, id: UUID, year: Int, expectedVersion: Int) async throws -> Employee? {
        try await bump(tenantID: tenantID, id: id, expectedVersion: expectedVersion)
        let removed = try await db.rows("""
            DELETE FROM employee_performance
            WHERE tenant_id = \(tenantID) AND employee_id = \(id) AND year = \(Int32(clamping: year))
            RETURNING year
            """)
        guard !removed.isEmpty else { return nil }
        return try await find(tenantID: tenantID, id: id)
    }

    /// Moves the employee's version on, if it is still `expectedVersion` (412 otherwise): ratings
    /// are part of the employee, so changing them is an update of the employee.
    private func bump(tenantID: UUID, id: UUID, expectedVersion: Int) async throws {
        let bumped = try await db.rows("""
            UPDATE employees SET updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id) AND version = \(Int32(clamping: expectedVersion)) RETURNING id
            """)
        guard bumped.isEmpty else { return }
        throw WorkforceSQL.stale("employee", "employee")
    }

    func linkUser(tenantID: UUID, userID: UUID, employeeID: UUID) async throws {
        try await db.rows("""
            UPDATE users SET employee_id = \(employeeID), updated_at = now()
            WHERE tenant_id = \(tenantID) AND id = \(userID) AND employee_id IS DISTINCT FROM \(employeeID)
            """)
    }

    /// Keeps the position history in step with the current slots of the employees that `scope`
    /// (a join or condition on `employees e`, built from trusted text only) selects: an open entry
    /// whose slot is no longer the employee's is closed on the new since-date, an open entry of the
    /// same slot takes a corrected since-date, and an employee in a slot without an open entry gets
    /// one. The placements are first gathered into a keyed temporary table, so the updates join
    /// on an index whatever the number of employees; the day an entry closes is computed there,
    /// since Citus takes no `current_date` inside an UPDATE's COALESCE.
    static func syncHistory(_ db: PostgresTransaction, tenantID: UUID, scope: String) async throws {
        try await db.rows("DROP TABLE IF EXISTS mutasi_placements")
        try await db.rows("""
            CREATE TEMPORARY TABLE mutasi_placements ON COMMIT DROP AS
            SELECT e.id, e.slot_id, e.slot_since, COALESCE(e.slot_since, current_date) AS left_on
            FROM employees e \(unescaped: scope) AND e.tenant_id = \(tenantID)
            """)
        try await db.rows("ALTER TABLE mutasi_placements ADD PRIMARY KEY (id)")
        try await db.rows("ANALYZE mutasi_placements")
        try await db.rows("""
            UPDATE position_history h SET ended_on = GREATEST(p.left_on, h.started_on)
            FROM mutasi_placements p
            WHERE h.tenant_id = \(tenantID) AND h.employee_id = p.id AND h.ended_on IS NULL
              AND h.slot_id IS DISTINCT FROM p.slot_id
            """)
        try await db.rows("""
            UPDATE position_history h SET started_on = p.slot_since
            FROM mutasi_placements p
            WHERE h.tenant_id = \(tenantID) AND h.employee_id = p.id AND h.ended_on IS NULL
              AND h.slot_id = p.slot_id AND h.started_on <> p.slot_since
            """)
        try await db.rows("""
            WITH opened AS (
                INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on)
                SELECT \(tenantID), p.id, COALESCE(h.last_seq, 0) + 1, p.slot_id, p.slot_since
                FROM mutasi_placements p
                LEFT JOIN (SELECT employee_id, max(seq) AS last_seq, bool_or(ended_on IS NULL) AS open
                           FROM position_history
                           WHERE tenant_id = \(tenantID) AND employee_id IN (SELECT id FROM mutasi_placements)
                           GROUP BY employee_id) h ON h.employee_id = p.id
                WHERE p.slot_id IS NOT NULL AND h.open IS NOT TRUE
                RETURNING 1)
            SELECT count(*) FROM opened
            """)
    }
}
