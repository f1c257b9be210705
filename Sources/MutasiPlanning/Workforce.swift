/// The derived quantities of planning.md (active, current, deficit, surplus, eligible) over a
/// validated instance, with slots resolved to indices.
///
/// Building one is the only way to validate an instance, so the server's instances and the
/// offline solver's files are refused by exactly the same checks.
struct Workforce: Sendable {
    let instance: PlanningInstance
    /// Index of each employee's current slot.
    let employeeSlot: [Int]
    /// Active employees per slot (`current`).
    let current: [Int]
    let deficit: [Int]
    let surplus: [Int]
    /// Employees that may be moved, in input order.
    let eligible: [Int]

    /// Needs above this are refused: no real slot needs them and sums stay far from overflow.
    static let maxNeed = 1_000_000_000_000

    init(_ instance: PlanningInstance) throws {
        self.instance = instance
        let policy = instance.policy
        try Self.check(policy)

        var slotIndex = [String: Int](minimumCapacity: instance.slots.count)
        for (i, slot) in instance.slots.enumerated() {
            let record = "slots[\(i)]" + (slot.id.isEmpty ? "" : " \"\(slot.id)\"")
            try Self.check(slot, record: record)
            if slotIndex.updateValue(i, forKey: slot.id) != nil {
                throw PlanningInputError(
                    "instance.duplicate_id", record: record, field: "id",
                    "slot id \"\(slot.id)\" is used by more than one slot")
            }
        }

        var employeeIds = Set<String>(minimumCapacity: instance.employees.count)
        var employeeSlot = [Int](repeating: 0, count: instance.employees.count)
        var current = [Int](repeating: 0, count: instance.slots.count)
        for (i, employee) in instance.employees.enumerated() {
            let record = "employees[\(i)]" + (employee.id.isEmpty ? "" : " \"\(employee.id)\"")
            try Self.check(employee, record: record)
            if !employeeIds.insert(employee.id).inserted {
                throw PlanningInputError(
                    "instance.duplicate_id", record: record, field: "id",
                    "employee id \"\(employee.id)\" is used by more than one employee")
            }
            guard let s = slotIndex[employee.slot] else {
                throw PlanningInputError(
                    "instance.unknown_slot", record: record, field: "slot",
                    "no slot has the id \"\(employee.slot)\"")
            }
            employeeSlot[i] = s
            if employee.monthsToRetirement > policy.horizonMonths { current[s] += 1 }
        }

        let needs = instance.slots.map(\.need)
        self.employeeSlot = employeeSlot
        self.current = current
        self.deficit = zip(needs, current).map { max(0, $0 - $1) }
        self.surplus = zip(needs, current).map { max(0, $1 - $0) }
        let surplus = self.surplus
        self.eligible = instance.employees.indices.filter { i in
            let e = instance.employees[i]
            return e.monthsToRetirement > policy.horizonMonths && !e.locked
                && e.performance >= policy.minPerformance
                && (e.monthsInPosition >= policy.minMonthsInPosition || e.requested)
                && surplus[employeeSlot[i]] > 0
        }
    }

    /// Balance of all slots with the given active headcounts.
    func balance(headcounts: [Int]) -> Plan.Balance {
        Plan.Balance(needs: instance.slots.map(\.need), headcounts: headcounts)
    }

    // MARK: - Checks

    private static func check(_ policy: PlanningInstance.Policy) throws {
        for (field, value) in [
            ("horizonMonths", policy.horizonMonths),
            ("minMonthsInPosition", policy.minMonthsInPosition),
            ("maxTrainableGap", policy.maxTrainableGap),
        ] where value < 0 {
            throw PlanningInputError(
                "instance.negative_value", record: "policy", field: field,
                "\(value) is negative")
        }
        // minPerformance outside 1...5 is allowed: it lets everyone (below 1) or nobody
        // (above 5) pass, as the eligibility rule reads.
    }

    private static func check(_ slot: PlanningInstance.Slot, record: String) throws {
        try nonEmpty(slot.id, record: record, field: "id")
        try nonEmpty(slot.unit, record: record, field: "unit")
        if slot.need < 0 {
            throw PlanningInputError(
                "instance.negative_value", record: record, field: "need", "\(slot.need) is negative")
        }
        try inRange(slot.need, 0...maxNeed, "instance.value_too_large", record: record, field: "need")
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
        for (field, value) in [
            ("monthsInPosition", employee.monthsInPosition),
            ("monthsToRetirement", employee.monthsToRetirement),
        ] where value < 0 {
            throw PlanningInputError(
                "instance.negative_value", record: record, field: field, "\(value) is negative")
        }
        for code in employee.competencies.keys.sorted() {
            try inRange(employee.competencies[code]!, 0...5, "instance.level_out_of_range",
                        record: record, field: "competencies.\(code)")
        }
        if employee.preferences.count > 5 {
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
        _ value: Int, _ range: ClosedRange<Int>, _ code: String, record: String, field: String
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
