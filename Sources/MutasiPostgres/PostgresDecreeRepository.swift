import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresDecreeRepository: DecreeRepository {
    let db: PostgresTransaction

    static let versionMismatch = DomainError(.preconditionFailed, code: "decree_settings.version_mismatch",
                                             "The decree settings were changed by someone else; reload them and try again.")

    func settings(tenantID: UUID, lock: Bool) async throws -> DecreeSettings? {
        try await db.rows("""
            SELECT settings::text, version FROM decree_settings WHERE tenant_id = \(tenantID)
            \(unescaped: lock ? "FOR UPDATE" : "")
            """).first.map(Self.settings)
    }

    private static func settings(_ row: PostgresRow) throws -> DecreeSettings {
        let (json, version) = try row.decode((String, Int32).self)
        var settings = try JSONDecoder().decode(DecreeSettings.self, from: Data(json.utf8))
        settings.version = Int(version)
        return settings
    }

    func saveSettings(tenantID: UUID, _ settings: DecreeSettings, expectedVersion: Int) async throws -> DecreeSettings {
        let json = try JSONColumn.text(settings)
        let rows: [PostgresRow]
        if expectedVersion == 0 {
            rows = try await db.rows("""
                INSERT INTO decree_settings (tenant_id, settings) VALUES (\(tenantID), \(json)::jsonb)
                ON CONFLICT (tenant_id) DO NOTHING
                RETURNING settings::text, version
                """)
        } else {
            rows = try await db.rows("""
                UPDATE decree_settings SET settings = \(json)::jsonb, updated_at = now(), version = version + 1
                WHERE tenant_id = \(tenantID) AND version = \(Int32(expectedVersion))
                RETURNING settings::text, version
                """)
        }
        guard let row = rows.first else { throw Self.versionMismatch }
        return try Self.settings(row)
    }

    func nextSeq(tenantID: UUID, year: Int) async throws -> Int {
        // The upsert takes the counter row's lock (as FOR UPDATE would) until the transaction ends.
        let rows = try await db.rows("""
            INSERT INTO decree_counters (tenant_id, year, last_seq) VALUES (\(tenantID), \(Int32(year)), 1)
            ON CONFLICT (tenant_id, year) DO UPDATE SET last_seq = decree_counters.last_seq + 1
            RETURNING last_seq
            """)
        return Int(try rows[0].decode(Int32.self))
    }

    func keptMoves(tenantID: UUID, planID: UUID) async throws -> [DecreeMoveFacts] {
        try await db.rows("""
            SELECT e.id, e.name, e.nip, e.grade, fs.name, fu.name, fa.id, fa.code, fa.name, ts.name, tu.name, tu.agency_id
            FROM plan_moves m
            JOIN employees e ON e.tenant_id = m.tenant_id AND e.id = m.employee_id
            JOIN slots fs ON fs.tenant_id = m.tenant_id AND fs.id = m.from_slot_id
            JOIN units fu ON fu.tenant_id = m.tenant_id AND fu.id = fs.unit_id
            JOIN agencies fa ON fa.tenant_id = m.tenant_id AND fa.id = fu.agency_id
            JOIN slots ts ON ts.tenant_id = m.tenant_id AND ts.id = m.to_slot_id
            JOIN units tu ON tu.tenant_id = m.tenant_id AND tu.id = ts.unit_id
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.dropped_at IS NULL
            ORDER BY fa.code, e.name, e.nip
            """).map { row in
            let r = row.makeRandomAccess()
            return DecreeMoveFacts(
                employeeID: try r[0].decode(UUID.self), name: try r[1].decode(String.self), nip: try r[2].decode(String.self),
                grade: Int(try r[3].decode(Int32.self)), fromPosition: try r[4].decode(String.self),
                fromUnit: try r[5].decode(String.self), fromAgencyID: try r[6].decode(UUID.self),
                fromAgencyCode: try r[7].decode(String.self), fromAgencyName: try r[8].decode(String.self),
                toPosition: try r[9].decode(String.self), toUnit: try r[10].decode(String.self),
                toAgencyID: try r[11].decode(UUID.self))
        }
    }

    private static let columns = TenantSQL("""
        d.id, d.plan_id, d.agency_id, d.number, d.year, d.seq, d.status, d.effective_date::text, d.content_sha256,
        (SELECT count(*) FROM decree_employees x WHERE x.tenant_id = $tenant AND x.decree_id = d.id),
        d.issued_by, d.issued_at, d.signed_on::text, d.signed_by, d.cancelled_at, d.cancelled_by, d.cancel_reason, d.version
        """)

    private static func decree(_ row: PostgresRow, content: Bool = false) throws -> Decree {
        let r = row.makeRandomAccess()
        var decree = Decree(
            id: try r[0].decode(UUID.self), planID: try r[1].decode(UUID.self), agencyID: try r[2].decode(UUID?.self),
            number: try r[3].decode(String.self), year: Int(try r[4].decode(Int32.self)), seq: Int(try r[5].decode(Int32.self)),
            status: Decree.Status(rawValue: try r[6].decode(String.self)) ?? .issued,
            effectiveDate: try CalendarDate(iso: try r[7].decode(String.self)), sha256: try r[8].decode(String.self),
            rowCount: Int(try r[9].decode(Int64.self)), issuedBy: try r[10].decode(UUID.self), issuedAt: try r[11].decode(Date.self),
            signedOn: try r[12].decode(String?.self).map { try CalendarDate(iso: $0) }, signedBy: try r[13].decode(UUID?.self),
            cancelledAt: try r[14].decode(Date?.self), cancelledBy: try r[15].decode(UUID?.self),
            cancelReason: try r[16].decode(String?.self), version: Int(try r[17].decode(Int32.self)))
        if content {
            decree.content = try JSONDecoder().decode(DecreeContent.self, from: Data(try r[18].decode(String.self).utf8))
        }
        return decree
    }

    func create(tenantID: UUID, _ d: NewDecree, issuedBy: UUID) async throws -> Decree {
        let rows = try await db.rows("""
            INSERT INTO decrees (tenant_id, plan_id, agency_id, year, seq, number, effective_date, content, content_sha256, issued_by)
            VALUES (\(tenantID), \(d.planID), \(d.agencyID), \(Int32(d.year)), \(Int32(d.seq)), \(d.number),
                    \(d.effectiveDate.iso)::date, \(d.content), \(d.sha256), \(issuedBy))
            RETURNING id
            """)
        let id = try rows[0].decode(UUID.self)
        for (no, e) in d.employees.enumerated() {
            try await db.rows("""
                INSERT INTO decree_employees (tenant_id, decree_id, employee_id, row_no, from_agency_id, to_agency_id)
                VALUES (\(tenantID), \(id), \(e.employeeID), \(Int32(no + 1)), \(e.fromAgencyID), \(e.toAgencyID))
                """)
        }
        guard let decree = try await find(tenantID: tenantID, id: id, lock: false) else { throw DecreeStorage.vanished }
        return decree
    }

    func markPlanDecreed(tenantID: UUID, planID: UUID, effectiveDate: CalendarDate) async throws {
        try await db.rows("""
            UPDATE plans SET status = 'decreed', effective_date = \(effectiveDate.iso)::date, version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(planID)
            """)
    }

    func list(tenantID: UUID, planID: UUID?, agencies: [UUID]?) async throws -> [Decree] {
        try await db.rows("""
            SELECT \(Self.columns, tenant: tenantID) FROM decrees d
            WHERE d.tenant_id = \(tenantID) AND (\(planID)::uuid IS NULL OR d.plan_id = \(planID))
              AND (\(agencies == nil) OR EXISTS (
                  SELECT 1 FROM decree_employees x WHERE x.tenant_id = \(tenantID) AND x.decree_id = d.id
                    AND (x.from_agency_id = ANY(\(agencies ?? [])) OR x.to_agency_id = ANY(\(agencies ?? [])))))
            ORDER BY d.year, d.seq
            """).map { try Self.decree($0) }
    }

    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> Decree? {
        try await db.rows("""
            SELECT \(Self.columns, tenant: tenantID), d.content FROM decrees d WHERE d.tenant_id = \(tenantID) AND d.id = \(id)
            \(unescaped: lock ? "FOR UPDATE OF d" : "")
            """).first.map { try Self.decree($0, content: true) }
    }

    func agencies(tenantID: UUID, decreeID: UUID, employeeID: UUID?) async throws -> Set<UUID> {
        var result: Set<UUID> = []
        for row in try await db.rows("""
            SELECT from_agency_id, to_agency_id FROM decree_employees
            WHERE tenant_id = \(tenantID) AND decree_id = \(decreeID) AND (\(employeeID)::uuid IS NULL OR employee_id = \(employeeID))
            """) {
            let (from, to) = try row.decode((UUID, UUID).self)
            result.formUnion([from, to])
        }
        return result
    }

    func signedFor(tenantID: UUID, employeeID: UUID) async throws -> [Decree] {
        try await db.rows("""
            SELECT \(Self.columns, tenant: tenantID) FROM decrees d
            JOIN decree_employees x ON x.tenant_id = d.tenant_id AND x.decree_id = d.id
            WHERE d.tenant_id = \(tenantID) AND x.employee_id = \(employeeID) AND d.status = 'signed'
            ORDER BY d.signed_on DESC, d.year DESC, d.seq DESC
            """).map { try Self.decree($0) }
    }

    func sign(tenantID: UUID, id: UUID, signedOn: CalendarDate, by: UUID) async throws -> Decree {
        try await db.rows("""
            UPDATE decrees SET status = 'signed', signed_on = \(signedOn.iso)::date, signed_by = \(by), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        guard let decree = try await find(tenantID: tenantID, id: id, lock: false) else { throw DecreeStorage.vanished }
        return decree
    }

    func cancel(tenantID: UUID, id: UUID, reason: String, by: UUID) async throws -> Decree {
        try await db.rows("""
            UPDATE decrees SET status = 'cancelled', cancelled_at = now(), cancelled_by = \(by), cancel_reason = \(reason),
                   version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        guard let decree = try await find(tenantID: tenantID, id: id, lock: false) else { throw DecreeStorage.vanished }
        return decree
    }
}

enum DecreeStorage {
    static let vanished = DomainError.notFound("decree.not_found", "Decree not found.")
}
