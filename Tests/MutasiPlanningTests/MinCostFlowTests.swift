import Testing
@testable import MutasiPlanning

/// The min-cost circulation solver on its own, against negative-cycle cancelling (Bellman-Ford
/// on the residual graph), a different algorithm that is easy to get right.
struct MinCostFlowTests {
    struct Arc { var tail: Int; var head: Int; var capacity: Int; var cost: Int }

    /// Optimal circulation cost by cancelling negative cycles until none is left.
    static func cycleCancelling(nodes: Int, arcs: [Arc]) -> Int {
        var flow = [Int](repeating: 0, count: arcs.count)
        while true {
            // Residual arcs: (tail, head, cost, arc index, forward?)
            var residual: [(Int, Int, Int, Int, Bool)] = []
            for (i, a) in arcs.enumerated() {
                if flow[i] < a.capacity { residual.append((a.tail, a.head, a.cost, i, true)) }
                if flow[i] > 0 { residual.append((a.head, a.tail, -a.cost, i, false)) }
            }
            var distance = [Int](repeating: 0, count: nodes)
            var via = [Int](repeating: -1, count: nodes)
            var last = -1
            for _ in 0..<nodes {
                last = -1
                for (k, r) in residual.enumerated() where distance[r.0] + r.2 < distance[r.1] {
                    distance[r.1] = distance[r.0] + r.2
                    via[r.1] = k
                    last = r.1
                }
            }
            if last < 0 { break }
            for _ in 0..<nodes { last = residual[via[last]].0 }  // step into the cycle
            var cycle: [Int] = []
            var v = last
            repeat {
                cycle.append(via[v])
                v = residual[via[v]].0
            } while v != last
            let delta = cycle.map { k -> Int in
                let r = residual[k]
                return r.4 ? arcs[r.3].capacity - flow[r.3] : flow[r.3]
            }.min()!
            for k in cycle { flow[residual[k].3] += residual[k].4 ? delta : -delta }
        }
        return zip(flow, arcs).reduce(0) { $0 + $1.0 * $1.1.cost }
    }

    @Test func matchesCycleCancellingOnRandomGraphs() throws {
        var rng = SeededGenerator(seed: 42)
        for round in 0..<300 {
            let nodes = Int.random(in: 2...9, using: &rng)
            let arcs = (0..<Int.random(in: 1...22, using: &rng)).map { _ in
                Arc(tail: Int.random(in: 0..<nodes, using: &rng), head: Int.random(in: 0..<nodes, using: &rng),
                    capacity: Int.random(in: 0...4, using: &rng), cost: Int.random(in: -20...20, using: &rng))
            }.filter { $0.tail != $0.head }
            var network = MinCostFlow(nodeCount: nodes)
            for a in arcs { network.addArc(from: a.tail, to: a.head, capacity: a.capacity, cost: a.cost) }
            let solution = try network.solve()
            #expect(solution.cost == Self.cycleCancelling(nodes: nodes, arcs: arcs), "round \(round)")
            // A circulation within the capacities.
            var balance = [Int](repeating: 0, count: nodes)
            for (a, f) in zip(arcs, solution.flows) {
                #expect(0 <= f && Int(f) <= a.capacity)
                balance[a.tail] -= Int(f)
                balance[a.head] += Int(f)
            }
            #expect(balance.allSatisfy { $0 == 0 })
        }
    }

    @Test func sourceSinkFlowWithBypass() throws {
        // source 0 -> a 1 -> sink 2, and back 2 -> 0 free: a transport of value 3 at -5 each,
        // limited by the capacity 3 of a -> sink; the parallel arc at +2 stays empty.
        var network = MinCostFlow(nodeCount: 3)
        network.addArc(from: 0, to: 1, capacity: 5, cost: -5)
        network.addArc(from: 1, to: 2, capacity: 3, cost: 0)
        network.addArc(from: 1, to: 2, capacity: 3, cost: 7)
        network.addArc(from: 2, to: 0, capacity: 10, cost: 0)
        let solution = try network.solve()
        #expect(solution.cost == -15)
        #expect(solution.flows == [3, 3, 0, 3])
    }

    @Test func negativeCyclesAreCancelledFromTheZeroFlow() throws {
        // No source, no sink: the only gain is the cycle 0 -> 1 -> 2 -> 0 of cost -1, limited
        // to 2 by its narrowest arc, while the positive cycle 0 -> 2 -> 0 stays empty.
        var network = MinCostFlow(nodeCount: 3)
        network.addArc(from: 0, to: 1, capacity: 5, cost: -4)
        network.addArc(from: 1, to: 2, capacity: 2, cost: 1)
        network.addArc(from: 2, to: 0, capacity: 9, cost: 2)
        network.addArc(from: 0, to: 2, capacity: 9, cost: 1)
        let solution = try network.solve()
        #expect(solution.cost == -2)
        #expect(solution.flows == [2, 2, 2, 0])
    }

    @Test func emptyAndCostlessNetworks() throws {
        #expect(try MinCostFlow(nodeCount: 0).solve().cost == 0)
        var network = MinCostFlow(nodeCount: 2)
        network.addArc(from: 0, to: 1, capacity: 1, cost: 0)
        network.addArc(from: 1, to: 0, capacity: 1, cost: 0)
        #expect(try network.solve().cost == 0)
    }
}
