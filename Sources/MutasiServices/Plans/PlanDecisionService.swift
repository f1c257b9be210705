import Foundation
import MutasiDomain
import MutasiPlanning
import MutasiRepositories

/// A plan's way from review to a decision: the tenant admin submits it, an approver who neither
/// built nor submitted it (four eyes) drops single moves, approves or rejects it, and a tenant
/// admin may cancel it before it is carried out. Every step checks role, state and the plan's
/// version (If-Match), honours an Idempotency-Key, and is written to the plan's history and the
/// audit trail in the same transaction.
public struct PlanDecisionService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// Reasons and notes people give for a step, counted in characters as PostgreSQL does.
    static let reasonLength = 10...1000
    static let noteLength = 1...1000

    /// A plan with a move just dropped.
    public struct DroppedMove: Sendable, Codable {
        public var plan: TransferPlan
        public var move: PlanMove
    }

    /// Sends a reviewed plan for approval: from `in_review` once the answer deadline has passed
    /// or every kept move is answered (409 `plan.review_open`), and no objection is left
    /// undecided (409 `plan.objections_undecided`).
    public func submit(actor: Principal, tenantID: UUID, planID: UUID, expectedVersion: Int,
                       idempotencyKey: String? = nil) async throws -> PlanStatus {
        try await step(actor, tenantID, planID, roles: [.tenantAdmin], expectedVersion: expectedVersion,
                       key: idempotencyKey, request: ["plan.submit"]) { tx, tenant, before in
            try Self.requireStatus(before, [.inReview], "Only a plan in review is submitted")
            let deadlinePassed = before.answerDeadline.map { $0 <= env.now() } ?? false
            if !deadlinePassed, try await tx.planDecisions.unansweredMoves(tenantID: tenantID, planID: planID) > 0 {
                throw DomainError.conflict("plan.review_open",
                    "The answer deadline has not passed and some employees have not answered their moves yet.")
            }
            let undecided = try await tx.planDecisions.undecidedObjections(tenantID: tenantID, planID: planID)
            guard undecided == 0 else {
                throw DomainError.conflict("plan.objections_undecided",
                                           "\(undecided) objection(s) must be upheld or rejected before the plan is submitted.")
            }
            let plan = try await tx.planDecisions.submit(tenantID: tenantID, id: planID, by: actor.user.id)
            try await Self.record(tx, tenant, actor, step: "submitted", before: before, after: plan, note: nil)
            return plan
        }
    }

    /// Approves a submitted plan after re-checking every kept move against the live records: a
    /// move whose employee left the origin slot, is no longer placed, is locked, or reaches
    /// retirement within the plan's horizon blocks approval (409 `plan.stale_moves` listing each
    /// employee id and reason) until dropped or re-planned. `note` is optional (1-1000).
    public func approve(actor: Principal, tenantID: UUID, planID: UUID, note: String?, expectedVersion: Int,
                        idempotencyKey: String? = nil) async throws -> PlanStatus {
        let note = try note.map { try Self.text($0, Self.noteLength, field: "note", code: "plan.invalid_note") }
        return try await step(actor, tenantID, planID, roles: [.approver], expectedVersion: expectedVersion,
                              key: idempotencyKey, request: ["plan.approve", note ?? ""]) { tx, tenant, before in
            try Self.requireStatus(before, [.submitted], "Only a submitted plan is approved")
            try Self.requireFourEyes(actor, before)
            let stale = try await StaleMoveCheck.run(tx, tenantID: tenantID, plan: before, today: CalendarDate.utc(env.now()))
            guard stale.isEmpty else {
                var error = DomainError.conflict("plan.stale_moves",
                    "\(stale.count) move(s) no longer match the live records; drop them or re-plan before approving.")
                error.items = stale
                throw error
            }
            let plan = try await tx.planDecisions.decide(tenantID: tenantID, id: planID, status: .approved, by: actor.user.id,
                                                         note: note)
            try await Self.record(tx, tenant, actor, step: "approved", before: before, after: plan, note: note)
            return plan
        }
    }

    /// Rejects a submitted plan with a reason (10-1000 characters).
    public func reject(actor: Principal, tenantID: UUID, planID: UUID, reason: String, expectedVersion: Int,
                       idempotencyKey: String? = nil) async throws -> PlanStatus {
        let reason = try Self.text(reason, Self.reasonLength, field: "reason", code: "plan.invalid_reason")
        return try await step(actor, tenantID, planID, roles: [.approver], expectedVersion: expectedVersion,
                              key: idempotencyKey, request: ["plan.reject", reason]) { tx, tenant, before in
            try Self.requireStatus(before, [.submitted], "Only a submitted plan is rejected")
            try Self.requireFourEyes(actor, before)
            let plan = try await tx.planDecisions.decide(tenantID: tenantID, id: planID, status: .rejected, by: actor.user.id,
                                                         note: reason)
            try await Self.record(tx, tenant, actor, step: "rejected", before: before, after: plan, note: reason)
            return plan
        }
    }

    /// Cancels a plan in any state before it is carried out, with a reason (10-1000). A decreed
    /// plan's decrees are cancelled with it (their numbers kept); once one of its moves is carried
    /// out it can no longer be cancelled (409 `plan.partly_executed`).
    public func cancel(actor: Principal, tenantID: UUID, planID: UUID, reason: String, expectedVersion: Int,
                       idempotencyKey: String? = nil) async throws -> PlanStatus {
        let reason = try Self.text(reason, Self.reasonLength, field: "reason", code: "plan.invalid_reason")
        return try await step(actor, tenantID, planID, roles: [.tenantAdmin], expectedVersion: expectedVersion,
                              key: idempotencyKey, request: ["plan.cancel", reason]) { tx, tenant, before in
            guard before.status.isCancellable else {
                throw DomainError.conflict("plan.invalid_state", "A plan that is \(before.status.rawValue) can no longer be cancelled.")
            }
            if before.status == .decreed {
                // Moves already carried out cannot be taken back by cancelling; the decrees go with the plan.
                guard try await tx.planExecution.executions(tenantID: tenantID, planID: planID).allSatisfy({ $0.outcome != .executed }) else {
                    throw DomainError.conflict("plan.partly_executed", "Some of the plan's moves were carried out already; it can no longer be cancelled.")
                }
                try await DecreeService.cancelAll(tx, tenant: tenant, actor: actor, planID: planID, reason: reason)
            }
            let plan = try await tx.planDecisions.cancel(tenantID: tenantID, id: planID, by: actor.user.id, reason: reason)
            try await Self.record(tx, tenant, actor, step: "cancelled", before: before, after: plan, note: reason)
            return plan
        }
    }

    /// Drops one move of a submitted plan with a reason (10-1000): decrees and execution skip
    /// it, and the plan's figures (balance after, move count, voice, objective) are recomputed
    /// for the moves kept by the engine's rules. A move dropped already: 409 `move.already_dropped`.
    public func dropMove(actor: Principal, tenantID: UUID, planID: UUID, employeeID: UUID, reason: String,
                         expectedVersion: Int, idempotencyKey: String? = nil) async throws -> DroppedMove {
        let reason = try Self.text(reason, Self.reasonLength, field: "reason", code: "move.invalid_reason")
        let key = try Idempotency.validKey(idempotencyKey)
        let request = ["plan.drop_move", planID.uuidString, employeeID.uuidString, "v\(expectedVersion)", reason]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: [.approver]) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: request) {
                guard let before = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: false) else {
                    throw PlanService.notFound
                }
                guard let move = try await tx.planReview.move(tenantID: tenantID, planID: planID, employeeID: employeeID) else {
                    throw MoveAnswerService.moveNotFound
                }
                try PlanReviewService.checkVersion(before.version, expectedVersion, code: "plan.version_mismatch", what: "plan")
                try Self.requireStatus(before, [.submitted], "Moves are dropped only while the plan is submitted")
                try Self.requireFourEyes(actor, before)
                guard move.dropped == nil else {
                    throw DomainError.conflict("move.already_dropped", "This move was dropped already.")
                }
                try await tx.planDecisions.dropMove(tenantID: tenantID, planID: planID, employeeID: employeeID, by: actor.user.id,
                                                    reason: reason)
                let plan = try await Self.recomputeFigures(tx, tenantID: tenantID, plan: before)
                guard let dropped = try await tx.planReview.move(tenantID: tenantID, planID: planID, employeeID: employeeID) else {
                    throw MoveAnswerService.moveNotFound
                }
                try await tx.planHistory.append(tenantID: tenantID, planID: planID, step: "move_dropped", from: before.status,
                                                to: plan.status, actorID: actor.user.id,
                                                note: "\(move.nip) \(move.employeeName): \(reason)")
                try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
                    action: "plan.move_dropped", entityType: "plan_move",
                    entityID: "\(planID.uuidString.lowercased())/\(employeeID.uuidString.lowercased())",
                    before: AuditSnapshot.json(Figures(before)), after: AuditSnapshot.json(Figures(plan))))
                return DroppedMove(plan: plan, move: dropped)
            }
        }
    }

    /// The plan's history, oldest first, for whoever may read the plan.
    public func history(actor: Principal, tenantID: UUID, planID: UUID) async throws -> [PlanEvent] {
        try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: PlanService.readers) { tx, _ in
            guard try await tx.plans.find(tenantID: tenantID, id: planID) != nil else { throw PlanService.notFound }
            return try await tx.planHistory.list(tenantID: tenantID, planID: planID)
        }
    }

    // MARK: - Steps

    /// A step on the locked plan: idempotency, version, then `body`; returns the plan with its job.
    private func step(_ actor: Principal, _ tenantID: UUID, _ planID: UUID, roles: Set<Role>, expectedVersion: Int,
                      key: String?, request: [String],
                      _ body: @escaping @Sendable (any StoreTransaction, Tenant, TransferPlan) async throws -> TransferPlan)
        async throws -> PlanStatus {
        let key = try Idempotency.validKey(key)
        let fingerprint = request + [planID.uuidString, "v\(expectedVersion)"]
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: roles) { tx, tenant in
            try await Idempotency.run(tx, tenantID: tenantID, actor: actor, key: key, request: fingerprint) {
                guard let before = try await tx.planReview.lock(tenantID: tenantID, id: planID, shared: false) else {
                    throw PlanService.notFound
                }
                try PlanReviewService.checkVersion(before.version, expectedVersion, code: "plan.version_mismatch", what: "plan")
                let plan = try await body(tx, tenant, before)
                return PlanStatus(plan: plan, job: try await tx.jobs.latest(tenantID: tenantID, subjectID: planID))
            }
        }
    }

    static func requireStatus(_ plan: TransferPlan, _ allowed: Set<TransferPlan.Status>, _ what: String) throws {
        guard plan.buildState == .built, allowed.contains(plan.status) else {
            throw DomainError.conflict("plan.invalid_state", "\(what); this one is \(plan.status.rawValue).")
        }
    }

    /// The approver decides on a plan they neither built nor submitted.
    static func requireFourEyes(_ actor: Principal, _ plan: TransferPlan) throws {
        guard actor.user.id != plan.createdBy, actor.user.id != plan.submittedBy else {
            throw DomainError(.forbidden, code: "plan.four_eyes",
                              "A plan is decided by someone who neither built nor submitted it.")
        }
    }

    static func text(_ raw: String, _ length: ClosedRange<Int>, field: String, code: String) throws -> String {
        let text = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        guard length.contains(text.unicodeScalars.count) else {
            throw DomainError.invalid(code, "\(field) must have \(length.lowerBound) to \(length.upperBound) characters.", field: field)
        }
        return text
    }

    /// The history entry and audit event of a status step.
    static func record(_ tx: any StoreTransaction, _ tenant: Tenant, _ actor: Principal, step: String, before: TransferPlan,
                       after: TransferPlan, note: String?) async throws {
        try await tx.planHistory.append(tenantID: tenant.id, planID: after.id, step: step, from: before.status, to: after.status,
                                        actorID: actor.user.id, note: note)
        try await tx.audit.append(scope: tenant.scope, actor: actor, AuditEntry(
            action: "plan.\(step)", entityType: "plan", entityID: after.id.uuidString.lowercased(),
            before: AuditSnapshot.json(["status": before.status.rawValue]),
            after: AuditSnapshot.json(Step(status: after.status.rawValue, version: after.version, withNote: note != nil))))
    }

    /// The plan's figures for the moves still kept, by the engine's rules on the instance the
    /// plan was built from.
    static func recomputeFigures(_ tx: any StoreTransaction, tenantID: UUID, plan: TransferPlan) async throws -> TransferPlan {
        guard let json = try await tx.plans.instanceJSON(tenantID: tenantID, planID: plan.id) else {
            throw DomainError.conflict("plan.not_built", "The plan has no stored instance to recompute its figures from.")
        }
        let kept = try await tx.planDecisions.keptMoves(tenantID: tenantID, planID: plan.id)
        let figures: Plan
        do {
            figures = try Planner.assemble(try InstanceDecoder.decode(Data(json.utf8)), moves: kept.map { ($0.employee, $0.toSlot) })
        } catch let error as PlanningInputError {
            throw DomainError.conflict("plan.figures_unavailable",
                                       "The plan's figures cannot be recomputed from its instance (\(error.code)); re-plan instead.")
        }
        return try await tx.planDecisions.saveFigures(
            tenantID: tenantID, id: plan.id, objective: figures.objective, before: BalanceFigures(figures.before),
            after: BalanceFigures(figures.after), moveCount: figures.moves.count, voice: VoiceFigures(figures.voice))
    }

    private struct Step: Encodable {
        var status: String
        var version: Int
        var withNote: Bool
    }

    private struct Figures: Encodable {
        var moveCount: Int?
        var objective: Int?
        var after: BalanceFigures?
        var voice: VoiceFigures?
        init(_ plan: TransferPlan) {
            moveCount = plan.moveCount; objective = plan.objective; after = plan.after; voice = plan.voice
        }
    }
}
