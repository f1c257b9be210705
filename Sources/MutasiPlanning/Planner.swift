/// Where a planning run stands, for progress bars and job status.
public struct PlanningProgress: Sendable, Equatable {
    public enum Stage: String, Sendable {
        /// Validating the instance and building the flow network.
        case building
        /// Finding the optimal flow and reading the plan from it.
        case solving
    }

    public var stage: Stage
    /// Share of the stage done, 0...1.
    public var fraction: Double

    public init(stage: Stage, fraction: Double) {
        self.stage = stage
        self.fraction = fraction
    }
}

/// The planning engine: an instance in, a plan of minimum objective (planning.md) out.
///
/// Runs are deterministic (the same instance gives the same plan) and cancellable: the work
/// checks for task cancellation as it goes and throws `CancellationError`. The work itself is
/// synchronous number crunching; callers that must not hold a cooperative thread for seconds
/// should run it on a task of its own.
public enum Planner {
    /// Validates the instance, builds the network and solves it.
    public static func solve(
        _ instance: PlanningInstance,
        progress: @escaping @Sendable (PlanningProgress) -> Void = { _ in }
    ) async throws -> Plan {
        let prepared = try prepare(instance, progress: progress)
        return try prepared.solve(progress: progress)
    }

    /// Validates the instance (throwing `PlanningInputError`) and builds its flow network;
    /// separate from solving so that the two can be timed and reported apart.
    public static func prepare(
        _ instance: PlanningInstance,
        progress: (PlanningProgress) -> Void = { _ in }
    ) throws -> PreparedPlanning {
        progress(PlanningProgress(stage: .building, fraction: 0))
        let workforce = try Workforce(instance)
        let network = try TransferNetwork(workforce) { fraction in
            try Task.checkCancellation()
            progress(PlanningProgress(stage: .building, fraction: fraction))
        }
        return PreparedPlanning(network: network)
    }
}

/// A validated instance with its network built, ready to solve.
public struct PreparedPlanning: Sendable {
    let network: TransferNetwork

    /// Size of the network, for diagnostics.
    public var nodeCount: Int { network.flow.nodeCount }
    public var arcCount: Int { network.flow.arcCount }

    /// Finds an optimal plan.
    public func solve(progress: (PlanningProgress) -> Void = { _ in }) throws -> Plan {
        let solution = try network.flow.solve { fraction in
            try Task.checkCancellation()
            progress(PlanningProgress(stage: .solving, fraction: fraction))
        }
        let plan = PlanAssembler(network.workforce).plan(moves: network.moves(solution))
        assert(plan.objective == solution.cost, "plan objective differs from the flow's cost")
        return plan
    }
}
