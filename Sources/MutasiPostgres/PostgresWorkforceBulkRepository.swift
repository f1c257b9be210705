import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// Imports stream validated rows with COPY into a temporary staging table (dropped at commit)
/// and upsert from it in one statement, so a file costs a handful of round trips whatever its size.
struct PostgresWorkforceBulkRepository: WorkforceBulkRepository {
    let db: PostgresTransaction

    /// Rows per COPY message batch.
    static let batchBytes = 1 << 20

    func agencyIDsByCode(tenantID: UUID) async throws -> [String: UUID] {
        var result: [String: UUID] = [:]
        for row in try await db.rows("SELECT code, id FROM agencies WHERE tenant_id = \(tenantID)") {
            let (code, id) = try row.decode((String, UUID).self)
            result[code] = id
        }
        return result
    }

    func unitsByCode(tenantID: UUID) async throws -> [String: UnitReference] {
        var result: [String: UnitReference] = [:]
        for row in try await db.rows("SELECT code, id, agency_id FROM units WHERE tenant_id = \(tenantID)") {
            let (code, id, agency) = try row.decode((String, UUID, UUID).self)
            result[code] = UnitReference(id: id, agencyID: agency)
        }
        return result
    }

    func slotsByKey(tenantID: UUID) async throws -> [String: SlotReference] {
        var result: [String: SlotReference] = [:]
        for row in try await db.rows("""
            SELECT u.code, s.code, s.id, u.agency_id, s.position_kind, s.need
            FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            WHERE s.tenant_id = \(tenantID)
            """) {
            let (unitCode, slotCode, id, agency, kind, need) = try row.decode((String, String, UUID, UUID, String, Int32).self)
            result[SlotKey.of(unitCode: unitCode, slotCode: slotCode)] =
                SlotReference(id: id, agencyID: agency, kind: PositionKind(rawValue: kind) ?? .executor, need: Int(need))
        }
        return result
    }

    // MARK: Upserts

    func upsertUnits(tenantID: UUID, _ rows: [NewWorkUnit]) async throws -> ImportCounts {
        try await stage("mutasi_stage_units", "code text, name text, agency_id uuid, region_code text, remote boolean",
                        columns: ["code", "name", "agency_id", "region_code", "remote"], rows, progress: nil) { e, row in
            e.field(row.code); e.field(row.name); e.field(row.agencyID.uuidString); e.field(row.regionCode)
            e.field(row.remote.map { $0 ? "t" : "f" })
        }
        // Rows that all lack the remote flag (a file without the column, the demo) leave stored
        // units' flags as they are; otherwise a missing flag reads as false, like a new unit's.
        let keepRemote = rows.allSatisfy { $0.remote == nil }
        return try await counts(rows.count, """
            INSERT INTO units (tenant_id, agency_id, code, name, region_code, remote)
            SELECT \(tenantID), agency_id, code, name, region_code, coalesce(remote, false) FROM mutasi_stage_units
            ON CONFLICT (tenant_id, code) DO UPDATE
                SET agency_id = EXCLUDED.agency_id, name = EXCLUDED.name, region_code = EXCLUDED.region_code,
                    remote = CASE WHEN \(keepRemote) THEN units.remote ELSE EXCLUDED.remote END,
                    updated_at = \(Date()), version = units.version + 1
                WHERE (units.agency_id, units.name, units.region_code, units.remote)
                      IS DISTINCT FROM (EXCLUDED.agency_id, EXCLUDED.name, EXCLUDED.region_code,
                                        CASE WHEN \(keepRemote) THEN units.remote ELSE EXCLUDED.remote END)
            """)
    }

    func employeeKindsByNumber(tenantID: UUID) async throws -> [String: CivilServantKind] {
        var result: [String: CivilServantKind] = [:]
        for row in try await db.rows("SELECT nip, kind FROM employees WHERE tenant_id = \(tenantID)") {
            let (nip, kind) = try row.decode((String, String).self)
            result[nip] = CivilServantKind(rawValue: kind) ?? .pns
        }
        return result
    }

