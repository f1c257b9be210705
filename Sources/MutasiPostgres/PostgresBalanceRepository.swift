import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresBalanceRepository: BalanceRepository {
    let db: PostgresTransaction

    func slots(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [BalanceSlotRecord] {
        try await db.rows("""
            SELECT s.id, s.code, s.name, s.position_kind, s.education_fields, s.need,
                   u.id, u.code, u.name, g.id, g.code, g.name
            FROM slots s
            JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            JOIN agencies g ON g.tenant_id = u.tenant_id AND g.id = u.agency_id
            WHERE s.tenant_id = \(tenantID) AND (\(agencyIDs)::uuid[] IS NULL OR g.id = ANY(\(agencyIDs)))
            ORDER BY g.code, u.code, s.code
            """).map { row in
            let r = row.makeRandomAccess()
            return BalanceSlotRecord(
                slotID: try r[0].decode(UUID.self), slotCode: try r[1].decode(String.self),
                slotName: try r[2].decode(String.self), positionKind: try r[3].decode(String.self),
                educationFields: try r[4].decode([String].self), need: Int(try r[5].decode(Int32.self)),
                unitID: try r[6].decode(UUID.self), unitCode: try r[7].decode(String.self),
                unitName: try r[8].decode(String.self), agencyID: try r[9].decode(UUID.self),
                agencyCode: try r[10].decode(String.self), agencyName: try r[11].decode(String.self))
        }
    }

    func employees(tenantID: UUID, agencyIDs: [UUID]?) async throws -> [BalanceEmployeeRecord] {
        try await db.rows("""
            SELECT e.id, e.nip, e.name, e.slot_id, to_char(e.slot_since, 'YYYY-MM-DD'),
                   to_char(e.birth_date, 'YYYY-MM-DD'), e.education_field
            FROM employees e
            JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
            JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            WHERE e.tenant_id = \(tenantID) AND (\(agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(agencyIDs)))
            ORDER BY e.nip
            """).map { row in
            let r = row.makeRandomAccess()
            return BalanceEmployeeRecord(
                employeeID: try r[0].decode(UUID.self), nip: try r[1].decode(String.self), name: try r[2].decode(String.self),
                slotID: try r[3].decode(UUID.self), slotSince: try CalendarDate(iso: try r[4].decode(String.self)),
                birthDate: try CalendarDate(iso: try r[5].decode(String.self)), educationField: try r[6].decode(String.self))
        }
    }
}
