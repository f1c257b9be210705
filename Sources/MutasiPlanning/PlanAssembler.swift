/// Turns the chosen (employee, target) pairs into a `Plan`, computing every figure afresh from
/// `PlanningRules`, so that the published explanation is the rules' and not the network's.
struct PlanAssembler {
    let workforce: Workforce

    init(_ workforce: Workforce) {
        self.workforce = workforce
    }

    func plan(moves pairs: [(employee: Int, target: Int)]) -> Plan {
        let instance = workforce.instance
        let slots = instance.slots
        var releases = [Int](repeating: 0, count: slots.count)
        var fills = [Int](repeating: 0, count: slots.count)
        var objective = 0
        let moves = pairs.sorted { $0.employee < $1.employee }.map { e, t -> Plan.Move in
            let employee = instance.employees[e]
            let origin = workforce.employeeSlot[e]
            releases[origin] += 1
            fills[t] += 1
            let fit = PlanningRules.fit(gap: PlanningRules.gap(employee.competencies, slots[t].competencies))
            let preference = PlanningRules.preference(employee.preferences, unit: slots[t].unit)
            let distance = PlanningRules.distance(slots[origin].region, slots[t].region)
            let cost = PlanningRules.moveCost(fit: fit, preference: preference, distance: distance)
            objective += cost
            return Plan.Move(
                employee: employee.id, from: slots[origin].id, to: slots[t].id, cost: cost, fit: fit,
                preference: preference, distance: distance,
                trainingNeeds: PlanningRules.trainingNeeds(employee.competencies, slots[t].competencies))
        }
        for s in slots.indices {
            for k in stride(from: 1, through: fills[s], by: 1) {
                objective -= PlanningRules.fillBenefit(need: slots[s].need, deficit: workforce.deficit[s], k: k)
            }
            for k in stride(from: 1, through: releases[s], by: 1) {
                objective -= PlanningRules.releaseBenefit(need: slots[s].need, surplus: workforce.surplus[s], k: k)
            }
        }
        let after = slots.indices.map { workforce.current[$0] - releases[$0] + fills[$0] }
        return Plan(objective: objective, moves: moves,
                    before: workforce.balance(headcounts: workforce.current),
                    after: workforce.balance(headcounts: after))
    }
}
