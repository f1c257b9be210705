/// The workload-based need of one position (analisis beban kerja, ABK): the sum over its tasks of
/// volume x standard time, divided by the effective working time of one person.
///
/// Worked example: tasks totalling 54,300 minutes a year with 75,000 effective minutes need exactly
/// 0.724 persons, rounded up to 1; held by 1 person, EJ = 0.724, grade C.
/// An analysis without tasks needs 0 persons. Throws `number.overflow` for sums out of range.
public struct WorkloadAnalysis: HeadcountNeed, Hashable, Sendable {
    public let tasks: [WorkloadTask]
    public let effectiveTime: EffectiveWorkingTime
    /// Sum of the tasks' volume x standard minutes.
    public let totalWorkloadMinutes: Rational
    public let exactHeadcount: Rational

    public init(tasks: [WorkloadTask], effectiveTime: EffectiveWorkingTime = .default) throws {
        self.tasks = tasks
        self.effectiveTime = effectiveTime
        totalWorkloadMinutes = try tasks.reduce(Rational.zero) { try $0.adding($1.workloadMinutes) }
        exactHeadcount = try totalWorkloadMinutes.divided(by: Rational(effectiveTime.minutes))
    }
}
