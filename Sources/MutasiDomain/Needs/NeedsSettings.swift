import Foundation

/// A tenant's settings for needs analysis (ABK): the effective working time of one person, how
/// a position's exact need is rounded, and the bounds that grade efficiency (EJ).
///
/// JSON: `{"effectiveWorkingMinutes": 75000, "rounding": "up", "efficiencyThresholds":
/// {"a": {"min": "1.00", "inclusive": true}, "b": ..., "c": ..., "d": ...}, "version": 1}`.
/// A bound with `inclusive: false` means "more than" (`A > 1.00` puts exactly 1.00 in B).
/// A tenant that never changed them has the defaults at version 0.
public struct NeedsSettings: Sendable, Equatable, Codable {
    public var effectiveTime: EffectiveWorkingTime
    public var rounding: HeadcountRounding
    public var thresholds: EfficiencyThresholds
    public var version: Int

    public init(effectiveTime: EffectiveWorkingTime = .default, rounding: HeadcountRounding = .default,
                thresholds: EfficiencyThresholds = .default, version: Int = 0) {
        self.effectiveTime = effectiveTime; self.rounding = rounding; self.thresholds = thresholds
        self.version = version
    }

    public static let `default` = NeedsSettings()

    private enum CodingKeys: String, CodingKey {
        case effectiveWorkingMinutes, rounding, efficiencyThresholds, version
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        effectiveTime = try EffectiveWorkingTime(minutes: c.decode(Int.self, forKey: .effectiveWorkingMinutes))
        rounding = try c.decode(HeadcountRounding.self, forKey: .rounding)
        thresholds = try c.decode(ThresholdsForm.self, forKey: .efficiencyThresholds).thresholds(field: "efficiencyThresholds")
        version = try c.decode(Int.self, forKey: .version)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(effectiveTime.minutes, forKey: .effectiveWorkingMinutes)
        try c.encode(rounding, forKey: .rounding)
        try c.encode(ThresholdsForm(thresholds), forKey: .efficiencyThresholds)
        try c.encode(version, forKey: .version)
    }
}

/// The JSON form of `EfficiencyThresholds`: one bound per grade A..D, each a decimal string
/// (or number) and whether it is inclusive (default true).
public struct ThresholdsForm: Sendable, Equatable, Codable {
    public struct BoundForm: Sendable, Equatable, Codable {
        public var min: DecimalInput
        public var inclusive: Bool?
        public init(min: DecimalInput, inclusive: Bool? = nil) { self.min = min; self.inclusive = inclusive }
    }
    public var a: BoundForm
    public var b: BoundForm
    public var c: BoundForm
    public var d: BoundForm

    public init(a: BoundForm, b: BoundForm, c: BoundForm, d: BoundForm) {
        self.a = a; self.b = b; self.c = c; self.d = d
    }

    public init(_ thresholds: EfficiencyThresholds) {
        func form(_ bound: EfficiencyThresholds.Bound) -> BoundForm {
            BoundForm(min: DecimalInput(bound.value.exactDecimal(minFractionDigits: 2)), inclusive: bound.inclusive)
        }
        self.init(a: form(thresholds.a), b: form(thresholds.b), c: form(thresholds.c), d: form(thresholds.d))
    }

    /// Parses and checks the bounds; errors name `<field>.<grade>` (e.g. `efficiencyThresholds.b`).
    public func thresholds(field: String) throws -> EfficiencyThresholds {
        func bound(_ form: BoundForm, _ grade: String) throws -> EfficiencyThresholds.Bound {
            EfficiencyThresholds.Bound(try form.min.rational(field: "\(field).\(grade)"), inclusive: form.inclusive ?? true)
        }
        do {
            return try EfficiencyThresholds(a: bound(a, "a"), b: bound(b, "b"), c: bound(c, "c"), d: bound(d, "d"))
        } catch var error as DomainError {
            if let grade = error.field?.split(separator: ".").last, error.field?.hasPrefix("efficiency_thresholds.") == true {
                error.field = "\(field).\(grade)"
            }
            throw error
        }
    }
}
