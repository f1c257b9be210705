import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// The lifecycle steps of plans on the plan tables: the step's actor and time on `plans`,
/// dropped moves on `plan_moves`.
extension PostgresPlanRepository: PlanDecisionRepository {
    func submit(tenantID: UUID, id: UUID, by: UUID) async throws -> TransferPlan {
        try await db.rows("""
            UPDATE plans SET status = 'submitted', submitted_by = \(by), submitted_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await stored(tenantID: tenantID, id: id)
    }

    func decide(tenantID: UUID, id: UUID, status: TransferPlan.Status, by: UUID, note: String?) async throws -> TransferPlan {
        try await db.rows("""
            UPDATE plans SET status = \(status.rawValue), decided_by = \(by), decided_at = now(), decision_note = \(note),
                   version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await stored(tenantID: tenantID, id: id)
    }

    func cancel(tenantID: UUID, id: UUID, by: UUID, reason: String) async throws -> TransferPlan {
        try await db.rows("""
            UPDATE plans SET status = 'cancelled', cancelled_by = \(by), cancelled_at = now(), cancel_reason = \(reason),
                   version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await stored(tenantID: tenantID, id: id)
    }

    func undecidedObjections(tenantID: UUID, planID: UUID) async throws -> Int {
        try await db.count("""
            SELECT count(*) FROM plan_move_answers a
            JOIN plan_moves m ON m.tenant_id = a.tenant_id AND m.plan_id = a.plan_id AND m.employee_id = a.employee_id
            WHERE a.tenant_id = \(tenantID) AND a.plan_id = \(planID) AND a.answer = 'object' AND a.decision IS NULL
              AND m.dropped_at IS NULL
            """)
    }

    func unansweredMoves(tenantID: UUID, planID: UUID) async throws -> Int {
        try await db.count("""
            SELECT count(*) FROM plan_moves m
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.dropped_at IS NULL
              AND NOT EXISTS (SELECT 1 FROM plan_move_answers a
                              WHERE a.tenant_id = \(tenantID) AND a.plan_id = m.plan_id AND a.employee_id = m.employee_id)
            """)
    }

    func dropMove(tenantID: UUID, planID: UUID, employeeID: UUID, by: UUID, reason: String) async throws {
        try await db.rows("""
            UPDATE plan_moves SET dropped_at = now(), dropped_by = \(by), dropped_reason = \(reason)
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID) AND dropped_at IS NULL
            """)
    }

    func keptMoves(tenantID: UUID, planID: UUID) async throws -> [(employee: String, toSlot: String)] {
        try await db.rows("""
            SELECT e.nip, tu.code || '/' || ts.code
            FROM plan_moves m
            JOIN employees e ON e.tenant_id = m.tenant_id AND e.id = m.employee_id
            JOIN slots ts ON ts.tenant_id = m.tenant_id AND ts.id = m.to_slot_id
            JOIN units tu ON tu.tenant_id = m.tenant_id AND tu.id = ts.unit_id
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.dropped_at IS NULL ORDER BY e.nip
            """).map { row in
            let (employee, slot) = try row.decode((String, String).self)
            return (employee, slot)
        }
    }

    func saveFigures(tenantID: UUID, id: UUID, objective: Int, before: BalanceFigures, after: BalanceFigures,
                     moveCount: Int, voice: VoiceFigures) async throws -> TransferPlan {
        try await db.rows("""
            UPDATE plans SET objective = \(Int64(objective)), balance_before = \(try JSONColumn.text(before))::jsonb,
                   balance_after = \(try JSONColumn.text(after))::jsonb, move_count = \(Int32(clamping: moveCount)),
                   voice = \(try JSONColumn.text(voice))::jsonb, version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await stored(tenantID: tenantID, id: id)
    }

    func liveMoves(tenantID: UUID, planID: UUID) async throws -> [LiveMoveRecord] {
        try await db.rows("""
            SELECT m.employee_id, m.from_slot_id, m.to_slot_id, e.slot_id, e.locked, to_char(e.birth_date, 'YYYY-MM-DD'),
                   coalesce(cs.position_kind, fs.position_kind)
            FROM plan_moves m
            JOIN employees e ON e.tenant_id = m.tenant_id AND e.id = m.employee_id
            JOIN slots fs ON fs.tenant_id = m.tenant_id AND fs.id = m.from_slot_id
            LEFT JOIN slots cs ON cs.tenant_id = e.tenant_id AND cs.id = e.slot_id
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.dropped_at IS NULL
            ORDER BY e.nip
            """).map { row in
            let r = row.makeRandomAccess()
            return LiveMoveRecord(
                employeeID: try r[0].decode(UUID.self), fromSlotID: try r[1].decode(UUID.self), toSlotID: try r[2].decode(UUID.self),
                currentSlotID: try r[3].decode(UUID?.self), locked: try r[4].decode(Bool.self),
                birthDate: try CalendarDate(iso: try r[5].decode(String.self)), positionKind: try r[6].decode(String.self))
        }
    }

    func decidedMove(tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> MoveDecisionRecord? {
        let rows = try await db.rows("""
            SELECT tu.name, m.dropped_reason
            FROM plans p
            LEFT JOIN plan_moves m ON m.tenant_id = p.tenant_id AND m.plan_id = p.id AND m.employee_id = \(employeeID)
            LEFT JOIN slots ts ON ts.tenant_id = m.tenant_id AND ts.id = m.to_slot_id
            LEFT JOIN units tu ON tu.tenant_id = ts.tenant_id AND tu.id = ts.unit_id
            WHERE p.tenant_id = \(tenantID) AND p.campaign_id = \(campaignID) AND p.status IN ('approved', 'decreed', 'executed')
            ORDER BY p.decided_at DESC NULLS LAST, p.created_at DESC, p.id
            LIMIT 1
            """)
        guard let row = rows.first else { return nil }
        let (unit, reason) = try row.decode((String?, String?).self)
        return MoveDecisionRecord(toUnit: unit, droppedReason: reason)
    }
}
