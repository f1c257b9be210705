import Testing
@testable import MutasiDomain

@Suite struct PriorityPointsTests {
    static func date(_ iso: String) -> CalendarDate { try! CalendarDate(iso: iso) }

    @Test func wholeYearsOnly() {
        let rules = PointRules(perYearInPost: 10, yearsInPostCap: 10)
        let asOf = Self.date("2026-12-31")
        #expect(PriorityPoints.compute(rules, slotSince: Self.date("2020-01-01"), asOf: asOf, reasons: []).total == 60)
        #expect(PriorityPoints.compute(rules, slotSince: Self.date("2020-01-01"), asOf: Self.date("2027-01-01"), reasons: []).total == 70)
        #expect(PriorityPoints.compute(rules, slotSince: Self.date("2026-06-01"), asOf: asOf, reasons: []).breakdown.isEmpty)
        // Placed after the reference date: nothing, never negative.
        #expect(PriorityPoints.compute(rules, slotSince: Self.date("2028-01-01"), asOf: asOf, reasons: []).total == 0)
        // Not placed: nothing.
        #expect(PriorityPoints.compute(rules, slotSince: nil, asOf: asOf, reasons: [.health]).total == 0)
    }

    @Test func yearsAreCapped() {
        let rules = PointRules(perYearInPost: 20, yearsInPostCap: 5)
        let points = PriorityPoints.compute(rules, slotSince: Self.date("2000-03-01"), asOf: Self.date("2026-12-31"), reasons: [])
        #expect(points.total == 100)
        #expect(points.breakdown.map(\.rule) == ["yearsInPost"])
        #expect(points.breakdown[0].detail.contains("5 tahun penuh"))
        #expect(PriorityPoints.compute(PointRules(perYearInPost: 20, yearsInPostCap: 0), slotSince: Self.date("2000-03-01"),
                                       asOf: Self.date("2026-12-31"), reasons: []).total == 0)
    }

    @Test func reasonsCountOncePerCategory() {
        let rules = PointRules(familyReunion: 50, health: 30)
        let asOf = Self.date("2026-12-31")
        let both = PriorityPoints.compute(rules, slotSince: nil, asOf: asOf, reasons: [.health, .familyReunion, .health, .career])
        #expect(both.total == 80)
        #expect(both.breakdown.map(\.rule) == ["familyReunion", "health"])
        #expect(PriorityPoints.compute(rules, slotSince: nil, asOf: asOf, reasons: [.career, .other]).total == 0)
        #expect(PriorityPoints.compute(PointRules(), slotSince: Self.date("1990-01-01"), asOf: asOf,
                                       reasons: [.familyReunion, .health]) == PriorityPoints(total: 0, breakdown: []))
    }

    @Test func totalIsCappedAt500() {
        let rules = PointRules(perYearInPost: 100, yearsInPostCap: 40, familyReunion: 500, health: 500)
        let points = PriorityPoints.compute(rules, slotSince: Self.date("1990-01-01"), asOf: Self.date("2026-12-31"),
                                            reasons: [.familyReunion, .health])
        #expect(points.total == 500)
        #expect(points.breakdown.map(\.points) == [3600, 500, 500])
    }

    @Test func rulesAreRangeChecked() {
        #expect(throws: Never.self) { try PointRules(perYearInPost: 100, yearsInPostCap: 40, familyReunion: 500, health: 500).validate() }
        expectInvalid("campaign.invalid_point_rule", field: "pointRules.yearsInPostCap") {
            try PointRules(yearsInPostCap: 41).validate()
        }
        expectInvalid("campaign.invalid_point_rule", field: "pointRules.health") { try PointRules(health: -1).validate() }
    }
}
