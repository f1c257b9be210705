import Foundation

/// How a number cell reads as text: as the file stores it, except where that text would differ
/// from what the person typed or saw. Spreadsheet programs store up to 17 significant digits
/// (`91.099999999999994` for 91.1) but keep 15, so longer ones are rounded to 15. A date-formatted cell (a day count) reads as `YYYY-MM-DD`;
/// an integer of 16 or more digits, past the 15 digits Excel keeps, reads as Excel's General
/// format shows it (`1.96701E+17`), so a NIP that was typed as a number is recognised as damaged
/// instead of imported with wrong last digits.
enum CellNumber {
    static func text(_ stored: String, isDate: Bool, date1904: Bool) -> String {
        guard let value = Double(stored), value.isFinite else { return stored }
        if isDate, value >= 0, value < 2_958_466 {   // up to 9999-12-31
            return isoDate(serial: Int(value.rounded(.down)), date1904: date1904)
        }
        if abs(value) >= 1e15, value == value.rounded() {
            return general(value)
        }
        let significant = stored.prefix { $0 != "e" && $0 != "E" }.drop { !("1"..."9").contains($0) }.filter(\.isNumber).count
        if significant > 15 {
            let rounded = String(format: "%.15g", value)
            if !rounded.contains("e") { return rounded }
        }
        return stored
    }

    /// `1.96701E+17`: six significant digits and a two-digit exponent, as Excel's General format
    /// shows a number too wide for its column.
    static func general(_ value: Double) -> String {
        var exponent = Int(log10Floor(abs(value)))
        var mantissa = abs(value) / pow10(exponent)
        mantissa = (mantissa * 100_000).rounded() / 100_000
        if mantissa >= 10 { mantissa /= 10; exponent += 1 }
        var digits = String(Int((mantissa * 100_000).rounded()))   // 6 digits
        while digits.count > 1 && digits.hasSuffix("0") { digits.removeLast() }
        let body = digits.count > 1 ? "\(digits.first!).\(digits.dropFirst())" : digits
        return (value < 0 ? "-" : "") + body + "E+" + (exponent < 10 ? "0" : "") + String(exponent)
    }

    private static func log10Floor(_ x: Double) -> Int {
        var e = 0, v = x
        while v >= 10 { v /= 10; e += 1 }
        return e
    }

    private static func pow10(_ e: Int) -> Double {
        var r = 1.0
        for _ in 0..<e { r *= 10 }
        return r
    }

    /// Day `serial` of the 1900 date system (1 = 1900-01-01, keeping Excel's phantom 1900-02-29)
    /// or of the 1904 one (0 = 1904-01-01).
    static func isoDate(serial: Int, date1904: Bool) -> String {
        // Days since 1970-01-01 of the serial's day.
        let days: Int
        if date1904 { days = serial - 24_107 } else if serial >= 61 { days = serial - 25_569 } else { days = serial - 25_568 }
        // Civil date from days (Howard Hinnant's algorithm).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1_460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let year = String(y)
        return String(repeating: "0", count: max(0, 4 - year.count)) + year + "-" + two(m) + "-" + two(d)
    }

    /// Built-in number formats that show dates.
    static let builtInDates: Set<Int> = Set(14...22).union(27...36).union(45...47).union(50...58)

    /// Whether a custom format code shows a date: it has a day or year part outside quoted
    /// text, brackets and escaped characters.
    static func isDateFormat(_ code: String) -> Bool {
        var quoted = false, bracket = false, escaped = false
        for ch in code.lowercased() {
            if escaped { escaped = false; continue }
            switch ch {
            case "\\": escaped = true
            case "\"": quoted.toggle()
            case "[" where !quoted: bracket = true
            case "]" where !quoted: bracket = false
            case "d", "y": if !quoted && !bracket { return true }
            default: break
            }
        }
        return false
    }
}
