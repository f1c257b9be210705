import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanRepository: PlanRepository {
    let db: PostgresTransaction

    private static let columns = """
        tenant_id, id, name, policy::text, build_state, build_error, objective, balance_before::text,
        balance_after::text, move_count, created_by, created_at, built_at, version, voice::text, campaign_id
        """

    private func plan(_ row: PostgresRow) throws -> TransferPlan {
        let r = row.makeRandomAccess()
        return TransferPlan(
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
    }

    func create(tenantID: UUID, name: String, policy: PlanPolicy, campaignID: UUID?, createdBy: UUID) async throws -> TransferPlan {
        let rows = try await db.rows("""
            INSERT INTO plans (tenant_id, name, policy, campaign_id, created_by)
            VALUES (\(tenantID), \(name), \(try JSONColumn.text(policy))::jsonb, \(campaignID), \(createdBy))
            RETURNING \(unescaped: Self.columns)
            """)
        return try plan(rows[0])
    }

    func find(tenantID: UUID, id: UUID) async throws -> TransferPlan? {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM plans WHERE tenant_id = \(tenantID) AND id = \(id)")
            .first.map(plan)
    }

    func list(tenantID: UUID, _ page: PageRequest) async throws -> Page<TransferPlan> {
        let total = try await db.count("SELECT count(*) FROM plans WHERE tenant_id = \(tenantID)")
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM plans WHERE tenant_id = \(tenantID)
            ORDER BY created_at DESC, id LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(plan), total: total, request: page)
    }

    func moves(tenantID: UUID, planID: UUID, _ page: PageRequest) async throws -> Page<PlanMove> {
        let total = try await db.count("SELECT count(*) FROM plan_moves WHERE tenant_id = \(tenantID) AND plan_id = \(planID)")
        let rows = try await db.rows("""
            SELECT m.employee_id, e.nip, e.name, m.from_slot_id, fu.code || '/' || fs.code,
                   m.to_slot_id, tu.code || '/' || ts.code, m.cost, m.fit, m.distance, m.training_needs::text,
                   m.kind, m.wish_rank, m.wish_grant, m.burden
            FROM plan_moves m
            JOIN employees e ON e.tenant_id = m.tenant_id AND e.id = m.employee_id
            JOIN slots fs ON fs.tenant_id = m.tenant_id AND fs.id = m.from_slot_id
            JOIN units fu ON fu.tenant_id = m.tenant_id AND fu.id = fs.unit_id
            JOIN slots ts ON ts.tenant_id = m.tenant_id AND ts.id = m.to_slot_id
            JOIN units tu ON tu.tenant_id = m.tenant_id AND tu.id = ts.unit_id
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID)
            ORDER BY tu.code, ts.code, e.nip LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        let moves = try rows.map { row -> PlanMove in
            let r = row.makeRandomAccess()
            return PlanMove(
                employeeID: try r[0].decode(UUID.self), nip: try r[1].decode(String.self), employeeName: try r[2].decode(String.self),
                fromSlotID: try r[3].decode(UUID.self), fromSlot: try r[4].decode(String.self),
                toSlotID: try r[5].decode(UUID.self), toSlot: try r[6].decode(String.self),
                kind: try r[11].decode(String.self), wishRank: try r[12].decode(Int32?.self).map(Int.init),
                cost: Int(try r[7].decode(Int32.self)), fit: Int(try r[8].decode(Int32.self)),
                distance: Int(try r[9].decode(Int32.self)), grant: Int(try r[13].decode(Int32.self)),
                burden: Int(try r[14].decode(Int32.self)),
                trainingNeeds: try JSONColumn.value([PlanMove.TrainingNeed].self, from: try r[10].decode(String.self)) ?? [])
        }
        return Page(items: moves, total: total, request: page)
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
            try await db.rows("""
                INSERT INTO plan_moves (tenant_id, plan_id, employee_id, from_slot_id, to_slot_id, kind, wish_rank,
                                        cost, fit, distance, wish_grant, burden, training_needs)
                SELECT \(tenantID), \(id), u.employee, u.from_slot, u.to_slot, u.kind, nullif(u.wish_rank, -1),
                       u.cost, u.fit, u.distance, u.wish_grant, u.burden, u.training::jsonb
                FROM unnest(\(m.map(\.employeeID))::uuid[], \(m.map(\.fromSlotID))::uuid[], \(m.map(\.toSlotID))::uuid[],
                            \(m.map(\.kind))::text[], \(m.map { Int32($0.wishRank ?? -1) })::int[],
                            \(m.map { Int32($0.cost) })::int[], \(m.map { Int32($0.fit) })::int[],
                            \(m.map { Int32($0.distance) })::int[], \(m.map { Int32($0.grant) })::int[],
                            \(m.map { Int32($0.burden) })::int[], \(training)::text[])
                     AS u(employee, from_slot, to_slot, kind, wish_rank, cost, fit, distance, wish_grant, burden, training)
                """)
        }
        let rows = try await db.rows("""
            UPDATE plans SET build_state = 'built', build_error = NULL, instance_json = \(result.instanceJSON),
                   objective = \(Int64(result.objective)), balance_before = \(try JSONColumn.text(result.before))::jsonb,
                   balance_after = \(try JSONColumn.text(result.after))::jsonb, move_count = \(Int32(result.moves.count)),
                   voice = \(try JSONColumn.text(result.voice))::jsonb,
                   built_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            RETURNING \(unescaped: Self.columns)
            """)
        return try plan(rows[0])
    }

    func markFailed(tenantID: UUID, id: UUID, error: String) async throws {
        try await db.rows("""
            UPDATE plans SET build_state = 'failed', build_error = \(error), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
    }
}
