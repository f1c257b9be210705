/// The derived quantities of planning.md (active, current, D, S, free, volunteer) over a
/// validated instance, with slots resolved to indices.
///
/// Building one is the only way to validate an instance, so the server's instances and the
/// offline solver's files are refused by exactly the same checks.
struct Workforce: Sendable {
    let instance: PlanningInstance
    /// Index of each employee's current slot.
    let employeeSlot: [Int]
    /// Whether each employee is active (`monthsToRetirement > horizonMonths`).
    let active: [Bool]
    /// Active employees per slot (`current`).
    let current: [Int]
    let deficit: [Int]
    let surplus: [Int]
    /// `free(e)` employees, in input order: the only ones any move may take.
    let free: [Int]

    static let maxNeed = 100_000
    static let maxMonths = 1200
    static let maxWeight = 100_000
    static let maxPriority = 500
    static let maxPreferences = 5

    init(_ instance: PlanningInstance) throws {
        self.instance = instance
        let policy = instance.policy
        try Self.check(policy)

        var slotIndex = [ExactKey: Int](minimumCapacity: instance.slots.count)
        for (i, slot) in instance.slots.enumerated() {
            let record = "slots[\(i)]" + (slot.id.isEmpty ? "" : " \"\(slot.id)\"")
            try Self.check(slot, record: record)
            if slotIndex.updateValue(i, forKey: ExactKey(slot.id)) != nil {
                throw PlanningInputError(
                    "instance.duplicate_id", record: record, field: "id",
                    "slot id \"\(slot.id)\" is used by more than one slot")
            }
        }

        var employeeIds = Set<ExactKey>(minimumCapacity: instance.employees.count)
        var employeeSlot = [Int](repeating: 0, count: instance.employees.count)
        var active = [Bool](repeating: false, count: instance.employees.count)
        var current = [Int](repeating: 0, count: instance.slots.count)
        for (i, employee) in instance.employees.enumerated() {
            let record = "employees[\(i)]" + (employee.id.isEmpty ? "" : " \"\(employee.id)\"")
            try Self.check(employee, record: record)
            if !employeeIds.insert(ExactKey(employee.id)).inserted {
                throw PlanningInputError(
                    "instance.duplicate_id", record: record, field: "id",
                    "employee id \"\(employee.id)\" is used by more than one employee")
            }
            guard let s = slotIndex[ExactKey(employee.slot)] else {
                throw PlanningInputError(
                    "instance.unknown_slot", record: record, field: "slot",
                    "no slot has the id \"\(employee.slot)\"")
            }
            employeeSlot[i] = s
            if employee.monthsToRetirement > policy.horizonMonths {
                active[i] = true
                current[s] += 1
            }
        }

        let needs = instance.slots.map(\.need)
        self.employeeSlot = employeeSlot
        self.active = active
        self.current = current
        self.deficit = zip(needs, current).map { max(0, $0 - $1) }
        self.surplus = zip(needs, current).map { max(0, $1 - $0) }
        self.free = instance.employees.indices.filter { i in
            let e = instance.employees[i]
            return active[i] && !e.locked && e.performance >= policy.minPerformance
        }
    }

    /// Whether `compulsory(e, t)` can hold for some target: the conditions on the employee.
    func mayBeCompelled(_ e: Int) -> Bool {
        let policy = instance.policy
        return policy.mode == .balance && instance.employees[e].monthsInPosition >= policy.minMonthsInPosition
            && surplus[employeeSlot[e]] > 0
    }

    /// `voluntary(e, t)` for a free employee, given the rank of the target unit.
    func isVoluntary(_ e: Int, targetRank: Int?) -> Bool {
        let employee = instance.employees[e]
        guard employee.wish == .move, let rank = targetRank else { return false }
        let unit = instance.slots[employeeSlot[e]].unit
        if let own = PlanningRules.rank(employee.preferences, unit: unit) { return rank < own }
        return true
    }

    /// The conditions of `allowed(e, t)` other than the kind: a different slot the employee
    /// qualifies for, within scope.
    func qualifies(_ e: Int, for t: Int) -> Bool {
        let employee = instance.employees[e]
        let slot = instance.slots[t]
        let origin = employeeSlot[e]
        let policy = instance.policy
        return t != origin
            && slot.minGrade <= employee.grade && employee.grade <= slot.maxGrade
            && (slot.educationFields.isEmpty || slot.educationFields.containsExactly(employee.educationField))
            && PlanningRules.gap(employee.competencies, slot.competencies) <= policy.maxTrainableGap
            && PlanningRules.inScope(policy.scope, from: instance.slots[origin].region, to: slot.region)
    }

