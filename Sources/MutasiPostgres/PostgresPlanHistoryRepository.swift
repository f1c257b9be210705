import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanHistoryRepository: PlanHistoryRepository {
    let db: PostgresTransaction

    private static let columns = "seq, step, from_status, to_status, actor_id, note, at"

    private static func event(_ row: PostgresRow) throws -> PlanEvent {
        let r = row.makeRandomAccess()
        func status(_ i: Int) throws -> TransferPlan.Status {
            TransferPlan.Status(rawValue: try r[i].decode(String.self)) ?? .draft
        }
        return PlanEvent(seq: Int(try r[0].decode(Int32.self)), step: try r[1].decode(String.self),
                         fromStatus: try status(2), toStatus: try status(3), actorID: try r[4].decode(UUID?.self),
                         note: try r[5].decode(String?.self), at: try r[6].decode(Date.self))
    }

    func append(tenantID: UUID, planID: UUID, step: String, from: TransferPlan.Status, to: TransferPlan.Status,
                actorID: UUID?, note: String?) async throws -> PlanEvent {
        let rows = try await db.rows("""
            INSERT INTO plan_events (tenant_id, plan_id, seq, step, from_status, to_status, actor_id, note)
            SELECT \(tenantID), \(planID), coalesce(max(seq), 0) + 1, \(step), \(from.rawValue), \(to.rawValue), \(actorID), \(note)
            FROM plan_events WHERE tenant_id = \(tenantID) AND plan_id = \(planID)
            RETURNING \(unescaped: Self.columns)
            """)
        return try Self.event(rows[0])
    }

    func list(tenantID: UUID, planID: UUID) async throws -> [PlanEvent] {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM plan_events
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) ORDER BY seq
            """).map(Self.event)
    }
}
