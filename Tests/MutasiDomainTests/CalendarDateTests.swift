import Testing
@testable import MutasiDomain

@Suite struct CalendarDateTests {
    @Test func leapYears() {
        #expect(CalendarDate.isLeapYear(2024))
        #expect(CalendarDate.isLeapYear(2000))
        #expect(!CalendarDate.isLeapYear(1900))
        #expect(!CalendarDate.isLeapYear(2023))
        #expect(CalendarDate.daysInMonth(year: 2024, month: 2) == 29)
        #expect(CalendarDate.daysInMonth(year: 2100, month: 2) == 28)
        #expect(CalendarDate.daysInMonth(year: 2023, month: 4) == 30)
    }

    @Test func validDates() throws {
        let date = try CalendarDate(year: 2024, month: 2, day: 29)
        #expect(date.iso == "2024-02-29")
        #expect(try CalendarDate(year: 7, month: 1, day: 5).iso == "0007-01-05")
    }

    @Test(arguments: [(2023, 2, 29), (1900, 2, 29), (2024, 13, 1), (2024, 0, 1), (2024, 4, 31), (0, 1, 1), (2024, 1, 0)])
    func invalidDates(year: Int, month: Int, day: Int) {
        expectInvalid("date.invalid", field: "birth_date") {
            _ = try CalendarDate(year: year, month: month, day: day, field: "birth_date")
        }
    }

    @Test func parsesISO() throws {
        let date = try CalendarDate(iso: "1985-03-15")
        #expect((date.year, date.month, date.day) == (1985, 3, 15))
        #expect(date.description == "1985-03-15")
        expectInvalid("date.invalid") { _ = try CalendarDate(iso: "2023-02-29") }
        for text in ["1985-3-15", "19850315", "1985/03/15", "", "85-03-15", "1985-03-15T00:00"] {
            expectInvalid("date.invalid_format", field: "d") { _ = try CalendarDate(iso: text, field: "d") }
        }
    }

    @Test func monthArithmetic() throws {
        let endOfNovember = try CalendarDate(iso: "2024-11-30")
        #expect(endOfNovember.addingMonths(3).iso == "2025-02-28")
        #expect(try CalendarDate(iso: "2024-01-31").addingMonths(1).iso == "2024-02-29")
        #expect(try CalendarDate(iso: "2024-01-15").addingMonths(-1).iso == "2023-12-15")
        #expect(try CalendarDate(iso: "2024-12-31").firstOfNextMonth.iso == "2025-01-01")
        #expect(try CalendarDate(iso: "2024-02-29").addingYears(1).iso == "2025-02-28")
        #expect(try CalendarDate(iso: "2024-02-29").addingYears(4).iso == "2028-02-29")
    }

    @Test func ageAndOrder() throws {
        let birth = try CalendarDate(iso: "2000-02-29")
        #expect(birth.age(on: try CalendarDate(iso: "2018-02-28")) == 17)
        #expect(birth.age(on: try CalendarDate(iso: "2018-03-01")) == 18)
        #expect(try CalendarDate(iso: "2024-12-31") < CalendarDate(iso: "2025-01-01"))
        #expect(try CalendarDate(iso: "2024-02-01") > CalendarDate(iso: "2024-01-31"))
    }

    @Test func codesAsISOText() throws {
        #expect(try json(CalendarDate(iso: "1999-12-31")) == "\"1999-12-31\"")
        #expect(try decode(CalendarDate.self, "\"2000-01-02\"") == CalendarDate(iso: "2000-01-02"))
        #expect(throws: DomainError.self) { _ = try decode(CalendarDate.self, "\"2001-02-29\"") }
    }
}
