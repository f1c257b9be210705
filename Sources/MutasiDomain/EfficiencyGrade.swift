/// The grade of a job efficiency figure (EJ, efisiensi jabatan): A best ... E worst.
public enum EfficiencyGrade: String, CaseIterable, Comparable, Hashable, Sendable, Codable {
    case a = "A", b = "B", c = "C", d = "D", e = "E"

    /// A < B < ... in quality order, so `.e < .a`.
    public static func < (lhs: EfficiencyGrade, rhs: EfficiencyGrade) -> Bool {
        allCases.firstIndex(of: lhs)! > allCases.firstIndex(of: rhs)!
    }
}

/// The lower bounds that grade an efficiency figure; a tenant setting.
///
/// Default: A >= 1.00, B >= 0.90, C >= 0.70, D >= 0.50, else E. Sources differ on whether exactly
/// 1.00 is A or B; a bound can be exclusive (`A > 1.00`) to put it in B. Bounds must be >= 0 and
/// strictly descending from A to D. Codes `efficiency_thresholds.negative`,
/// `efficiency_thresholds.not_descending` (field `efficiency_thresholds.<grade>`).
public struct EfficiencyThresholds: Hashable, Sendable {
    /// A lower bound: "at least `value`" (inclusive) or "more than `value`".
    public struct Bound: Hashable, Sendable {
        public let value: Rational
        public let inclusive: Bool

        public init(_ value: Rational, inclusive: Bool = true) {
            self.value = value
            self.inclusive = inclusive
        }

        public func admits(_ figure: Rational) -> Bool {
            inclusive ? figure >= value : figure > value
        }
    }

    public let a: Bound
    public let b: Bound
    public let c: Bound
    public let d: Bound

    public static let `default` = EfficiencyThresholds(
        checked: Bound(.one), Bound(try! Rational(9, 10)), Bound(try! Rational(7, 10)), Bound(try! Rational(1, 2)))

    public init(a: Bound, b: Bound, c: Bound, d: Bound) throws {
        let bounds: [(EfficiencyGrade, Bound)] = [(.a, a), (.b, b), (.c, c), (.d, d)]
        for (grade, bound) in bounds where bound.value < .zero {
            throw DomainError.invalid(
                "efficiency_thresholds.negative", "The bound of grade \(grade.rawValue) cannot be negative.",
                field: "efficiency_thresholds.\(grade.rawValue.lowercased())")
        }
        for (upper, lower) in zip(bounds, bounds.dropFirst()) where !(lower.1.value < upper.1.value) {
            throw DomainError.invalid(
                "efficiency_thresholds.not_descending",
                "The bound of grade \(lower.0.rawValue) (\(lower.1.value)) must be below that of grade "
                    + "\(upper.0.rawValue) (\(upper.1.value)).",
                field: "efficiency_thresholds.\(lower.0.rawValue.lowercased())")
        }
        self.init(checked: a, b, c, d)
    }

    private init(checked a: Bound, _ b: Bound, _ c: Bound, _ d: Bound) {
        (self.a, self.b, self.c, self.d) = (a, b, c, d)
    }

    /// The grade of an efficiency figure, compared exactly.
    public func grade(of efficiency: Rational) -> EfficiencyGrade {
        if a.admits(efficiency) { return .a }
        if b.admits(efficiency) { return .b }
        if c.admits(efficiency) { return .c }
        if d.admits(efficiency) { return .d }
        return .e
    }
}
