import MutasiDomain

/// Dates and numbers as Indonesian readers write them: `29 November 2026`, `1.234,5`.
public enum IndonesianFormat {
    static let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus",
                         "September", "Oktober", "November", "Desember"]

    /// `29 November 2026`.
    public static func date(_ date: CalendarDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// An integer with `.` between thousands: `-1.234.567`.
    public static func number(_ value: Int) -> String {
        (value < 0 ? "-" : "") + grouped(value.magnitude)
    }

    /// A fraction rounded half away from zero to `decimals` places (0...6), with `,` before
    /// them: `1.234,5`. Trailing zeros are kept so columns line up. Integer arithmetic only,
    /// without overflow for any numerator and denominator.
    public static func number(_ value: Rational, decimals: Int) -> String {
        let decimals = min(max(decimals, 0), 6)
        var scale: UInt = 1
        for _ in 0..<decimals { scale *= 10 }
        let n = value.numerator.magnitude, d = UInt(value.denominator)
        var whole = n / d
        // remainder * scale / d < scale, so the quotient of the full-width division fits.
        let (quotient, rest) = d.dividingFullWidth((n % d).multipliedFullWidth(by: scale))
        var fraction = quotient
        if rest >= d - rest { fraction += 1 }   // rest / d >= 1/2
        if fraction == scale { fraction = 0; whole += 1 }
        let sign = value.numerator < 0 && (whole > 0 || fraction > 0) ? "-" : ""
        guard decimals > 0 else { return sign + grouped(whole) }
        let digits = String(fraction)
        return sign + grouped(whole) + "," + String(repeating: "0", count: decimals - digits.count) + digits
    }

    private static func grouped(_ value: UInt) -> String {
        let digits = String(value)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0 && (digits.count - i) % 3 == 0 { out += "." }
            out.append(c)
        }
        return out
    }

    /// A share as a percentage with one decimal: `12,5%`.
    public static func percent(_ value: Rational) -> String {
        let (hundredfold, overflow) = value.numerator.multipliedReportingOverflow(by: 100)
        let scaled = overflow ? value : ((try? Rational(hundredfold, value.denominator)) ?? value)
        return number(scaled, decimals: 1) + "%"
    }
}
