import Testing
@testable import MutasiDomain

@Suite struct WorkloadAnalysisTests {
    /// 12 x 600 + 240 x 120 + 610 x 30 = 7,200 + 28,800 + 18,300 = 54,300 minutes a year.
    static func workedExampleTasks() throws -> [WorkloadTask] {
        [
            try WorkloadTask(name: "Menyusun laporan kinerja", volume: 12, standardMinutes: 600),
            try WorkloadTask(name: "Memverifikasi data kepegawaian", volume: 240, standardMinutes: 120),
            try WorkloadTask(name: "Melayani konsultasi", volume: 610, standardMinutes: 30),
        ]
    }

    @Test func workedExampleFromTheBrief() throws {
        let analysis = try WorkloadAnalysis(tasks: Self.workedExampleTasks())
        #expect(analysis.totalWorkloadMinutes == Rational(54_300))
        #expect(analysis.exactHeadcount == (try Rational(decimal: "0.724")))
        #expect(analysis.exactHeadcount.decimalString(fractionDigits: 3) == "0.724")
        #expect(analysis.requiredHeadcount() == 1)
        let efficiency = try analysis.efficiency(currentStaff: 1)
        #expect(efficiency == (try Rational(decimal: "0.724")))
        #expect(try analysis.efficiencyGrade(currentStaff: 1) == .c)
    }

    @Test func roundingRules() throws {
        let analysis = try WorkloadAnalysis(tasks: Self.workedExampleTasks())
        #expect(analysis.requiredHeadcount(rounding: .up) == 1)
        #expect(analysis.requiredHeadcount(rounding: .nearest) == 1)
        #expect(analysis.requiredHeadcount(rounding: .down) == 0)
        let exact = try WorkloadAnalysis(tasks: [WorkloadTask(name: "Mengajar", volume: 150, standardMinutes: 1_000)])
        #expect(exact.requiredHeadcount(rounding: .up) == 2)
        let half = try WorkloadAnalysis(tasks: [WorkloadTask(name: "Mengajar", volume: 75, standardMinutes: 1_500)])
        #expect(half.requiredHeadcount(rounding: .nearest) == 2)
        #expect(half.requiredHeadcount(rounding: .down) == 1)
    }

    @Test func roundsThePositionTotalNotEachRow() throws {
        // Three rows of 0.3 persons each: 0.9 in all, one person (rounding each row up would say 3).
        let tasks = try (1...3).map { try WorkloadTask(name: "Tugas \($0)", volume: 225, standardMinutes: 100) }
        let analysis = try WorkloadAnalysis(tasks: tasks)
        #expect(analysis.exactHeadcount == ratio(9, 10))
        #expect(analysis.requiredHeadcount() == 1)
    }

    @Test func tenantEffectiveTime() throws {
        let time = try EffectiveWorkingTime(minutes: 60_000)
        #expect(time.hours == Rational(1_000))
        #expect(EffectiveWorkingTime.default.minutes == 75_000)
        #expect(EffectiveWorkingTime.default.hours == Rational(1_250))
        let analysis = try WorkloadAnalysis(tasks: Self.workedExampleTasks(), effectiveTime: time)
        #expect(analysis.exactHeadcount == ratio(905, 1_000))
        #expect(try analysis.efficiencyGrade(currentStaff: 1) == .b)
        expectInvalid("needs.invalid_effective_time", field: "effective_working_minutes") {
            _ = try EffectiveWorkingTime(minutes: 0)
        }
        expectInvalid("needs.invalid_effective_time", field: "settings.effective") {
            _ = try EffectiveWorkingTime(minutes: -75_000, field: "settings.effective")
        }
        expectInvalid("needs.invalid_effective_time") { _ = try decode(EffectiveWorkingTime.self, "0") }
        expectInvalid("needs.invalid_effective_time") { _ = try EffectiveWorkingTime(minutes: 366 * 24 * 60 + 1) }
        #expect(try EffectiveWorkingTime(minutes: 366 * 24 * 60).minutes == 527_040)
        #expect(try decode(EffectiveWorkingTime.self, json(time)) == time)
    }

    @Test func efficiencyWithMoreOrNoStaff() throws {
        let analysis = try WorkloadAnalysis(tasks: Self.workedExampleTasks())
        #expect(try analysis.efficiency(currentStaff: 2) == ratio(181, 500))
        #expect(try analysis.efficiencyGrade(currentStaff: 2) == .e)
        #expect(try analysis.efficiency(currentStaff: 0) == nil)
        #expect(try analysis.efficiencyGrade(currentStaff: 0) == nil)
        expectInvalid("needs.invalid_current_staff", field: "current_staff") {
            _ = try analysis.efficiency(currentStaff: -1)
        }
    }

