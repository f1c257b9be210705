import Foundation

/// Dates as Indonesian official letters write them.
public enum IndonesianDate {
    public static let months = ["Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September",
                                "Oktober", "November", "Desember"]

    /// `29 November 2026`.
    public static func long(_ date: CalendarDate) -> String {
        "\(date.day) \(months[date.month - 1]) \(date.year)"
    }

    /// A month 1...12 in Roman numerals (I ... XII), as decree numbers write it.
    public static func roman(_ month: Int) -> String {
        ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"][min(max(month, 1), 12) - 1]
    }
}
