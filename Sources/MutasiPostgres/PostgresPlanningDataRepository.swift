import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanningDataRepository: PlanningDataRepository {
    let db: PostgresTransaction

    func slots(tenantID: UUID) async throws -> [PlanningSlotRecord] {
        let rows = try await db.rows("""
            SELECT s.id, u.code, s.code, u.region_code, s.need, s.min_grade, s.max_grade, s.education_fields,
                   s.competencies::text, s.position_kind
            FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            WHERE s.tenant_id = \(tenantID)
            ORDER BY u.code, s.code
            """)
        struct Requirement: Decodable { var code: String; var level: Int }
        return try rows.map { row in
            let r = row.makeRandomAccess()
            let unit = try r[1].decode(String.self)
            let requirements = try JSONColumn.value([Requirement].self, from: try r[8].decode(String.self)) ?? []
            return PlanningSlotRecord(
                id: try r[0].decode(UUID.self), key: unit + "/" + (try r[2].decode(String.self)), unitCode: unit,
                region: try r[3].decode(String.self), need: Int(try r[4].decode(Int32.self)),
                minGrade: Int(try r[5].decode(Int32.self)), maxGrade: Int(try r[6].decode(Int32.self)),
                educationFields: try r[7].decode([String].self),
                competencies: requirements.map { (code: $0.code, level: $0.level) },
                positionKind: try r[9].decode(String.self))
        }
    }

    func employees(tenantID: UUID, campaignID: UUID?) async throws -> [PlanningEmployeeRecord] {
        // Without a campaign the form join binds the nil UUID, which no campaign has, so it
        // matches nothing (a NULL would make the outer join's condition a constant, which Citus
        // refuses on PostgreSQL 15 and 16). A form's units are turned into unit codes in their
        // ranked order; a unit removed since is left out.
        let campaign = campaignID ?? UUID(uuid: (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0))
        let rows = try await db.rows("""
            SELECT e.id, e.nip, e.name, e.slot_id, to_char(e.slot_since, 'YYYY-MM-DD'), to_char(e.birth_date, 'YYYY-MM-DD'),
                   e.grade, e.education_field, e.competencies::text,
                   (SELECT p.predicate FROM employee_performance p
                    WHERE p.tenant_id = \(tenantID) AND p.employee_id = e.id ORDER BY p.year DESC LIMIT 1),
                   e.transfer_requested, e.locked, f.wish,
                   coalesce((SELECT array_agg(u.code ORDER BY r.ord)
                             FROM unnest(f.preferences) WITH ORDINALITY AS r(unit_id, ord)
                             JOIN units u ON u.tenant_id = \(tenantID) AND u.id = r.unit_id), '{}'),
                   f.reasons::text,
                   (SELECT u.agency_id FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
                    WHERE s.tenant_id = \(tenantID) AND s.id = e.slot_id),
                   CASE WHEN \(campaignID == nil) THEN '{}'::text[] ELSE \(PointFactsSQL.remoteUnits, tenant: tenantID) END,
                   \(PointFactsSQL.adjustments, tenant: tenantID)
            FROM employees e
            LEFT JOIN preference_forms f
                   ON f.tenant_id = \(tenantID) AND f.campaign_id = \(campaign) AND f.employee_id = e.id
            CROSS JOIN (SELECT \(campaign)::uuid AS id) cmp
            WHERE e.tenant_id = \(tenantID) AND e.slot_id IS NOT NULL
            ORDER BY e.nip
            """)
        return try rows.map { row in
            let r = row.makeRandomAccess()
            return PlanningEmployeeRecord(
                id: try r[0].decode(UUID.self), nip: try r[1].decode(String.self), name: try r[2].decode(String.self),
                slotID: try r[3].decode(UUID.self), slotSince: try CalendarDate(iso: try r[4].decode(String.self)),
                birthDate: try CalendarDate(iso: try r[5].decode(String.self)), grade: Int(try r[6].decode(Int32.self)),
                educationField: try r[7].decode(String.self),
                competencies: try JSONColumn.value([String: Int].self, from: try r[8].decode(String.self)) ?? [:],
                latestPerformance: try r[9].decode(Int16?.self).map(Int.init),
                transferRequested: try r[10].decode(Bool.self), locked: try r[11].decode(Bool.self),
                formWish: try r[12].decode(String?.self).flatMap(PreferenceForm.Wish.init(rawValue:)),
                preferredUnits: try r[13].decode([String].self),
                formReasons: (try JSONColumn.value([PreferenceForm.Reason].self, from: try r[14].decode(String?.self)) ?? [])
                    .map(\.category),
                agencyID: try r[15].decode(UUID?.self), remoteUnits: try r[16].decode([String].self),
                pointAdjustments: try PointFactsSQL.decodeAdjustments(try r[17].decode(String?.self)))
        }
    }

    func retirementAgeOverrides(tenantID: UUID) async throws -> [String: Int] {
        var ages: [String: Int] = [:]
        for row in try await db.rows("SELECT position_kind, age FROM retirement_ages WHERE tenant_id = \(tenantID)") {
            let (kind, age) = try row.decode((String, Int32).self)
            ages[kind] = Int(age)
        }
        return ages
    }
}
