import Foundation
import Testing
@testable import MutasiDomain

@Suite struct NeedsFiguresTests {
    @Test func workedExampleUnderTheTenantsSettings() throws {
        let basis = NeedsBasis.workload(try WorkloadAnalysisTests.workedExampleTasks())
        let figures = try NeedsFigures(basis: basis, settings: .default, currentStaff: 1)
        #expect(figures.totalWorkloadMinutes?.value == Rational(54_300))
        #expect(figures.exactHeadcount.decimal == "0.724")
        #expect(figures.requiredHeadcount == 1)
        #expect(figures.efficiency?.decimal == "0.724")
        #expect(figures.efficiencyGrade == .c)
        #expect(figures.gap == 0)

        // EJ is workload over staff, never staff over need: with 2 people it halves.
        let two = try NeedsFigures(basis: basis, settings: .default, currentStaff: 2)
        #expect(two.efficiency?.value == (try Rational(181, 500)))
        #expect(two.efficiencyGrade == .e)
        #expect(two.gap == -1)

        let settings = NeedsSettings(effectiveTime: try EffectiveWorkingTime(minutes: 60_000), rounding: .down)
        let custom = try NeedsFigures(basis: basis, settings: settings, currentStaff: 0)
        #expect(custom.exactHeadcount.value == (try Rational(181, 200)))
        #expect(custom.requiredHeadcount == 0)
        #expect(custom.efficiency == nil && custom.efficiencyGrade == nil)
    }

    @Test func ratioNeedHasNoWorkload() throws {
        let basis = NeedsBasis.ratio(RatioDriver(driver: "murid per guru", need: try RatioNeed(population: 250, ratio: 20)))
        let figures = try NeedsFigures(basis: basis, settings: .default, currentStaff: 10)
        #expect(figures.totalWorkloadMinutes == nil)
        #expect(figures.requiredHeadcount == 13)
        #expect(figures.efficiency?.decimal == "1.25")
        #expect(figures.efficiencyGrade == .a)
        #expect(figures.gap == 3)
    }

    @Test func headcountPastAnyPositionIsRefused() throws {
        let huge = NeedsBasis.ratio(RatioDriver(driver: "penduduk", need: try RatioNeed(population: 3_000_000_000, ratio: 1)))
        let error = #expect(throws: DomainError.self) { try NeedsFigures(basis: huge, settings: .default, currentStaff: 0) }
        #expect(error?.code == "needs.headcount_too_large" && error?.field == "ratio")
        let tasks = NeedsBasis.workload([try WorkloadTask(name: "arsip", volume: 1_000_000_000, standardMinutes: 1_000_000)])
        #expect(throws: DomainError.self) { try NeedsFigures(basis: tasks, settings: .default, currentStaff: 0) }
        let most = NeedsBasis.ratio(RatioDriver(driver: "penduduk", need: try RatioNeed(population: NeedsFigures.maxHeadcount, ratio: 1)))
        #expect(try NeedsFigures(basis: most, settings: .default, currentStaff: 0).requiredHeadcount == NeedsFigures.maxHeadcount)
    }

    @Test func exactNumberForms() throws {
        #expect(try Rational(5, 2).exactDecimal() == "2.5")
        #expect(try Rational(9, 10).exactDecimal(minFractionDigits: 2) == "0.90")
        #expect(Rational(75_000).exactDecimal() == "75000")
        #expect(try Rational(1, 8).exactDecimal() == "0.125")
        #expect(try ExactNumber(Rational(2, 3)).decimal == "0.6667")
        #expect(ExactNumber(.one).decimal == "1")
        let json = try JSONEncoder().encode(ExactNumber(try Rational(181, 250)))
        let back = try JSONDecoder().decode(ExactNumber.self, from: json)
        #expect(back.value == (try Rational(181, 250)))
        let inputs = try JSONDecoder().decode([DecimalInput].self, from: Data(#"[0.1, 1200, "2.5"]"#.utf8))
        #expect(inputs.map(\.text) == ["0.1", "1200", "2.5"])
    }

    @Test func thresholdsRoundTripAndNameTheirFields() throws {
        let form = ThresholdsForm(.default)
        #expect(form.a.min.text == "1.00" && form.d.min.text == "0.50")
        #expect(try form.thresholds(field: "efficiencyThresholds") == .default)
        var bad = form
        bad.c = .init(min: "0.95")
        #expect(throws: DomainError.invalid("efficiency_thresholds.not_descending",
                                            "The bound of grade C (19/20) must be below that of grade B (9/10).",
                                            field: "efficiencyThresholds.c")) {
            try bad.thresholds(field: "efficiencyThresholds")
        }
    }

    @Test func balanceFiguresOfASetOfSlots() throws {
        let short = StaffingBalance(slotNeed: 4, headcount: 4, retiring: 1)
        let over = StaffingBalance(slotNeed: 1, headcount: 3, retiring: 0)
        #expect((short.deficit, short.surplus, short.current) == (1, 0, 3))
        #expect((over.deficit, over.surplus) == (0, 2))
        let both = short + over
        #expect((both.need, both.deficit, both.surplus, both.slots) == (5, 1, 2, 2))
        #expect(both.imbalance == (try Rational(3, 5)))
        #expect(StaffingBalance.zero.imbalance == .zero)
        #expect(PostTenure.isRotationDue(since: try CalendarDate(iso: "2021-06-14"), asOf: try CalendarDate(iso: "2026-06-15")))
        #expect(!PostTenure.isRotationDue(since: try CalendarDate(iso: "2021-06-15"), asOf: try CalendarDate(iso: "2026-06-15")))
    }
}
