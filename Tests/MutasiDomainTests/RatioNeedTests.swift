import Testing
@testable import MutasiDomain

@Suite struct RatioNeedTests {
    @Test func pupilsPerTeacher() throws {
        let need = try RatioNeed(population: 250, ratio: 20)
        #expect(need.exactHeadcount == ratio(25, 2))
        #expect(need.requiredHeadcount() == 13)
        #expect(need.requiredHeadcount(rounding: .nearest) == 13)
        #expect(need.requiredHeadcount(rounding: .down) == 12)
        #expect(try RatioNeed(population: 240, ratio: 20).requiredHeadcount() == 12)
        #expect(try RatioNeed(population: 241, ratio: 20).requiredHeadcount() == 13)
        #expect(try RatioNeed(population: 0, ratio: 20).requiredHeadcount() == 0)
    }

    @Test func fractionalRatio() throws {
        let need = try RatioNeed(population: 10_000, ratio: Rational(decimal: "2500.5"))
        #expect(need.requiredHeadcount() == 4)
        #expect(need.requiredHeadcount(rounding: .down) == 3)
    }

    @Test func efficiencyAgainstCurrentStaff() throws {
        let need = try RatioNeed(population: 250, ratio: 20)
        #expect(try need.efficiency(currentStaff: 10) == ratio(5, 4))
        #expect(try need.efficiencyGrade(currentStaff: 10) == .a)
        #expect(try need.efficiencyGrade(currentStaff: 20) == .d)
        #expect(try need.efficiencyGrade(currentStaff: 30) == .e)
    }

    @Test func validatesInputs() {
        expectInvalid("needs.negative_population", field: "population") {
            _ = try RatioNeed(population: -1, ratio: 20)
        }
        expectInvalid("needs.invalid_ratio", field: "ratio") { _ = try RatioNeed(population: 100, ratio: 0) }
        expectInvalid("needs.invalid_ratio") { _ = try RatioNeed(population: 100, ratio: ratio(-1, 2)) }
    }
}
