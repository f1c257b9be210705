/// ASCII decimal digits in codes and numbers that are kept as text (NIP, region codes, dates).
/// Other Unicode digits (Arabic-Indic, full-width) are not digits here.
enum DecimalDigits {
    static func isDigit(_ character: Character) -> Bool {
        // One UTF-8 byte 0-9: a digit with a combining mark is not ASCII.
        character.utf8.count == 1 && isDigit(character.utf8.first!)
    }

    static func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }

    /// Compares bytes: a run of ASCII digits is one of ASCII digit bytes.
    static func isAllDigits<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.utf8.allSatisfy(isDigit)
    }

    /// The value of a non-empty run of ASCII digits (at most 18, so it fits an `Int`), or nil.
    static func value<S: StringProtocol>(of text: S) -> Int? {
        guard isAllDigits(text), text.utf8.count <= 18 else { return nil }
        return text.utf8.reduce(0) { $0 * 10 + Int($1 - 0x30) }
    }

    /// A non-negative number with leading zeros up to `width` digits: `padded(7, to: 2)` is "07".
    static func padded(_ value: Int, to width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}
