import Testing
import MutasiPlanning

/// Small random instances drawn to hit every rule of version 2: few regions at several depths,
/// units that several slots share, ids that differ only in Unicode normalisation, grades and
/// fields that sometimes fit, competencies near the thresholds, retirements, locks, every wish,
/// priorities, repeated and unknown preferences (one's own unit among them), both modes, and
/// weights away from the defaults.
enum RandomInstances {
    static let regions = ["53", "53.71", "53.71", "53.71.01", "53.71.02", "53.01", "53.01.01", "52.71"]
    static let fields = ["hukum", "ekonomi", "kesehatan"]
    static let codes = ["EPI", "KLN", "SUR"]
    /// Two unit names that Swift's `==` calls equal but planning.md keeps apart.
    static let units = ["U0", "U1", "U2", "caf\u{E9}", "cafe\u{301}"]

    static func make(_ rng: inout SeededGenerator, slots slotCount: Int, employees employeeCount: Int) -> PlanningInstance {
        func pick<T>(_ list: [T]) -> T { list[Int.random(in: 0..<list.count, using: &rng)] }
        func chance(_ p: Double) -> Bool { Double.random(in: 0..<1, using: &rng) < p }
        let units = Array(Self.units.prefix(max(2, slotCount - 1)))
        // Half the instances have slots anyone may hold, so that many moves are allowed.
        let loose = chance(0.5)
        let slots = (0..<slotCount).map { i -> PlanningInstance.Slot in
            let low = loose ? 1 : Int.random(in: 1...10, using: &rng)
            return PlanningInstance.Slot(
                id: i == 1 && chance(0.3) ? "s\u{E9}" : "slot\(i)", unit: pick(units), region: pick(regions),
                need: Int.random(in: 0...4, using: &rng),
                minGrade: low, maxGrade: loose ? 17 : min(17, low + Int.random(in: 0...10, using: &rng)),
                educationFields: loose || chance(0.6) ? [] : Array(fields.shuffled(using: &rng).prefix(Int.random(in: 1...2, using: &rng))),
                competencies: codes.shuffled(using: &rng).prefix(Int.random(in: 0...(loose ? 1 : 2), using: &rng))
                    .map { PlanningInstance.Requirement(code: $0, level: Int.random(in: 1...3, using: &rng)) })
        }
        let defaults = PlanningInstance.Policy()
        let custom = chance(0.3)
        func weight(_ standard: Int) -> Int { custom ? pick([0, standard / 3, standard, standard * 2, 1500]) : standard }
        let policy = PlanningInstance.Policy(
            horizonMonths: pick([0, 12]), minMonthsInPosition: pick([0, 24]), minPerformance: pick([1, 3, 4]),
            maxTrainableGap: pick([0, 2, 3, 9]), scope: pick([.regency, .province, .province, .any]),
            mode: chance(0.2) ? .voluntary : .balance,
            fitWeight: weight(defaults.fitWeight), wishBonus: weight(defaults.wishBonus),
            wishStep: weight(defaults.wishStep), compulsoryCost: weight(defaults.compulsoryCost),
            stayCost: weight(defaults.stayCost), ignoredWishCost: weight(defaults.ignoredWishCost))
        let employees = (0..<employeeCount).map { i -> PlanningInstance.Employee in
            var competencies: [String: Int] = [:]
            for code in codes where chance(0.6) { competencies[code] = Int.random(in: 0...5, using: &rng) }
            let wish: PlanningInstance.Wish = chance(0.55) ? .move : chance(0.3) ? .stay : .none
            let home = chance(0.6) ? Int.random(in: 0..<(slotCount + 1) / 2, using: &rng) : pick(Array(slots.indices))
            return PlanningInstance.Employee(
                // Most people crowd into the first slots, so that the others are short.
                id: i == 1 && chance(0.3) ? "\u{C5}" : "e\(i)", slot: slots[home].id,
                grade: Int.random(in: 6...13, using: &rng),
                educationField: pick(fields), competencies: competencies,
                performance: pick([2, 3, 4, 5, 5, 5]), monthsInPosition: Int.random(in: 0...60, using: &rng),
                monthsToRetirement: Int.random(in: 0...80, using: &rng), wish: wish,
                priority: chance(0.5) ? 0 : pick([0, 10, 45, 200, 500]), locked: chance(0.08),
                preferences: (0..<Int.random(in: (wish == .move ? 1 : 0)...(wish == .move ? 4 : 2), using: &rng)).map { _ in
                    chance(0.1) ? "no-such-unit" : chance(0.15) ? slots[home].unit : pick(units)
                })
        }
        return PlanningInstance(policy: policy, slots: slots, employees: employees)
    }
}

struct CrossCheckTests {
    /// The engine's objective equals the best found by trying every feasible plan, and every
    /// figure of its plan agrees with the reference model.
    @Test func matchesExhaustiveSearch() async throws {
        var rng = SeededGenerator(seed: 20_261_129)
        var checked = 0, withMoves = 0, withVoluntary = 0, withExchanges = 0, withCompulsory = 0
        while checked < 5000 {
            let instance = RandomInstances.make(&rng, slots: Int.random(in: 2...5, using: &rng),
                                                employees: Int.random(in: 2...10, using: &rng))
            let reference = ReferenceModel(instance)
            guard reference.searchSize <= 200_000 else { continue }
            checked += 1
            let plan = try await solve(instance)
            #expect(plan.objective == reference.bestObjective(), "instance \(checked): \(instance)")
            #expect(reference.problems(in: plan) == [], "instance \(checked)")
            if !plan.moves.isEmpty { withMoves += 1 }
            if plan.moves.contains(where: { $0.kind == .voluntary }) { withVoluntary += 1 }
            if plan.moves.contains(where: { $0.kind == .compulsory }) { withCompulsory += 1 }
            if plan.voice.exchanges > 0 { withExchanges += 1 }
        }
        // The draw must exercise the solver, not only empty plans.
        print("exhaustive cross-check: \(checked) instances, \(withMoves) with moves, \(withVoluntary) with voluntary, "
              + "\(withCompulsory) with compulsory moves, \(withExchanges) with exchanges")
        #expect(withMoves > 1700)
        #expect(withVoluntary > 850)
        #expect(withCompulsory > 1100)
        #expect(withExchanges > 100)
    }

    /// Larger random instances: no exhaustive search, but the plan must be feasible, its
    /// figures right, and no added, redirected or dropped move may improve it.
    @Test func largerPlansAreConsistent() async throws {
        var rng = SeededGenerator(seed: 7)
        var totalMoves = 0
        for _ in 0..<12 {
            let instance = RandomInstances.make(&rng, slots: 20, employees: 120)
            let plan = try await solve(instance)
            totalMoves += plan.moves.count
            let reference = ReferenceModel(instance)
            #expect(reference.problems(in: plan) == [])
            var index: [[UInt8]: Int] = [:]
            for (i, e) in instance.employees.enumerated() { index[Array(e.id.utf8)] = i }
            let pairs = plan.moves.map { (employee: index[Array($0.employee.utf8)]!, target: reference.slotIndex[Array($0.to.utf8)]!) }
            let moved = Set(pairs.map(\.employee))
            for e in reference.free {
                for t in instance.slots.indices where reference.kind(e, t) != nil {
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
                if let objective = reference.objective(fewer) { #expect(objective >= plan.objective) }
            }
        }
        #expect(totalMoves > 40)
    }
}