    func upsertSlots(tenantID: UUID, _ rows: [NewSlot], columns: SlotImportColumns) async throws -> ImportCounts {
        try await stage("mutasi_stage_slots", """
            unit_id uuid, code text, name text, position_kind text, min_grade int, max_grade int,
            education_fields text[], competencies jsonb, need int, need_reason text
            """, columns: ["unit_id", "code", "name", "position_kind", "min_grade", "max_grade", "education_fields",
                           "competencies", "need", "need_reason"], rows, progress: nil) { e, row in
            e.field(row.unitID.uuidString); e.field(row.code); e.field(row.name); e.field(row.kind.rawValue)
            e.field(row.grades.min); e.field(row.grades.max); e.field(Self.arrayLiteral(row.educationFields))
            e.field(WorkforceSQL.json(row.competencies.sorted { $0.code < $1.code })); e.field(row.need); e.field(row.needReason)
        }
        var updated = ["name", "position_kind", "min_grade", "max_grade"]
        if columns.contains(.educationFields) { updated.append("education_fields") }
        if columns.contains(.competencies) { updated.append("competencies") }
        updated.append("need")
        // A row with a reason overrides the need; one without carries the stored need (0 for a
        // new slot) and keeps where it came from.
        return try await counts(rows.count, """
            INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, education_fields,
                               competencies, need, need_source, need_reason)
            SELECT \(tenantID), unit_id, code, name, position_kind, min_grade, max_grade, education_fields, competencies,
                   need, CASE WHEN need_reason IS NULL THEN 'none' ELSE 'override' END, need_reason
            FROM mutasi_stage_slots
            ON CONFLICT (tenant_id, unit_id, code) DO UPDATE
                SET \(unescaped: Self.assignments(updated)),
                    need_source = CASE WHEN EXCLUDED.need_reason IS NULL THEN slots.need_source ELSE 'override' END,
                    need_reason = COALESCE(EXCLUDED.need_reason, slots.need_reason),
                    need_analysis_id = CASE WHEN EXCLUDED.need_reason IS NULL THEN slots.need_analysis_id END,
                    updated_at = \(Date()), version = slots.version + 1
                WHERE \(unescaped: Self.changed("slots", updated))
            """)
    }

    /// Creates the temporary staging table and streams `rows` into it with COPY.
    func stage<Row>(_ table: String, _ definition: String, columns: [String], _ rows: [Row],
                    progress: (@Sendable (Int) -> Void)?, _ encode: (inout CopyTextEncoder, Row) -> Void) async throws {
        try await createStaging(table, definition)
        try await copy(table, columns: columns, rows, progress: progress, encode)
    }

    /// A temporary table, dropped at commit (and first, if the transaction made one before).
    func createStaging(_ table: String, _ definition: String) async throws {
        try await db.rows(PostgresQuery(unsafeSQL: "DROP TABLE IF EXISTS \(table)"))
        try await db.rows(PostgresQuery(unsafeSQL: "CREATE TEMPORARY TABLE \(table) (\(definition)) ON COMMIT DROP"))
    }

    /// Streams `rows` into `table` with COPY.
    func copy<Row>(_ table: String, columns: [String], _ rows: [Row],
                   progress: (@Sendable (Int) -> Void)?, _ encode: (inout CopyTextEncoder, Row) -> Void) async throws {
        try await db.connection.copyFrom(table: table, columns: columns, logger: db.logger) { writer in
            var encoder = CopyTextEncoder(capacity: Self.batchBytes + 4096)
            for (index, row) in rows.enumerated() {
                encode(&encoder, row)
                encoder.endRow()
                if encoder.buffer.readableBytes >= Self.batchBytes {
                    try await writer.write(encoder.take())
                    progress?(index + 1)
                }
            }
            if encoder.buffer.readableBytes > 0 { try await writer.write(encoder.take()) }
            progress?(rows.count)
        }
        // No ANALYZE: it costs as much as the COPY, and a table never analysed is planned from
        // its physical size, which gives the row count the joins need.
    }

    /// Runs an `INSERT ... ON CONFLICT DO UPDATE ... WHERE changed` and counts inserted and updated rows.
    /// (The upserts bind the time they set: Citus takes only IMMUTABLE functions in DO UPDATE.)
    private func counts(_ total: Int, _ upsert: PostgresQuery) async throws -> ImportCounts {
        let query = WorkforceSQL.prefixed("WITH up AS (", upsert, """
             RETURNING (xmax = 0) AS inserted)
            SELECT count(*) FILTER (WHERE inserted), count(*) FILTER (WHERE NOT inserted) FROM up
            """)
        let (inserted, updated) = try await db.rows(query)[0].decode((Int64, Int64).self)
        return ImportCounts(inserted: Int(inserted), updated: Int(updated), unchanged: total - Int(inserted) - Int(updated))
    }

    /// `a = EXCLUDED.a, b = EXCLUDED.b` for an upsert's update.
    static func assignments(_ columns: [String]) -> String {
        columns.map { "\($0) = EXCLUDED.\($0)" }.joined(separator: ", ")
    }

