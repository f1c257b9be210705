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
        let reference = ReferenceModel(instance)
        #expect(reference.problems(in: plan) == [])
        #expect(plan.objective == reference.bestObjective())
        return plan.moves.map { "\($0.employee)->\($0.to)" }
    }

    @Test func basicCompulsoryMoveWithEveryFigure() async throws {
        let plan = try await solve(oneCandidate(employee("e", in: "O")))
        // cost 3*(100-100) + 0 (same region) + 300 (compulsory) - 0; T 0 -> 1 at seat 1 of
        // need 1: -(1000 + 1000); O 2 -> 1 gives back its second seat: -500.
        #expect(plan.objective == 300 - 2000 - 500)
        #expect(plan.moves == [Plan.Move(employee: "e", from: "O", to: "T", kind: .compulsory, wishRank: nil,
                                         cost: 300, fit: 100, distance: 0, grant: 0, burden: 300, trainingNeeds: [])])
        #expect(plan.before == Plan.Balance(need: 2, deficit: 1, surplus: 1))
        #expect(plan.before.imbalance == 1.0)
        #expect(plan.after == Plan.Balance(need: 2, deficit: 0, surplus: 0))
        #expect(plan.voice == Plan.Voice(volunteers: 0, volunteersMoved: 0, movesOnWish: 0, compulsoryMoves: 1,
                                         compulsoryAgainstWish: 0, stayOverridden: 0, exchanges: 0))
    }

    @Test func eligibilityConditions() async throws {
        #expect(try await moves(oneCandidate(employee("e", in: "O", locked: true))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", performance: 3))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", performance: 4))) == ["e->T"])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 23))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 24))) == ["e->T"])
        // A compulsory move needs the minimum time in position, volunteer or not; a voluntary
        // move does not.
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 2, wish: .move))) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 2, wish: .move,
                                                      preferences: ["U-T"]))) == ["e->T"])
        // No surplus at the origin: need 2 for two people; no compulsory move.
        #expect(try await moves(oneCandidate(employee("e", in: "O"), origin: slot("O", need: 2))) == [])
        let strict = PlanningInstance.Policy(minMonthsInPosition: 36, minPerformance: 5)
        #expect(try await moves(oneCandidate(employee("e", in: "O", performance: 4), policy: strict)) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", monthsInPosition: 30), policy: strict)) == [])
        // Voluntary mode: compulsory moves are off, voluntary ones stay.
        let voluntary = PlanningInstance.Policy(mode: .voluntary)
        #expect(try await moves(oneCandidate(employee("e", in: "O"), policy: voluntary)) == [])
        #expect(try await moves(oneCandidate(employee("e", in: "O", wish: .move, preferences: ["U-T"]),
                                             policy: voluntary)) == ["e->T"])
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
        // A retiring volunteer does not count among the volunteers.
        let leaving = try await solve(oneCandidate(employee("e", in: "O", monthsToRetirement: 3, wish: .move)))
        #expect(leaving.voice.volunteers == 0)
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
        #expect(plan.moves.first?.cost == 150 + 300)
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

    @Test func compulsoryMovePrefersListedUnitsWithTheirGrant() async throws {
        let instance = PlanningInstance(
            slots: [slot("O", need: 1), slot("A", unit: "UA", need: 1), slot("B", unit: "UB", need: 1)],
            employees: [employee("e", in: "O", priority: 25, preferences: ["nowhere", "UB", "UA"]),
                        employee("stay", in: "O", locked: true)])
        let plan = try await solve(instance)
        // To B: 300 - (200 - 30 * 1 + 25) = 105; to A: 300 - (140 + 25) = 135.
        #expect(plan.moves.map(\.to) == ["B"])
        let move = try #require(plan.moves.first)
        #expect(move.kind == .compulsory && move.wishRank == 1)
        #expect(move.grant == 195 && move.burden == 300 && move.cost == 105)
        #expect(plan.voice.movesOnWish == 1 && plan.voice.compulsoryAgainstWish == 0)
        #expect(ReferenceModel(instance).problems(in: plan) == [])
    }

    @Test func burdenOfStayAndIgnoredWishes() async throws {
        // One seat, four people who could fill it; the cheapest burden moves.
        func mover(_ people: [PlanningInstance.Employee]) async throws -> [String] {
            let instance = PlanningInstance(slots: [slot("O", need: people.count - 1), slot("T", need: 1)],
                                            employees: people)
            return try await moves(instance)
        }
        let plain = employee("plain", in: "O")
        let stays = employee("stays", in: "O", wish: .stay)
        let lists = employee("lists", in: "O", preferences: ["elsewhere"])
        let both = employee("both", in: "O", wish: .stay, preferences: ["elsewhere"])
        #expect(try await mover([stays, lists, plain]) == ["plain->T"])  // 300 < 450 < 500
        #expect(try await mover([stays, both, lists]) == ["lists->T"])   // 450 < 500 < 650
        #expect(try await mover([both, stays]) == ["stays->T"])          // 500 < 650
        let forced = try await solve(PlanningInstance(slots: [slot("O", need: 0), slot("T", need: 1)], employees: [both]))
        #expect(forced.moves.first?.burden == 650)
        #expect(forced.voice.stayOverridden == 1 && forced.voice.compulsoryAgainstWish == 1)
        // A wish to stay priced above the seat it fills keeps the person where they are.
        let dear = PlanningInstance(policy: .init(stayCost: 2500), slots: [slot("O", need: 0), slot("T", need: 1)],
                                    employees: [stays])
        #expect(try await moves(dear) == [])
    }

    @Test func voluntaryMovesNeedABetterRankedListedUnit() async throws {
        // O holds exactly its need: no compulsory move; only a volunteer's wish moves anyone.
        func plan(_ e: PlanningInstance.Employee) async throws -> [String] {
            try await moves(PlanningInstance(
                slots: [slot("O", unit: "UO", need: 1), slot("T", unit: "UT", need: 1)], employees: [e]))
        }
        #expect(try await plan(employee("v", in: "O", wish: .move, preferences: ["UT"])) == ["v->T"])
        #expect(try await plan(employee("v", in: "O", wish: .move, preferences: ["UT", "UO"])) == ["v->T"])
        // Own unit ranked above (or equal to) the target: no gain, no move.
        #expect(try await plan(employee("v", in: "O", wish: .move, preferences: ["UO", "UT"])) == [])
        // Not listed, or not a volunteer: no voluntary move.
        #expect(try await plan(employee("v", in: "O", wish: .move, preferences: ["UX"])) == [])
        #expect(try await plan(employee("v", in: "O", wish: .none, preferences: ["UT"])) == [])
        #expect(try await plan(employee("v", in: "O", wish: .stay, preferences: ["UT"])) == [])
        let figures = try await solve(PlanningInstance(
            slots: [slot("O", unit: "UO", need: 1), slot("T", unit: "UT", region: "53.01", need: 1, competencies: [("EPI", 1)])],
            employees: [employee("v", in: "O", wish: .move, priority: 40, preferences: ["UX", "UT"])]))
        // 3 * 25 + 60 + 0 - (200 - 30 + 40); O 1 -> 0 loses 2000, T 0 -> 1 earns 2000.
        #expect(figures.moves == [Plan.Move(employee: "v", from: "O", to: "T", kind: .voluntary, wishRank: 1, cost: -75,
                                            fit: 75, distance: 60, grant: 210, burden: 0,
                                            trainingNeeds: [Plan.TrainingNeed(code: "EPI", gap: 1)])])
        #expect(figures.objective == -75)
        #expect(figures.voice == Plan.Voice(volunteers: 1, volunteersMoved: 1, movesOnWish: 1, compulsoryMoves: 0,
                                            compulsoryAgainstWish: 0, stayOverridden: 0, exchanges: 0))
    }

    @Test func voluntaryMoveWeighsTheSeatItFrees() async throws {
        // From a full slot of need 4 to a full slot of need 1: freeing a seat costs 1250, the
        // extra seat 500; a grant of 200 does not pay for it.
        let full = PlanningInstance(
            slots: [slot("O", unit: "UO", need: 4), slot("T", unit: "UT", need: 1)],
            employees: [employee("v", in: "O", wish: .move, preferences: ["UT"])] + staff("o", in: "O", count: 3)
                + [employee("t", in: "T")])
        #expect(try await moves(full) == [])
        // To an empty slot of need 1: 1000 - floor(1000 * 1 / 4) = 750 >= -200: it moves.
        let short = PlanningInstance(slots: full.slots, employees: Array(full.employees.prefix(4)))
        let plan = try await solve(short)
        #expect(plan.moves.map(\.employee) == ["v"])
        #expect(plan.objective == -200 + 1250 - 2000)
    }

    @Test func swapsAndRotationsAmongVolunteers() async throws {
        // Two volunteers who each list the other's unit first trade places: a negative cycle.
        let swap = PlanningInstance(
            slots: [slot("A", unit: "UA", need: 1), slot("B", unit: "UB", region: "53.01", need: 1)],
            employees: [employee("a", in: "A", wish: .move, preferences: ["UB"]),
                        employee("b", in: "B", wish: .move, preferences: ["UA"])])
        let plan = try await solve(swap)
        #expect(plan.moves.map { "\($0.employee)->\($0.to)" } == ["a->B", "b->A"])
        #expect(plan.objective == 2 * (60 - 200))
        #expect(plan.voice.exchanges == 2 && plan.voice.volunteersMoved == 2 && plan.voice.movesOnWish == 2)
        #expect(plan.after == plan.before)
        // Three in a ring, each listing the next unit.
        let ring = PlanningInstance(
            slots: [slot("A", unit: "UA", need: 1), slot("B", unit: "UB", need: 1), slot("C", unit: "UC", need: 1)],
            employees: [employee("a", in: "A", wish: .move, preferences: ["UB"]),
                        employee("b", in: "B", wish: .move, preferences: ["UC"]),
                        employee("c", in: "C", wish: .move, preferences: ["UA"])])
        let rotation = try await solve(ring)
        #expect(rotation.moves.count == 3 && rotation.voice.exchanges == 3 && rotation.objective == -600)
        // Fit and distance dearer than the two grants: no swap.
        let far = PlanningInstance(policy: .init(scope: .any, fitWeight: 3, wishBonus: 100),
                                   slots: [slot("A", unit: "UA", need: 1, competencies: [("EPI", 1)]),
                                           slot("B", unit: "UB", region: "52.01", need: 1)],
                                   employees: swap.employees)
        #expect(try await moves(far) == [])
    }

    @Test func compulsoryCapsHoldAfterVoluntaryMoves() async throws {
        // v leaves T (need 2, one holder) for W of its own will; T is then short by two, but
        // only D(T) = 1 compulsory move may enter it. a and b qualify for T only.
        let instance = PlanningInstance(
            slots: [slot("O", need: 0), slot("T", unit: "UT", need: 2, fields: ["hukum"]),
                    slot("W", unit: "UW", need: 1, fields: ["kesehatan"])],
            employees: [employee("a", in: "O"), employee("b", in: "O"),
                        employee("v", in: "T", field: "kesehatan", wish: .move, preferences: ["UW"])])
        let plan = try await solve(instance)
        #expect(plan.moves.count == 2)
        #expect(plan.moves.filter { $0.kind == .compulsory }.count == 1)
        #expect(plan.voice.exchanges == 1)
        // v -200 and W 0 -> 1 -2000; T 1 -> 0 -> 1 nothing; a 300 and O 2 -> 1 -500.
        #expect(plan.objective == -200 - 2000 + 300 - 500)
        #expect(ReferenceModel(instance).problems(in: plan) == [])
        #expect(plan.objective == ReferenceModel(instance).bestObjective())
        // At most S(O) = 1 non-volunteer leaves O, even where two seats want them; a volunteer
        // leaving by a compulsory move is not counted there.
        let exits = PlanningInstance(
            policy: .init(compulsoryCost: 0),
            slots: [slot("O", need: 2), slot("T", need: 2), slot("X", unit: "UX", need: 1)],
            employees: staff("o", in: "O", count: 3) + [employee("x", in: "X", wish: .move, preferences: ["U-O"])])
        #expect(try await moves(exits).count >= 1)
    }

    @Test func idsAreComparedByCodePoints() async throws {
        // "é" precomposed and "e" + combining accent: two slots, two employees, two units.
        let instance = PlanningInstance(
            slots: [slot("caf\u{E9}", unit: "caf\u{E9}", need: 0), slot("cafe\u{301}", unit: "cafe\u{301}", need: 1)],
            employees: [employee("\u{C5}", in: "caf\u{E9}", wish: .move, preferences: ["cafe\u{301}"]),
                        employee("A\u{30A}", in: "caf\u{E9}")])
        let plan = try await solve(instance)
        #expect(plan.moves.count == 1)
        #expect(plan.moves.first.map { Array($0.employee.unicodeScalars) } == ["\u{C5}"])
        #expect(plan.moves.first.map { Array($0.to.unicodeScalars) } == ["c", "a", "f", "e", "\u{301}"])
        #expect(plan.moves.first?.kind == .voluntary)
        #expect(ReferenceModel(instance).problems(in: plan) == [])
    }

    @Test func convexStaffingSpreadsScarcePeople() async throws {
        // Two people for two slots short by two each: one each earns 1500 + 1500, both in one
        // slot 1500 + 1250.
        let even = PlanningInstance(
            slots: [slot("O", need: 2), slot("A", need: 4), slot("B", need: 4)],
            employees: staff("o", in: "O", count: 4) + staff("a", in: "A", count: 2) + staff("b", in: "B", count: 2))
        let plan = try await solve(even)
        #expect(Set(plan.moves.map(\.to)) == ["A", "B"])
        #expect(plan.objective == 600 - 3000 - (500 + 250))
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
        #expect(plan.objective == 600 - 2 * (1000 + 1000 * 1 / 3) - 1000)
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