    @Test func noTasksNoNeed() throws {
        let analysis = try WorkloadAnalysis(tasks: [])
        #expect(analysis.requiredHeadcount() == 0)
        #expect(try analysis.efficiencyGrade(currentStaff: 1) == .e)
    }

    @Test func fractionalInputsStayExact() throws {
        let task = try WorkloadTask(name: "Mengarsip", volume: Rational(1_000), standardMinutes: Rational(decimal: "7.5"))
        #expect(task.workloadMinutes == Rational(7_500))
        #expect(try WorkloadAnalysis(tasks: [task]).exactHeadcount == ratio(1, 10))
    }

    @Test func validatesTaskInputsNamingTheField() throws {
        expectInvalid("needs.negative_volume", field: "tasks[2].volume") {
            _ = try WorkloadTask(name: "Rapat", volume: -1, standardMinutes: 60, field: "tasks[2]")
        }
        expectInvalid("needs.invalid_standard_time", field: "task.standard_minutes") {
            _ = try WorkloadTask(name: "Rapat", volume: 10, standardMinutes: 0)
        }
        expectInvalid("needs.invalid_standard_time") {
            _ = try WorkloadTask(name: "Rapat", volume: 10, standardMinutes: -5)
        }
        expectInvalid("needs.task_name_required", field: "tasks[0].name") {
            _ = try WorkloadTask(name: "  ", volume: 10, standardMinutes: 5, field: "tasks[0]")
        }
        #expect(try WorkloadTask(name: " Rapat ", volume: 0, standardMinutes: 60).name == "Rapat")
        expectInvalid("number.overflow") {
            _ = try WorkloadTask(name: "Besar", volume: Int.max / 2, standardMinutes: 3)
        }
        let big = try WorkloadTask(name: "Besar", volume: Int.max / 4, standardMinutes: 3)
        expectInvalid("number.overflow") { _ = try WorkloadAnalysis(tasks: [big, big]) }
    }
}

@Suite struct EfficiencyGradeTests {
    @Test(arguments: [
        ("1.00", "A"), ("1.5", "A"), ("0.999", "B"), ("0.90", "B"), ("0.8999", "C"), ("0.70", "C"),
        ("0.699", "D"), ("0.50", "D"), ("0.4999", "E"), ("0", "E"),
    ])
    func defaultThresholds(figure: String, grade: String) throws {
        #expect(EfficiencyThresholds.default.grade(of: try Rational(decimal: figure)).rawValue == grade)
    }

    @Test func exactlyOneInBWhenTheTenantSaysSo() throws {
        let thresholds = try EfficiencyThresholds(
            a: .init(.one, inclusive: false), b: .init(ratio(9, 10)), c: .init(ratio(7, 10)), d: .init(ratio(1, 2)))
        #expect(thresholds.grade(of: .one) == .b)
        #expect(thresholds.grade(of: ratio(1_001, 1_000)) == .a)
        #expect(EfficiencyThresholds.default.grade(of: .one) == .a)
    }

    @Test func thresholdsMustDescend() {
        expectInvalid("efficiency_thresholds.not_descending", field: "efficiency_thresholds.c") {
            _ = try EfficiencyThresholds(
                a: .init(.one), b: .init(ratio(9, 10)), c: .init(ratio(9, 10)), d: .init(ratio(1, 2)))
        }
        expectInvalid("efficiency_thresholds.not_descending", field: "efficiency_thresholds.b") {
            _ = try EfficiencyThresholds(
                a: .init(ratio(9, 10)), b: .init(.one), c: .init(ratio(7, 10)), d: .init(ratio(1, 2)))
        }
        expectInvalid("efficiency_thresholds.negative", field: "efficiency_thresholds.d") {
            _ = try EfficiencyThresholds(
                a: .init(.one), b: .init(ratio(9, 10)), c: .init(ratio(7, 10)), d: .init(ratio(-1, 2)))
        }
    }

    @Test func gradesOrderByQuality() {
        #expect(EfficiencyGrade.e < EfficiencyGrade.a)
        #expect(EfficiencyGrade.b > EfficiencyGrade.c)
    }
}
