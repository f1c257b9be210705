/// A minimum-cost circulation problem: nodes, arcs with an integer capacity and an integer
/// cost per unit (negative ones too, so negative cycles), no supplies. Its optimum is found
/// exactly by `CostScaling`, which starts each phase by saturating every arc of negative reduced
/// cost and so cancels negative cycles as well as it routes flow.
///
/// A min-cost flow with a source, a sink and a free bypass between them is the circulation
/// with a zero-cost arc back from the sink to the source, which is how the planner uses it.
struct MinCostFlow: Sendable {
    private(set) var nodeCount: Int
    private(set) var tails: [Int32] = []
    private(set) var heads: [Int32] = []
    private(set) var capacities: [Int32] = []
    private(set) var costs: [Int64] = []

    init(nodeCount: Int = 0) {
        self.nodeCount = nodeCount
    }

    var arcCount: Int { tails.count }

    mutating func addNode() -> Int {
        nodeCount += 1
        return nodeCount - 1
    }

    @discardableResult
    mutating func addArc(from tail: Int, to head: Int, capacity: Int, cost: Int) -> Int {
        precondition(tail >= 0 && tail < nodeCount && head >= 0 && head < nodeCount)
        precondition(capacity >= 0 && capacity <= Int(Int32.max))
        tails.append(Int32(tail))
        heads.append(Int32(head))
        capacities.append(Int32(capacity))
        costs.append(Int64(cost))
        return tails.count - 1
    }

    mutating func reserveArcs(_ count: Int) {
        tails.reserveCapacity(count)
        heads.reserveCapacity(count)
        capacities.reserveCapacity(count)
        costs.reserveCapacity(count)
    }

    /// An optimal circulation: the flow on each arc (in the order they were added) and its cost.
    struct Solution: Sendable {
        var flows: [Int32]
        var cost: Int
    }

    /// Solves the circulation exactly. `checkpoint` is called now and then with the fraction
    /// of the work done; it may throw to abandon the solve (cancellation).
    func solve(checkpoint: (Double) throws -> Void = { _ in }) throws -> Solution {
        let flows = try CostScaling(self).run(checkpoint: checkpoint)
        var cost = 0
        for i in flows.indices where flows[i] != 0 {
            cost += Int(flows[i]) * Int(costs[i])
        }
        return Solution(flows: flows, cost: cost)
    }
}
