/// Goldberg's cost-scaling push-relabel algorithm for minimum-cost circulation, in the form of
/// OR-Tools' `GenericMinCostFlow` (discharge with look-ahead, relabel that stops at the first
/// arc an epsilon step makes admissible) and the global price update of Goldberg's CS2 and
/// LEMON's `CostScaling` (Kovács, "Minimum-cost flow algorithms: an experimental evaluation").
///
/// Costs are multiplied by `alpha * n`, so that after the last phase (epsilon = 1) every
/// residual arc has reduced cost above -1/n in the original units, which for integer costs
/// means the circulation is optimal. Arrays are raw buffers: this loop is the hot spot of the
/// planner, and bounds checks would double its time.
final class CostScaling {
    /// Factor by which epsilon shrinks from phase to phase.
    static let alpha: Int64 = 4
    /// A global price update after this many relabels per node (fewer updates measured best).
    static let updateFactor = 8

    private let n: Int
    private let m: Int
    private let firstOut: UnsafeMutablePointer<Int32>
    private let target: UnsafeMutablePointer<Int32>
    private let reverse: UnsafeMutablePointer<Int32>
    private let cost: UnsafeMutablePointer<Int64>
    private let rescap: UnsafeMutablePointer<Int32>
    private let pi: UnsafeMutablePointer<Int64>
    private let excess: UnsafeMutablePointer<Int64>
    /// Current arc of each node: the arcs before it are known not to be admissible.
    private let nextOut: UnsafeMutablePointer<Int32>
    /// Work space of the global update: rank of each node, bucket heads by rank, bucket links.
    private let maxRank: Int
    private let updateRank: UnsafeMutablePointer<Int32>
    private let updateBucket: UnsafeMutablePointer<Int32>
    private let updateNext: UnsafeMutablePointer<Int32>
    private let updatePrev: UnsafeMutablePointer<Int32>
    /// Residual index of each arc's forward direction.
    private var forward: [Int32]
    private var epsilon: Int64 = 0

