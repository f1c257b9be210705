import MutasiPlanning

/// planning.md (version 2) written out a second time, plainly and without the engine's code,
/// to judge the engine by: every derived quantity, the objective of any plan, and the best
/// objective by exhaustive search over all feasible plans (small instances only). Strings are
/// compared by their code points, as planning.md asks.
struct ReferenceModel {
    let instance: PlanningInstance
    let policy: PlanningInstance.Policy
    let slotIndex: [[UInt8]: Int]
    let origin: [Int]
    let active: [Bool]
    let current: [Int]
    let deficit: [Int]
    let surplus: [Int]
    /// `free(e)` employees.
    let free: [Int]

    static func same(_ a: String, _ b: String) -> Bool { Array(a.utf8) == Array(b.utf8) }

    init(_ instance: PlanningInstance) {
        self.instance = instance
        policy = instance.policy
        var index: [[UInt8]: Int] = [:]
        for (i, s) in instance.slots.enumerated() { index[Array(s.id.utf8)] = i }
        slotIndex = index
        origin = instance.employees.map { index[Array($0.slot.utf8)]! }
        active = instance.employees.map { $0.monthsToRetirement > instance.policy.horizonMonths }
        var current = [Int](repeating: 0, count: instance.slots.count)
        for i in instance.employees.indices where active[i] { current[origin[i]] += 1 }
        self.current = current
        deficit = instance.slots.indices.map { max(0, instance.slots[$0].need - current[$0]) }
        surplus = instance.slots.indices.map { max(0, current[$0] - instance.slots[$0].need) }
        let p = instance.policy
        let active = self.active
        free = instance.employees.indices.filter { i in
            let e = instance.employees[i]
            return active[i] && !e.locked && e.performance >= p.minPerformance
        }
    }