    /// The kind of the move `(e, t)` when `allowed(e, t)` holds for a free employee, else nil.
    func kind(_ e: Int, _ t: Int) -> Plan.Kind? {
        guard qualifies(e, for: t) else { return nil }
        let rank = PlanningRules.rank(instance.employees[e].preferences, unit: instance.slots[t].unit)
        if isVoluntary(e, targetRank: rank) { return .voluntary }
        if mayBeCompelled(e) && deficit[t] > 0 { return .compulsory }
        return nil
    }

    /// Balance of all slots with the given active headcounts.
    func balance(headcounts: [Int]) -> Plan.Balance {
        Plan.Balance(needs: instance.slots.map(\.need), headcounts: headcounts)
    }

    // MARK: - Checks

    private static func check(_ policy: PlanningInstance.Policy) throws {
        let record = "policy"
        try inRange(policy.horizonMonths, 0...maxMonths, record: record, field: "horizonMonths")
        try inRange(policy.minMonthsInPosition, 0...maxMonths, record: record, field: "minMonthsInPosition")
        try inRange(policy.minPerformance, 1...5, record: record, field: "minPerformance")
        try inRange(policy.maxTrainableGap, 0...20, record: record, field: "maxTrainableGap")
        for (field, value) in [
            ("fitWeight", policy.fitWeight), ("wishBonus", policy.wishBonus), ("wishStep", policy.wishStep),
            ("compulsoryCost", policy.compulsoryCost), ("stayCost", policy.stayCost),
            ("ignoredWishCost", policy.ignoredWishCost),
        ] {
            try inRange(value, 0...maxWeight, record: record, field: field)
        }
    }

    private static func check(_ slot: PlanningInstance.Slot, record: String) throws {
        try nonEmpty(slot.id, record: record, field: "id")
        try nonEmpty(slot.unit, record: record, field: "unit")
        try inRange(slot.need, 0...maxNeed, record: record, field: "need")
        try inRange(slot.minGrade, 1...17, "instance.grade_out_of_range", record: record, field: "minGrade")
        try inRange(slot.maxGrade, 1...17, "instance.grade_out_of_range", record: record, field: "maxGrade")
        // A slot whose minGrade is above its maxGrade is allowed: nobody qualifies for it.
        for (j, requirement) in slot.competencies.enumerated() {
            try inRange(requirement.level, 1...5, "instance.level_out_of_range",
                        record: record, field: "competencies[\(j)].level")
        }
    }

    private static func check(_ employee: PlanningInstance.Employee, record: String) throws {
        try nonEmpty(employee.id, record: record, field: "id")
        try inRange(employee.grade, 1...17, "instance.grade_out_of_range", record: record, field: "grade")
        try inRange(employee.performance, 1...5, "instance.performance_out_of_range",
                    record: record, field: "performance")
        try inRange(employee.monthsInPosition, 0...maxMonths, record: record, field: "monthsInPosition")
        try inRange(employee.monthsToRetirement, 0...maxMonths, record: record, field: "monthsToRetirement")
        try inRange(employee.priority, 0...maxPriority, record: record, field: "priority")
        for code in employee.competencies.keys.sorted() {
            try inRange(employee.competencies[code]!, 0...5, "instance.level_out_of_range",
                        record: record, field: "competencies.\(code)")
        }
        if employee.preferences.count > maxPreferences {
            throw PlanningInputError(
                "instance.too_many_preferences", record: record, field: "preferences",
                "\(employee.preferences.count) preferences listed, at most 5 are allowed")
        }
    }

    private static func nonEmpty(_ value: String, record: String, field: String) throws {
        if value.isEmpty {
            throw PlanningInputError("instance.empty_id", record: record, field: field, "must not be empty")
        }
    }

    private static func inRange(
        _ value: Int, _ range: ClosedRange<Int>, _ code: String = "instance.out_of_range",
        record: String, field: String
    ) throws {
        if !range.contains(value) {
            throw PlanningInputError(
                code, record: record, field: field,
                "\(value) is outside \(range.lowerBound)..\(range.upperBound)")
        }
    }
}

extension PlanningInstance {
    /// Checks the instance against the rules of planning.md; throws the first problem found.
    public func validate() throws {
        _ = try Workforce(self)
    }
}
