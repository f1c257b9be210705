import Foundation
import MutasiDomain
import MutasiPlanning
import MutasiRepositories

/// The evaluation of a plan after its execution: per move and in total, the SKP rating of the
/// year before the move against the first full year after it, the SPMT, and training done
/// against planned; the balance of the plan's slots before, as planned and as they stand now.
public struct PlanReport: Sendable, Codable {
    public struct Rating: Sendable, Codable, Equatable {
        public var year: Int
        /// SKP predicate 1-5; nil while not known.
        public var predicate: Int?
    }
    public struct Move: Sendable, Codable {
        public var employeeID: UUID
        public var nip: String
        public var name: String
        public var fromSlot: String
        public var toSlot: String
        /// `executed`, `skipped`, or nil while not yet dealt with.
        public var outcome: String?
        public var reason: String?
        public var reportedOn: CalendarDate?
        public var skpBefore: Rating?
        public var skpAfter: Rating?
        public var training: TrainingHours
    }
    public struct Totals: Sendable, Codable {
        public var moves: Int
        public var executed: Int
        public var skipped: Int
        public var pending: Int
        public var spmtRecorded: Int
        /// Executed moves whose two ratings are both known, and how they compare.
        public var skpCompared: Int
        public var skpImproved: Int
        public var skpSame: Int
        public var skpWorse: Int
        /// Averages over the compared moves; nil when none.
        public var skpBeforeAverage: ExactNumber?
        public var skpAfterAverage: ExactNumber?
        public var training: TrainingHours
    }
    public struct Balance: Sendable, Codable {
        public var before: BalanceFigures?
        public var planned: BalanceFigures?
        /// The plan's slots as they stand now (live records, after execution).
        public var now: BalanceFigures?
    }
    public var planID: UUID
    public var name: String
    public var status: TransferPlan.Status
    public var effectiveDate: CalendarDate?
    public var moves: [Move]
    public var totals: Totals
    public var balance: Balance
}

/// Builds plan reports for tenant admins, approvers and auditors.
public struct PlanReportService: Sendable {
    let env: ServiceEnvironment
    public init(_ env: ServiceEnvironment) { self.env = env }

    /// The SKP years compared for a move effective on `tmt`: the year before it, and the first
    /// full calendar year in the new post (the TMT's year when it is 1 January, else the next).
    public static func years(_ tmt: CalendarDate) -> (before: Int, after: Int) {
        (tmt.year - 1, tmt.month == 1 && tmt.day == 1 ? tmt.year : tmt.year + 1)
    }

    public func report(actor: Principal, tenantID: UUID, planID: UUID) async throws -> PlanReport {
        let today = CalendarDate.utc(env.now())
        return try await TenantScope.run(env, actor: actor, tenantID: tenantID, roles: PlanService.readers) { tx, _ in
            guard let plan = try await tx.plans.find(tenantID: tenantID, id: planID) else { throw PlanService.notFound }
            let kept = Set(try await tx.planExecution.keptMoves(tenantID: tenantID, planID: planID).map(\.employeeID))
            var all: [PlanMove] = []
            while true {
                let page = try await tx.plans.moves(tenantID: tenantID, planID: planID, answer: nil,
                                                    try PageRequest(limit: PageRequest.maxLimit, offset: all.count))
                all += page.items
                if page.items.isEmpty || all.count >= page.total { break }
            }
            let moves = all.filter { kept.contains($0.employeeID) }
            let executions = Dictionary(uniqueKeysWithValues: try await tx.planExecution.executions(tenantID: tenantID, planID: planID)
                .map { ($0.employeeID, $0) })
            let ratings = try await tx.planExecution.performance(tenantID: tenantID, employeeIDs: moves.map(\.employeeID))
            let hours = try await tx.planExecution.moveTrainingHours(tenantID: tenantID, planID: planID)
            let years = plan.effectiveDate.map(Self.years)
            var rows: [PlanReport.Move] = []
            var totals = PlanReport.Totals(moves: moves.count, executed: 0, skipped: 0, pending: 0, spmtRecorded: 0, skpCompared: 0,
                                           skpImproved: 0, skpSame: 0, skpWorse: 0, skpBeforeAverage: nil, skpAfterAverage: nil,
                                           training: TrainingHours(planned: 0, done: 0))
            var sumBefore = 0, sumAfter = 0
            for move in moves {
                let execution = executions[move.employeeID]
                let own = ratings[move.employeeID] ?? [:]
                let before = years.map { PlanReport.Rating(year: $0.before, predicate: own[$0.before]) }
                let after = years.map { PlanReport.Rating(year: $0.after, predicate: own[$0.after]) }
                let training = hours[move.employeeID] ?? TrainingHours(planned: 0, done: 0)
                switch execution?.outcome {
                case .executed?: totals.executed += 1
                case .skipped?: totals.skipped += 1
                case nil: totals.pending += 1
                }
                if execution?.reportedOn != nil { totals.spmtRecorded += 1 }
                if execution?.outcome == .executed, let b = before?.predicate, let a = after?.predicate {
                    totals.skpCompared += 1
                    sumBefore += b; sumAfter += a
                    if a > b { totals.skpImproved += 1 } else if a == b { totals.skpSame += 1 } else { totals.skpWorse += 1 }
                }
                totals.training.planned += training.planned
                totals.training.done += training.done
                rows.append(PlanReport.Move(employeeID: move.employeeID, nip: move.nip, name: move.employeeName, fromSlot: move.fromSlot,
                                            toSlot: move.toSlot, outcome: execution?.outcome.rawValue, reason: execution?.reason,
                                            reportedOn: execution?.reportedOn, skpBefore: before, skpAfter: after, training: training))
            }
            if totals.skpCompared > 0 {
                totals.skpBeforeAverage = ExactNumber(try Rational(sumBefore, totals.skpCompared))
                totals.skpAfterAverage = ExactNumber(try Rational(sumAfter, totals.skpCompared))
            }
            let now = try await Self.liveBalance(tx, plan: plan, today: today)
            return PlanReport(planID: plan.id, name: plan.name, status: plan.status, effectiveDate: plan.effectiveDate, moves: rows,
                              totals: totals, balance: .init(before: plan.before, planned: plan.after, now: now))
        }
    }

    /// The balance of the slots the plan was built over, from today's records, counted as the
    /// planner counts (active staff: not retiring within the plan's horizon).
    static func liveBalance(_ tx: any StoreTransaction, plan: TransferPlan, today: CalendarDate) async throws -> BalanceFigures? {
        guard plan.buildState == .built, let json = try await tx.plans.instanceJSON(tenantID: plan.tenantID, planID: plan.id),
              let planned = try? InstanceDecoder.decode(Data(json.utf8)) else { return nil }
        var ages: [PositionKind: Int] = [:]
        for (kind, age) in try await tx.planningData.retirementAgeOverrides(tenantID: plan.tenantID) {
            if let kind = PositionKind(rawValue: kind) { ages[kind] = age }
        }
        let live = PlanningInstanceBuilder(policy: plan.policy, slots: try await tx.planningData.slots(tenantID: plan.tenantID),
                                           employees: try await tx.planningData.employees(tenantID: plan.tenantID, campaignID: nil),
                                           retirementAges: try RetirementAgeTable(overriding: ages), today: today).instance
        let figures = TargetFigures(live)
        let liveKeys = Set(live.slots.map(\.id))
        let keys = planned.slots.map(\.id).filter(liveKeys.contains)
        let balance = Plan.Balance(needs: keys.map { figures.need[$0] ?? 0 }, headcounts: keys.map { figures.staff[$0] ?? 0 })
        return BalanceFigures(balance)
    }
}
