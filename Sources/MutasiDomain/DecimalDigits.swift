/// ASCII decimal digits in codes and numbers that are kept as text (NIP, region codes, dates).
/// Other Unicode digits (Arabic-Indic, full-width) are not digits here.
enum DecimalDigits {
    static func isDigit(_ character: Character) -> Bool {
        character.isASCII && character.isWholeNumber
    }

    static func isAllDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.allSatisfy(isDigit)
    }

    /// The value of a non-empty run of ASCII digits (at most 18, so it fits an `Int`), or nil.
    static func value<S: StringProtocol>(of text: S) -> Int? {
        guard isAllDigits(text), text.count <= 18 else { return nil }
        return text.reduce(0) { $0 * 10 + $1.wholeNumberValue! }
    }

    /// A non-negative number with leading zeros up to `width` digits: `padded(7, to: 2)` is "07".
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