    /// `(t.a, t.b) IS DISTINCT FROM (EXCLUDED.a, EXCLUDED.b)`: whether an upsert changes the row.
    static func changed(_ table: String, _ columns: [String]) -> String {
        "(" + columns.map { "\(table).\($0)" }.joined(separator: ", ") + ") IS DISTINCT FROM ("
            + columns.map { "EXCLUDED.\($0)" }.joined(separator: ", ") + ")"
    }

    /// `(a.x, a.y) IS NOT DISTINCT FROM (b.x, b.y)`.
    static func same(_ a: String, _ b: String, _ columns: [String]) -> String {
        "(" + columns.map { "\(a).\($0)" }.joined(separator: ", ") + ") IS NOT DISTINCT FROM ("
            + columns.map { "\(b).\($0)" }.joined(separator: ", ") + ")"
    }

    /// A PostgreSQL array literal of texts, every element quoted: `{"a","b \"c\""}`.
    static func arrayLiteral(_ items: [String]) -> String {
        "{" + items.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
            .joined(separator: ",") + "}"
    }

    /// `{"EPI":3}` with sorted keys, written by hand: this runs once per imported row.
    static func competenciesJSON(_ map: [String: Int]) -> String {
        guard !map.isEmpty else { return "{}" }
        // Codes are validated to letters, digits, '_' and '-', so they need no escaping.
        return "{" + map.sorted { $0.key < $1.key }.map { "\"\($0.key)\":\($0.value)" }.joined(separator: ",") + "}"
    }

    // MARK: Exports

    func exportUnits(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [UnitExportRow] {
        try await db.rows("""
            SELECT u.code, u.name, a.code, u.region_code, u.remote
            FROM units u JOIN agencies a ON a.tenant_id = u.tenant_id AND a.id = u.agency_id
            WHERE u.tenant_id = \(tenantID) AND (\(agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(agencyIDs)))
            ORDER BY u.code
            """).map { row in
            let (code, name, agency, region, remote) = try row.decode((String, String, String, String, Bool).self)
            return UnitExportRow(code: code, name: name, agencyCode: agency, regionCode: region, remote: remote)
        }
    }

    func exportSlots(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [SlotExportRow] {
        try await db.rows(WorkforceSQL.prefixed("SELECT u.code, \(PostgresSlotRepository.columns) " + PostgresSlotRepository.from, """
            WHERE s.tenant_id = \(tenantID) AND (\(agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(agencyIDs)))
            ORDER BY u.code, s.code
            """)).map { row in
            let unitCode = try row.makeRandomAccess()[0].decode(String.self)
            return SlotExportRow(unitCode: unitCode, slot: try PostgresSlotRepository.slot(row, offset: 1))
        }
    }

    func exportEmployees(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [EmployeeExportRow] {
        let rows = try await db.rows("""
            SELECT e.nip, e.kind, e.name, e.birth_date::text, e.sex, e.grade, e.education_level, e.education_field,
                   e.competencies::text, u.code, s.code, e.slot_since::text,
                   COALESCE((SELECT string_agg(p.year || ':' || p.predicate, '|' ORDER BY p.year)
                             FROM employee_performance p WHERE p.tenant_id = \(tenantID) AND p.employee_id = e.id), ''),
                   e.locked, e.lock_reason
            FROM employees e
            LEFT JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
            LEFT JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            WHERE e.tenant_id = \(tenantID) AND (\(agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(agencyIDs)))
            ORDER BY e.nip
            """)
        return try rows.map { row in
            let r = row.makeRandomAccess()
            let ratings = try r[12].decode(String.self).split(separator: "|").compactMap { part -> PerformanceRating? in
                let halves = part.split(separator: ":")
                guard halves.count == 2, let year = Int(halves[0]), let score = Int(halves[1]),
                      let predicate = SKPPredicate(rawValue: score) else { return nil }
                return try PerformanceRating(year: year, predicate: predicate)
            }
            return EmployeeExportRow(
                nip: try r[0].decode(String.self), kind: CivilServantKind(rawValue: try r[1].decode(String.self)) ?? .pns,
                name: try r[2].decode(String.self), birthDate: try CalendarDate(iso: try r[3].decode(String.self)),
                sex: Sex(rawValue: Int(try r[4].decode(Int16.self))) ?? .male, grade: Int(try r[5].decode(Int32.self)),
                educationLevel: try r[6].decode(String.self), educationField: try r[7].decode(String.self),
                competencies: try WorkforceSQL.decode([String: Int].self, json: try r[8].decode(String.self)),
                unitCode: try r[9].decode(String?.self), slotCode: try r[10].decode(String?.self),
                slotSince: try WorkforceSQL.date(try r[11].decode(String?.self)), performance: ratings,
                locked: try r[13].decode(Bool.self), lockReason: try r[14].decode(String?.self))
        }
    }
}