    /// (distance, c) of two region codes.
    static func closeness(_ a: String, _ b: String) -> (distance: Int, shared: Int) {
        let x = Array(a.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        let y = Array(b.utf8).split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        var c = 0
        while c < min(x.count, y.count) && Array(x[c]) == Array(y[c]) { c += 1 }
        if same(a, b) { return (0, c) }
        return (c >= 2 ? 20 : c == 1 ? 60 : 150, c)
    }

    func rank(_ e: Int, _ unit: String) -> Int? {
        instance.employees[e].preferences.firstIndex { Self.same($0, unit) }
    }

    func level(_ e: Int, _ code: String) -> Int {
        instance.employees[e].competencies.first { Self.same($0.key, code) }?.value ?? 0
    }

    func gap(_ e: Int, _ t: Int) -> Int {
        var total = 0
        for r in instance.slots[t].competencies {
            let have = level(e, r.code)
            if r.level > have { total += r.level - have }
        }
        return total
    }

    func voluntary(_ e: Int, _ t: Int) -> Bool {
        guard free.contains(e), instance.employees[e].wish == .move,
              let r = rank(e, instance.slots[t].unit) else { return false }
        if let own = rank(e, instance.slots[origin[e]].unit) { return r < own }
        return true
    }

    func compulsory(_ e: Int, _ t: Int) -> Bool {
        free.contains(e) && policy.mode == .balance
            && instance.employees[e].monthsInPosition >= policy.minMonthsInPosition
            && surplus[origin[e]] > 0 && deficit[t] > 0 && !voluntary(e, t)
    }

    /// The kind of `(e, t)` when `allowed(e, t)`, else nil.
    func kind(_ e: Int, _ t: Int) -> Plan.Kind? {
        let emp = instance.employees[e], target = instance.slots[t]
        let from = instance.slots[origin[e]]
        let (_, c) = Self.closeness(from.region, target.region)
        let identical = Self.same(from.region, target.region)
        let inScope: Bool
        switch policy.scope {
        case .any: inScope = true
        case .province: inScope = identical || c >= 1
        case .regency: inScope = identical || c >= 2
        }
        guard t != origin[e], target.minGrade <= emp.grade, emp.grade <= target.maxGrade,
              target.educationFields.isEmpty || target.educationFields.contains(where: { Self.same($0, emp.educationField) }),
              gap(e, t) <= policy.maxTrainableGap, inScope else { return nil }
        if voluntary(e, t) { return .voluntary }
        if compulsory(e, t) { return .compulsory }
        return nil
    }

    struct Figures: Equatable {
        var kind: Plan.Kind, wishRank: Int?, cost: Int, fit: Int, distance: Int, grant: Int, burden: Int
    }

    /// The figures of an allowed move.
    func move(_ e: Int, _ t: Int) -> Figures {
        let emp = instance.employees[e]
        let kind = self.kind(e, t)!
        let fit = max(0, 100 - 25 * gap(e, t))
        let distance = Self.closeness(instance.slots[origin[e]].region, instance.slots[t].region).distance
        let r = rank(e, instance.slots[t].unit)
        let grant = r.map { max(0, policy.wishBonus - policy.wishStep * $0) + emp.priority } ?? 0
        var burden = 0
        if kind == .compulsory {
            burden = policy.compulsoryCost
            if emp.wish == .stay { burden += policy.stayCost }
            if !emp.preferences.isEmpty && r == nil { burden += policy.ignoredWishCost }
        }
        let cost = policy.fitWeight * (100 - fit) + distance + burden - grant
        return Figures(kind: kind, wishRank: r, cost: cost, fit: fit, distance: distance, grant: grant, burden: burden)
    }

    func seat(_ t: Int, _ j: Int) -> Int {
        let need = instance.slots[t].need
        if j <= need { return -(1000 + (1000 * (need - j + 1)) / need) }
        let n = max(need, 1)
        return (500 * min(j - need, n)) / n
    }

    func staff(_ t: Int, _ h: Int) -> Int {
        var total = 0
        if h >= 1 { for j in 1...h { total += seat(t, j) } }
        return total
    }

    /// The objective of a set of (employee, target) moves, or nil when it is not feasible.
    func objective(_ moves: [(employee: Int, target: Int)]) -> Int? {
        var compulsoryIn = [Int](repeating: 0, count: instance.slots.count)
        var compulsoryOut = compulsoryIn
        var h = current
        var moved = Set<Int>()
        var total = 0
        for (e, t) in moves {
            guard let kind = kind(e, t), moved.insert(e).inserted else { return nil }
            if kind == .compulsory {
                compulsoryIn[t] += 1
                if instance.employees[e].wish != .move { compulsoryOut[origin[e]] += 1 }
            }
            h[origin[e]] -= 1
            h[t] += 1
            total += move(e, t).cost
        }
        for s in instance.slots.indices {
            guard compulsoryIn[s] <= deficit[s], compulsoryOut[s] <= surplus[s] else { return nil }
            total += staff(s, h[s]) - staff(s, current[s])
        }
        return total
    }

    /// Number of plans `bestObjective` would enumerate at most (to keep the search small).
    var searchSize: Double {
        free.reduce(1.0) { size, e in
            size * Double(1 + instance.slots.indices.filter { kind(e, $0) != nil }.count)
        }
    }

    /// The least objective over every feasible plan, by trying them all.
    func bestObjective() -> Int {
        let options = free.map { e in instance.slots.indices.compactMap { t in kind(e, t).map { (t, $0, move(e, t).cost) } } }
        var compulsoryIn = [Int](repeating: 0, count: instance.slots.count)
        var compulsoryOut = compulsoryIn
        var h = current
        var best = 0
        func search(_ i: Int, _ cost: Int) {
            if i == free.count {
                var total = cost
                for s in instance.slots.indices { total += staff(s, h[s]) - staff(s, current[s]) }
                best = min(best, total)
                return
            }
            search(i + 1, cost)  // stays
            let e = free[i]
            let volunteer = instance.employees[e].wish == .move
            for (t, kind, moveCost) in options[i] {
                if kind == .compulsory {
                    if compulsoryIn[t] >= deficit[t] { continue }
                    if !volunteer && compulsoryOut[origin[e]] >= surplus[origin[e]] { continue }
                    compulsoryIn[t] += 1
                    if !volunteer { compulsoryOut[origin[e]] += 1 }
                }
                h[origin[e]] -= 1; h[t] += 1
                search(i + 1, cost + moveCost)
                h[origin[e]] += 1; h[t] -= 1
                if kind == .compulsory {
                    compulsoryIn[t] -= 1
                    if !volunteer { compulsoryOut[origin[e]] -= 1 }
                }
            }
        }
        search(0, 0)
        return best
    }

    /// Balance of all slots for the given active headcounts.
    func balance(_ headcounts: [Int]) -> (need: Int, deficit: Int, surplus: Int) {
        var need = 0, d = 0, s = 0
        for (i, slot) in instance.slots.enumerated() {
            need += slot.need
            d += max(0, slot.need - headcounts[i])
            s += max(0, headcounts[i] - slot.need)
        }
        return (need, d, s)
    }

    /// The voice figures of a set of moves.
    func voice(_ moves: [(employee: Int, target: Int)]) -> Plan.Voice {
        var v = Plan.Voice()
        v.volunteers = instance.employees.indices.filter { active[$0] && instance.employees[$0].wish == .move }.count
        for (e, t) in moves {
            let emp = instance.employees[e]
            let f = move(e, t)
            if emp.wish == .move { v.volunteersMoved += 1 }
            if f.wishRank != nil { v.movesOnWish += 1 }
            if f.kind == .compulsory {
                v.compulsoryMoves += 1
                if !emp.preferences.isEmpty && f.wishRank == nil { v.compulsoryAgainstWish += 1 }
                if emp.wish == .stay { v.stayOverridden += 1 }
            }
            if moves.contains(where: { $0.employee != e && origin[$0.employee] == t && move($0.employee, $0.target).kind == .voluntary }) {
                v.exchanges += 1
            }
        }
        return v
    }

    /// Checks every figure of a plan against this model; returns the problems found.
    func problems(in plan: Plan) -> [String] {
        var problems: [String] = []
        var employeeIndex: [[UInt8]: Int] = [:]
        for (i, e) in instance.employees.enumerated() { employeeIndex[Array(e.id.utf8)] = i }
        var pairs: [(employee: Int, target: Int)] = []
        var after = current
        for move in plan.moves {
            guard let e = employeeIndex[Array(move.employee.utf8)], let t = slotIndex[Array(move.to.utf8)] else {
                problems.append("unknown employee or slot in \(move)")
                continue
            }
            guard kind(e, t) != nil else {
                problems.append("move not allowed: \(move)")
                continue
            }
            pairs.append((e, t))
            let expected = self.move(e, t)
            if !Self.same(move.from, instance.employees[e].slot) { problems.append("from of \(move.employee)") }
            let got = Figures(kind: move.kind, wishRank: move.wishRank, cost: move.cost, fit: move.fit,
                              distance: move.distance, grant: move.grant, burden: move.burden)
            if got != expected { problems.append("figures of \(move.employee): \(got) expected \(expected)") }
            let needs = instance.slots[t].competencies.compactMap { r -> Plan.TrainingNeed? in
                let missing = r.level - level(e, r.code)
                return missing > 0 ? Plan.TrainingNeed(code: r.code, gap: missing) : nil
            }
            if move.trainingNeeds != needs { problems.append("training needs of \(move.employee)") }
            after[origin[e]] -= 1
            after[t] += 1
        }
        if pairs.map(\.employee) != pairs.map(\.employee).sorted() { problems.append("moves not in employee order") }
        if let objective = objective(pairs) {
            if objective != plan.objective { problems.append("objective \(plan.objective), moves add up to \(objective)") }
        } else {
            problems.append("plan is not feasible")
        }
        for (name, balance, counts) in [("before", plan.before, current), ("after", plan.after, after)] {
            let (need, d, s) = self.balance(counts)
            let imbalance = need == 0 ? 0 : Double(d + s) / Double(need)
            if (balance.need, balance.deficit, balance.surplus) != (need, d, s) || balance.imbalance != imbalance {
                problems.append("\(name) balance \(balance) expected \((need, d, s, imbalance))")
            }
        }
        if problems.isEmpty && plan.voice != voice(pairs) {
            problems.append("voice \(plan.voice) expected \(voice(pairs))")
        }
        return problems
    }
}
