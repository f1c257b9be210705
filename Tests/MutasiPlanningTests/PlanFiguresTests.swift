import Testing
import MutasiPlanning

/// `Planner.assemble`: the figures of a subset of a solved plan's moves, as when an approver
/// drops moves before approving.
struct PlanFiguresTests {
    /// All of a solved plan's moves give back the solved plan; dropping one leaves the others'
    /// figures unchanged and takes its move out of the balance and voice.
    @Test func assemblesSubsetsOfSolvedPlans() async throws {
        var rng = SeededGenerator(seed: 20_261_130)
        var checked = 0
        while checked < 300 {
            let instance = RandomInstances.make(&rng, slots: Int.random(in: 2...5, using: &rng),
                                                employees: Int.random(in: 2...10, using: &rng))
            let plan = try await solve(instance)
            guard !plan.moves.isEmpty else { continue }
            checked += 1
            #expect(try Planner.assemble(instance, moves: plan.moves.map { ($0.employee, $0.to) }) == plan)
            let kept = Array(plan.moves.dropFirst())
            let smaller = try Planner.assemble(instance, moves: kept.map { ($0.employee, $0.to) })
            #expect(smaller.moves == kept)
            #expect(smaller.before == plan.before)
            #expect(smaller.voice.compulsoryMoves == kept.filter { $0.kind == .compulsory }.count)
            #expect(smaller.voice.volunteers == plan.voice.volunteers)
        }
        #expect(try Planner.assemble(RandomInstances.make(&rng, slots: 2, employees: 2), moves: []).moves.isEmpty)
        #expect(throws: PlanningInputError.self) {
            try Planner.assemble(RandomInstances.make(&rng, slots: 2, employees: 2), moves: [("nobody", "slot0")])
        }
    }
}
