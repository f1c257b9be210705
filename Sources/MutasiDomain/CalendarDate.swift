/// A day on the Gregorian calendar (tanggal), with no time of day and no time zone.
///
/// Birth dates, CPNS start dates, retirement dates and decree effective dates (TMT) are days, not
/// instants, so they are kept as year, month and day. Years run 1...9999 so that every value has
/// a four-digit ISO form.
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible, Codable {
    public let year: Int
    public let month: Int
    public let day: Int

    /// A date that must exist: 29 February only in leap years, months 1...12, years 1...9999.
    /// Throws `date.invalid`.
    public init(year: Int, month: Int, day: Int, field: String? = nil) throws {
        guard CalendarDate.isValid(year: year, month: month, day: day) else {
            throw DomainError.invalid(
                "date.invalid", "\(year)-\(month)-\(day) is not a real calendar date.", field: field)
        }
        self.init(unchecked: year, month, day)
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses the ISO 8601 calendar form `YYYY-MM-DD` (exactly four, two and two digits).
    /// Throws `date.invalid_format` for another shape and `date.invalid` for a day that does not exist.
    public init(iso text: String, field: String? = nil) throws {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let year = DecimalDigits.value(of: parts[0]),
              let month = DecimalDigits.value(of: parts[1]),
              let day = DecimalDigits.value(of: parts[2])
        else {
            throw DomainError.invalid(
                "date.invalid_format", "Dates are written YYYY-MM-DD, e.g. 1985-03-15; got '\(text)'.",
                field: field)
        }
        try self.init(year: year, month: month, day: day, field: field)
    }

    /// Whether the year has 29 February: divisible by 4, except centuries not divisible by 400.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in a month (1...12) of a year.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    public static func isValid(year: Int, month: Int, day: Int) -> Bool {
        (1...9999).contains(year) && (1...12).contains(month)
            && (1...daysInMonth(year: year, month: month)).contains(day)
    }

    /// `YYYY-MM-DD`.
    public var iso: String {
        DecimalDigits.padded(year, to: 4) + "-" + DecimalDigits.padded(month, to: 2) + "-"
            + DecimalDigits.padded(day, to: 2)
    }

    public var description: String { iso }

    /// The date `months` calendar months later (earlier when negative). A day that the target
    /// month lacks becomes its last day: 31 January + 1 month = 28 or 29 February.
    /// Traps when the result would leave years 1...9999.
    public func addingMonths(_ months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let newYear = index / 12
        let newMonth = index % 12 + 1
        precondition((1...9999).contains(newYear), "CalendarDate out of range")
        return CalendarDate(
            unchecked: newYear, newMonth, min(day, CalendarDate.daysInMonth(year: newYear, month: newMonth)))
    }

    /// The date `years` years later; 29 February becomes 28 February in a common year.
    public func addingYears(_ years: Int) -> CalendarDate {
        addingMonths(years * 12)
    }

    /// The first day of this date's month.
    public var firstOfMonth: CalendarDate {
        CalendarDate(unchecked: year, month, 1)
    }

    /// The first day of the month after this date's month (31 December 2024 -> 1 January 2025).
    public var firstOfNextMonth: CalendarDate {
        firstOfMonth.addingMonths(1)
    }

    /// Completed years of life on `date` for someone born on `self`; a 29 February birthday is
    /// reached on 1 March in common years.
    public func age(on date: CalendarDate) -> Int {
        let years = date.year - year
        return (date.month, date.day) < (month, day) ? years - 1 : years
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        try self.init(iso: container.decode(String.self))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(iso)
    }
}
