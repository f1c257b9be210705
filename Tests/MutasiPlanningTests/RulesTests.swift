import Testing
import MutasiPlanning

/// The scoring functions against values worked out by hand from planning.md.
struct RulesTests {
    @Test func sharedComponentsCountLeadingEqualParts() {
        #expect(PlanningRules.sharedComponents("53.71", "53.71") == 2)
        #expect(PlanningRules.sharedComponents("53.71", "53.71.02") == 2)
        #expect(PlanningRules.sharedComponents("53.71.01", "53.71.02") == 2)
        #expect(PlanningRules.sharedComponents("53.71", "53.72") == 1)
        #expect(PlanningRules.sharedComponents("53.7", "53.71") == 1)
        #expect(PlanningRules.sharedComponents("53", "53.71") == 1)
        #expect(PlanningRules.sharedComponents("53.71", "52.71") == 0)
        #expect(PlanningRules.sharedComponents("5.371", "53.71") == 0)
        #expect(PlanningRules.sharedComponents("53..1", "53..2") == 2)
    }

    @Test func distanceByRegionCloseness() {
        #expect(PlanningRules.distance("53.71.02", "53.71.02") == 0)
        #expect(PlanningRules.distance("53.71", "53.71.02") == 20)
        #expect(PlanningRules.distance("53.71.01.1001", "53.71.01.1002") == 20)
        #expect(PlanningRules.distance("53.71", "53.01") == 60)
        #expect(PlanningRules.distance("53", "53.01") == 60)
        #expect(PlanningRules.distance("53.71", "52.71") == 150)
        // Codes are text: 91.10 is not 91.1.
        #expect(PlanningRules.distance("91.10", "91.1") == 60)
    }

    @Test func scopeLevels() {
        #expect(PlanningRules.inScope(.regency, from: "53.71", to: "53.71"))
        #expect(PlanningRules.inScope(.regency, from: "53", to: "53"))
        #expect(PlanningRules.inScope(.regency, from: "53.71.01", to: "53.71.02"))
        #expect(!PlanningRules.inScope(.regency, from: "53.71", to: "53.72"))
        #expect(!PlanningRules.inScope(.regency, from: "53", to: "53.72"))
        #expect(PlanningRules.inScope(.province, from: "53.71", to: "53.72"))
        #expect(!PlanningRules.inScope(.province, from: "53.71", to: "52.71"))
        #expect(PlanningRules.inScope(.any, from: "53.71", to: "52.71"))
    }

    @Test func gapFitAndTrainingNeeds() {
        let requirements = [PlanningInstance.Requirement(code: "EPI", level: 3),
                            PlanningInstance.Requirement(code: "KLN", level: 2),
                            PlanningInstance.Requirement(code: "SUR", level: 1)]
        let competencies = ["EPI": 1, "KLN": 4]
        #expect(PlanningRules.gap(competencies, requirements) == 3)
        #expect(PlanningRules.trainingNeeds(competencies, requirements)
            == [Plan.TrainingNeed(code: "EPI", gap: 2), Plan.TrainingNeed(code: "SUR", gap: 1)])
        #expect(PlanningRules.fit(gap: 0) == 100)
        #expect(PlanningRules.fit(gap: 3) == 25)
        #expect(PlanningRules.fit(gap: 4) == 0)
        #expect(PlanningRules.fit(gap: 9) == 0)
    }

    @Test func rankIsTheFirstListingByCodePoints() {
        #expect(PlanningRules.rank([], unit: "U1") == nil)
        #expect(PlanningRules.rank(["U2", "U1", "U1"], unit: "U1") == 1)
        #expect(PlanningRules.rank(["U2"], unit: "U1") == nil)
        // "é" precomposed and "e" + combining accent are different units.
        #expect(PlanningRules.rank(["caf\u{E9}"], unit: "cafe\u{301}") == nil)
        #expect(PlanningRules.rank(["cafe\u{301}", "caf\u{E9}"], unit: "caf\u{E9}") == 1)
        #expect(PlanningRules.distance("53.7\u{E9}", "53.7e\u{301}") == 60)
        #expect(PlanningRules.gap(["caf\u{E9}": 5], [PlanningInstance.Requirement(code: "cafe\u{301}", level: 2)]) == 2)
    }

    @Test func grantFormula() {
        let p = PlanningInstance.Policy()
        // max(0, 200 - 30 * rank) + priority when listed, else 0.
        #expect(PlanningRules.grant(rank: 0, priority: 0, policy: p) == 200)
        #expect(PlanningRules.grant(rank: 4, priority: 40, policy: p) == 80 + 40)
        #expect(PlanningRules.grant(rank: nil, priority: 500, policy: p) == 0)
        let steep = PlanningInstance.Policy(wishBonus: 100, wishStep: 60)
        #expect(PlanningRules.grant(rank: 2, priority: 7, policy: steep) == 0 + 7)
    }

    @Test func burdenFormula() {
        let p = PlanningInstance.Policy()
        #expect(PlanningRules.burden(kind: .voluntary, wish: .stay, listsUnits: true, rank: nil, policy: p) == 0)
        #expect(PlanningRules.burden(kind: .compulsory, wish: .none, listsUnits: false, rank: nil, policy: p) == 300)
        #expect(PlanningRules.burden(kind: .compulsory, wish: .stay, listsUnits: false, rank: nil, policy: p) == 500)
        #expect(PlanningRules.burden(kind: .compulsory, wish: .none, listsUnits: true, rank: nil, policy: p) == 450)
        #expect(PlanningRules.burden(kind: .compulsory, wish: .stay, listsUnits: true, rank: nil, policy: p) == 650)
        #expect(PlanningRules.burden(kind: .compulsory, wish: .move, listsUnits: true, rank: 1, policy: p) == 300)
        // fitWeight * (100 - fit) + distance + burden - grant.
        #expect(PlanningRules.moveCost(fit: 50, distance: 60, burden: 300, grant: 170, policy: p) == 150 + 60 + 300 - 170)
        #expect(PlanningRules.moveCost(fit: 75, distance: 0, burden: 0, grant: 0, policy: .init(fitWeight: 10)) == 250)
    }

    @Test func seatCosts() {
        // need 4: seats 1..4 cost -(1000 + floor(1000 * (4 - j + 1) / 4)), then 500 * min(j - 4, 4) / 4.
        #expect((1...9).map { PlanningRules.seat(need: 4, $0) }
            == [-2000, -1750, -1500, -1250, 125, 250, 375, 500, 500])
        // need 0: every seat is surplus, n = 1.
        #expect((1...2).map { PlanningRules.seat(need: 0, $0) } == [500, 500])
        // need 3: -(1000 + 1000), -(1000 + 666), -(1000 + 333), then 166, 333, 500, 500.
        #expect((1...7).map { PlanningRules.seat(need: 3, $0) } == [-2000, -1666, -1333, 166, 333, 500, 500])
        // The version 1 benefits: filling the k-th missing seat of need 4, deficit 3 earns
        // 1000 + floor(1000 * (3 - k + 1) / 4); releasing the k-th of surplus 5 (need 3) earns
        // floor(500 * min(5 - k + 1, 3) / 3).
        #expect(PlanningRules.staffingChange(need: 4, from: 1, to: 4) == -(1750 + 1500 + 1250))
        #expect(PlanningRules.staffingChange(need: 3, from: 8, to: 3) == -(500 + 500 + 500 + 333 + 166))
        #expect(PlanningRules.staffingChange(need: 3, from: 2, to: 2) == 0)
        #expect(PlanningRules.staffingChange(need: 2, from: 1, to: 0) == 2000)
    }
}
