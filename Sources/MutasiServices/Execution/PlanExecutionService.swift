import Foundation
import MutasiDomain
import MutasiRepositories

/// What running a plan's execution did: the plan and each kept move's outcome.
public struct ExecutionResult: Sendable, Codable {
    public var plan: TransferPlan
    public var moves: [MoveExecution]
    public var executed: Int
    public var skipped: Int
    /// Kept moves not yet dealt with (0 once the plan is executed).
    public var pending: Int
}

/// Carries out a decreed plan on its effective date (TMT). Each kept move is applied in its own
/// transaction, all or nothing: the employee takes the target slot from the TMT, the open
/// position-history entry ends the day before the TMT (so no day is counted in two posts) and
/// a new one starts on it, and `slot_since` becomes the TMT, so the planner treats the employee
/// as new in post (`minMonthsInPosition`). A move whose employee no longer holds the origin
/// slot, is locked or has retired by the TMT is skipped with its reason. Once every kept move
/// has its outcome the plan is `executed`. Only a signed decree carries a move out: a move
/// whose decree awaits its signature waits, one whose decree was cancelled (or that no decree
/// carries) is skipped with that reason. A move already dealt with is never touched again,
/// so running it again (a retry, a second instance, the daily job) changes nothing.
public struct PlanExecutionService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    static let notDue = "plan.not_due"

    /// Runs the plan's execution for a tenant admin, as of `asOf` (today when nil): 409
    /// `plan.not_due` before the TMT, `plan.invalid_state` unless decreed (an executed plan
    /// answers its result again). `expectedVersion` (If-Match), when given, is the plan's.
    public func execute(actor: Principal, tenantID: UUID, planID: UUID, asOf: CalendarDate? = nil,
                        expectedVersion: Int? = nil) async throws -> ExecutionResult {
        try await run(actor: actor, tenantID: tenantID, planID: planID, asOf: asOf ?? CalendarDate.utc(env.now()),
                      expectedVersion: expectedVersion)
    }

    /// The scheduled path (a `plan.execute` job): as the system, as of today.
    func executeDue(tenantID: UUID, planID: UUID) async throws {
        _ = try await run(actor: nil, tenantID: tenantID, planID: planID, asOf: CalendarDate.utc(env.now()), expectedVersion: nil)
    }

    /// Queues a `plan.execute` job for every decreed plan of every tenant whose TMT has come
    /// (none twice while one waits); the job runner calls it periodically.
    public func enqueueDue() async throws -> Int {
        let today = CalendarDate.utc(env.now())
        return try await env.store.transaction(in: .platform) { tx in try await tx.planExecution.enqueueDue(today: today) }
    }

    /// A unit of work in the tenant: a person passes the tenant-admin check; nil is the system.
    private func scope<T: Sendable>(_ actor: Principal?, _ tenantID: UUID,
                                    _ body: @Sendable (any StoreTransaction, ScopeID) async throws -> T) async throws -> T {
        guard let actor else {
            return try await env.store.transaction(in: ScopeID(tenantID)) { tx in try await body(tx, ScopeID(tenantID)) }
        }
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.tenantAdmin]) { tx, tenant in
            try await body(tx, tenant.scope)
        }
    }

    private func run(actor: Principal?, tenantID: UUID, planID: UUID, asOf: CalendarDate,
                     expectedVersion: Int?) async throws -> ExecutionResult {
        let pending: [KeptMove]? = try await scope(actor, tenantID) { tx, _ in
            guard let plan = try await tx.plans.find(tenantID: tenantID, id: planID) else { throw PlanService.notFound }
            if let expectedVersion {
                try PlanReviewService.checkVersion(plan.version, expectedVersion, code: "plan.version_mismatch", what: "plan")
            }
            if plan.status == .executed { return nil }
            _ = try Self.requireDue(plan, asOf: asOf)
            let done = Set(try await tx.planExecution.executions(tenantID: tenantID, planID: planID).map(\.employeeID))
            let open = try await tx.planExecution.keptMoves(tenantID: tenantID, planID: planID).filter { !done.contains($0.employeeID) }
            // A move takes effect only under a signed decree; one awaiting its signature waits.
            let ready = open.filter { $0.decree != .issued }
            if actor != nil, ready.isEmpty, !open.isEmpty {
                throw DomainError.conflict("plan.decree_unsigned",
                                           "The plan's decree is not signed yet; its moves are carried out once it is.")
            }
            return ready
        }
        for move in pending ?? [] {
            try await scope(actor, tenantID) { tx, scope in
                try await Self.apply(tx, scope: scope, actor: actor, tenantID: tenantID, planID: planID, move: move)
            }
        }
        return try await scope(actor, tenantID) { tx, scope in
            guard var plan = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: false) else { throw PlanService.notFound }
            let kept = try await tx.planExecution.keptMoves(tenantID: tenantID, planID: planID)
            let moves = try await tx.planExecution.executions(tenantID: tenantID, planID: planID)
            let done = Set(moves.map(\.employeeID))
            let open = kept.filter { !done.contains($0.employeeID) }.count
            if plan.status == .decreed && open == 0 {
                let before = plan.status
                plan = try await tx.planExecution.markExecuted(tenantID: tenantID, planID: planID)
                let executed = moves.filter { $0.outcome == .executed }.count
                let note = "\(executed) pindah dilaksanakan, \(moves.count - executed) dilewati"
                try await tx.planHistory.append(tenantID: tenantID, planID: planID, step: "executed", from: before, to: plan.status,
                                                actorID: actor?.user.id, note: note)
                try await tx.audit.append(scope: scope, actor: actor ?? .system, AuditEntry(
                    action: "plan.executed", entityType: "plan", entityID: planID.uuidString.lowercased(),
                    before: AuditSnapshot.json(["status": before.rawValue]),
                    after: AuditSnapshot.json(Executed(status: plan.status.rawValue, version: plan.version, executed: executed,
                                                       skipped: moves.count - executed))))
            }
            return ExecutionResult(plan: plan, moves: moves, executed: moves.filter { $0.outcome == .executed }.count,
                                   skipped: moves.filter { $0.outcome == .skipped }.count, pending: open)
        }
    }

    /// The plan's TMT, when it is decreed and the TMT has come.
    static func requireDue(_ plan: TransferPlan, asOf: CalendarDate) throws -> CalendarDate {
        guard plan.status == .decreed, let tmt = plan.effectiveDate else {
            throw DomainError.conflict("plan.invalid_state", "Only a decreed plan is executed; this one is \(plan.status.rawValue).")
        }
        guard tmt <= asOf else {
            throw DomainError.conflict(notDue, "The plan takes effect on \(tmt.iso); it cannot be executed before.")
        }
        return tmt
    }

    /// Deals with one move under the plan's lock: skips it with its reason or applies it whole.
    private static func apply(_ tx: any StoreTransaction, scope: ScopeID, actor: Principal?, tenantID: UUID, planID: UUID,
                              move: KeptMove) async throws {
        guard let plan = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: false),
              plan.status == .decreed, let tmt = plan.effectiveDate else { return }
        guard try await tx.planExecution.execution(tenantID: tenantID, planID: planID, employeeID: move.employeeID, lock: true) == nil
        else { return }
        let post = try await tx.planExecution.lockEmployee(tenantID: tenantID, id: move.employeeID)
        var skip: (String, String)?
        if move.decree != .signed {
            skip = move.decree == .cancelled
                ? ("decree.cancelled", "Surat keputusan yang memuat pemindahan ini dibatalkan.")
                : ("decree.missing", "Pemindahan ini tidak dimuat dalam surat keputusan mana pun.")
        } else if let post {
            var ages: [PositionKind: Int] = [:]
            for (kind, age) in try await tx.planningData.retirementAgeOverrides(tenantID: tenantID) {
                if let kind = PositionKind(rawValue: kind) { ages[kind] = age }
            }
            let kind = post.positionKind.flatMap(PositionKind.init(rawValue:)) ?? .executor
            let retirement = try RetirementAgeTable(overriding: ages).retirementDate(birthDate: post.birthDate, kind: kind)
            if post.slotID == nil {
                skip = ("employee.not_in_post", "Pegawai tidak lagi menduduki jabatan mana pun.")
            } else if post.slotID != move.fromSlotID {
                skip = ("employee.moved", "Pegawai tidak lagi menduduki jabatan asal rencana ini.")
            } else if post.locked {
                skip = ("employee.locked", "Data pegawai dikunci sehingga tidak dapat dipindahkan.")
            } else if retirement <= tmt {
                skip = ("employee.retired", "Pegawai sudah mencapai batas usia pensiun pada TMT \(tmt.iso).")
            }
        } else {
            skip = ("employee.not_in_post", "Pegawai tidak lagi tercatat.")
        }
        let outcome: MoveExecution.Outcome = skip == nil ? .executed : .skipped
        if skip == nil {
            try await tx.planExecution.applyMove(tenantID: tenantID, employeeID: move.employeeID, from: move.fromSlotID,
                                                 to: move.toSlotID, effectiveDate: tmt)
        }
        let result = try await tx.planExecution.record(tenantID: tenantID, planID: planID, employeeID: move.employeeID,
                                                       outcome: outcome, reason: skip?.0, note: skip?.1, effectiveDate: tmt)
        if outcome == .executed && !move.trainingNeeds.isEmpty {
            _ = try await tx.planExecution.replaceTraining(tenantID: tenantID, planID: planID, employeeID: move.employeeID,
                                                           FollowUpService.seeded(move.trainingNeeds, effectiveDate: tmt))
        }
        try await tx.audit.append(scope: scope, actor: actor ?? .system, AuditEntry(
            action: outcome == .executed ? "plan.move_executed" : "plan.move_skipped", entityType: "plan_move",
            entityID: "\(planID.uuidString.lowercased())/\(move.employeeID.uuidString.lowercased())",
            before: AuditSnapshot.json(["slotID": move.fromSlotID.uuidString.lowercased()]),
            after: AuditSnapshot.json(Applied(outcome: result.outcome.rawValue, reason: result.reason, effectiveDate: tmt.iso,
                                              toSlotID: move.toSlotID))))
    }

    private struct Executed: Encodable {
        var status: String
        var version: Int
        var executed: Int
        var skipped: Int
    }

    private struct Applied: Encodable {
        var outcome: String
        var reason: String?
        var effectiveDate: String
        var toSlotID: UUID
    }
}
