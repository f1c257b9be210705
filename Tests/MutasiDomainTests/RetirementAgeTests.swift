import Testing
@testable import MutasiDomain

@Suite struct RetirementAgeTests {
    @Test func defaultTable() {
        let table = RetirementAgeTable.default
        for kind in [PositionKind.administrator, .supervisor, .executor, .functionalSkilled,
                     .functionalFirstExpert, .functionalJuniorExpert] {
            #expect(table.age(for: kind) == 58)
        }
        #expect(table.age(for: .seniorLeader) == 60)
        #expect(table.age(for: .functionalMiddleExpert) == 60)
        #expect(table.age(for: .teacher) == 60)
        #expect(table.age(for: .functionalSeniorExpert) == 65)
        #expect(table.ages.count == PositionKind.allCases.count)
    }

    @Test(arguments: [
        ("1966-12-15", 58, "2025-01-01"),
        ("1966-12-01", 58, "2025-01-01"),
        ("1966-12-31", 58, "2025-01-01"),
        ("1966-11-30", 58, "2024-12-01"),
        ("1966-03-01", 58, "2024-04-01"),
        ("1964-02-29", 60, "2024-03-01"),
        ("1968-02-29", 58, "2026-03-01"),
        ("1959-12-31", 65, "2025-01-01"),
    ])
    func firstOfTheMonthAfterTheBirthday(birth: String, age: Int, expected: String) throws {
        let date = RetirementAgeTable.retirementDate(birthDate: try CalendarDate(iso: birth), age: age)
        #expect(date.iso == expected)
    }

    @Test func byPositionKind() throws {
        let birth = try CalendarDate(iso: "1966-12-15")
        #expect(RetirementAgeTable.default.retirementDate(birthDate: birth, kind: .executor).iso == "2025-01-01")
        #expect(RetirementAgeTable.default.retirementDate(birthDate: birth, kind: .teacher).iso == "2027-01-01")
        #expect(RetirementAgeTable.default.retirementDate(birthDate: birth, kind: .functionalSeniorExpert).iso
            == "2032-01-01")
    }

    @Test func tenantOverrides() throws {
        var table = try RetirementAgeTable(overriding: [.teacher: 62])
        #expect(table.age(for: .teacher) == 62)
        #expect(table.age(for: .executor) == 58)
        try table.setAge(56, for: .executor)
        #expect(table.age(for: .executor) == 56)
        expectInvalid("retirement_age.out_of_range", field: "retirement_ages.teacher") {
            _ = try RetirementAgeTable(overriding: [.teacher: 49])
        }
        expectInvalid("retirement_age.out_of_range", field: "retirement_ages.executor") {
            try table.setAge(76, for: .executor)
        }
        #expect(table.age(for: .executor) == 56)
    }

    @Test func codesAsObject() throws {
        let table = try RetirementAgeTable(overriding: [.teacher: 62])
        let decoded = try decode(RetirementAgeTable.self, json(table))
        #expect(decoded == table)
        let partial = try decode(RetirementAgeTable.self, "{\"guru\": 61, \"ahli_utama\": 70}")
        #expect(partial.age(for: .teacher) == 61)
        #expect(partial.age(for: .functionalSeniorExpert) == 70)
        #expect(partial.age(for: .supervisor) == 58)
        #expect(throws: DomainError.self) { _ = try decode(RetirementAgeTable.self, "{\"direktur\": 60}") }
    }
}

@Suite struct PositionKindTests {
    @Test func parsesCodesAndIndonesianNames() throws {
        #expect(try PositionKind(parsing: "functional_junior_expert") == .functionalJuniorExpert)
        #expect(try PositionKind(parsing: "Fungsional Ahli Muda") == .functionalJuniorExpert)
        #expect(try PositionKind(parsing: "ahli_pertama") == .functionalFirstExpert)
        #expect(try PositionKind(parsing: "AHLI-UTAMA") == .functionalSeniorExpert)
        #expect(try PositionKind(parsing: "JPT") == .seniorLeader)
        #expect(try PositionKind(parsing: "Pimpinan Tinggi") == .seniorLeader)
        #expect(try PositionKind(parsing: "pengawas") == .supervisor)
        #expect(try PositionKind(parsing: "Pelaksana") == .executor)
        #expect(try PositionKind(parsing: "keterampilan") == .functionalSkilled)
        #expect(try PositionKind(parsing: " guru ") == .teacher)
    }

    @Test(arguments: ["direktur", "", "ahli", "fungsional"])
    func refusesOthers(raw: String) {
        expectInvalid("position_kind.invalid", field: "position_kind") { _ = try PositionKind(parsing: raw) }
    }
}
