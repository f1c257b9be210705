import Testing
import MutasiPlanning

/// Small random instances drawn to hit every rule: few regions at several depths, ids that
/// share prefixes, grades and fields that sometimes fit, competencies near the thresholds,
/// retirements, locks, requests, repeated and unknown preferences, all policies.
enum RandomInstances {
    static let regions = ["53", "53.71", "53.71", "53.71.01", "53.71.02", "53.01", "53.01.01", "52.71"]
    static let fields = ["hukum", "ekonomi", "kesehatan"]
    static let codes = ["EPI", "KLN", "SUR"]

    static func make(_ rng: inout SeededGenerator, slots slotCount: Int, employees employeeCount: Int) -> PlanningInstance {
        func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        let units = (0..<max(1, slotCount - 1)).map { "unit\($0)" }
        let slots = (0..<slotCount).map { i -> PlanningInstance.Slot in
            let low = Int.random(in: 1...10, using: &rng)
            return PlanningInstance.Slot(
                id: "slot\(i)", unit: pick(units), region: pick(regions), need: Int.random(in: 0...3, using: &rng),
                minGrade: low, maxGrade: min(17, low + Int.random(in: 0...10, using: &rng)),
                educationFields: chance(0.6) ? [] : Array(fields.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng))),
                competencies: codes.shuffled(using: &rng).prefix(Int.random(in: 0...2, using: &rng))
                    .map { PlanningInstance.Requirement(code: $0, level: Int.random(in: 1...3, using: &rng)) })
        }
        let policy = PlanningInstance.Policy(
            horizonMonths: pick([0, 12]), minMonthsInPosition: pick([0, 24]), minPerformance: pick([1, 3, 4]),
            maxTrainableGap: pick([0, 2, 3, 9]), scope: pick([.regency, .province, .province, .any]))
        let employees = (0..<employeeCount).map { i -> PlanningInstance.Employee in
            var competencies: [String: Int] = [:]
            for code in codes where chance(0.6) { competencies[code] = Int.random(in: 0...5, using: &rng) }
            return PlanningInstance.Employee(
                // Most people crowd into the first slots, so that the others are short.
                id: "e\(i)", slot: slots[chance(0.7) ? Int.random(in: 0..<(slotCount + 1) / 2, using: &rng) : pick(Array(slots.indices))].id,
                grade: Int.random(in: 6...13, using: &rng),
                educationField: pick(fields), competencies: competencies,
                performance: pick([2, 3, 4, 5, 5]), monthsInPosition: Int.random(in: 0...60, using: &rng),
                monthsToRetirement: Int.random(in: 0...60, using: &rng), requested: chance(0.2), locked: chance(0.1),
                preferences: (0..<Int.random(in: 0...5, using: &rng)).map { _ in chance(0.1) ? "no-such-unit" : pick(units) })
        }
        return PlanningInstance(policy: policy, slots: slots, employees: employees)
    }
}

struct CrossCheckTests {
    /// The engine's objective equals the best found by trying every plan, and every figure of
    /// its plan agrees with the reference model.
    @Test func matchesExhaustiveSearch() async throws {
        var rng = SeededGenerator(seed: 20_240_601)
        var checked = 0, withMoves = 0
        while checked < 600 {
            let instance = RandomInstances.make(&rng, slots: Int.random(in: 2...6, using: &rng),
                                                employees: Int.random(in: 2...14, using: &rng))
            let reference = ReferenceModel(instance)
            guard reference.eligible.count <= 8 else { continue }
            checked += 1
            let plan = try await solve(instance)
            #expect(plan.objective == reference.bestObjective(), "instance \(checked)")
            #expect(reference.problems(in: plan) == [], "instance \(checked)")
            if !plan.moves.isEmpty { withMoves += 1 }
        }
        #expect(withMoves > 180)  // the draw must exercise the solver, not only empty plans
    }

    /// Larger random instances: no exhaustive search, but the plan must be feasible, its
    /// figures right, and no added, redirected or dropped move may improve it.
    @Test func largerPlansAreConsistent() async throws {
        var rng = SeededGenerator(seed: 7)
        var totalMoves = 0
        for _ in 0..<20 {
            let instance = RandomInstances.make(&rng, slots: 30, employees: 200)
            let plan = try await solve(instance)
            totalMoves += plan.moves.count
            let reference = ReferenceModel(instance)
            #expect(reference.problems(in: plan) == [])
            let index = Dictionary(uniqueKeysWithValues: instance.employees.enumerated().map { ($1.id, $0) })
            let slotIndex = reference.slotIndex
            let pairs = plan.moves.map { (employee: index[$0.employee]!, target: slotIndex[$0.to]!) }
            let moved = Set(pairs.map(\.employee))
            for e in reference.eligible {
                for t in instance.slots.indices where reference.qualified(e, t) {
                    // Add e -> t, or send e there instead of where the plan sends it.
                    let changed = moved.contains(e)
                        ? pairs.map { $0.employee == e ? (employee: e, target: t) : $0 }
                        : pairs + [(employee: e, target: t)]
                    if let objective = reference.objective(changed) { #expect(objective >= plan.objective) }
                }
            }
            for i in pairs.indices {  // drop one move
                var fewer = pairs
                fewer.remove(at: i)
                #expect(reference.objective(fewer)! >= plan.objective)
            }
        }
        #expect(totalMoves > 40)
    }
}
