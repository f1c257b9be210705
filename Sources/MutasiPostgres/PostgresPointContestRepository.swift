import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPointContestRepository: PointContestRepository {
    let db: PostgresTransaction

    private static let columns = """
        pc.tenant_id, pc.id, pc.campaign_id, pc.employee_id, e.nip, e.name, u.agency_id, pc.reason, pc.state, pc.adjustment,
        pc.decision_note, pc.filed_by, pc.filed_at, pc.decided_by, pc.decided_at, pc.version
        """
    private static let joins = """
        JOIN employees e ON e.tenant_id = pc.tenant_id AND e.id = pc.employee_id
        LEFT JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
        LEFT JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
        """

    private func contest(_ row: PostgresRow) throws -> PointContest {
        let r = row.makeRandomAccess()
        return PointContest(
            tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), campaignID: try r[2].decode(UUID.self),
            employeeID: try r[3].decode(UUID.self), nip: try r[4].decode(String.self), employeeName: try r[5].decode(String.self),
            agencyID: try r[6].decode(UUID?.self), reason: try r[7].decode(String.self),
            state: PointContest.State(rawValue: try r[8].decode(String.self)) ?? .pending,
            adjustment: try r[9].decode(Int32?.self).map(Int.init), note: try r[10].decode(String?.self),
            filedBy: try r[11].decode(UUID.self), filedAt: try r[12].decode(Date.self), decidedBy: try r[13].decode(UUID?.self),
            decidedAt: try r[14].decode(Date?.self), version: Int(try r[15].decode(Int32.self)))
    }

    func create(tenantID: UUID, campaignID: UUID, employeeID: UUID, reason: String, filedBy: UUID) async throws -> PointContest {
        let id: UUID
        do {
            id = try await db.rows("""
                INSERT INTO point_contests (tenant_id, campaign_id, employee_id, reason, filed_by)
                VALUES (\(tenantID), \(campaignID), \(employeeID), \(reason), \(filedBy))
                RETURNING id
                """)[0].decode(UUID.self)
        } catch let error as PSQLError
            where PostgresErrorMapping.violatedUniqueConstraint(error) == "point_contests_one_pending" {
            throw PointContest.pendingConflict
        }
        return try await find(tenantID: tenantID, id: id, lock: false)!
    }

    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> PointContest? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM point_contests pc \(unescaped: Self.joins)
            WHERE pc.tenant_id = \(tenantID) AND pc.id = \(id)
            \(unescaped: lock ? "FOR UPDATE OF pc" : "")
            """).first.map(contest)
    }

    func pending(tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> PointContest? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM point_contests pc \(unescaped: Self.joins)
            WHERE pc.tenant_id = \(tenantID) AND pc.campaign_id = \(campaignID) AND pc.employee_id = \(employeeID)
              AND pc.state = 'pending'
            """).first.map(contest)
    }

    func list(tenantID: UUID, campaignID: UUID, _ f: PointContestFilter, _ page: PageRequest) async throws -> Page<PointContest> {
        func query(_ select: String, _ rest: String, _ page: PageRequest? = nil) -> PostgresQuery {
            """
            SELECT \(unescaped: select) FROM point_contests pc \(unescaped: Self.joins)
            WHERE pc.tenant_id = \(tenantID) AND pc.campaign_id = \(campaignID)
              AND (\(f.state?.rawValue)::text IS NULL OR pc.state = \(f.state?.rawValue))
              AND (\(f.agencyIDs)::uuid[] IS NULL OR u.agency_id = ANY(\(f.agencyIDs)::uuid[]))
              AND (\(f.employeeID)::uuid IS NULL OR pc.employee_id = \(f.employeeID))
            \(unescaped: rest)
            LIMIT \(page?.limit) OFFSET \(page?.offset)
            """
        }
        let total = try await db.count(query("count(*)", ""))
        let rows = try await db.rows(query(Self.columns, "ORDER BY pc.filed_at DESC, pc.id", page))
        return Page(items: try rows.map(contest), total: total, request: page)
    }

    func decide(tenantID: UUID, id: UUID, state: PointContest.State, adjustment: Int?, note: String,
                decidedBy: UUID) async throws -> PointContest {
        // The adjustment is checked to -500...500 before it gets here.
        try await db.rows("""
            UPDATE point_contests SET state = \(state.rawValue), adjustment = \(adjustment.map { Int32($0) }),
                decision_note = \(note), decided_by = \(decidedBy), decided_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await find(tenantID: tenantID, id: id, lock: false)!
    }
}
