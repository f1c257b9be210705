import Foundation
import Logging
import MutasiDomain
import MutasiPlanning
import MutasiRepositories

/// Runs queued plan builds: claims the next job (SKIP LOCKED, so any number of server instances
/// share the queue; fairly across tenants), loads the tenant's data, solves with the planning
/// engine while reporting progress, and stores the plan. A failure is recorded on the plan and
/// the job and logged, never lost; a job whose worker died is claimed again once its heartbeat
/// is stale, at most `maxAttempts` times in all, so a job that keeps killing its instance ends
/// failed instead of taking every instance down in turn.
public struct PlanBuildWorker: Sendable {
    let env: ServiceEnvironment
    public let workerID: String
    public var staleAfter: Duration
    /// Claims of one job before it is given up (failed, with the reason).
    public var maxAttempts: Int
    let logger: Logger

    public init(_ env: ServiceEnvironment, workerID: String = "worker-\(UUID().uuidString.prefix(8).lowercased())",
                staleAfter: Duration = .seconds(60), maxAttempts: Int = 3,
                logger: Logger = Logger(label: "mutasi.jobs")) {
        self.env = env
        self.workerID = workerID
        self.staleAfter = staleAfter
        self.maxAttempts = max(1, maxAttempts)
        self.logger = logger
    }

    /// Claims and runs one job; false when the queue is empty.
    @discardableResult
    public func runOnce() async throws -> Bool {
        let (worker, stale) = (workerID, staleAfter)
        guard let job = try await env.store.transaction(in: .platform, { tx in
            try await tx.jobs.claimNext(worker: worker, staleAfter: stale)
        }) else { return false }
        try await process(job)
        return true
    }

    /// Runs a job this worker claimed. Its outcome is stored only while the claim stands: a
    /// worker that stalled past the stale limit finds the job taken over and drops its result.
    func process(_ job: ClaimedJob) async throws {
        let scope = ScopeID(job.tenantID)
        let claim = (worker: workerID, attempt: job.attempts)
        // Job and tenant ids only: messages may name employees (NIPs), so they stay out of logs.
        var metadata: Logger.Metadata = [
            "job_id": "\(job.id.uuidString.lowercased())", "tenant_id": "\(job.tenantID.uuidString.lowercased())",
            "job_kind": "\(job.kind)", "attempt": "\(job.attempts)",
        ]
        do {
            guard job.attempts <= maxAttempts else {
                throw DomainError(.unavailable, code: "job.attempts_exhausted",
                                  "Gave up after \(maxAttempts) attempts: the build stopped without finishing each time.")
            }
            switch job.kind {
            case Job.planBuild: try await build(job)
            case Job.planExecute: try await PlanExecutionService(env).executeDue(tenantID: job.tenantID, planID: job.subjectID)
            default: throw DomainError.invalid("job.unknown_kind", "Unknown job kind \(job.kind).")
            }
            try await env.store.transaction(in: scope) { tx in
                guard try await tx.jobs.holds(tenantID: job.tenantID, id: job.id, worker: claim.worker, attempt: claim.attempt) else { return }
                try await tx.jobs.finish(tenantID: job.tenantID, id: job.id, state: .succeeded, message: nil)
            }
        } catch is ClaimLost {
            logger.warning("job taken over by another worker; this result is dropped", metadata: metadata)
        } catch is CancellationError {
            // Shutting down: leave the job running; once its heartbeat is stale another
            // instance claims it again.
            throw CancellationError()
        } catch {
            metadata["error"] = "\(Self.errorCode(error))"
            logger.error("job failed", metadata: metadata)
            let message = (error as? DomainError)?.description ?? (error as? PlanningInputError)?.message
                ?? (job.kind == Job.planExecute ? "The plan could not be executed." : "The plan could not be built.")
            do {
                try await env.store.transaction(in: scope) { tx in
                    guard try await tx.jobs.holds(tenantID: job.tenantID, id: job.id, worker: claim.worker, attempt: claim.attempt) else { return }
                    // A failed execution leaves the plan as it is (each move stands or falls alone).
                    let building = job.kind != Job.planExecute
                    if building { try await tx.plans.markFailed(tenantID: job.tenantID, id: job.subjectID, error: message) }
                    try await tx.jobs.finish(tenantID: job.tenantID, id: job.id, state: .failed, message: message)
                    try await tx.audit.append(scope: scope, actor: .system, AuditEntry(
                        action: building ? "plan.build_failed" : "plan.execution_failed", entityType: "plan", entityID: job.subjectID.uuidString.lowercased(),
                        before: nil, after: AuditSnapshot.json(["error": message])))
                }
            } catch {
                metadata["error"] = "\(Self.errorCode(error))"
                logger.error("job failure could not be recorded", metadata: metadata)
                throw error
            }
        }
    }

