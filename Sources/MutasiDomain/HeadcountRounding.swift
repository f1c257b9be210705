/// How a position's exact need (e.g. 0.724 persons) becomes whole persons; a tenant setting.
/// Applied once to the position's total, never to each task row: rounding rows up inflates the need.
public enum HeadcountRounding: String, CaseIterable, Hashable, Sendable, Codable {
    /// Any fraction needs one more person: 0.724 -> 1, 2.0 -> 2. The default.
    case up
    /// To the nearest person, halves up: 1.5 -> 2, 1.49 -> 1, 0.4 -> 0.
    case nearest
    /// Fractions are dropped: 1.99 -> 1.
    case down

    public static let `default` = HeadcountRounding.up

    /// Whole persons for a non-negative exact need.
    public func apply(to need: Rational) -> Int {
        switch self {
        case .up: need.ceiling
        case .nearest: need.roundedHalfUp
        case .down: need.floor
        }
    }
}
