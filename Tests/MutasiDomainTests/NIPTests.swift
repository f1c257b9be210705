import Testing
@testable import MutasiDomain

@Suite struct NIPTests {
    @Test func readsItsParts() throws {
        let nip = try NIP("198503152010011002")
        #expect(nip.birthDate == (try CalendarDate(iso: "1985-03-15")))
        #expect(nip.startYear == 2010)
        #expect(nip.startMonth == 1)
        #expect(nip.sex == .male)
        #expect(nip.sequence == 2)
        #expect(nip.text == "198503152010011002")
        #expect(nip.formatted == "19850315 201001 1 002")
        #expect(nip.description == "198503152010011002")
    }

    @Test func acceptsPrintedGroupsAndSurroundingSpace() throws {
        let nip = try NIP("  19850315 201001 2 999 ")
        #expect(nip.text == "198503152010012999")
        #expect(nip.sex == .female)
        #expect(nip.sequence == 999)
    }

    @Test func leapYearBirthDates() throws {
        #expect(try NIP("199202292015031001").birthDate.iso == "1992-02-29")
        #expect(try NIP("200002292020011001").birthDate.iso == "2000-02-29")
        expectInvalid("nip.invalid_birth_date", field: "nip") { _ = try NIP("199302292015031001") }
        expectInvalid("nip.invalid_birth_date") { _ = try NIP("190002292015031001") }
    }

    @Test(arguments: ["198513152010011002", "198504312010011002", "198503002010011002", "000003152010011002"])
    func refusesUnrealBirthDates(raw: String) {
        expectInvalid("nip.invalid_birth_date") { _ = try NIP(raw) }
    }

    @Test(arguments: ["198503152010001002", "198503152010131002"])
    func refusesUnrealStartMonths(raw: String) {
        expectInvalid("nip.invalid_start_month") { _ = try NIP(raw) }
    }

    @Test func startFromTheMonthOfThe18thBirthday() throws {
        #expect(try NIP("198503152003031001").startMonth == 3)
        expectInvalid("nip.start_before_age_18") { _ = try NIP("198503152003021001") }
        expectInvalid("nip.start_before_age_18") { _ = try NIP("198503152002121001") }
        expectInvalid("nip.start_before_age_18") { _ = try NIP("198503151980011001") }
    }

    @Test func sexAndSequence() {
        expectInvalid("nip.invalid_sex") { _ = try NIP("198503152010013002") }
        expectInvalid("nip.invalid_sex") { _ = try NIP("198503152010010002") }
        expectInvalid("nip.invalid_sequence") { _ = try NIP("198503152010011000") }
    }

    @Test(arguments: ["1.98501E+17", "1,98501E+17", "1.98503E17", "1.985031520100E+17", "2E+17"])
    func refusesScientificNotation(raw: String) {
        let error = #expect(throws: DomainError.self) { _ = try NIP(raw, field: "rows[4].nip") }
        #expect(error?.code == "nip.scientific_notation")
        #expect(error?.field == "rows[4].nip")
        #expect(error?.message.contains("as text") == true)
    }

    @Test func refusesWrongShapes() {
        expectInvalid("nip.required") { _ = try NIP("   ") }
        expectInvalid("nip.invalid_length") { _ = try NIP("19850315201001100") }
        expectInvalid("nip.invalid_length") { _ = try NIP("1985031520100110021") }
        expectInvalid("nip.invalid_characters") { _ = try NIP("19850315201001100A") }
        expectInvalid("nip.invalid_characters") { _ = try NIP("19850315-201001-1-002") }
        expectInvalid("nip.invalid_characters") { _ = try NIP("1985031520100110O2") }
        expectInvalid("nip.invalid_characters") { _ = try NIP("١٩٨٥٠٣١٥٢٠١٠٠١١٠٠٢") }
    }

    @Test func anNIPPPPKIsNotANIP() {
        let error = #expect(throws: DomainError.self) { _ = try NIP("200012312024211001") }
        #expect(error?.code == "nip.invalid_start_month")
        #expect(error?.message.contains("PPPK") == true)
    }

    @Test func codesAsText() throws {
        #expect(try json(NIP("198503152010011002")) == "\"198503152010011002\"")
        #expect(try decode(NIP.self, "\"19850315 201001 1 002\"").text == "198503152010011002")
        #expect(throws: DomainError.self) { _ = try decode(NIP.self, "\"198503152010011000\"") }
        #expect(try NIP("198503152010011002") < NIP("198503152010011003"))
    }
}