    /// Runs jobs until cancelled, waiting `idle` when the queue is empty or the store failed.
    public func run(idle: Duration = .seconds(1)) async {
        while !Task.isCancelled {
            let worked: Bool
            do {
                worked = try await runOnce()
            } catch is CancellationError {
                return
            } catch {
                logger.error("job worker step failed", metadata: ["error": "\(Self.errorCode(error))"])
                worked = false
            }
            if !worked { try? await Task.sleep(for: idle) }
        }
    }

    /// A loggable name for an error that carries no personal data: the domain code, the
    /// planning input's code, or the error's type.
    static func errorCode(_ error: any Error) -> String {
        if let domain = error as? DomainError { return domain.code }
        if let planning = error as? PlanningInputError { return planning.code }
        return String(reflecting: type(of: error))
    }

    private func build(_ job: ClaimedJob) async throws {
        let scope = ScopeID(job.tenantID)
        let today = CalendarDate.utc(env.now())
        let worker = workerID
        let (plan, slots, employees, overrides, campaign, kept) = try await env.store.transaction(in: scope) { tx in
            guard try await tx.jobs.holds(tenantID: job.tenantID, id: job.id, worker: worker, attempt: job.attempts) else { throw ClaimLost() }
            guard let plan = try await tx.plans.find(tenantID: job.tenantID, id: job.subjectID) else {
                throw DomainError.notFound("plan.not_found", "The plan of this job no longer exists.")
            }
            try await tx.plans.markBuilding(tenantID: job.tenantID, id: plan.id)
            var rules: Campaign?
            if let campaignID = plan.campaignID { rules = try await tx.campaigns.find(tenantID: job.tenantID, id: campaignID, lock: false) }
            // A re-plan keeps in place everyone whose objection was upheld in the plan it redoes.
            var kept: [UUID] = []
            if let original = plan.replanOf { kept = try await tx.planReview.upheldObjections(tenantID: job.tenantID, planID: original) }
            return (plan, try await tx.planningData.slots(tenantID: job.tenantID),
                    try await tx.planningData.employees(tenantID: job.tenantID, campaignID: plan.campaignID),
                    try await tx.planningData.retirementAgeOverrides(tenantID: job.tenantID), rules, Set(kept))
        }
        var ageOverrides: [PositionKind: Int] = [:]
        for (kind, age) in overrides { if let kind = PositionKind(rawValue: kind) { ageOverrides[kind] = age } }
        let points = campaign.map { (campaign: $0, asOf: PriorityPointsService.asOf($0, now: env.now())) }
        let built = PlanningInstanceBuilder(policy: plan.policy, fromCampaign: plan.campaignID != nil, points: points,
                                            slots: slots, employees: employees, keptInPlace: kept,
                                            retirementAges: try RetirementAgeTable(overriding: ageOverrides), today: today)

        let progress = ProgressBox()
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await Task.sleep(for: .seconds(1))
                let fraction = progress.value
                _ = try? await env.store.transaction(in: scope) { tx in
                    try await tx.jobs.heartbeat(tenantID: job.tenantID, id: job.id, progress: fraction, message: nil)
                }
            }
        }
        defer { heartbeat.cancel() }
        let instance = built.instance
        // Off the cooperative pool, yet stopped with the worker (a shutdown does not wait for
        // the solve: the job is claimed again once its heartbeat is stale).
        let solving = Task.detached {
            try await Planner.solve(instance) { step in
                progress.value = step.stage == .building ? step.fraction * 0.2 : 0.2 + step.fraction * 0.8
            }
        }
        let solved = try await withTaskCancellationHandler { try await solving.value } onCancel: { solving.cancel() }

        let targets = TargetFigures(instance)
        let result = PlanResult(
            instanceJSON: String(decoding: InstanceEncoder.encode(instance), as: UTF8.self),
            objective: solved.objective,
            before: BalanceFigures(solved.before), after: BalanceFigures(solved.after),
            voice: VoiceFigures(solved.voice),
            moves: try solved.moves.map { move in
                guard let employee = built.employeeIDs[move.employee], let from = built.slotIDs[move.from],
                      let to = built.slotIDs[move.to] else {
                    throw DomainError.invalid("plan.unknown_reference", "The engine named an unknown employee or slot.")
                }
                return PlanResult.StoredMove(employeeID: employee, fromSlotID: from, toSlotID: to,
                                             kind: move.kind.rawValue, wishRank: move.wishRank, cost: move.cost,
                                             fit: move.fit, distance: move.distance, grant: move.grant, burden: move.burden,
                                             trainingNeeds: move.trainingNeeds.map { .init(code: $0.code, gap: $0.gap) },
                                             targetNeed: targets.need[move.to], targetStaff: targets.staff[move.to] ?? 0,
                                             wish: targets.wish[move.employee])
            })
        try await env.store.transaction(in: scope) { tx in
            guard try await tx.jobs.holds(tenantID: job.tenantID, id: job.id, worker: worker, attempt: job.attempts) else { throw ClaimLost() }
            let stored = try await tx.plans.saveResult(tenantID: job.tenantID, id: plan.id, result)
            try await tx.audit.append(scope: scope, actor: .system, AuditEntry(
                action: "plan.built", entityType: "plan", entityID: plan.id.uuidString.lowercased(),
                before: AuditSnapshot.json(plan), after: AuditSnapshot.json(stored)))
        }
    }
}

