import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresNeedsAnalysisRepository: NeedsAnalysisRepository {
    let db: PostgresTransaction

    /// The slot, its unit and agency, and its current staff; `s` is the slots table. `$1` is the
    /// tenant: the statements that read these columns bind it first (their filter starts with the
    /// tenant), so that the staff count names the tenant and Citus routes it with the statement.
    private static let slotColumns = """
        s.id, s.code, s.name, u.id, u.code, u.name, g.id, g.code, s.need,
        (SELECT count(*) FROM employees e WHERE e.tenant_id = $1 AND e.slot_id = s.id)
        """
    private static let slotJoins = """
        JOIN units u ON u.tenant_id = s.tenant_id AND u.id = s.unit_id
        JOIN agencies g ON g.tenant_id = u.tenant_id AND g.id = u.agency_id
        """
    private static let analysisColumns = """
        a.tenant_id, a.id, a.slot_id, a.year, a.method, a.ratio_driver, a.ratio_population, a.ratio_per_person::text,
        a.state, a.notes, a.approved_need, a.created_by, a.created_at, a.submitted_by, a.submitted_at,
        a.decided_by, a.decided_at, a.version
        """

    private func slotContext(_ r: PostgresRandomAccessRow, from i: Int) throws -> NeedsSlotContext {
        NeedsSlotContext(
            slotID: try r[i].decode(UUID.self), slotCode: try r[i + 1].decode(String.self),
            slotName: try r[i + 2].decode(String.self), unitID: try r[i + 3].decode(UUID.self),
            unitCode: try r[i + 4].decode(String.self), unitName: try r[i + 5].decode(String.self),
            agencyID: try r[i + 6].decode(UUID.self), agencyCode: try r[i + 7].decode(String.self),
            need: Int(try r[i + 8].decode(Int32.self)), currentStaff: Int(try r[i + 9].decode(Int64.self)))
    }

    /// An analysis from `analysisColumns`; the tasks come from `tasks`.
    private func analysis(_ r: PostgresRandomAccessRow, tasks: [WorkloadTask]) throws -> NeedsAnalysis {
        let basis: NeedsBasis
        if try r[4].decode(String.self) == "ratio" {
            let need = try RatioNeed(population: Int(try r[6].decode(Int64.self)),
                                     ratio: try Rational(decimal: try r[7].decode(String.self)))
            basis = .ratio(RatioDriver(driver: try r[5].decode(String.self), need: need))
        } else {
            basis = .workload(tasks)
        }
        return NeedsAnalysis(
            tenantID: try r[0].decode(UUID.self), id: try r[1].decode(UUID.self), slotID: try r[2].decode(UUID.self),
            year: Int(try r[3].decode(Int32.self)), basis: basis,
            state: NeedsAnalysis.State(rawValue: try r[8].decode(String.self)) ?? .draft,
            notes: try r[9].decode(String?.self), approvedNeed: try r[10].decode(Int32?.self).map(Int.init),
            createdBy: try r[11].decode(UUID.self), createdAt: try r[12].decode(Date.self),
            submittedBy: try r[13].decode(UUID?.self), submittedAt: try r[14].decode(Date?.self),
            decidedBy: try r[15].decode(UUID?.self), decidedAt: try r[16].decode(Date?.self),
            version: Int(try r[17].decode(Int32.self)))
    }

    /// The tasks of the given analyses, in their order.
    private func tasks(tenantID: UUID, of ids: [UUID]) async throws -> [UUID: [WorkloadTask]] {
        guard !ids.isEmpty else { return [:] }
        var result: [UUID: [WorkloadTask]] = [:]
        for row in try await db.rows("""
            SELECT analysis_id, name, volume::text, standard_minutes::text FROM needs_analysis_tasks
            WHERE tenant_id = \(tenantID) AND analysis_id = ANY(\(ids)) ORDER BY analysis_id, seq
            """) {
            let (id, name, volume, minutes) = try row.decode((UUID, String, String, String).self)
            result[id, default: []].append(try WorkloadTask(
                name: name, volume: try Rational(decimal: volume), standardMinutes: try Rational(decimal: minutes)))
        }
        return result
    }

    private func records(tenantID: UUID, _ rows: [PostgresRow]) async throws -> [NeedsAnalysisRecord] {
        let ids = try rows.map { try $0.makeRandomAccess()[1].decode(UUID.self) }
        let tasks = try await tasks(tenantID: tenantID, of: ids)
        return try rows.map { row in
            let r = row.makeRandomAccess()
            let id = try r[1].decode(UUID.self)
            return NeedsAnalysisRecord(analysis: try analysis(r, tasks: tasks[id] ?? []), slot: try slotContext(r, from: 18))
        }
    }

    private func storeBasis(tenantID: UUID, id: UUID, _ basis: NeedsBasis) async throws {
        try await db.rows("DELETE FROM needs_analysis_tasks WHERE tenant_id = \(tenantID) AND analysis_id = \(id)")
        guard case .workload(let tasks) = basis, !tasks.isEmpty else { return }
        let names = tasks.map(\.name)
        let volumes = tasks.map { $0.volume.exactDecimal() }
        let minutes = tasks.map { $0.standardMinutes.exactDecimal() }
        // Each INSERT ... SELECT here returns its rows: on Citus one that does not reaches the
        // shards as COPY, which row-level security refuses (sql/README.md).
        try await db.rows("""
            WITH added AS (
                INSERT INTO needs_analysis_tasks (tenant_id, analysis_id, seq, name, volume, standard_minutes)
                SELECT \(tenantID), \(id), t.ord::integer, t.name, t.volume::numeric, t.minutes::numeric
                FROM unnest(\(names)::text[], \(volumes)::text[], \(minutes)::text[]) WITH ORDINALITY AS t(name, volume, minutes, ord)
                RETURNING 1)
            SELECT count(*) FROM added
            """)
    }

    private struct RatioColumns {
        var driver: String?, population: Int64?, perPerson: String?
        init(_ basis: NeedsBasis) {
            if case .ratio(let r) = basis {
                driver = r.driver; population = Int64(r.need.population); perPerson = r.need.ratio.exactDecimal()
            }
        }
    }

    func slot(tenantID: UUID, slotID: UUID) async throws -> NeedsSlotContext? {
        try await db.rows("""
            SELECT \(unescaped: Self.slotColumns) FROM slots s \(unescaped: Self.slotJoins)
            WHERE s.tenant_id = \(tenantID) AND s.id = \(slotID)
            """).first.map { try slotContext($0.makeRandomAccess(), from: 0) }
    }

    func openAnalysisID(tenantID: UUID, slotID: UUID, year: Int) async throws -> UUID? {
        try await db.rows("""
            SELECT id FROM needs_analyses
            WHERE tenant_id = \(tenantID) AND slot_id = \(slotID) AND year = \(Int32(year)) AND state <> 'approved'
            """).first.map { try $0.decode(UUID.self) }
    }

    func create(tenantID: UUID, slotID: UUID, year: Int, basis: NeedsBasis, createdBy: UUID) async throws -> NeedsAnalysis {
        let ratio = RatioColumns(basis)
        let id = try await db.rows("""
            INSERT INTO needs_analyses (tenant_id, slot_id, year, method, ratio_driver, ratio_population, ratio_per_person, created_by)
            VALUES (\(tenantID), \(slotID), \(Int32(year)), \(basis.method), \(ratio.driver), \(ratio.population),
                    \(ratio.perPerson)::numeric, \(createdBy))
            RETURNING id
            """)[0].decode(UUID.self)
        try await storeBasis(tenantID: tenantID, id: id, basis)
        return try await find(tenantID: tenantID, id: id, lock: false)!.analysis
    }

    func find(tenantID: UUID, id: UUID, lock: Bool) async throws -> NeedsAnalysisRecord? {
        // The lock is taken by a statement of its own on the one table: Citus refuses FOR UPDATE
        // in a read that joins.
        if lock {
            try await db.rows("SELECT 1 FROM needs_analyses WHERE tenant_id = \(tenantID) AND id = \(id) FOR UPDATE")
        }
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.analysisColumns), \(unescaped: Self.slotColumns)
            FROM needs_analyses a JOIN slots s ON s.tenant_id = a.tenant_id AND s.id = a.slot_id \(unescaped: Self.slotJoins)
            WHERE a.tenant_id = \(tenantID) AND a.id = \(id)
            """)
        return try await records(tenantID: tenantID, rows).first
    }

    func list(tenantID: UUID, _ f: NeedsAnalysisFilter, _ page: PageRequest) async throws -> Page<NeedsAnalysisRecord> {
        func query(_ select: String, _ rest: String) -> PostgresQuery {
            """
            SELECT \(unescaped: select)
            FROM needs_analyses a JOIN slots s ON s.tenant_id = a.tenant_id AND s.id = a.slot_id \(unescaped: Self.slotJoins)
            WHERE a.tenant_id = \(tenantID)
              AND (\(f.year.map { Int32(clamping: $0) })::integer IS NULL OR a.year = \(f.year.map { Int32(clamping: $0) }))
              AND (\(f.state?.rawValue)::text IS NULL OR a.state = \(f.state?.rawValue))
              AND (\(f.slotID)::uuid IS NULL OR a.slot_id = \(f.slotID))
              AND (\(f.agencyID)::uuid IS NULL OR g.id = \(f.agencyID))
              AND (\(f.visibleAgencies)::uuid[] IS NULL OR g.id = ANY(\(f.visibleAgencies)))
            \(unescaped: rest)
            """
        }
        let total = try await db.count(query("count(*)", ""))
        let rows = try await db.rows(query(Self.analysisColumns + ", " + Self.slotColumns, """
            ORDER BY \(f.submittedFirst ? "a.state = 'submitted' DESC," : "") a.year DESC, g.code, u.code, s.code,
                a.created_at DESC, a.id
            LIMIT \(page.limit) OFFSET \(page.offset)
            """))
        return Page(items: try await records(tenantID: tenantID, rows), total: total, request: page)
    }

    func replaceBasis(tenantID: UUID, id: UUID, basis: NeedsBasis) async throws -> NeedsAnalysis {
        let ratio = RatioColumns(basis)
        try await db.rows("""
            UPDATE needs_analyses SET method = \(basis.method), ratio_driver = \(ratio.driver),
                ratio_population = \(ratio.population), ratio_per_person = \(ratio.perPerson)::numeric,
                updated_at = now(), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        try await storeBasis(tenantID: tenantID, id: id, basis)
        return try await find(tenantID: tenantID, id: id, lock: false)!.analysis
    }

    func apply(tenantID: UUID, id: UUID, _ t: NeedsTransition) async throws -> NeedsAnalysis {
        let actor = t.actor.user.id
        let submitting = t.action == .submit
        // The time is bound: Citus takes no non-IMMUTABLE function inside CASE.
        let now = Date()
        try await db.rows("""
            UPDATE needs_analyses SET state = \(t.to.rawValue), notes = \(t.notes), approved_need = \(t.approvedNeed.map(Int32.init)),
                submitted_by = CASE WHEN \(submitting) THEN \(actor) ELSE submitted_by END,
                submitted_at = CASE WHEN \(submitting) THEN \(now) ELSE submitted_at END,
                decided_by = CASE WHEN \(submitting) THEN NULL ELSE \(actor) END,
                decided_at = CASE WHEN \(submitting) THEN NULL ELSE \(now) END,
                updated_at = \(now), version = version + 1
            WHERE tenant_id = \(tenantID) AND id = \(id)
            """)
        return try await find(tenantID: tenantID, id: id, lock: false)!.analysis
    }

    func appendEvent(tenantID: UUID, analysisID: UUID, _ e: NeedsAnalysisEvent) async throws {
        let figures = try e.figures.map { String(decoding: try JSONEncoder().encode($0), as: UTF8.self) }
        try await db.rows("""
            WITH added AS (
                INSERT INTO needs_analysis_events (tenant_id, analysis_id, seq, action, from_state, to_state, actor_id,
                                                   actor_name, notes, need, figures)
                SELECT \(tenantID), \(analysisID), COALESCE(max(seq), 0) + 1, \(e.action.rawValue), \(e.fromState?.rawValue),
                       \(e.toState.rawValue), \(e.actorID), \(e.actorName), \(e.notes), \(e.need.map(Int32.init)), \(figures)::jsonb
                FROM needs_analysis_events WHERE tenant_id = \(tenantID) AND analysis_id = \(analysisID)
                RETURNING 1)
            SELECT count(*) FROM added
            """)
    }

    func events(tenantID: UUID, analysisID: UUID, _ page: PageRequest) async throws -> Page<NeedsAnalysisEvent> {
        let total = try await db.count("""
            SELECT count(*) FROM needs_analysis_events WHERE tenant_id = \(tenantID) AND analysis_id = \(analysisID)
            """)
        let rows = try await db.rows("""
            SELECT seq, action, from_state, to_state, actor_id, actor_name, occurred_at, notes, need, figures::text
            FROM needs_analysis_events WHERE tenant_id = \(tenantID) AND analysis_id = \(analysisID)
            ORDER BY seq LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        let items = try rows.map { row in
            let r = row.makeRandomAccess()
            let figures = try r[9].decode(String?.self).map {
                try JSONDecoder().decode(NeedsFigures.self, from: Data($0.utf8))
            }
            return NeedsAnalysisEvent(
                seq: Int(try r[0].decode(Int32.self)),
                action: NeedsAnalysis.Action(rawValue: try r[1].decode(String.self)) ?? .update,
                fromState: try r[2].decode(String?.self).flatMap(NeedsAnalysis.State.init(rawValue:)),
                toState: NeedsAnalysis.State(rawValue: try r[3].decode(String.self)) ?? .draft,
                actorID: try r[4].decode(UUID.self), actorName: try r[5].decode(String.self),
                occurredAt: try r[6].decode(Date.self), notes: try r[7].decode(String?.self),
                need: try r[8].decode(Int32?.self).map(Int.init), figures: figures)
        }
        return Page(items: items, total: total, request: page)
    }

    func latestApprovedYear(tenantID: UUID, slotID: UUID, excluding id: UUID) async throws -> Int? {
        try await db.rows("""
            SELECT max(year) FROM needs_analyses
            WHERE tenant_id = \(tenantID) AND slot_id = \(slotID) AND state = 'approved' AND id <> \(id)
            """).first.flatMap { try $0.decode(Int32?.self) }.map(Int.init)
    }

    func setSlotNeed(tenantID: UUID, slotID: UUID, need: Int, analysisID: UUID) async throws -> Int {
        let rows = try await db.rows("""
            UPDATE slots s SET need = \(Int32(need)), need_source = 'analysis', need_reason = NULL,
                               need_analysis_id = \(analysisID), updated_at = now(), version = s.version + 1
            FROM slots old WHERE old.tenant_id = s.tenant_id AND old.id = s.id
              AND s.tenant_id = \(tenantID) AND s.id = \(slotID)
            RETURNING old.need
            """)
        return Int(try rows[0].decode(Int32.self))
    }
}
