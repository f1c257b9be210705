import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresSlotRepository: SlotRepository {
    let db: PostgresTransaction

    /// Columns of `slots s JOIN units u`.
    static let columns = """
        s.tenant_id, s.id, s.unit_id, u.agency_id, s.code, s.name, s.position_kind, s.min_grade, s.max_grade,
        s.education_fields, s.competencies::text, s.need, s.version, s.need_source, s.need_reason, s.need_analysis_id
        """
    static let from = "FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id "

    /// The slot in a row of `columns`, which start at column `offset`.
    static func slot(_ row: PostgresRow, offset o: Int = 0) throws -> Slot {
        let r = row.makeRandomAccess()
        return Slot(
            tenantID: try r[o].decode(UUID.self), id: try r[o + 1].decode(UUID.self), unitID: try r[o + 2].decode(UUID.self),
            agencyID: try r[o + 3].decode(UUID.self), code: try r[o + 4].decode(String.self), name: try r[o + 5].decode(String.self),
            kind: PositionKind(rawValue: try r[o + 6].decode(String.self)) ?? .executor,
            grades: try GradeRange(min: Int(try r[o + 7].decode(Int32.self)), max: Int(try r[o + 8].decode(Int32.self))),
            educationFields: try r[o + 9].decode([String].self),
            competencies: try WorkforceSQL.decode([CompetencyRequirement].self, json: try r[o + 10].decode(String.self)),
            need: Int(try r[o + 11].decode(Int32.self)),
            needSource: NeedSource(rawValue: try r[o + 13].decode(String.self)) ?? .none,
            needReason: try r[o + 14].decode(String?.self), needAnalysisID: try r[o + 15].decode(UUID?.self),
            version: Int(try r[o + 12].decode(Int32.self)))
    }

    func create(tenantID: UUID, _ new: NewSlot) async throws -> Slot {
        let id: UUID = try await WorkforceSQL.mappingUnique {
            let rows = try await db.rows("""
                INSERT INTO slots (tenant_id, unit_id, code, name, position_kind, min_grade, max_grade, education_fields,
                                   competencies, need, need_source, need_reason)
                VALUES (\(tenantID), \(new.unitID), \(new.code), \(new.name), \(new.kind.rawValue), \(new.grades.min),
                        \(new.grades.max), \(new.educationFields), \(WorkforceSQL.json(new.competencies))::jsonb,
                        \(new.needReason == nil ? 0 : new.need), \(new.needReason == nil ? "none" : "override"), \(new.needReason))
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
            """)).first.map { try Self.slot($0) }
    }

    func list(tenantID: UUID, _ f: SlotFilter, _ page: PageRequest) async throws -> Page<Slot> {
        let search = f.search.map(WorkforceSQL.likeContains)
        let kind = f.kind?.rawValue
        // The total counts the whole list; a cursor then seeks through units' (tenant_id, code)
        // index (`u.code >=` lets the planner start there) and each unit's slots in code order,
        // instead of reading past `offset` rows.
        let after = try page.after?.sortKey(of: "slots", parts: 2)
        let filter = { (after: [String]?) -> PostgresQuery in
            let (unit, slot) = (after?[0], after?[1])
            return """
            WHERE s.tenant_id = \(tenantID)
              AND (\(f.agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(f.agencyIDs)))
              AND (\(f.agencyID)::uuid IS NULL OR u.agency_id = \(f.agencyID))
              AND (\(f.unitID)::uuid IS NULL OR s.unit_id = \(f.unitID))
              AND (\(kind)::text IS NULL OR s.position_kind = \(kind))
              AND (\(search)::text IS NULL OR s.code ILIKE \(search) OR s.name ILIKE \(search))
              AND (\(unit)::text IS NULL OR (u.code >= \(unit) AND (u.code, s.code) > (\(unit), \(slot))))
            """
        }
        let total = try await db.count(WorkforceSQL.prefixed("SELECT count(*) " + Self.from, filter(nil)))
        let rows = try await db.rows(WorkforceSQL.prefixed("SELECT u.code, \(Self.columns) " + Self.from, filter(after),
                                                           " ORDER BY u.code, s.code LIMIT \(page.limit + 1) OFFSET \(page.offset)"))
        let kept = rows.prefix(page.limit)
        let items = try kept.map { try Self.slot($0, offset: 1) }
        let next = try rows.count > page.limit ? kept.last.map { row in
            let r = row.makeRandomAccess()
            return PageCursor(list: "slots", key: [try r[0].decode(String.self), try r[5].decode(String.self)])
        } : nil
        return Page(items: items, total: total, request: page, next: next)
    }

    func update(tenantID: UUID, id: UUID, _ c: SlotChanges, expectedVersion: Int) async throws -> Slot? {
        let competencies = c.competencies.map(WorkforceSQL.json)
        let rows = try await db.rows("""
            UPDATE slots SET name = COALESCE(\(c.name), name), position_kind = COALESCE(\(c.kind?.rawValue), position_kind),
                             min_grade = COALESCE(\(c.grades?.min), min_grade), max_grade = COALESCE(\(c.grades?.max), max_grade),
                             education_fields = COALESCE(\(c.educationFields)::text[], education_fields),
                             competencies = COALESCE(\(competencies)::jsonb, competencies),
                             need = COALESCE(\(c.needOverride?.need), need),
                             need_source = CASE WHEN \(c.needOverride?.reason)::text IS NULL THEN need_source ELSE 'override' END,
                             need_reason = COALESCE(\(c.needOverride?.reason), need_reason),
                             need_analysis_id = CASE WHEN \(c.needOverride?.reason)::text IS NULL THEN need_analysis_id END,
                             updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING id
            """)
        guard rows.isEmpty else { return try await find(tenantID: tenantID, id: id) }
        guard try await find(tenantID: tenantID, id: id) != nil else { return nil }
        throw WorkforceSQL.stale("slot", "slot")
    }
}
