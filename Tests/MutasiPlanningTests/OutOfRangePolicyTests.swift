import MutasiPlanning
import Testing

/// Values at the edges of what planning.md allows: refused where it lists them as bad input,
/// solved as the rules read otherwise.
@Suite("Unusual but valid input")
struct OutOfRangePolicyTests {
    typealias I = PlanningInstance

    static func instance(minPerformance: Int, targetGrades: (Int, Int)) -> I {
        I(policy: I.Policy(minPerformance: minPerformance),
          slots: [I.Slot(id: "from", unit: "U1", region: "53.71", need: 0, minGrade: 1, maxGrade: 17),
                  I.Slot(id: "to", unit: "U2", region: "53.71", need: 1, minGrade: targetGrades.0, maxGrade: targetGrades.1)],
          employees: [I.Employee(id: "E", slot: "from", grade: 9, educationField: "x", performance: 1,
                                 monthsInPosition: 60, monthsToRetirement: 200)])
    }

    @Test("minPerformance is a predicate, 1 to 5: 1 lets everyone pass, outside is refused")
    func minPerformanceOutsideScale() async throws {
        let everyone = try await Planner.solve(Self.instance(minPerformance: 1, targetGrades: (1, 17)))
        #expect(everyone.moves.map(\.employee) == ["E"])
        for value in [0, 6] {
            #expect(throws: PlanningInputError.self) {
                try Self.instance(minPerformance: value, targetGrades: (1, 17)).validate()
            }
        }
    }

    @Test("a slot whose minGrade is above its maxGrade is never a target")
    func invertedGradeRange() async throws {
        let plan = try await Planner.solve(Self.instance(minPerformance: 1, targetGrades: (12, 3)))
        #expect(plan.moves.isEmpty)
        #expect(plan.before.deficit == 1)
    }
}
