import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanRepository: PlanRepository {
    let db: PostgresTransaction

    /// A plan's columns, then its review: status, deadline, the plan it redoes, its re-plans and
    /// the answers to its kept moves counted (accepted, objected, upheld, rejected, all); then
    /// who took its lifecycle steps.
    static let columns = TenantSQL("""
        plans.tenant_id, plans.id, plans.name, plans.policy::text, plans.build_state, plans.build_error, plans.objective,
        plans.balance_before::text, plans.balance_after::text, plans.move_count, plans.created_by, plans.created_at,
        plans.built_at, plans.version, plans.voice::text, plans.campaign_id,
        plans.status, plans.answer_deadline, plans.replan_of,
        ARRAY(SELECT r.id FROM plans r WHERE r.tenant_id = $tenant AND r.replan_of = plans.id ORDER BY r.created_at, r.id),
        (SELECT ARRAY[count(*) FILTER (WHERE a.answer = 'accept'), count(*) FILTER (WHERE a.answer = 'object'),
                      count(*) FILTER (WHERE a.decision = 'upheld'), count(*) FILTER (WHERE a.decision = 'rejected'),
                      count(*)]::int[]
         FROM plan_move_answers a
         JOIN plan_moves am ON am.tenant_id = a.tenant_id AND am.plan_id = a.plan_id AND am.employee_id = a.employee_id
                           AND am.dropped_at IS NULL
         WHERE a.tenant_id = $tenant AND am.tenant_id = $tenant AND a.plan_id = plans.id),
        plans.effective_date::text,
        plans.submitted_by, plans.submitted_at, plans.decided_by, plans.decided_at, plans.decision_note,
        plans.cancelled_by, plans.cancelled_at, plans.cancel_reason
        """)

    func plan(_ row: PostgresRow) throws -> TransferPlan {
        let r = row.makeRandomAccess()
        var plan = TransferPlan(
            tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), name: try r[2].decode(String.self),
            policy: try JSONColumn.value(PlanPolicy.self, from: try r[3].decode(String.self)) ?? PlanPolicy(),
            buildState: TransferPlan.BuildState(rawValue: try r[4].decode(String.self)) ?? .failed,
            buildError: try r[5].decode(String?.self), objective: try r[6].decode(Int64?.self).map(Int.init),
            before: try JSONColumn.value(BalanceFigures.self, from: try r[7].decode(String?.self)),
            after: try JSONColumn.value(BalanceFigures.self, from: try r[8].decode(String?.self)),
            moveCount: try r[9].decode(Int32?.self).map(Int.init),
            voice: try JSONColumn.value(VoiceFigures.self, from: try r[14].decode(String?.self)),
            campaignID: try r[15].decode(UUID?.self),
            createdBy: try r[10].decode(UUID.self),
            createdAt: try r[11].decode(Date.self), builtAt: try r[12].decode(Date?.self),
            version: Int(try r[13].decode(Int32.self)))
        plan.status = TransferPlan.Status(rawValue: try r[16].decode(String.self)) ?? .draft
        plan.answerDeadline = try r[17].decode(Date?.self)
        plan.replanOf = try r[18].decode(UUID?.self)
        plan.replannedBy = try r[19].decode([UUID].self)
        plan.effectiveDate = try r[21].decode(String?.self).map { try CalendarDate(iso: $0) }
        plan.submittedBy = try r[22].decode(UUID?.self)
        plan.submittedAt = try r[23].decode(Date?.self)
        plan.decidedBy = try r[24].decode(UUID?.self)
        plan.decidedAt = try r[25].decode(Date?.self)
        plan.decisionNote = try r[26].decode(String?.self)
        plan.cancelledBy = try r[27].decode(UUID?.self)
        plan.cancelledAt = try r[28].decode(Date?.self)
        plan.cancelReason = try r[29].decode(String?.self)
        if plan.buildState == .built, let moves = plan.moveCount {
            let c = try r[20].decode([Int32].self).map(Int.init)
            plan.answers = AnswerCounts(accepted: c[0], objected: c[1], pending: max(0, moves - c[4]), upheld: c[2], rejected: c[3])
        }
        return plan
    }

    func create(tenantID: UUID, name: String, policy: PlanPolicy, campaignID: UUID?, replanOf: UUID?,
                createdBy: UUID) async throws -> TransferPlan {
        let id = try await db.rows("""
            INSERT INTO plans (tenant_id, name, policy, campaign_id, replan_of, created_by)
            VALUES (\(tenantID), \(name), \(try JSONColumn.text(policy))::jsonb, \(campaignID), \(replanOf), \(createdBy))
            RETURNING id
            """)[0].decode(UUID.self)
        return try await stored(tenantID: tenantID, id: id)
    }

    /// The plan as a statement that wrote it left it. Writes return no columns but the id: Citus
    /// takes no subquery in an INSERT's RETURNING and no STABLE function (a date's text) in any
    /// RETURNING, and the columns have both.
    func stored(tenantID: UUID, id: UUID) async throws -> TransferPlan {
        guard let plan = try await find(tenantID: tenantID, id: id) else {
            throw DomainError.notFound("plan.not_found", "Plan not found.")
        }
        return plan
    }

    func find(tenantID: UUID, id: UUID) async throws -> TransferPlan? {
        try await db.rows("SELECT \(Self.columns, tenant: tenantID) FROM plans WHERE tenant_id = \(tenantID) AND id = \(id)")
            .first.map(plan)
    }

    func list(tenantID: UUID, _ page: PageRequest) async throws -> Page<TransferPlan> {
        let total = try await db.count("SELECT count(*) FROM plans WHERE tenant_id = \(tenantID)")
        let rows = try await db.rows("""
            SELECT \(Self.columns, tenant: tenantID) FROM plans WHERE tenant_id = \(tenantID)
            ORDER BY created_at DESC, id LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(plan), total: total, request: page)
    }

    func moves(tenantID: UUID, planID: UUID, answer: AnswerCounts.Filter?, dropped: Bool?, where place: MoveFilter,
               _ page: PageRequest) async throws -> Page<PlanMove> {
        let filter = Self.answerFilter(answer) + Self.droppedFilter(dropped)
        let total = try await db.count("""
            SELECT count(*) \(unescaped: Self.moveJoins)
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND \(unescaped: filter)
              AND (\(place.fromAgencyID)::uuid IS NULL OR fu.agency_id = \(place.fromAgencyID))
              AND (\(place.toAgencyID)::uuid IS NULL OR tu.agency_id = \(place.toAgencyID))
              AND (\(place.kind)::text IS NULL OR m.kind = \(place.kind))
            """)
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.moveColumns) \(unescaped: Self.moveJoins)
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND \(unescaped: filter)
              AND (\(place.fromAgencyID)::uuid IS NULL OR fu.agency_id = \(place.fromAgencyID))
              AND (\(place.toAgencyID)::uuid IS NULL OR tu.agency_id = \(place.toAgencyID))
              AND (\(place.kind)::text IS NULL OR m.kind = \(place.kind))
            ORDER BY tu.code, ts.code, e.nip LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(Self.move), total: total, request: page)
    }

    /// A fixed SQL condition on the answer joined as `a` (no client text reaches it).
    static func answerFilter(_ filter: AnswerCounts.Filter?) -> String {
        switch filter {
        case nil: "true"
        case .accepted: "a.answer = 'accept'"
        case .objected: "a.answer = 'object'"
        case .pending: "a.answer IS NULL"
        case .upheld: "a.decision = 'upheld'"
        case .rejected: "a.decision = 'rejected'"
        }
    }

    /// A fixed SQL condition on whether the move (`m`) was dropped.
    static func droppedFilter(_ dropped: Bool?) -> String {
        switch dropped {
        case nil: ""
        case true?: " AND m.dropped_at IS NOT NULL"
        case false?: " AND m.dropped_at IS NULL"
        }
    }

    static let moveColumns = """
        m.employee_id, e.nip, e.name, m.from_slot_id, fu.code || '/' || fs.code,
        m.to_slot_id, tu.code || '/' || ts.code, m.cost, m.fit, m.distance, m.training_needs::text,
        m.kind, m.wish_rank, m.wish_grant, m.burden, m.target_need, m.target_staff, m.employee_wish,
        a.answer, a.reason, a.answered_at, a.decision, a.decision_note, a.decided_at, a.version,
        m.dropped_at, m.dropped_by, m.dropped_reason
        """

    static let moveJoins = """
        FROM plan_moves m
        JOIN employees e ON e.tenant_id = m.tenant_id AND e.id = m.employee_id
        JOIN slots fs ON fs.tenant_id = m.tenant_id AND fs.id = m.from_slot_id
        JOIN units fu ON fu.tenant_id = m.tenant_id AND fu.id = fs.unit_id
        JOIN slots ts ON ts.tenant_id = m.tenant_id AND ts.id = m.to_slot_id
        JOIN units tu ON tu.tenant_id = m.tenant_id AND tu.id = ts.unit_id
        LEFT JOIN plan_move_answers a ON a.tenant_id = m.tenant_id AND a.plan_id = m.plan_id AND a.employee_id = m.employee_id
        """

    /// A move read with `moveColumns` from `offset` on, with its explanation.
    static func move(_ row: PostgresRow) throws -> PlanMove { try move(row.makeRandomAccess(), from: 0) }

    static func move(_ r: PostgresRandomAccessRow, from o: Int) throws -> PlanMove {
        var move = PlanMove(
            employeeID: try r[o].decode(UUID.self), nip: try r[o + 1].decode(String.self), employeeName: try r[o + 2].decode(String.self),
            fromSlotID: try r[o + 3].decode(UUID.self), fromSlot: try r[o + 4].decode(String.self),
            toSlotID: try r[o + 5].decode(UUID.self), toSlot: try r[o + 6].decode(String.self),
            kind: try r[o + 11].decode(String.self), wishRank: try r[o + 12].decode(Int32?.self).map(Int.init),
            cost: Int(try r[o + 7].decode(Int32.self)), fit: Int(try r[o + 8].decode(Int32.self)),
            distance: Int(try r[o + 9].decode(Int32.self)), grant: Int(try r[o + 13].decode(Int32.self)),
            burden: Int(try r[o + 14].decode(Int32.self)),
            trainingNeeds: try JSONColumn.value([PlanMove.TrainingNeed].self, from: try r[o + 10].decode(String.self)) ?? [])
        move.explanation = MoveExplanation.text(.init(
            toSlot: move.toSlot, kind: move.kind, wishRank: move.wishRank, fit: move.fit, distance: move.distance,
            trainingNeeds: move.trainingNeeds, targetNeed: try r[o + 15].decode(Int32?.self).map(Int.init),
            targetStaff: try r[o + 16].decode(Int32?.self).map(Int.init), wish: try r[o + 17].decode(String?.self)))
        move.answer = try answer(r, from: o + 18)
        if let at = try r[o + 25].decode(Date?.self), let by = try r[o + 26].decode(UUID?.self),
           let reason = try r[o + 27].decode(String?.self) {
            move.dropped = PlanMove.Dropped(at: at, by: by, reason: reason)
        }
        return move
    }

    /// An answer read as `answer, reason, answered_at, decision, decision_note, decided_at, version`
    /// from `offset` on; nil when there is none (a left join's nulls).
    static func answer(_ r: PostgresRandomAccessRow, from o: Int) throws -> MoveAnswer? {
        guard let text = try r[o].decode(String?.self), let answer = MoveAnswer.Answer(rawValue: text) else { return nil }
        return MoveAnswer(
            answer: answer, reason: try r[o + 1].decode(String?.self), answeredAt: try r[o + 2].decode(Date.self),
            decision: try r[o + 3].decode(String?.self).flatMap(MoveAnswer.Decision.init(rawValue:)),
            decisionNote: try r[o + 4].decode(String?.self), decidedAt: try r[o + 5].decode(Date?.self),
            version: Int(try r[o + 6].decode(Int32.self)))
    }

    func instanceJSON(tenantID: UUID, planID: UUID) async throws -> String? {
        try await db.rows("SELECT instance_json FROM plans WHERE tenant_id = \(tenantID) AND id = \(planID)")
            .first.flatMap { try $0.decode(String?.self) }
    }

    func markBuilding(tenantID: UUID, id: UUID) async throws {
        try await db.rows("""
            UPDATE plans SET build_state = 'building', build_error = NULL WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
    }

    func saveResult(tenantID: UUID, id: UUID, _ result: PlanResult) async throws -> TransferPlan {
        try await db.rows("DELETE FROM plan_moves WHERE tenant_id = \(tenantID) AND plan_id = \(id)")
        if !result.moves.isEmpty {
            let m = result.moves
            let training = try m.map { try JSONColumn.text($0.trainingNeeds) }
            // With RETURNING (one count row back): Citus would otherwise copy rows the coordinator
            // computes (from unnest) into the shard with COPY, which row-level security refuses.
            try await db.rows("""
                WITH ins AS (
                INSERT INTO plan_moves (tenant_id, plan_id, employee_id, from_slot_id, to_slot_id, kind, wish_rank,
                                        cost, fit, distance, wish_grant, burden, training_needs,
                                        target_need, target_staff, employee_wish)
                SELECT \(tenantID), \(id), u.employee, u.from_slot, u.to_slot, u.kind, nullif(u.wish_rank, -1),
                       u.cost, u.fit, u.distance, u.wish_grant, u.burden, u.training::jsonb,
                       nullif(u.target_need, -1), nullif(u.target_staff, -1), nullif(u.wish, '')
                FROM unnest(\(m.map(\.employeeID))::uuid[], \(m.map(\.fromSlotID))::uuid[], \(m.map(\.toSlotID))::uuid[],
                            \(m.map(\.kind))::text[], \(m.map { Int32($0.wishRank ?? -1) })::int[],
                            \(m.map { Int32($0.cost) })::int[], \(m.map { Int32($0.fit) })::int[],
                            \(m.map { Int32($0.distance) })::int[], \(m.map { Int32($0.grant) })::int[],
                            \(m.map { Int32($0.burden) })::int[], \(training)::text[],
                            \(m.map { Int32($0.targetNeed ?? -1) })::int[], \(m.map { Int32($0.targetStaff ?? -1) })::int[],
                            \(m.map { $0.wish ?? "" })::text[])
                     AS u(employee, from_slot, to_slot, kind, wish_rank, cost, fit, distance, wish_grant, burden, training,
                          target_need, target_staff, wish)
                RETURNING 1)
                SELECT count(*) FROM ins
                """)
        }
        try await db.rows("""
            UPDATE plans SET build_state = 'built', build_error = NULL, instance_json = \(result.instanceJSON),
                   objective = \(Int64(result.objective)), balance_before = \(try JSONColumn.text(result.before))::jsonb,
                   balance_after = \(try JSONColumn.text(result.after))::jsonb, move_count = \(Int32(result.moves.count)),
                   voice = \(try JSONColumn.text(result.voice))::jsonb,
                   built_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await stored(tenantID: tenantID, id: id)
    }

    func markFailed(tenantID: UUID, id: UUID, error: String) async throws {
        try await db.rows("""
            UPDATE plans SET build_state = 'failed', build_error = \(error), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
    }
}
