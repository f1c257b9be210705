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

    @Test func preferenceCost() {
        #expect(PlanningRules.preference([], unit: "U1") == 60)
        #expect(PlanningRules.preference(["U1", "U2"], unit: "U1") == 0)
        #expect(PlanningRules.preference(["U1", "U2", "U3", "U4", "U5"], unit: "U5") == 80)
        #expect(PlanningRules.preference(["U2", "U1", "U1"], unit: "U1") == 20)
        #expect(PlanningRules.preference(["U2"], unit: "U1") == 150)
        #expect(PlanningRules.moveCost(fit: 50, preference: 20, distance: 60) == 230)
    }

    @Test func benefitsFallWithK() {
        // need 4, deficit 3: 1000 + floor(1000 * 3/4), then 2/4, then 1/4.
        #expect((1...3).map { PlanningRules.fillBenefit(need: 4, deficit: 3, k: $0) } == [1750, 1500, 1250])
        // need 3, surplus 5: min(5,3)/3, min(4,3)/3, 3/3, 2/3, 1/3 of 500.
        #expect((1...5).map { PlanningRules.releaseBenefit(need: 3, surplus: 5, k: $0) } == [500, 500, 500, 333, 166])
        // need 0: the divisor is max(need, 1).
        #expect((1...2).map { PlanningRules.releaseBenefit(need: 0, surplus: 2, k: $0) } == [500, 500])
        // No overflow for absurd needs.
        #expect(PlanningRules.fillBenefit(need: 1 << 61, deficit: 1 << 61, k: 1) == 2000)
    }
}
