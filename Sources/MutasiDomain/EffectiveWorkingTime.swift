/// Effective working time (waktu kerja efektif) of one person in a year, in minutes: the divisor
/// of the workload. 1,250 hours = 75,000 minutes by default; a tenant may set its own.
/// Must be positive and no more than the minutes of a (leap) year: throws
/// `needs.invalid_effective_time` (field `effective_working_minutes` unless given).
public struct EffectiveWorkingTime: Hashable, Sendable, Codable {
    public let minutes: Int

    /// 1,250 hours a year.
    public static let `default` = EffectiveWorkingTime(checked: 75_000)
    /// 366 days of 24 hours: no one works more in a year.
    public static let maxMinutes = 366 * 24 * 60

    public init(minutes: Int, field: String = "effective_working_minutes") throws {
        guard minutes > 0, minutes <= Self.maxMinutes else {
            throw DomainError.invalid(
                "needs.invalid_effective_time",
                "The effective working time must be a number of minutes a year from 1 to \(Self.maxMinutes); got \(minutes).",
                field: field)
        }
        self.minutes = minutes
    }

    private init(checked minutes: Int) { self.minutes = minutes }

    /// The time in hours, e.g. 1250.
    public var hours: Rational { try! Rational(minutes, 60) }

    public init(from decoder: any Decoder) throws {
        try self.init(minutes: decoder.singleValueContainer().decode(Int.self),
                      field: decoder.codingPath.last?.stringValue ?? "effective_working_minutes")
    }

    /// Encodes as the number of minutes.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(minutes)
    }
}
