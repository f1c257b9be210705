/// Goldberg's cost-scaling push-relabel algorithm for minimum-cost circulation, with the
/// partial augment-relabel step and the global price update of LEMON's `CostScaling` (Kovács,
/// "Minimum-cost flow algorithms: an experimental evaluation", 2015).
///
/// Costs are multiplied by `alpha * n`, so that the last phase (epsilon = 1) leaves every
/// residual arc with reduced cost above -1/n in the original units, which for integer costs
/// means the circulation is optimal. Arrays are raw buffers: this loop is the hot spot of the
/// planner and Swift's bounds checks would double its time.
final class CostScaling {
    private let n: Int
    private let m: Int
    private let alpha: Int64 = 16
    /// Longest path a partial augment walks before pushing.
    private let maxPathLength = 4

    private let firstOut: UnsafeMutablePointer<Int32>
    private let target: UnsafeMutablePointer<Int32>
    private let reverse: UnsafeMutablePointer<Int32>
    private let cost: UnsafeMutablePointer<Int64>
    private let rescap: UnsafeMutablePointer<Int32>
    private let pi: UnsafeMutablePointer<Int64>
    private let excess: UnsafeMutablePointer<Int64>
    private let nextOut: UnsafeMutablePointer<Int32>
    private let onPath: UnsafeMutablePointer<Bool>
    /// Residual index of each original arc's forward direction.
    private var forward: [Int32]
    private let capacities: [Int32]
    private var epsilon: Int64 = 0
    private var active = NodeQueue()

    init(_ network: MinCostFlow) {
        n = network.nodeCount
        let arcs = network.arcCount
        m = 2 * arcs
        firstOut = .allocate(capacity: n + 1)
        target = .allocate(capacity: max(m, 1))
        reverse = .allocate(capacity: max(m, 1))
        cost = .allocate(capacity: max(m, 1))
        rescap = .allocate(capacity: max(m, 1))
        pi = .allocate(capacity: max(n, 1))
        excess = .allocate(capacity: max(n, 1))
        nextOut = .allocate(capacity: max(n, 1))
        onPath = .allocate(capacity: max(m, 1))
        forward = [Int32](repeating: 0, count: arcs)
        capacities = network.capacities

        firstOut.initialize(repeating: 0, count: n + 1)
        pi.initialize(repeating: 0, count: max(n, 1))
        excess.initialize(repeating: 0, count: max(n, 1))
        onPath.initialize(repeating: false, count: max(m, 1))
        let tails = network.tails, heads = network.heads
        for i in 0..<arcs {
            firstOut[Int(tails[i]) + 1] += 1
            firstOut[Int(heads[i]) + 1] += 1
        }
        for v in 0..<n { firstOut[v + 1] += firstOut[v] }
        for v in 0..<n { nextOut[v] = firstOut[v] }
        let scale = alpha * Int64(max(n, 1))
        var maxCost: Int64 = 0
        for i in 0..<arcs {
            let u = Int(tails[i]), v = Int(heads[i])
            let f = Int(nextOut[u]); nextOut[u] += 1
            let r = Int(nextOut[v]); nextOut[v] += 1
            target[f] = Int32(v); target[r] = Int32(u)
            reverse[f] = Int32(r); reverse[r] = Int32(f)
            let c = network.costs[i] * scale
            cost[f] = c; cost[r] = -c
            rescap[f] = network.capacities[i]; rescap[r] = 0
            forward[i] = Int32(f)
            maxCost = max(maxCost, abs(c))
        }
        epsilon = maxCost / alpha
    }

    deinit {
        firstOut.deallocate(); target.deallocate(); reverse.deallocate(); cost.deallocate()
        rescap.deallocate(); pi.deallocate(); excess.deallocate(); nextOut.deallocate()
        onPath.deallocate()
    }

    /// Runs all scaling phases and returns the flow on each original arc.
    func run(checkpoint: (Double) throws -> Void) throws -> [Int32] {
        var phases = 0, e = epsilon
        while e >= 1 { phases += 1; e = e < alpha && e > 1 ? 1 : e / alpha }
        var phase = 0
        while epsilon >= 1 {
            try checkpoint(Double(phase) / Double(max(phases, 1)))
            try refine(checkpoint: { try checkpoint((Double(phase) + 0.5) / Double(max(phases, 1))) })
            phase += 1
            epsilon = epsilon < alpha && epsilon > 1 ? 1 : epsilon / alpha
        }
        try checkpoint(1)
        return (0..<forward.count).map { capacities[$0] - rescap[Int(forward[$0])] }
    }

