import Testing
@testable import MutasiDomain

@Suite struct RationalTests {
    @Test func reducesAndKeepsTheSignOnTop() throws {
        let value = try Rational(54_300, 75_000)
        #expect(value.numerator == 181)
        #expect(value.denominator == 250)
        #expect(try Rational(3, -6) == Rational(-1, 2))
        #expect(try Rational(0, 7) == .zero)
        #expect(try Rational(6, 3).isInteger)
        #expect(try Rational(6, 4).description == "3/2")
        expectInvalid("number.division_by_zero") { _ = try Rational(1, 0) }
    }

    @Test func parsesDecimals() throws {
        #expect(try Rational(decimal: "0.724") == Rational(54_300, 75_000))
        #expect(try Rational(decimal: "75000") == Rational(75_000))
        #expect(try Rational(decimal: "-1.25") == Rational(-5, 4))
        #expect(try Rational(decimal: "0.90") == Rational(9, 10))
        for text in ["1,5", "1e3", "", ".", "1.", "75.000.000", "+1", "1 000", "0.1234567890123456789"] {
            expectInvalid("number.invalid", field: "x") { _ = try Rational(decimal: text, field: "x") }
        }
    }

    @Test func arithmeticIsExact() throws {
        let third = try Rational(1, 3)
        #expect(try third.adding(third).adding(third) == .one)
        #expect(try Rational(2, 3).multiplied(by: Rational(3, 4)) == Rational(1, 2))
        #expect(try Rational(1, 2).divided(by: Rational(1, 4)) == Rational(2))
        expectInvalid("number.division_by_zero") { _ = try Rational.one.divided(by: .zero) }
    }

    @Test func comparesExactlyAndWithoutOverflow() throws {
        #expect(try Rational(7, 10) < Rational(181, 250))
        #expect(try Rational(9, 10) == Rational(decimal: "0.9"))
        #expect(try Rational(Int.max, 3) > Rational(Int.max - 1, 3))
        #expect(try Rational(-1, 3) < Rational(-1, 4))
    }

    @Test func overflowThrows() {
        expectInvalid("number.overflow") { _ = try Rational(Int.max).adding(.one) }
        expectInvalid("number.overflow") { _ = try Rational(Int.max / 2).multiplied(by: Rational(3)) }
        expectInvalid("number.overflow") { _ = try Rational(Int.min, 1) }
    }

    @Test func rounding() throws {
        #expect(try Rational(181, 250).ceiling == 1)
        #expect(try Rational(181, 250).floor == 0)
        #expect(try Rational(181, 250).roundedHalfUp == 1)
        #expect(try Rational(5, 2).roundedHalfUp == 3)
        #expect(try Rational(149, 100).roundedHalfUp == 1)
        #expect(try Rational(-5, 2).roundedHalfUp == -2)
        #expect(try Rational(-5, 2).floor == -3)
        #expect(try Rational(-5, 2).ceiling == -2)
        #expect(Rational(4).ceiling == 4)
    }

    @Test func decimalText() throws {
        #expect(try Rational(181, 250).decimalString(fractionDigits: 3) == "0.724")
        #expect(try Rational(2, 3).decimalString(fractionDigits: 2) == "0.67")
        #expect(try Rational(-1, 8).decimalString(fractionDigits: 2) == "-0.12")
        #expect(try Rational(1, 40).decimalString(fractionDigits: 3) == "0.025")
        #expect(Rational(12).decimalString(fractionDigits: 0) == "12")
    }
}