/// A worker's claim on a job was taken over (it stalled past the stale limit).
struct ClaimLost: Error {}

/// What a move's explanation reads of the instance: each slot's need and active staff before the
/// plan (planning.md's `need` and `current`), and each employee's wish.
struct TargetFigures {
    var need: [String: Int] = [:]
    var staff: [String: Int] = [:]
    var wish: [String: String] = [:]

    init(_ instance: PlanningInstance) {
        for slot in instance.slots { need[slot.id] = slot.need }
        for e in instance.employees {
            wish[e.id] = e.wish.rawValue
            if e.monthsToRetirement > instance.policy.horizonMonths { staff[e.slot, default: 0] += 1 }
        }
    }
}

/// The latest progress of a solve, written by the engine's thread and read by the heartbeat.
private final class ProgressBox: @unchecked Sendable {
    private let lock = NSLock()
    private var current = 0.0
    var value: Double {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}

extension BalanceFigures {
    init(_ balance: Plan.Balance) {
        self.init(need: balance.need, deficit: balance.deficit, surplus: balance.surplus, imbalance: balance.imbalance)
    }
}

extension VoiceFigures {
    init(_ voice: Plan.Voice) {
        self.init(volunteers: voice.volunteers, volunteersMoved: voice.volunteersMoved, movesOnWish: voice.movesOnWish,
                  compulsoryMoves: voice.compulsoryMoves, compulsoryAgainstWish: voice.compulsoryAgainstWish,
                  stayOverridden: voice.stayOverridden, exchanges: voice.exchanges)
    }
}

extension CalendarDate {
    /// The calendar date of an instant in UTC.
    static func utc(_ date: Date) -> CalendarDate {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return (try? CalendarDate(year: parts.year!, month: parts.month!, day: parts.day!))
            ?? (try! CalendarDate(year: 2000, month: 1, day: 1))
    }
}
