import Testing
@testable import MutasiDomain

@Suite struct PPPKNumberTests {
    @Test func readsItsParts() throws {
        let number = try PPPKNumber("200012312024211001")
        #expect(number.birthDate == (try CalendarDate(iso: "2000-12-31")))
        #expect(number.startYear == 2024)
        #expect(number.contractCount == 1)
        #expect(number.sex == .male)
        #expect(number.sequence == 1)
        #expect(number.formatted == "20001231 2024 2 1 1 001")
        #expect(try PPPKNumber("19960229 2022 2 3 2 145").sex == .female)
    }

    @Test func validatesItsOwnStructure() {
        expectInvalid("pppk_number.invalid_marker", field: "nip") { _ = try PPPKNumber("200012312024111001") }
        expectInvalid("pppk_number.invalid_contract_count") { _ = try PPPKNumber("200012312024201001") }
        expectInvalid("pppk_number.invalid_sex") { _ = try PPPKNumber("200012312024213001") }
        expectInvalid("pppk_number.invalid_sequence") { _ = try PPPKNumber("200012312024211000") }
        expectInvalid("pppk_number.invalid_birth_date") { _ = try PPPKNumber("200102292024211001") }
        expectInvalid("pppk_number.invalid_birth_date") { _ = try PPPKNumber("200013312024211001") }
    }

    @Test func startFromTheYearOfThe18thBirthday() throws {
        #expect(try PPPKNumber("200012312018211001").startYear == 2018)
        expectInvalid("pppk_number.start_before_age_18") { _ = try PPPKNumber("200012312017211001") }
    }

    @Test func refusesWrongShapes() {
        expectInvalid("pppk_number.required") { _ = try PPPKNumber("") }
        expectInvalid("pppk_number.scientific_notation") { _ = try PPPKNumber("2.00012E+17") }
        expectInvalid("pppk_number.invalid_length") { _ = try PPPKNumber("20001231202421100") }
        expectInvalid("pppk_number.invalid_characters") { _ = try PPPKNumber("2000123120242110x1") }
    }

    @Test func aNIPIsNotAnNIPPPPK() {
        expectInvalid("pppk_number.invalid_marker") { _ = try PPPKNumber("198503152010011002") }
    }
}

@Suite struct EmployeeNumberTests {
    @Test func validatesByKind() throws {
        let pns = try EmployeeNumber("198503152010011002", kind: .pns)
        #expect(pns.kind == .pns)
        #expect(pns.birthDate.iso == "1985-03-15")
        let pppk = try EmployeeNumber("200012312024212001", kind: .pppk)
        #expect(pppk.kind == .pppk)
        #expect(pppk.sex == .female)
        #expect(pppk.text == "200012312024212001")
        expectInvalid("pppk_number.invalid_marker", field: "employees[2].nip") {
            _ = try EmployeeNumber("198503152010011002", kind: .pppk, field: "employees[2].nip")
        }
        expectInvalid("nip.invalid_start_month") { _ = try EmployeeNumber("200012312024211001", kind: .pns) }
    }

    @Test func parsesTheKind() throws {
        #expect(try CivilServantKind(parsing: "pns") == .pns)
        #expect(try CivilServantKind(parsing: " PPPK ") == .pppk)
        expectInvalid("civil_servant_kind.invalid", field: "kind") { _ = try CivilServantKind(parsing: "honorer") }
    }
}