    init(_ network: MinCostFlow) {
        n = network.nodeCount
        let arcCount = network.arcCount
        m = 2 * arcCount
        firstOut = .allocate(capacity: n + 1)
        target = .allocate(capacity: max(m, 1))
        reverse = .allocate(capacity: max(m, 1))
        cost = .allocate(capacity: max(m, 1))
        rescap = .allocate(capacity: max(m, 1))
        pi = .allocate(capacity: max(n, 1))
        excess = .allocate(capacity: max(n, 1))
        nextOut = .allocate(capacity: max(n, 1))
        maxRank = Int(Self.alpha) * max(n, 1)
        updateRank = .allocate(capacity: max(n, 1))
        updateBucket = .allocate(capacity: maxRank + 1)
        updateNext = .allocate(capacity: max(n, 1))
        updatePrev = .allocate(capacity: max(n, 1))
        forward = [Int32](repeating: 0, count: arcCount)

        firstOut.initialize(repeating: 0, count: n + 1)
        pi.initialize(repeating: 0, count: max(n, 1))
        excess.initialize(repeating: 0, count: max(n, 1))
        let tails = network.tails, heads = network.heads
        for i in 0..<arcCount {
            firstOut[Int(tails[i]) + 1] += 1
            firstOut[Int(heads[i]) + 1] += 1
        }
        for v in 0..<n { firstOut[v + 1] += firstOut[v] }
        for v in 0..<n { nextOut[v] = firstOut[v] }
        let scale = Self.alpha * Int64(max(n, 1))
        var maxCost: Int64 = 0
        for i in 0..<arcCount {
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
        epsilon = maxCost / Self.alpha
    }

    deinit {
        firstOut.deallocate(); target.deallocate(); reverse.deallocate(); cost.deallocate()
        rescap.deallocate(); pi.deallocate(); excess.deallocate(); nextOut.deallocate()
        updateRank.deallocate(); updateBucket.deallocate(); updateNext.deallocate()
        updatePrev.deallocate()
    }

    /// Runs the scaling phases down to epsilon = 1 and returns the flow on each arc.
    func run(checkpoint: (Double) throws -> Void) throws -> [Int32] {
        var phases = 0, e = epsilon
        while e >= 1 { phases += 1; e = e < Self.alpha && e > 1 ? 1 : e / Self.alpha }
        var phase = 0
        while epsilon >= 1 {
            let done = Double(phase) / Double(phases)
            try checkpoint(done)
            try refine { try checkpoint(done + 0.5 / Double(phases)) }
            phase += 1
            epsilon = epsilon < Self.alpha && epsilon > 1 ? 1 : epsilon / Self.alpha
        }
        try checkpoint(1)
        return forward.indices.map { i in rescap[Int(reverse[Int(forward[i])])] }
    }

    /// One phase in the manner of OR-Tools' `GenericMinCostFlow`: discharge the active nodes
    /// from a stack, looking ahead before each push so that flow is not sent to a node that
    /// would only have to send it back.
    private func refine(checkpoint: () throws -> Void) throws {
        saturateNegativeArcs()
        let firstOut = self.firstOut, target = self.target, reverse = self.reverse
        let cost = self.cost, rescap = self.rescap, pi = self.pi, excess = self.excess
        let nextOut = self.nextOut, eps = epsilon, n = self.n
        let stack = UnsafeMutablePointer<Int32>.allocate(capacity: max(n, 1))
        defer { stack.deallocate() }
        var top = 0
        for u in 0..<n where excess[u] > 0 { stack[top] = Int32(u); top += 1 }  // each node once at most
        var relabels = 0, steps = 0

        /// Lowers the price of `node` just enough to give it an admissible arc (by epsilon when
        /// an arc is already that close, which saves scanning the rest).
        func relabel(_ node: Int) {
            relabels += 1
            let guaranteed = pi[node] - eps
            // An arc turns admissible once the price is below its `candidate`; the highest
            // candidate less epsilon is the new price. `previousBest` is the highest candidate
            // before the best arc: if it stays out of reach, the scan may resume at the best arc.
            var best = Int64.min, previousBest = Int64.min
            var bestArc: Int32 = -1
            let first = Int(firstOut[node]), last = Int(firstOut[node + 1])
            var a = first
            while a < last {
                if rescap[a] > 0 {
                    let candidate = pi[Int(target[a])] - cost[a]
                    if candidate > guaranteed {
                        pi[node] = guaranteed
                        nextOut[node] = Int32(a)
                        return
                    }
                    if candidate > best {
                        previousBest = best
                        best = candidate
                        bestArc = Int32(a)
                    }
                }
                a += 1
            }
            if best == Int64.min {
                pi[node] = guaranteed
                nextOut[node] = Int32(first)
                return
            }
            let newPrice = best - eps
            pi[node] = newPrice
            nextOut[node] = previousBest <= newPrice ? bestArc : Int32(first)
        }

        /// Whether pushing into `node` along `inArc` is worth it: true if `node` is a deficit
        /// or has an admissible arc; otherwise relabels it and says whether `inArc` still is.
        func lookAhead(_ inArc: Int, _ inTailPrice: Int64, _ node: Int) -> Bool {
            if excess[node] < 0 { return true }
            let p = pi[node]
            let last = Int(firstOut[node + 1])
            var a = Int(nextOut[node])
            while a < last {
                if rescap[a] > 0 && cost[a] + p - pi[Int(target[a])] < 0 {
                    nextOut[node] = Int32(a)
                    return true
                }
                a += 1
            }
            relabel(node)
            return rescap[inArc] > 0 && cost[inArc] + inTailPrice - pi[node] < 0
        }

        while top > 0 {
            if relabels >= Self.updateFactor * n {
                relabels = 0
                globalUpdate()
            }
            top -= 1
            let node = Int(stack[top])
            steps += 1
            if steps & 0x3FFF == 0 { try checkpoint() }
            discharge: repeat {
                let p = pi[node]
                let last = Int(firstOut[node + 1])
                var a = Int(nextOut[node])
                while a < last {
                    if rescap[a] > 0 && cost[a] + p - pi[Int(target[a])] < 0 {
                        let head = Int(target[a])
                        if lookAhead(a, p, head) {
                            let wasActive = excess[head] > 0
                            let delta = min(excess[node], Int64(rescap[a]))
                            rescap[a] -= Int32(delta)
                            rescap[Int(reverse[a])] += Int32(delta)
                            excess[node] -= delta
                            excess[head] += delta
                            if excess[head] > 0 && !wasActive { stack[top] = Int32(head); top += 1 }
                            if excess[node] == 0 {
                                nextOut[node] = Int32(a)
                                break discharge
                            }
                        }
                    }
                    a += 1
                }
                relabel(node)
            } while excess[node] > 0
        }
    }

    /// Starts a phase: every arc of negative reduced cost is saturated, which makes the flow
    /// 0-optimal but leaves excesses and deficits for the phase to resolve.
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
            nextOut[u] = firstOut[u]
        }
    }

    /// Lowers the price of every node by epsilon times its distance, in epsilon units of
    /// reduced cost, to the nearest deficit (a Dial search backwards from the deficits), which
    /// sends the pushes straight where they belong. Nodes no deficit has reached when all the
    /// excess is covered are lowered by the last distance searched.
    private func globalUpdate() {
        let n = self.n, eps = epsilon
        let firstOut = self.firstOut, target = self.target, reverse = self.reverse
        let cost = self.cost, rescap = self.rescap, pi = self.pi, excess = self.excess
        let nextOut = self.nextOut
        let rank = updateRank, bucket = updateBucket, next = updateNext, prev = updatePrev
        let unreached = Int32.max, end = Int32(-1), maxRank = self.maxRank

        var totalExcess: Int64 = 0
        var b0 = end
        for i in 0..<n {
            if excess[i] < 0 {
                rank[i] = 0
                next[i] = b0
                if b0 != end { prev[Int(b0)] = Int32(i) }
                b0 = Int32(i)
            } else {
                rank[i] = unreached
                totalExcess += excess[i]
            }
        }
        if totalExcess == 0 { return }
        bucket[0] = b0
        var highest = 0  // buckets 0...highest may be non-empty

        var r = 0
        scan: while r <= highest {
            while bucket[r] != end {
                let u = Int(bucket[r])
                bucket[r] = next[u]
                if bucket[r] != end { prev[Int(bucket[r])] = end }
                let piU = pi[u]
                for a in Int(firstOut[u])..<Int(firstOut[u + 1]) {
                    let ra = Int(reverse[a])
                    guard rescap[ra] > 0 else { continue }
                    let v = Int(target[a])
                    let oldRank = Int(rank[v])
                    guard r < oldRank else { continue }
                    // Length in epsilon units: 0 for an admissible arc (reduced cost in
                    // [-eps, 0)), else floor(reduced / eps) + 1.
                    let reduced = cost[ra] + pi[v] - piU
                    let length = reduced < 0 ? 0 : reduced / eps + 1
                    guard length < Int64(maxRank) else { continue }
                    let newRank = r + Int(length)
                    guard newRank < oldRank && newRank <= maxRank else { continue }
                    if oldRank != Int(unreached) {  // unlink v from its bucket
                        let pv = prev[v], nv = next[v]
                        if pv == end { bucket[oldRank] = nv } else { next[Int(pv)] = nv }
                        if nv != end { prev[Int(nv)] = pv }
                    }
                    rank[v] = Int32(newRank)
                    while highest < newRank { highest += 1; bucket[highest] = end }
                    let head = bucket[newRank]
                    next[v] = head
                    prev[v] = end
                    if head != end { prev[Int(head)] = Int32(v) }
                    bucket[newRank] = Int32(v)
                }
                if excess[u] > 0 {
                    totalExcess -= excess[u]
                    if totalExcess <= 0 { break scan }
                }
            }
            r += 1
        }

        for u in 0..<n {
            let k = min(Int(rank[u]), r)
            if k > 0 {
                pi[u] -= eps * Int64(k)
                nextOut[u] = firstOut[u]
            }
        }
    }
}
