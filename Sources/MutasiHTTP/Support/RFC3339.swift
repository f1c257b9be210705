import Foundation

/// Timestamps as the API document's `date-time` states them (RFC 3339 §5.6):
/// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)`, every field in its range. Foundation's ISO 8601
/// reading accepts impossible times (`12:99:00` rolls over to the next hour), so bodies and query
/// parameters are read here instead.
enum RFC3339 {
    static func date(_ text: String) -> Date? {
        let b = Array(text.utf8)
        guard b.count >= 20, b.count <= 40 else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                guard (0x30...0x39).contains(b[i]) else { return nil }
                value = value * 10 + Int(b[i] - 0x30)
            }
            return value
        }
        guard b[4] == 0x2D, b[7] == 0x2D, b[10] == 0x54 || b[10] == 0x74, b[13] == 0x3A, b[16] == 0x3A,
              let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
              let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
              (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day),
              hour <= 23, minute <= 59, second <= 59 else { return nil }
        var index = 19
        var fraction = 0.0
        if b[index] == 0x2E {   // "."
            var scale = 0.1
            index += 1
            let start = index
            while index < b.count, (0x30...0x39).contains(b[index]) {
                fraction += Double(b[index] - 0x30) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < b.count else { return nil }
        var offset = 0
        switch b[index] {
        case 0x5A, 0x7A:   // "Z"
            guard index + 1 == b.count else { return nil }
        case 0x2B, 0x2D:   // "+" or "-"
            guard index + 6 == b.count, b[index + 3] == 0x3A, let h = number(index + 1..<index + 3),
                  let m = number(index + 4..<index + 6), h <= 23, m <= 59 else { return nil }
            offset = (h * 60 + m) * 60 * (b[index] == 0x2D ? -1 : 1)
        default:
            return nil
        }
        let seconds = daysFromEpoch(year: year, month: month, day: day) * 86_400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's `days_from_civil`).
    private static func daysFromEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }
}
