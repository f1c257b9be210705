/// The JSON and database forms of exact numbers (`Rational`).
///
/// - Inputs (yearly volumes, standard minutes, persons per ratio, efficiency bounds) are plain
///   decimals: written as JSON numbers or decimal strings (`"2.5"`), stored as PostgreSQL
///   `numeric` (exact), and returned as decimal strings (`"2.5"`, thresholds `"0.90"`).
/// - Computed figures (total workload, exact headcount, EJ, imbalance) may not end (2/3), so
///   they are returned as `{"numerator": 181, "denominator": 250, "decimal": "0.724"}`: the
///   exact fraction, and a decimal rounded half up to 4 places without trailing zeros.
public struct ExactNumber: Hashable, Sendable, Codable, CustomStringConvertible {
    public let value: Rational

    public init(_ value: Rational) { self.value = value }

    /// The value rounded half up to `ExactNumber.displayDigits` places, trailing zeros dropped:
    /// 181/250 -> "0.724", 2/3 -> "0.6667", 1 -> "1".
    public var decimal: String { value.trimmedDecimal(maxFractionDigits: Self.displayDigits) }

    public static let displayDigits = 4

    public var description: String { decimal }

    private enum CodingKeys: String, CodingKey { case numerator, denominator, decimal }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        value = try Rational(try c.decode(Int.self, forKey: .numerator), try c.decode(Int.self, forKey: .denominator))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(value.numerator, forKey: .numerator)
        try c.encode(value.denominator, forKey: .denominator)
        try c.encode(decimal, forKey: .decimal)
    }
}

extension Rational {
    /// Whether the value is a terminating decimal (its denominator has no prime factors but 2 and 5).
    public var isTerminatingDecimal: Bool { Rational.decimalPlaces(ofDenominator: denominator) != nil }

    /// The exact decimal text of a terminating decimal, with at least `minFractionDigits`
    /// places: 5/2 -> "2.5", 9/10 with 2 -> "0.90", 75000 -> "75000". Values that do not
    /// terminate are rounded half up to 18 places.
    public func exactDecimal(minFractionDigits: Int = 0) -> String {
        let places = Rational.decimalPlaces(ofDenominator: denominator) ?? 18
        return decimalString(fractionDigits: Swift.max(places, minFractionDigits))
    }

    /// Rounded half up to at most `maxFractionDigits` places, trailing zeros dropped.
    public func trimmedDecimal(maxFractionDigits: Int) -> String {
        var text = decimalString(fractionDigits: maxFractionDigits)
        guard text.contains(".") else { return text }
        while text.hasSuffix("0") { text.removeLast() }
        if text.hasSuffix(".") { text.removeLast() }
        return text == "-0" ? "0" : text
    }

    /// Decimal places needed to write 1/denominator exactly; nil when it does not terminate.
    private static func decimalPlaces(ofDenominator denominator: Int) -> Int? {
        var rest = denominator, twos = 0, fives = 0
        while rest % 2 == 0 { rest /= 2; twos += 1 }
        while rest % 5 == 0 { rest /= 5; fives += 1 }
        return rest == 1 ? Swift.max(twos, fives) : nil
    }
}

/// A decimal as a client sends it: a JSON number (`2.5`, `1200`) or a decimal string
/// (`"2.5"`). Kept as text until `rational(field:)` parses it, so errors name the field.
public struct DecimalInput: Hashable, Sendable, Codable, ExpressibleByStringLiteral, ExpressibleByIntegerLiteral {
    public let text: String

    public init(_ text: String) { self.text = text }
    public init(stringLiteral value: String) { text = value }
    public init(integerLiteral value: Int) { text = String(value) }
    public init(_ value: Rational) { text = value.exactDecimal() }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let string = try? c.decode(String.self) {
            text = string
        } else if let integer = try? c.decode(Int.self) {
            text = String(integer)
        } else {
            // The shortest text that reads back as the same binary number: 0.1 -> "0.1".
            text = String(describing: try c.decode(Double.self))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(text)
    }

    /// Throws `number.invalid` naming `field`.
    public func rational(field: String) throws -> Rational {
        try Rational(decimal: text, field: field)
    }
}
