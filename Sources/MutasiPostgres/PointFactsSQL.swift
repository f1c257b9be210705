import Foundation
import MutasiDomain

/// The SQL both the points routes and plans read an employee's priority-point facts with, so
/// that the two agree: the remote units the employee serves in or served in, and the
/// adjustments of their upheld contests in a campaign. Each is a scalar subquery over `e`
/// (the employee row) that a caller places in its select list with the tenant bound
/// (`\(PointFactsSQL.remoteUnits, tenant: id)`); the texts hold no values.
enum PointFactsSQL {
    /// Codes of the remote units of `e`'s current slot and of the slots in their position history.
    static let remoteUnits = TenantSQL("""
        ARRAY(SELECT DISTINCT ru.code
              FROM (SELECT e.slot_id AS slot_id
                    UNION SELECT h.slot_id FROM position_history h WHERE h.tenant_id = $tenant AND h.employee_id = e.id) es
              JOIN slots hs ON hs.tenant_id = $tenant AND hs.id = es.slot_id
              JOIN units ru ON ru.tenant_id = $tenant AND ru.id = hs.unit_id
              WHERE ru.remote
              ORDER BY ru.code)
        """)

    /// `[{"points": ..., "note": ...}]` of `e`'s upheld contests in the campaign `cmp.id`, in the
    /// order they were decided; the caller joins `cmp` (`CROSS JOIN (SELECT $1::uuid AS id) cmp`).
    static let adjustments = TenantSQL("""
        (SELECT coalesce(jsonb_agg(jsonb_build_object('points', pc.adjustment, 'note', pc.decision_note)
                                   ORDER BY pc.decided_at, pc.id), '[]'::jsonb)::text
         FROM point_contests pc
         WHERE pc.tenant_id = $tenant AND pc.campaign_id = cmp.id AND pc.employee_id = e.id
           AND pc.state = 'upheld')
        """)

    static func decodeAdjustments(_ text: String?) throws -> [PriorityPoints.Adjustment] {
        try JSONColumn.value([PriorityPoints.Adjustment].self, from: text) ?? []
    }
}
