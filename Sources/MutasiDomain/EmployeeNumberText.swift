/// The checks an 18-digit employee number (NIP or NI PPPK) must pass as text, before its
/// structure is read: present, not mangled into scientific notation by a spreadsheet, digits
/// only (spaces between groups, as in "19850315 201001 1 002", are allowed), 18 of them.
///
/// Error codes use the caller's prefix: `<prefix>.required`, `<prefix>.scientific_notation`,
/// `<prefix>.invalid_characters`, `<prefix>.invalid_length`.
enum EmployeeNumberText {
    /// The 18 digit values of `raw`, most significant first.
    static func digits(_ raw: String, codePrefix: String, name: String, field: String) throws -> [Int] {
        // The usual cell: exactly 18 digits.
        if raw.utf8.count == 18, raw.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }) { return raw.utf8.map { Int($0 - 0x30) } }
        let trimmed = raw.trimmingSpaces
        guard !trimmed.isEmpty else {
            throw DomainError.invalid("\(codePrefix).required", "The \(name) is required.", field: field)
        }
        if isScientificNotation(trimmed) {
            throw DomainError.invalid(
                "\(codePrefix).scientific_notation",
                "The \(name) '\(trimmed)' was turned into a number in scientific notation by a spreadsheet, "
                    + "and its last digits are lost. Format the column as text and enter the \(name)s again.",
                field: field)
        }
        let compact = trimmed.filter { $0 != " " }
        guard compact.allSatisfy(DecimalDigits.isDigit) else {
            throw DomainError.invalid(
                "\(codePrefix).invalid_characters", "The \(name) may contain only digits; got '\(trimmed)'.",
                field: field)
        }
        guard compact.count == 18 else {
            throw DomainError.invalid(
                "\(codePrefix).invalid_length",
                "The \(name) has 18 digits; '\(trimmed)' has \(compact.count).", field: field)
        }
        return compact.utf8.map { Int($0 - 0x30) }
    }

    /// Spreadsheet scientific notation such as `1.98501E+17` or `1,98501E+17` (decimal comma).
    static func isScientificNotation(_ text: String) -> Bool {
        guard let e = text.firstIndex(where: { $0 == "E" || $0 == "e" }) else { return false }
        let mantissa = text[..<e].split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
            .flatMap { $0.split(separator: ",", omittingEmptySubsequences: false) }
        var exponent = text[text.index(after: e)...]
        if exponent.first == "+" || exponent.first == "-" { exponent = exponent.dropFirst() }
        return (1...2).contains(mantissa.count) && mantissa.allSatisfy(DecimalDigits.isAllDigits)
            && DecimalDigits.isAllDigits(exponent)
    }

    /// The birth date in digits 1-8 (`YYYYMMDD`); throws `<prefix>.invalid_birth_date`.
    static func birthDate(_ d: [Int], codePrefix: String, name: String, field: String) throws -> CalendarDate {
        guard let date = try? CalendarDate(year: number(d, 0..<4), month: number(d, 4..<6), day: number(d, 6..<8))
        else {
            throw DomainError.invalid(
                "\(codePrefix).invalid_birth_date",
                "The \(name)'s first 8 digits must be a real birth date YYYYMMDD; \(text(d, 0..<8)) is not.",
                field: field)
        }
        return date
    }

    /// The sex in digit 15; throws `<prefix>.invalid_sex`.
    static func sex(_ d: [Int], codePrefix: String, name: String, field: String) throws -> Sex {
        guard let sex = Sex(rawValue: d[14]) else {
            throw DomainError.invalid(
                "\(codePrefix).invalid_sex", "Digit 15 of the \(name) is the sex: 1 male or 2 female; got \(d[14]).",
                field: field)
        }
        return sex
    }

    /// The sequence 1...999 in digits 16-18; throws `<prefix>.invalid_sequence` for 000, which is
    /// also what a spreadsheet leaves when it rounds an 18-digit number to 15 significant digits.
    static func sequence(_ d: [Int], codePrefix: String, name: String, field: String) throws -> Int {
        let sequence = number(d, 15..<18)
        guard sequence >= 1 else {
            throw DomainError.invalid(
                "\(codePrefix).invalid_sequence",
                "The \(name)'s last 3 digits are a sequence number 001-999, never 000. If the column was a "
                    + "number in a spreadsheet its last digits were lost; format it as text.", field: field)
        }
        return sequence
    }

    /// The digits in `range` as text, leading zeros kept.
    static func text(_ digits: [Int], _ range: Range<Int>) -> String {
        digits[range].map(String.init).joined()
    }

    /// The number read from `digits[range]`.
    static func number(_ digits: [Int], _ range: Range<Int>) -> Int {
        digits[range].reduce(0) { $0 * 10 + $1 }
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    var trimmingSpaces: String {
        guard let first, let last, first.isWhitespace || last.isWhitespace else { return self }
        return String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }
}
