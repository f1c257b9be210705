import MutasiPlanning

/// planning.md written out a second time, plainly and without the engine's code, to judge the
/// engine by: every derived quantity, the objective of any plan, and the best objective by
/// exhaustive search over all feasible plans (small instances only).
struct ReferenceModel {
    let instance: PlanningInstance
    let slotIndex: [String: Int]
    let current: [Int]
    let deficit: [Int]
    let surplus: [Int]
    let eligible: [Int]

    init(_ instance: PlanningInstance) {
        self.instance = instance
        var index: [String: Int] = [:]
        for (i, s) in instance.slots.enumerated() { index[s.id] = i }
        slotIndex = index
        var current = [Int](repeating: 0, count: instance.slots.count)
        for e in instance.employees where e.monthsToRetirement > instance.policy.horizonMonths {
            current[index[e.slot]!] += 1
        }
        self.current = current
        deficit = instance.slots.indices.map { max(0, instance.slots[$0].need - current[$0]) }
        surplus = instance.slots.indices.map { max(0, current[$0] - instance.slots[$0].need) }
        let p = instance.policy
        let surplus = self.surplus
        eligible = instance.employees.indices.filter { i in
            let e = instance.employees[i]
            return e.monthsToRetirement > p.horizonMonths && !e.locked && e.performance >= p.minPerformance
                && (e.monthsInPosition >= p.minMonthsInPosition || e.requested) && surplus[index[e.slot]!] > 0
        }
    }

    /// (distance, c) of two region codes.
    static func closeness(_ a: String, _ b: String) -> (distance: Int, shared: Int) {
        let x = a.split(separator: ".", omittingEmptySubsequences: false)
        let y = b.split(separator: ".", omittingEmptySubsequences: false)
        var c = 0
        while c < min(x.count, y.count) && x[c] == y[c] { c += 1 }
        if a == b { return (0, c) }
        return (c >= 2 ? 20 : c == 1 ? 60 : 150, c)
    }

    func gap(_ e: Int, _ t: Int) -> Int {
        var total = 0
        for r in instance.slots[t].competencies {
            let have = instance.employees[e].competencies[r.code] ?? 0
            if r.level > have { total += r.level - have }
        }
        return total
    }

    func qualified(_ e: Int, _ t: Int) -> Bool {
        let emp = instance.employees[e], target = instance.slots[t]
        let origin = slotIndex[emp.slot]!
        let (_, c) = Self.closeness(instance.slots[origin].region, target.region)
        let same = instance.slots[origin].region == target.region
        let inScope: Bool
        switch instance.policy.scope {
        case .any: inScope = true
        case .province: inScope = same || c >= 1
        case .regency: inScope = same || c >= 2
        }
        return t != origin && deficit[t] > 0 && target.minGrade <= emp.grade && emp.grade <= target.maxGrade
            && (target.educationFields.isEmpty || target.educationFields.contains(emp.educationField))
            && gap(e, t) <= instance.policy.maxTrainableGap && inScope
    }

    /// (cost, fit, preference, distance) of moving employee e to slot t.
    func move(_ e: Int, _ t: Int) -> (cost: Int, fit: Int, preference: Int, distance: Int) {
        let emp = instance.employees[e]
        let fit = max(0, 100 - 25 * gap(e, t))
        var preference = 150
        if emp.preferences.isEmpty { preference = 60 }
        else if let r = emp.preferences.firstIndex(of: instance.slots[t].unit) { preference = 20 * r }
        let distance = Self.closeness(instance.slots[slotIndex[emp.slot]!].region, instance.slots[t].region).distance
        return (3 * (100 - fit) + preference + distance, fit, preference, distance)
    }

    func fillBenefit(_ t: Int, _ k: Int) -> Int {
        1000 + 1000 * (deficit[t] - k + 1) / instance.slots[t].need
    }

    func releaseBenefit(_ s: Int, _ k: Int) -> Int {
        let m = max(instance.slots[s].need, 1)
        return 500 * min(surplus[s] - k + 1, m) / m
    }

    /// The objective of a set of (employee, target) moves, or nil when it is not feasible.
    func objective(_ moves: [(employee: Int, target: Int)]) -> Int? {
        var fills = [Int](repeating: 0, count: instance.slots.count)
        var releases = fills
        var moved = Set<Int>()
        var total = 0
        for (e, t) in moves {
            guard eligible.contains(e), qualified(e, t), moved.insert(e).inserted else { return nil }
            fills[t] += 1
            releases[slotIndex[instance.employees[e].slot]!] += 1
            total += move(e, t).cost
        }
        for s in instance.slots.indices {
            guard fills[s] <= deficit[s], releases[s] <= surplus[s] else { return nil }
            for k in stride(from: 1, through: fills[s], by: 1) { total -= fillBenefit(s, k) }
            for k in stride(from: 1, through: releases[s], by: 1) { total -= releaseBenefit(s, k) }
        }
        return total
    }

    /// The least objective over every feasible plan, by trying them all.
    func bestObjective() -> Int {
        let options = eligible.map { e in instance.slots.indices.filter { qualified(e, $0) } }
        var fills = [Int](repeating: 0, count: instance.slots.count)
        var releases = fills
        var best = 0
        func search(_ i: Int, _ cost: Int) {
            if i == eligible.count {
                var total = cost
                for s in instance.slots.indices {
                    for k in stride(from: 1, through: fills[s], by: 1) { total -= fillBenefit(s, k) }
                    for k in stride(from: 1, through: releases[s], by: 1) { total -= releaseBenefit(s, k) }
                }
                best = min(best, total)
                return
            }
            search(i + 1, cost)  // stays
            let e = eligible[i]
            let origin = slotIndex[instance.employees[e].slot]!
            guard releases[origin] < surplus[origin] else { return }
            for t in options[i] where fills[t] < deficit[t] {
                fills[t] += 1; releases[origin] += 1
                search(i + 1, cost + move(e, t).cost)
                fills[t] -= 1; releases[origin] -= 1
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

    /// Checks every figure of a plan against this model; returns the problems found.
    func problems(in plan: Plan) -> [String] {
        var problems: [String] = []
        let employeeIndex = Dictionary(uniqueKeysWithValues: instance.employees.enumerated().map { ($1.id, $0) })
        var pairs: [(employee: Int, target: Int)] = []
        var after = current
        for move in plan.moves {
            guard let e = employeeIndex[move.employee], let t = slotIndex[move.to] else {
                problems.append("unknown employee or slot in \(move)")
                continue
            }
            pairs.append((e, t))
            let expected = self.move(e, t)
            if move.from != instance.employees[e].slot { problems.append("from of \(move.employee)") }
            if (move.cost, move.fit, move.preference, move.distance) != expected {
                problems.append("figures of \(move.employee): \(move) expected \(expected)")
            }
            let needs = instance.slots[t].competencies.compactMap { r -> Plan.TrainingNeed? in
                let missing = r.level - (instance.employees[e].competencies[r.code] ?? 0)
                return missing > 0 ? Plan.TrainingNeed(code: r.code, gap: missing) : nil
            }
            if move.trainingNeeds != needs { problems.append("training needs of \(move.employee)") }
            after[slotIndex[move.from]!] -= 1
            after[t] += 1
        }
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
        return problems
    }
}