    /// One phase: saturate the arcs that break epsilon-optimality, then push the excess back to
    /// the deficits along admissible paths, relabelling where none leads on.
    private func refine(checkpoint: () throws -> Void) throws {
        saturateNegativeArcs()
        let globalUpdateSkip = n
        var nextGlobalUpdate = globalUpdateSkip
        var relabels = 0, steps = 0
        var path = [Int32](repeating: 0, count: maxPathLength + 1)

        while true {
            while let front = active.first, excess[front] <= 0 { active.removeFirst() }
            guard let start = active.first else { break }
            steps += 1
            if steps & 0xFFFF == 0 { try checkpoint() }

            var tip = start
            var length = 0
            search: while length < maxPathLength && excess[tip] >= 0 {
                var minReduced = Int64.max
                let piTip = pi[tip]
                let last = Int(firstOut[tip + 1])
                var a = Int(nextOut[tip])
                while a < last {
                    if rescap[a] > 0 {
                        let u = Int(target[a])
                        let reduced = cost[a] + piTip - pi[u]
                        if reduced < 0 {
                            path[length] = Int32(a)
                            length += 1
                            nextOut[tip] = Int32(a)
                            if onPath[a] { break search }  // a cycle: push around it
                            onPath[a] = true
                            tip = u
                            continue search
                        }
                        if reduced < minReduced { minReduced = reduced }
                    }
                    a += 1
                }
                // No admissible arc: relabel the tip, counting the way back as an option.
                if tip != start {
                    let back = Int(reverse[Int(path[length - 1])])
                    minReduced = min(minReduced, cost[back] + piTip - pi[Int(target[back])])
                }
                let scanned = Int(nextOut[tip])
                var b = Int(firstOut[tip])
                while b < scanned {
                    if rescap[b] > 0 {
                        let reduced = cost[b] + piTip - pi[Int(target[b])]
                        if reduced < minReduced { minReduced = reduced }
                    }
                    b += 1
                }
                pi[tip] -= minReduced + epsilon
                nextOut[tip] = firstOut[tip]
                relabels += 1
                if tip != start {
                    length -= 1
                    let a = Int(path[length])
                    onPath[a] = false
                    tip = Int(target[Int(reverse[a])])
                }
            }

            var v = start
            for i in 0..<length {
                let a = Int(path[i])
                let u = v
                v = Int(target[a])
                onPath[a] = false
                let delta = min(Int64(rescap[a]), excess[u])
                rescap[a] -= Int32(delta)
                rescap[Int(reverse[a])] += Int32(delta)
                excess[u] -= delta
                excess[v] += delta
                if excess[v] > 0 && excess[v] <= delta { active.append(v) }
            }

            if relabels >= nextGlobalUpdate {
                globalUpdate()
                nextGlobalUpdate = relabels + globalUpdateSkip
            }
        }
    }

    private func saturateNegativeArcs() {
        for u in 0..<n {
            let piU = pi[u]
            for a in Int(firstOut[u])..<Int(firstOut[u + 1]) {
                let delta = rescap[a]
                if delta > 0 {
                    let v = Int(target[a])
                    if cost[a] + piU - pi[v] < 0 {
                        excess[u] -= Int64(delta)
                        excess[v] += Int64(delta)
                        rescap[a] = 0
                        rescap[Int(reverse[a])] += delta
                    }
                }
            }
        }
        active.removeAll()
        for u in 0..<n {
            if excess[u] > 0 { active.append(u) }
            nextOut[u] = firstOut[u]
        }
    }

    /// Raises the price of every node by its epsilon-distance to the nearest deficit (a Dial
    /// search backwards from the deficits), which sends the pushes straight where they belong.
    private func globalUpdate() {
        let maxRank = Int(alpha) * n
        let end = Int32(n)  // bucket terminator
        var rank = [Int](repeating: maxRank, count: n)
        var buckets = [Int32](repeating: end, count: maxRank)
        var bucketNext = [Int32](repeating: end, count: n + 1)
        var bucketPrev = [Int32](repeating: end, count: n + 1)

        var totalExcess: Int64 = 0
        var b0 = end
        for i in 0..<n {
            if excess[i] < 0 {
                rank[i] = 0
                bucketNext[i] = b0
                bucketPrev[Int(b0)] = Int32(i)
                b0 = Int32(i)
            } else {
                totalExcess += excess[i]
            }
        }
        if totalExcess == 0 { return }
        buckets[0] = b0

        var r = 0
        scan: while r < maxRank {
            while buckets[r] != end {
                let u = Int(buckets[r])
                buckets[r] = bucketNext[u]
                let piU = pi[u]
                for a in Int(firstOut[u])..<Int(firstOut[u + 1]) {
                    let ra = Int(reverse[a])
                    guard rescap[ra] > 0 else { continue }
                    let v = Int(target[a])
                    let oldRank = rank[v]
                    guard r < oldRank else { continue }
                    let steps = (cost[ra] + pi[v] - piU) / epsilon
                    let newRank = steps < Int64(maxRank) ? r + 1 + Int(steps) : oldRank
                    guard newRank < oldRank else { continue }
                    rank[v] = newRank
                    nextOut[v] = firstOut[v]
                    if oldRank < maxRank {
                        if buckets[oldRank] == Int32(v) {
                            buckets[oldRank] = bucketNext[v]
                        } else {
                            let pv = Int(bucketPrev[v]), nv = Int(bucketNext[v])
                            bucketNext[pv] = Int32(nv)
                            bucketPrev[nv] = Int32(pv)
                        }
                    }
                    let nv = buckets[newRank]
                    bucketNext[v] = nv
                    bucketPrev[Int(nv)] = Int32(v)
                    buckets[newRank] = Int32(v)
                }
                if excess[u] > 0 {
                    totalExcess -= excess[u]
                    if totalExcess <= 0 { break scan }
                }
            }
            r += 1
        }

        for u in 0..<n {
            let k = min(rank[u], r)
            if k > 0 {
                pi[u] -= epsilon * Int64(k)
                nextOut[u] = firstOut[u]
            }
        }
    }
}

/// FIFO of active nodes; a node may be queued again while an old entry of it waits.
struct NodeQueue {
    private var items: [Int] = []
    private var head = 0

    var first: Int? { head < items.count ? items[head] : nil }

    mutating func append(_ v: Int) { items.append(v) }

    mutating func removeFirst() {
        head += 1
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head > 4096 && head * 2 > items.count {
            items.removeFirst(head)
            head = 0
        }
    }

    mutating func removeAll() {
        items.removeAll(keepingCapacity: true)
        head = 0
    }
}
