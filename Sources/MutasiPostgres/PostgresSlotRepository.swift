import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresSlotRepository: SlotRepository {
    let db: PostgresTransaction

    /// Columns of `slots s JOIN units u`.
    static let columns = """
        s.tenant_id, s.id, s.unit_id, u.agency_id, s.code, s.name, s.position_kind, s.min_grade, s.max_grade,
        s.education_fields, s.competencies::text, s.need, s.version
        """
    static let from = "FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id "

    static func slot(_ row: PostgresRow) throws -> Slot {
        let r = row.makeRandomAccess()
        let kind = try r[6].decode(String.self)
        return Slot(
            tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), unitID: try r[2].decode(UUID.self),
            agencyID: try r[3].decode(UUID.self), code: try r[4].decode(String.self), name: try r[5].decode(String.self),
            kind: PositionKind(rawValue: kind) ?? .executor,
            grades: try GradeRange(min: Int(try r[7].decode(Int32.self)), max: Int(try r[8].decode(Int32.self))),
            educationFields: try r[9].decode([String].self),
            competencies: try WorkforceSQL.decode([CompetencyRequirement].self, json: try r[10].decode(String.self)),
            need: Int(try r[11].decode(Int32.self)), version: Int(try r[12].decode(Int32.self)))
    }

    func create(tenantID: UUID, _ new: NewSlot) async throws -> Slot {
        let id: UUID = try await WorkforceSQL.mappingUnique {
            let rows = try await db.rows("""
                INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, education_fields,
                                   competencies, need)
                VALUES (\(tenantID), \(new.unitID), \(new.code), \(new.name), \(new.kind.rawValue), \(new.grades.min),
                        \(new.grades.max), \(new.educationFields), \(WorkforceSQL.json(new.competencies))::jsonb, \(new.need))
                RETURNING id
                """)
            return try rows[0].decode(UUID.self)
        }
        guard let slot = try await find(tenantID: tenantID, id: id) else {
            throw DomainError.notFound("slot.not_found", "Slot not found.")
        }
        return slot
    }

    func find(tenantID: UUID, id: UUID) async throws -> Slot? {
        try await db.rows(WorkforceSQL.prefixed("SELECT \(Self.columns) " + Self.from, """
            WHERE s.tenant_id = \(tenantID) AND s.id = \(id)
            """)).first.map(Self.slot)
    }

    func list(tenantID: UUID, _ f: SlotFilter, _ page: PageRequest) async throws -> Page<Slot> {
        let search = f.search.map(WorkforceSQL.likeContains)
        let kind = f.kind?.rawValue
        let filter: PostgresQuery = """
            WHERE s.tenant_id = \(tenantID)
              AND (\(f.agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(f.agencyIDs)))
              AND (\(f.agencyID)::uuid IS NULL OR u.agency_id = \(f.agencyID))
              AND (\(f.unitID)::uuid IS NULL OR s.unit_id = \(f.unitID))
              AND (\(kind)::text IS NULL OR s.position_kind = \(kind))
              AND (\(search)::text IS NULL OR s.code ILIKE \(search) OR s.name ILIKE \(search))
            """
        let total = try await db.count(WorkforceSQL.prefixed("SELECT count(*) " + Self.from, filter))
        let rows = try await db.rows(WorkforceSQL.prefixed(
            "SELECT \(Self.columns) " + Self.from, filter,
            " ORDER BY u.code, s.code LIMIT \(page.limit) OFFSET \(page.offset)"))
        return Page(items: try rows.map(Self.slot), total: total, request: page)
    }

    func update(tenantID: UUID, id: UUID, _ c: SlotChanges, expectedVersion: Int) async throws -> Slot? {
        let competencies = c.competencies.map(WorkforceSQL.json)
        let rows = try await db.rows("""
            UPDATE slots SET name = COALESCE(\(c.name), name), position_kind = COALESCE(\(c.kind?.rawValue), position_kind),
                             min_grade = COALESCE(\(c.grades?.min), min_grade), max_grade = COALESCE(\(c.grades?.max), max_grade),
                             education_fields = COALESCE(\(c.educationFields)::text[], education_fields),
                             competencies = COALESCE(\(competencies)::jsonb, competencies),
                             need = COALESCE(\(c.need), need), updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING id
            """)
        guard rows.isEmpty else { return try await find(tenantID: tenantID, id: id) }
        guard try await find(tenantID: tenantID, id: id) != nil else { return nil }
        throw WorkforceSQL.stale("slot", "slot")
    }
}
