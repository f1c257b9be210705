import Testing
@testable import MutasiDomain

@Suite struct GradeTests {
    static let table: [(String, Int, String)] = [
        ("I/a", 1, "Juru Muda"), ("I/b", 2, "Juru Muda Tingkat I"), ("I/c", 3, "Juru"),
        ("I/d", 4, "Juru Tingkat I"), ("II/a", 5, "Pengatur Muda"), ("II/b", 6, "Pengatur Muda Tingkat I"),
        ("II/c", 7, "Pengatur"), ("II/d", 8, "Pengatur Tingkat I"), ("III/a", 9, "Penata Muda"),
        ("III/b", 10, "Penata Muda Tingkat I"), ("III/c", 11, "Penata"), ("III/d", 12, "Penata Tingkat I"),
        ("IV/a", 13, "Pembina"), ("IV/b", 14, "Pembina Tingkat I"), ("IV/c", 15, "Pembina Utama Muda"),
        ("IV/d", 16, "Pembina Utama Madya"), ("IV/e", 17, "Pembina Utama"),
    ]

    @Test func allSeventeenSteps() throws {
        #expect(Grade.allCases.count == 17)
        for (label, step, rank) in GradeTests.table {
            let grade = try Grade(parsing: label)
            #expect(grade.rawValue == step)
            #expect(grade.label == label)
            #expect(grade.rankName == rank)
            #expect(grade.description == label)
        }
    }

    @Test func partsAndOrder() throws {
        let grade = try Grade(parsing: "IV/e")
        #expect(grade.golongan == 4)
        #expect(grade.ruang == "e")
        #expect(Grade.iid.golongan == 2)
        #expect(Grade.iid.ruang == "d")
        #expect(Grade.iiid < Grade.iva)
        #expect(Grade.ia < Grade.ib)
    }

    @Test func parsesInAnyLetterCase() throws {
        #expect(try Grade(parsing: "iii/A") == .iiia)
        #expect(try Grade(parsing: " iv/b ") == .ivb)
    }

    @Test(arguments: ["III a", "3a", "III/", "V/a", "IV/f", "II/e", "I/e", "", "III/a/b"])
    func refusesOtherShapes(raw: String) {
        expectInvalid("grade.invalid", field: "grade") { _ = try Grade(parsing: raw) }
    }

    @Test func codesAsLabel() throws {
        #expect(try json(Grade.iiia) == "\"III\\/a\"" || json(Grade.iiia) == "\"III/a\"")
        #expect(try decode(Grade.self, "\"IV/c\"") == .ivc)
        #expect(throws: DomainError.self) { _ = try decode(Grade.self, "\"IX/a\"") }
    }
}

@Suite struct PPPKGradeTests {
    static let numerals = ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X",
                           "XI", "XII", "XIII", "XIV", "XV", "XVI", "XVII"]

    @Test func romanNumeralsOneToSeventeen() throws {
        #expect(PPPKGrade.allCases.map(\.label) == PPPKGradeTests.numerals)
        for (index, numeral) in PPPKGradeTests.numerals.enumerated() {
            #expect(try PPPKGrade(parsing: numeral).value == index + 1)
        }
        #expect(try PPPKGrade(parsing: " xvii ").value == 17)
        #expect(try PPPKGrade(9).label == "IX")
        #expect(try PPPKGrade(2) < PPPKGrade(10))
    }

    @Test(arguments: ["IIII", "XVIII", "0", "9", "IX/a", "", "VV"])
    func refusesOthers(raw: String) {
        expectInvalid("pppk_grade.invalid", field: "grade") { _ = try PPPKGrade(parsing: raw) }
    }

    @Test func refusesNumbersOutOfRange() {
        expectInvalid("pppk_grade.invalid") { _ = try PPPKGrade(0) }
        expectInvalid("pppk_grade.invalid") { _ = try PPPKGrade(18) }
    }

    @Test func codesAsNumeral() throws {
        #expect(try json(PPPKGrade(14)) == "\"XIV\"")
        #expect(try decode(PPPKGrade.self, "\"V\"") == PPPKGrade(5))
    }
}
