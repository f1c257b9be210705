import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresPlanExecutionRepository: PlanExecutionRepository {
    let db: PostgresTransaction

    private static let columns = """
        employee_id, outcome, reason, note, effective_date::text, at, reported_on::text, mentor_id, version
        """

    private static func execution(_ row: PostgresRow) throws -> MoveExecution {
        let r = row.makeRandomAccess()
        return MoveExecution(
            employeeID: try r[0].decode(UUID.self),
            outcome: MoveExecution.Outcome(rawValue: try r[1].decode(String.self)) ?? .skipped,
            reason: try r[2].decode(String?.self), note: try r[3].decode(String?.self),
            effectiveDate: try CalendarDate(iso: try r[4].decode(String.self)), at: try r[5].decode(Date.self),
            reportedOn: try r[6].decode(String?.self).map { try CalendarDate(iso: $0) },
            mentorID: try r[7].decode(UUID?.self), version: Int(try r[8].decode(Int32.self)))
    }

    func keptMoves(tenantID: UUID, planID: UUID) async throws -> [KeptMove] {
        try await db.rows("""
            SELECT m.employee_id, m.from_slot_id, m.to_slot_id, m.training_needs::text,
                   (SELECT CASE WHEN bool_or(d.status = 'signed') THEN 'signed' WHEN bool_or(d.status = 'issued') THEN 'issued'
                                ELSE 'cancelled' END
                    FROM decree_employees de JOIN decrees d ON d.tenant_id = de.tenant_id AND d.id = de.decree_id
                    WHERE de.tenant_id = \(tenantID) AND de.employee_id = m.employee_id AND d.plan_id = \(planID)
                    HAVING count(*) > 0)
            FROM plan_moves m
            WHERE m.tenant_id = \(tenantID) AND m.plan_id = \(planID) AND m.dropped_at IS NULL ORDER BY m.employee_id
            """).map { row in
            let (employee, from, to, needs, decree) = try row.decode((UUID, UUID, UUID, String, String?).self)
            return KeptMove(employeeID: employee, fromSlotID: from, toSlotID: to,
                            trainingNeeds: try JSONColumn.value([PlanMove.TrainingNeed].self, from: needs) ?? [],
                            decree: decree.flatMap(Decree.Status.init(rawValue:)))
        }
    }

    func execution(tenantID: UUID, planID: UUID, employeeID: UUID, lock: Bool) async throws -> MoveExecution? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM plan_move_executions
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            \(unescaped: lock ? "FOR UPDATE" : "")
            """).first.map(Self.execution)
    }

    /// The execution as a statement that wrote it left it. Writes return none of its columns:
    /// Citus takes no STABLE function (a date's text) in RETURNING.
    private func stored(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> MoveExecution {
        guard let execution = try await execution(tenantID: tenantID, planID: planID, employeeID: employeeID, lock: false) else {
            throw DomainError.notFound("plan_move.not_found", "The plan proposes no move for this employee.")
        }
        return execution
    }

    func executions(tenantID: UUID, planID: UUID) async throws -> [MoveExecution] {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM plan_move_executions
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) ORDER BY employee_id
            """).map(Self.execution)
    }

    func lockEmployee(tenantID: UUID, id: UUID) async throws -> EmployeePost? {
        guard let row = try await db.rows("""
            SELECT e.slot_id, e.locked, e.birth_date::text, s.position_kind FROM employees e
            LEFT JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
            WHERE e.tenant_id = \(tenantID) AND e.id = \(id) FOR UPDATE OF e
            """).first else { return nil }
        let (slot, locked, birth, kind) = try row.decode((UUID?, Bool, String, String?).self)
        return EmployeePost(slotID: slot, locked: locked, birthDate: try CalendarDate(iso: birth), positionKind: kind)
    }

    func applyMove(tenantID: UUID, employeeID: UUID, from: UUID, to: UUID, effectiveDate: CalendarDate) async throws {
        let tmt = effectiveDate.iso
        // The old post ends the day before the TMT, so no day counts in two posts.
        let closed = try await db.rows("""
            UPDATE position_history SET ended_on = GREATEST(started_on, \(tmt)::date - 1)
            WHERE tenant_id = \(tenantID) AND employee_id = \(employeeID) AND ended_on IS NULL
            RETURNING seq
            """)
        // The inserts return a count: without RETURNING, Citus would copy the rows it computes
        // (the next seq) into the shard with COPY, which row-level security refuses.
        if closed.isEmpty {
            try await db.rows("""
                WITH ins AS (
                INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on, ended_on)
                SELECT e.tenant_id, e.id, coalesce((SELECT max(seq) FROM position_history h
                                                    WHERE h.tenant_id = \(tenantID) AND h.employee_id = \(employeeID)), 0) + 1,
                       \(from), e.slot_since, GREATEST(e.slot_since, \(tmt)::date - 1)
                FROM employees e WHERE e.tenant_id = \(tenantID) AND e.id = \(employeeID) AND e.slot_since IS NOT NULL
                RETURNING 1)
                SELECT count(*) FROM ins
                """)
        }
        try await db.rows("""
            WITH ins AS (
            INSERT INTO position_history (tenant_id, employee_id, seq, slot_id, started_on)
            SELECT \(tenantID), \(employeeID), coalesce(max(seq), 0) + 1, \(to), \(tmt)::date
            FROM position_history WHERE tenant_id = \(tenantID) AND employee_id = \(employeeID)
            RETURNING 1)
            SELECT count(*) FROM ins
            """)
        try await db.rows("""
            UPDATE employees SET slot_id = \(to), slot_since = \(tmt)::date, updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(employeeID)
            """)
    }

    func record(tenantID: UUID, planID: UUID, employeeID: UUID, outcome: MoveExecution.Outcome, reason: String?,
                note: String?, effectiveDate: CalendarDate) async throws -> MoveExecution {
        try await db.rows("""
            INSERT INTO plan_move_executions (tenant_id, plan_id, employee_id, outcome, reason, note, effective_date)
            VALUES (\(tenantID), \(planID), \(employeeID), \(outcome.rawValue), \(reason), \(note), \(effectiveDate.iso)::date)
            """)
        return try await stored(tenantID: tenantID, planID: planID, employeeID: employeeID)
    }

    func markExecuted(tenantID: UUID, planID: UUID) async throws -> TransferPlan {
        try await db.rows("""
            UPDATE plans SET status = 'executed', version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(planID)
            """)
        return try await PostgresPlanRepository(db: db).stored(tenantID: tenantID, id: planID)
    }

    func recordReport(tenantID: UUID, planID: UUID, employeeID: UUID, reportedOn: CalendarDate, by: UUID) async throws -> MoveExecution {
        try await db.rows("""
            UPDATE plan_move_executions SET reported_on = \(reportedOn.iso)::date, reported_by = \(by), reported_at = now(),
                   version = version + 1
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            """)
        return try await stored(tenantID: tenantID, planID: planID, employeeID: employeeID)
    }

    func nameMentor(tenantID: UUID, planID: UUID, employeeID: UUID, mentorID: UUID, by: UUID) async throws -> MoveExecution {
        try await db.rows("""
            UPDATE plan_move_executions SET mentor_id = \(mentorID), mentor_named_by = \(by), mentor_named_at = now(),
                   version = version + 1
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            """)
        return try await stored(tenantID: tenantID, planID: planID, employeeID: employeeID)
    }

    func training(tenantID: UUID, planID: UUID, employeeID: UUID) async throws -> [TrainingItem] {
        try await db.rows("""
            SELECT competency, gap, course, hours, due_on::text, status FROM plan_move_training
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID) ORDER BY seq
            """).map { row in
            let (competency, gap, course, hours, due, status) = try row.decode((String, Int32, String, Int32, String, String).self)
            return TrainingItem(competency: competency, gap: Int(gap), course: course, hours: Int(hours),
                                dueOn: try CalendarDate(iso: due), status: TrainingItem.Status(rawValue: status) ?? .planned)
        }
    }

    func replaceTraining(tenantID: UUID, planID: UUID, employeeID: UUID, _ items: [TrainingItem]) async throws -> MoveExecution {
        try await db.rows("""
            DELETE FROM plan_move_training WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            """)
        for (i, item) in items.enumerated() {
            try await db.rows("""
                INSERT INTO plan_move_training (tenant_id, plan_id, employee_id, seq, competency, gap, course, hours, due_on, status)
                VALUES (\(tenantID), \(planID), \(employeeID), \(Int32(i + 1)), \(item.competency), \(Int32(item.gap)),
                        \(item.course), \(Int32(item.hours)), \(item.dueOn.iso)::date, \(item.status.rawValue))
                """)
        }
        try await db.rows("""
            UPDATE plan_move_executions SET version = version + 1
            WHERE tenant_id = \(tenantID) AND plan_id = \(planID) AND employee_id = \(employeeID)
            """)
        return try await stored(tenantID: tenantID, planID: planID, employeeID: employeeID)
    }

    func trainingHours(tenantID: UUID, employeeID: UUID, year: Int) async throws -> TrainingHours {
        let row = try await db.rows("""
            SELECT coalesce(sum(hours), 0)::int, coalesce(sum(hours) FILTER (WHERE status = 'done'), 0)::int
            FROM plan_move_training
            WHERE tenant_id = \(tenantID) AND employee_id = \(employeeID) AND extract(year FROM due_on) = \(Int32(year))
            """)[0]
        let (planned, done) = try row.decode((Int32, Int32).self)
        return TrainingHours(planned: Int(planned), done: Int(done))
    }

    func moveTrainingHours(tenantID: UUID, planID: UUID) async throws -> [UUID: TrainingHours] {
        var result: [UUID: TrainingHours] = [:]
        for row in try await db.rows("""
            SELECT employee_id, sum(hours)::int, coalesce(sum(hours) FILTER (WHERE status = 'done'), 0)::int
            FROM plan_move_training WHERE tenant_id = \(tenantID) AND plan_id = \(planID) GROUP BY employee_id
            """) {
            let (id, planned, done) = try row.decode((UUID, Int32, Int32).self)
            result[id] = TrainingHours(planned: Int(planned), done: Int(done))
        }
        return result
    }

    func slotOwner(tenantID: UUID, slotID: UUID) async throws -> (agencyID: UUID, unitID: UUID)? {
        guard let row = try await db.rows("""
            SELECT u.agency_id, u.id FROM slots s JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
            WHERE s.tenant_id = \(tenantID) AND s.id = \(slotID)
            """).first else { return nil }
        let (agency, unit) = try row.decode((UUID, UUID).self)
        return (agency, unit)
    }

    func unitOf(tenantID: UUID, employeeID: UUID) async throws -> UUID? {
        try await db.rows("""
            SELECT s.unit_id FROM employees e JOIN slots s ON s.tenant_id = e.tenant_id AND s.id = e.slot_id
            WHERE e.tenant_id = \(tenantID) AND e.id = \(employeeID)
            """).first.map { try $0.decode(UUID.self) }
    }

    func performance(tenantID: UUID, employeeIDs: [UUID]) async throws -> [UUID: [Int: Int]] {
        var result: [UUID: [Int: Int]] = [:]
        guard !employeeIDs.isEmpty else { return result }
        for row in try await db.rows("""
            SELECT employee_id, year, predicate FROM employee_performance
            WHERE tenant_id = \(tenantID) AND employee_id = ANY(\(employeeIDs))
            """) {
            let (id, year, predicate) = try row.decode((UUID, Int32, Int16).self)
            result[id, default: [:]][Int(year)] = Int(predicate)
        }
        return result
    }

    func enqueueDue(today: CalendarDate) async throws -> Int {
        let row = try await db.rows("SELECT enqueue_due_plan_executions(\(today.iso)::date)")[0]
        return Int(try row.decode(Int32.self))
    }
}
