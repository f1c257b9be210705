/// Turns the chosen (employee, target) pairs into a `Plan`, computing every figure afresh from
/// `PlanningRules`, so that the published explanation is the rules' and not the network's.
struct PlanAssembler {
    let workforce: Workforce

    init(_ workforce: Workforce) {
        self.workforce = workforce
    }

    /// The plan of the given moves, each of which must be allowed (`Workforce.kind` not nil).
    func plan(moves pairs: [(employee: Int, target: Int)]) -> Plan {
        let instance = workforce.instance
        let slots = instance.slots
        let policy = instance.policy
        var headcount = workforce.current
        var objective = 0
        var voice = Plan.Voice()
        var leftVoluntarily = [Bool](repeating: false, count: slots.count)
        let sorted = pairs.sorted { $0.employee < $1.employee }
        let moves = sorted.map { e, t -> Plan.Move in
            let employee = instance.employees[e]
            let origin = workforce.employeeSlot[e]
            headcount[origin] -= 1
            headcount[t] += 1
            let kind = workforce.kind(e, t) ?? .compulsory
            let rank = PlanningRules.rank(employee.preferences, unit: slots[t].unit)
            let fit = PlanningRules.fit(gap: PlanningRules.gap(employee.competencies, slots[t].competencies))
            let distance = PlanningRules.distance(slots[origin].region, slots[t].region)
            let grant = PlanningRules.grant(rank: rank, priority: employee.priority, policy: policy)
            let burden = PlanningRules.burden(
                kind: kind, wish: employee.wish, listsUnits: !employee.preferences.isEmpty, rank: rank, policy: policy)
            let cost = PlanningRules.moveCost(fit: fit, distance: distance, burden: burden, grant: grant, policy: policy)
            objective += cost
            if employee.wish == .move { voice.volunteersMoved += 1 }
            if rank != nil { voice.movesOnWish += 1 }
            if kind == .compulsory {
                voice.compulsoryMoves += 1
                if !employee.preferences.isEmpty && rank == nil { voice.compulsoryAgainstWish += 1 }
                if employee.wish == .stay { voice.stayOverridden += 1 }
            } else {
                leftVoluntarily[origin] = true
            }
            return Plan.Move(
                employee: employee.id, from: slots[origin].id, to: slots[t].id, kind: kind, wishRank: rank,
                cost: cost, fit: fit, distance: distance, grant: grant, burden: burden,
                trainingNeeds: PlanningRules.trainingNeeds(employee.competencies, slots[t].competencies))
        }
        voice.exchanges = sorted.filter { leftVoluntarily[$0.target] }.count
        voice.volunteers = instance.employees.indices.filter {
            workforce.active[$0] && instance.employees[$0].wish == .move
        }.count
        for s in slots.indices {
            objective += PlanningRules.staffingChange(need: slots[s].need, from: workforce.current[s], to: headcount[s])
        }
        return Plan(objective: objective, moves: moves,
                    before: workforce.balance(headcounts: workforce.current),
                    after: workforce.balance(headcounts: headcount), voice: voice)
    }
}
