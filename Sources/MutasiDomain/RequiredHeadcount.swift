/// Something that yields a position's exact need in persons (kebutuhan pegawai), before rounding:
/// a workload analysis or a ratio-based need. The need, the efficiency figure and its grade
/// follow from it in the same way.
public protocol HeadcountNeed {
    /// Persons needed, exactly (e.g. 181/250 = 0.724).
    var exactHeadcount: Rational { get }
}

extension HeadcountNeed {
    /// Whole persons needed: the exact need of the whole position rounded once.
    public func requiredHeadcount(rounding: HeadcountRounding = .default) -> Int {
        rounding.apply(to: exactHeadcount)
    }

    /// Job efficiency (EJ, efisiensi jabatan) = workload / (current staff x effective working time),
    /// i.e. exact need / current staff. Below 1 the holders have less work than a full load.
    /// Never the inverse (staff / need).
    ///
    /// Nil when nobody holds the position: there is no one whose efficiency could be measured, and
    /// the need shows as a deficit instead. A negative staff count throws
    /// `needs.invalid_current_staff`.
    public func efficiency(currentStaff: Int, field: String = "current_staff") throws -> Rational? {
        guard currentStaff >= 0 else {
            throw DomainError.invalid(
                "needs.invalid_current_staff", "The current staff cannot be negative; got \(currentStaff).",
                field: field)
        }
        return currentStaff == 0 ? nil : try exactHeadcount.divided(by: Rational(currentStaff))
    }

    /// The graded efficiency; nil when nobody holds the position.
    public func efficiencyGrade(
        currentStaff: Int, thresholds: EfficiencyThresholds = .default, field: String = "current_staff"
    ) throws -> EfficiencyGrade? {
        try efficiency(currentStaff: currentStaff, field: field).map(thresholds.grade(of:))
    }
}
