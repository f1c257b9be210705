/// An exact fraction of two integers, always reduced, with a positive denominator.
///
/// Workload arithmetic uses it so that figures compare exactly against thresholds:
/// 54,300 / 75,000 is 181/250 = 0.724, not a binary approximation. Arithmetic that would
/// overflow `Int` throws `number.overflow` instead of trapping.
public struct Rational: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let numerator: Int
    /// Always > 0.
    public let denominator: Int

    public static let zero = Rational(0)
    public static let one = Rational(1)

    public init(_ integer: Int) {
        numerator = integer
        denominator = 1
    }

    /// `numerator / denominator`, reduced; throws `number.division_by_zero` when the denominator is 0.
    public init(_ numerator: Int, _ denominator: Int) throws {
        guard denominator != 0 else {
            throw DomainError.invalid("number.division_by_zero", "Division by zero.")
        }
        guard numerator != .min, denominator != .min else { throw Rational.overflow }
        let divisor = Rational.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / divisor
        self.denominator = sign * denominator / divisor
    }

    /// Parses a plain decimal with a dot: `0.9`, `75000`, `-1.25` (no thousands separators, no
    /// exponent). Throws `number.invalid`.
    public init(decimal text: String, field: String? = nil) throws {
        var body = Substring(text.trimmingSpaces)
        let negative = body.first == "-"
        if negative { body = body.dropFirst() }
        let pieces = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(pieces.count), pieces.allSatisfy(DecimalDigits.isAllDigits),
              pieces.joined().count <= 18,
              let whole = DecimalDigits.value(of: pieces.joined())
        else {
            throw DomainError.invalid(
                "number.invalid", "Expected a decimal number such as 0.9 or 75000; got '\(text)'.", field: field)
        }
        let scale = (0..<(pieces.count == 2 ? pieces[1].count : 0)).reduce(1) { acc, _ in acc * 10 }
        try self.init(negative ? -whole : whole, scale)
    }

    public var isInteger: Bool { denominator == 1 }

    public func adding(_ other: Rational) throws -> Rational {
        let divisor = Rational.gcd(denominator, other.denominator)
        let left = try Rational.checked(numerator.multipliedReportingOverflow(by: other.denominator / divisor))
        let right = try Rational.checked(other.numerator.multipliedReportingOverflow(by: denominator / divisor))
        let sum = try Rational.checked(left.addingReportingOverflow(right))
        return try Rational(sum, Rational.checked(denominator.multipliedReportingOverflow(by: other.denominator / divisor)))
    }

    public func multiplied(by other: Rational) throws -> Rational {
        // Cross-cancel first so that exact results stay in range as long as possible.
        let a = Rational.gcd(abs(numerator), other.denominator)
        let b = Rational.gcd(abs(other.numerator), denominator)
        let top = try Rational.checked((numerator / a).multipliedReportingOverflow(by: other.numerator / b))
        let bottom = try Rational.checked((denominator / b).multipliedReportingOverflow(by: other.denominator / a))
        return try Rational(top, bottom)
    }

    /// Throws `number.division_by_zero` when `other` is zero.
    public func divided(by other: Rational) throws -> Rational {
        guard other.numerator != 0 else {
            throw DomainError.invalid("number.division_by_zero", "Division by zero.")
        }
        return try multiplied(by: Rational(other.denominator, other.numerator))
    }

    /// The greatest integer not above the value.
    public var floor: Int {
        let quotient = numerator / denominator
        return numerator % denominator < 0 ? quotient - 1 : quotient
    }

    /// The least integer not below the value.
    public var ceiling: Int {
        let quotient = numerator / denominator
        return numerator % denominator > 0 ? quotient + 1 : quotient
    }

    /// The nearest integer; halves round up (2.5 -> 3, -2.5 -> -2).
    public var roundedHalfUp: Int {
        let signed = numerator % denominator
        let remainder = signed < 0 ? signed + denominator : signed  // 0 <= remainder < denominator
        return remainder >= denominator - remainder ? floor + 1 : floor
    }

    /// The value with `digits` digits after the point, halves rounded up: 181/250 -> "0.724",
    /// 2/3 with 2 digits -> "0.67".
    public func decimalString(fractionDigits digits: Int) -> String {
        let scale = (0..<digits).reduce(1) { acc, _ in acc * 10 }
        let scaled = ((try? multiplied(by: Rational(scale))) ?? self).roundedHalfUp
        let sign = scaled < 0 ? "-" : ""
        let magnitude = String(scaled.magnitude)
        guard digits > 0 else { return sign + magnitude }
        let padded = String(repeating: "0", count: max(0, digits + 1 - magnitude.count)) + magnitude
        return sign + padded.dropLast(digits) + "." + padded.suffix(digits)
    }

    /// `181/250`, or `3` for an integer.
    public var description: String { isInteger ? "\(numerator)" : "\(numerator)/\(denominator)" }

    /// Exact comparison, without overflow.
    public static func < (lhs: Rational, rhs: Rational) -> Bool {
        let left = lhs.numerator.multipliedFullWidth(by: rhs.denominator)
        let right = rhs.numerator.multipliedFullWidth(by: lhs.denominator)
        return (left.high, left.low) < (right.high, right.low)
    }

    private static let overflow = DomainError.invalid("number.overflow", "The number is too large to compute with.")

    private static func checked(_ result: (partialValue: Int, overflow: Bool)) throws -> Int {
        guard !result.overflow else { throw overflow }
        return result.partialValue
    }

    private static func gcd(_ a: Int, _ b: Int) -> Int {
        var (a, b) = (a, b)
        while b != 0 { (a, b) = (b, a % b) }
        return a == 0 ? 1 : a
    }
}
