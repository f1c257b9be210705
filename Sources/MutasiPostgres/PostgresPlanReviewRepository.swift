import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

/// The review of plans on the plan tables: answers live in `plan_move_answers`, one per move.
extension PostgresPlanRepository: PlanReviewRepository {
    private static let answerColumns = "answer, reason, answered_at, decision, decision_note, decided_at, version"

    func lock(tenantID: UUID, id: UUID, shared: Bool) async throws -> TransferPlan? {
        try await db.rows("""
            SELECT \(Self.columns, tenant: tenantID) FROM plans WHERE tenant_id = \(tenantID) AND id = \(id)
            \(unescaped: shared ? "FOR SHARE OF plans" : "FOR UPDATE OF plans")
            """).first.map(plan)
    }

    func openReview(tenantID: UUID, id: UUID, answerDeadline: Date) async throws -> TransferPlan {
        try await db.rows("""
            UPDATE plans SET status = 'in_review', answer_deadline = \(answerDeadline), review_opened_at = now(),
                   version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await stored(tenantID: tenantID, id: id)
    }

    func move(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> PlanMove? {
        try await db.rows("""
            SELECT \(unescaped: Self.moveColumns) \(unescaped: Self.moveJoins)
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.employee_id = \(employeeID)
            """).first.map(Self.move)
    }

    func proposedMoves(tenantID: UUID, employeeID: UUID) async throws -> [(plan: TransferPlan, move: PlanMove)] {
        let plans = try await db.rows("""
            SELECT \(Self.columns, tenant: tenantID) FROM plans
            WHERE tenant_id = \(tenantID) AND status = 'in_review'
              AND EXISTS (SELECT 1 FROM plan_moves pm WHERE pm.tenant_id = \(tenantID) AND pm.plan_id = plans.id
                                                      AND pm.employee_id = \(employeeID))
            ORDER BY created_at DESC, id
            """).map(plan)
        var result: [(plan: TransferPlan, move: PlanMove)] = []
        for plan in plans {
            if let move = try await move(tenantID: tenantID, planID: plan.id, employeeID: employeeID) { result.append((plan, move)) }
        }
        return result
    }

    func answer(tenantID: UUID, planID: UUID, employeeID: UUID, lock: Bool) async throws -> MoveAnswer? {
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.answerColumns) FROM plan_move_answers
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            \(unescaped: lock ? "FOR UPDATE" : "")
            """)
        return try rows.first.flatMap { try Self.answer($0.makeRandomAccess(), from: 0) }
    }

    func saveAnswer(tenantID: UUID, planID: UUID, employeeID: UUID, answer: MoveAnswer.Answer, reason: String?,
                    answeredBy: UUID) async throws -> MoveAnswer {
        // The time of an answer given again is the new row's default (EXCLUDED): Citus takes no
        // non-IMMUTABLE function in ON CONFLICT DO UPDATE.
        let rows = try await db.rows("""
            INSERT INTO plan_move_answers (tenant_id, plan_id, employee_id, answer, reason, answered_by)
            VALUES (\(tenantID), \(planID), \(employeeID), \(answer.rawValue), \(reason), \(answeredBy))
            ON CONFLICT (tenant_id, plan_id, employee_id) DO UPDATE SET
                answer = EXCLUDED.answer, reason = EXCLUDED.reason, answered_by = EXCLUDED.answered_by,
                answered_at = EXCLUDED.answered_at,
                decision = NULL, decision_note = NULL, decided_by = NULL, decided_at = NULL,
                version = plan_move_answers.version + 1
            RETURNING \(unescaped: Self.answerColumns)
            """)
        return try Self.answer(rows[0].makeRandomAccess(), from: 0)!
    }

    func decide(tenantID: UUID, planID: UUID, employeeID: UUID, decision: MoveAnswer.Decision, note: String,
                decidedBy: UUID) async throws -> MoveAnswer {
        let rows = try await db.rows("""
            UPDATE plan_move_answers SET decision = \(decision.rawValue), decision_note = \(note), decided_by = \(decidedBy),
                   decided_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            RETURNING \(unescaped: Self.answerColumns)
            """)
        return try Self.answer(rows[0].makeRandomAccess(), from: 0)!
    }

    func upheldObjections(tenantID: UUID, planID: UUID) async throws -> [UUID] {
        try await db.rows("""
            SELECT employee_id FROM plan_move_answers
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND decision = 'upheld'
            ORDER BY employee_id
            """).map { try $0.decode(UUID.self) }
    }

    func requestProgress(tenantID: UUID, campaignID: UUID, employeeID: UUID) async throws -> PreferenceForm.RequestStatus? {
        let rows = try await db.rows("""
            SELECT bool_or(a.employee_id IS NOT NULL)
            FROM plans p
            JOIN plan_moves m ON m.tenant_id = p.tenant_id AND m.plan_id = p.id AND m.employee_id = \(employeeID)
            LEFT JOIN plan_move_answers a ON a.tenant_id = m.tenant_id AND a.plan_id = m.plan_id AND a.employee_id = m.employee_id
            WHERE p.tenant_id = \(tenantID) AND p.campaign_id = \(campaignID) AND p.status = 'in_review'
            """)
        guard let answered = try rows.first?.decode(Bool?.self) else { return nil }
        return answered ? .answered : .inPlan
    }
}
