import MutasiPlanning

/// Deterministic random numbers for the randomized tests (SplitMix64), so failures repeat.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Short constructors for hand-made instances: defaults make a slot and an employee that
/// qualify everywhere, so that each test changes only the condition it is about.
func slot(
    _ id: String, unit: String? = nil, region: String = "53.71", need: Int,
    grades: ClosedRange<Int> = 1...17, fields: [String] = [], competencies: [(String, Int)] = []
) -> PlanningInstance.Slot {
    PlanningInstance.Slot(
        id: id, unit: unit ?? "U-\(id)", region: region, need: need, minGrade: grades.lowerBound,
        maxGrade: grades.upperBound, educationFields: fields,
        competencies: competencies.map { PlanningInstance.Requirement(code: $0.0, level: $0.1) })
}

func employee(
    _ id: String, in slot: String, grade: Int = 10, field: String = "hukum",
    competencies: [String: Int] = [:], performance: Int = 5, monthsInPosition: Int = 60,
    monthsToRetirement: Int = 240, wish: PlanningInstance.Wish = .none, priority: Int = 0,
    locked: Bool = false, preferences: [String] = []
) -> PlanningInstance.Employee {
    PlanningInstance.Employee(
        id: id, slot: slot, grade: grade, educationField: field, competencies: competencies,
        performance: performance, monthsInPosition: monthsInPosition,
        monthsToRetirement: monthsToRetirement, wish: wish, priority: priority, locked: locked,
        preferences: preferences)
}

func solve(_ instance: PlanningInstance) async throws -> Plan {
    try await Planner.solve(instance)
}

/// `count` employees in `slot`, all alike.
func staff(_ prefix: String, in slot: String, count: Int) -> [PlanningInstance.Employee] {
    (0..<count).map { employee("\(prefix)\($0)", in: slot) }
}
