import Testing
import MutasiPlanning

/// Each rule of planning.md on a hand-made instance, with the expected plan worked out by hand.
struct PlannerRuleTests {
    /// A slot with one person too many, a slot with one seat empty, and `person` as the only
    /// one who might move (the other holder of the full slot is locked).
    func oneCandidate(
        _ person: PlanningInstance.Employee, target: PlanningInstance.Slot = slot("T", need: 1),
        origin: PlanningInstance.Slot = slot("O", need: 1), policy: PlanningInstance.Policy = .init()
    ) -> PlanningInstance {
        PlanningInstance(policy: policy, slots: [origin, target],
                         employees: [person, employee("stay", in: "O", locked: true)])
    }

    func moves(_ instance: PlanningInstance) async throws -> [String] {
        let plan = try await solve(instance)
        #expect(ReferenceModel(instance).problems(in: plan) == [])
        return plan.moves.map { "\($0.employee)->\($0.to)" }
    }

    @Test func basicMoveWithEveryFigure() async throws {
        let plan = try await solve(oneCandidate(employee("e", in: "O")))
        // cost 3*(100-100) + 60 (no preferences) + 0 (same region); fill 1000 + 1000*1/1;
        // release 500*min(1,1)/1.
        #expect(plan.objective == 60 - 2000 - 500)
        #expect(plan.moves == [Plan.Move(employee: "e", from: "O", to: "T", cost: 60, fit: 100,
                                         preference: 60, distance: 0, trainingNeeds: [])])
        #expect(plan.before == Plan.Balance(need: 2, deficit: 1, surplus: 1))
        #expect(plan.before.imbalance == 1.0)
        #expect(plan.after == Plan.Balance(need: 2, deficit: 0, surplus: 0))
    }

    @Test func eligibilityConditions() async throws {
        #expect(try await moves(oneCandidate(employee("e", in: "O", locked: true))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", performance: 3))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", performance: 4))) == ["e->T"])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 23))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 24))) == ["e->T"])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 2, requested: true))) == ["e->T"])
        // No surplus at the origin: need 2 for two people.
        #expect(try await moves(oneCandidate(employee("e", in: "O"), origin: slot("O", need: 2))) == [])
        let strict = PlanningInstance.Policy(minMonthsInPosition: 36, minPerformance: 5)
        #expect(try await moves(oneCandidate(employee("e", in: "O", performance: 4), policy: strict)) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 30), policy: strict)) == [])
    }

    @Test func retirementsInsideTheHorizon() async throws {
        // Retiring within 12 months: not counted, never moved; the seat left is a vacancy.
        let retiring = oneCandidate(employee("e", in: "O", monthsToRetirement: 12))
        let plan = try await solve(retiring)
        #expect(plan.moves.isEmpty)
        #expect(plan.before == Plan.Balance(need: 2, deficit: 1, surplus: 0))
        let vacancy = PlanningInstance(
            slots: [slot("O", need: 1), slot("T", need: 1)],
            employees: [employee("e", in: "O"), employee("stay", in: "O"),
                        employee("old", in: "T", monthsToRetirement: 6)])
        #expect(try await moves(vacancy).count == 1)
        let longHorizon = PlanningInstance.Policy(horizonMonths: 300)
        #expect(try await moves(oneCandidate(employee("e", in: "O"), policy: longHorizon)) == [])
    }

    @Test func qualificationConditions() async throws {
        let e = employee("e", in: "O", grade: 9, field: "kesehatan", competencies: ["EPI": 1])
        #expect(try await moves(oneCandidate(e, target: slot("T", need: 0))) == [])
        #expect(try await moves(oneCandidate(e, target: slot("T", need: 1, grades: 10...12))) == [])
        #expect(try await moves(oneCandidate(e, target: slot("T", need: 1, grades: 5...8))) == [])
        #expect(try await moves(oneCandidate(e, target: slot("T", need: 1, grades: 9...9))) == ["e->T"])
        #expect(try await moves(oneCandidate(e, target: slot("T", need: 1, fields: ["hukum"]))) == [])
        #expect(try await moves(oneCandidate(e, target: slot("T", need: 1, fields: ["hukum", "kesehatan"]))) == ["e->T"])
        // Gap 3 > 2 (default), gap 2 allowed with fit 50 and the needs listed in slot order.
        let far = slot("T", need: 1, competencies: [("EPI", 3), ("SUR", 1)])
        #expect(try await moves(oneCandidate(e, target: far)) == [])
        let near = slot("T", need: 1, competencies: [("SUR", 1), ("EPI", 2)])
        let plan = try await solve(oneCandidate(e, target: near))
        #expect(plan.moves.first?.fit == 50)
        #expect(plan.moves.first?.cost == 150 + 60)
        #expect(plan.moves.first?.trainingNeeds == [Plan.TrainingNeed(code: "SUR", gap: 1),
                                                     Plan.TrainingNeed(code: "EPI", gap: 1)])
        let lenient = PlanningInstance.Policy(maxTrainableGap: 3)
        #expect(try await moves(oneCandidate(e, target: far, policy: lenient)) == ["e->T"])
    }

    @Test func scopeAndDistance() async throws {
        func distance(_ from: String, _ to: String, _ scope: PlanningInstance.Scope) async throws -> Int? {
            let instance = oneCandidate(employee("e", in: "O"), target: slot("T", region: to, need: 1),
                                        origin: slot("O", region: from, need: 1), policy: .init(scope: scope))
            let plan = try await solve(instance)
            #expect(ReferenceModel(instance).problems(in: plan) == [])
            return plan.moves.first?.distance
        }
        #expect(try await distance("53.71.02", "53.71.02", .regency) == 0)
        #expect(try await distance("53", "53", .regency) == 0)
        #expect(try await distance("53.71.01", "53.71.02", .regency) == 20)
        #expect(try await distance("53.71", "53.71.02", .regency) == 20)
        #expect(try await distance("53.71", "53.01", .regency) == nil)
        #expect(try await distance("53", "53.01", .regency) == nil)
        #expect(try await distance("53.71", "53.01", .province) == 60)
        #expect(try await distance("53", "53.01", .province) == 60)
        #expect(try await distance("53.71", "52.71", .province) == nil)
        #expect(try await distance("53.71", "52.71", .any) == 150)
        #expect(try await distance("53.71.01", "53.71.01", .any) == 0)
    }

    @Test func preferencesPickTheUnit() async throws {
        let instance = PlanningInstance(
            slots: [slot("O", need: 1), slot("A", unit: "UA", need: 1), slot("B", unit: "UB", need: 1)],
            employees: [employee("e", in: "O", preferences: ["nowhere", "UB", "UA"]),
                        employee("stay", in: "O", locked: true)])
        let plan = try await solve(instance)
        #expect(plan.moves.map(\.to) == ["B"])
        #expect(plan.moves.first?.preference == 20)
        #expect(ReferenceModel(instance).problems(in: plan) == [])
        // Listed units that do not match cost 150, more than no preferences at all (60).
        let unlisted = oneCandidate(employee("e", in: "O", preferences: ["elsewhere"]))
        #expect(try await solve(unlisted).moves.first?.preference == 150)
    }

    @Test func convexBenefitsSpreadScarcePeople() async throws {
        // Two people for two slots short by two each: one each earns 1500 + 1500, both in one
        // slot 1500 + 1250.
        let even = PlanningInstance(
            slots: [slot("O", need: 2), slot("A", need: 4), slot("B", need: 4)],
            employees: staff("o", in: "O", count: 4) + staff("a", in: "A", count: 2) + staff("b", in: "B", count: 2))
        let plan = try await solve(even)
        #expect(Set(plan.moves.map(\.to)) == ["A", "B"])
        #expect(plan.objective == 120 - 3000 - (500 + 250))
        // One person: the slot short by its whole need earns 2000, the large one 1200.
        let scarce = PlanningInstance(
            slots: [slot("O", need: 1), slot("Big", need: 10), slot("Small", need: 2)],
            employees: staff("o", in: "O", count: 2) + staff("g", in: "Big", count: 8))
        #expect(try await solve(scarce).moves.map(\.to) == ["Small"])
    }

    @Test func needZeroAndEmptyInstance() async throws {
        // A slot with need 0 releases everyone, at 500 each (divisor max(need, 1)).
        let closing = PlanningInstance(
            slots: [slot("Closed", need: 0), slot("A", need: 3), slot("B", need: 3)],
            employees: staff("c", in: "Closed", count: 2) + staff("a", in: "A", count: 2) + staff("b", in: "B", count: 2))
        let plan = try await solve(closing)
        #expect(plan.moves.count == 2)
        #expect(plan.objective == 120 - 2 * (1000 + 1000 * 1 / 3) - 1000)
        #expect(plan.after == Plan.Balance(need: 6, deficit: 0, surplus: 0))
        let empty = try await solve(PlanningInstance(slots: [slot("Z", need: 0)], employees: []))
        #expect(empty.objective == 0 && empty.moves.isEmpty)
        #expect(empty.before == Plan.Balance(need: 0, deficit: 0, surplus: 0) && empty.before.imbalance == 0)
    }

    @Test func tiesAndChainsAreSolvedExactly() async throws {
        // Two identical candidates for one seat: exactly one moves.
        let tie = PlanningInstance(slots: [slot("O", need: 1), slot("T", need: 1)],
                                   employees: staff("e", in: "O", count: 3))
        #expect(try await moves(tie).count == 1)
        // x fits both targets, y only A: the optimum sends y to A and x to B, though A is
        // x's cheaper seat.
        let chain = PlanningInstance(
            slots: [slot("X", need: 1), slot("Y", need: 1), slot("A", need: 1, fields: ["hukum", "ekonomi"]),
                    slot("B", region: "53.01", need: 1, fields: ["hukum"])],
            employees: [employee("x", in: "X"), employee("x2", in: "X", locked: true),
                        employee("y", in: "Y", field: "ekonomi"), employee("y2", in: "Y", locked: true)])
        #expect(Set(try await moves(chain)) == ["x->B", "y->A"])
    }

    @Test func deterministicAndCancellable() async throws {
        var rng = SeededGenerator(seed: 99)
        let instance = RandomInstances.make(&rng, slots: 30, employees: 200)
        let first = try await solve(instance)
        #expect(try await solve(instance) == first)
        let task = Task { try await Planner.solve(instance) }
        task.cancel()
        await #expect(throws: CancellationError.self) { try await task.value }
    }

    @Test func progressIsReported() async throws {
        var rng = SeededGenerator(seed: 5)
        let instance = RandomInstances.make(&rng, slots: 20, employees: 100)
        let seen = ProgressLog()
        _ = try await Planner.solve(instance) { seen.add($0) }
        let stages = seen.all.map(\.stage)
        #expect(stages.first == .building && stages.last == .solving)
        #expect(seen.all.allSatisfy { (0...1).contains($0.fraction) })
        #expect(seen.all.last?.fraction == 1)
    }
}

import Synchronization

final class ProgressLog: Sendable {
    private let events = Mutex<[PlanningProgress]>([])
    func add(_ event: PlanningProgress) { events.withLock { $0.append(event) } }
    var all: [PlanningProgress] { events.withLock { $0 } }
}
