extension Planner {
    /// The plan that carries out only the given moves of an instance, every figure (balance,
    /// voice, costs, objective) computed by the same rules as a solved plan: for when some of a
    /// solved plan's moves are dropped and the figures must describe the moves kept. Each move
    /// names an employee and a target slot by their instance ids.
    public static func assemble(_ instance: PlanningInstance, moves: [(employee: String, to: String)]) throws -> Plan {
        let workforce = try Workforce(instance)
        var employeeIndex: [String: Int] = [:]
        for (i, e) in instance.employees.enumerated() { employeeIndex[e.id] = i }
        var slotIndex: [String: Int] = [:]
        for (i, s) in instance.slots.enumerated() { slotIndex[s.id] = i }
        let pairs = try moves.map { move -> (employee: Int, target: Int) in
            guard let e = employeeIndex[move.employee] else {
                throw PlanningInputError("plan.unknown_employee", record: "moves", field: "employee",
                                         "no employee has the id \"\(move.employee)\"")
            }
            guard let t = slotIndex[move.to] else {
                throw PlanningInputError("plan.unknown_slot", record: "moves", field: "to", "no slot has the id \"\(move.to)\"")
            }
            return (e, t)
        }
        return PlanAssembler(workforce).plan(moves: pairs)
    }
}
