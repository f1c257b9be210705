import Testing
@testable import MutasiDomain

@Suite struct RegionCodeTests {
    @Test func kotaKupangIsACity() throws {
        let kupang = try RegionCode("53.71")
        #expect(kupang.level == .regencyOrCity)
        #expect(kupang.isCity)
        #expect(kupang.provinceNumber == "53")
        #expect(kupang.regencyNumber == "71")
        #expect(kupang.parent == (try RegionCode("53")))
        #expect(try RegionCode("52.71").isCity)
    }

    @Test func keptAsText() throws {
        let code = try RegionCode("91.10")
        #expect(code.text == "91.10")
        #expect(code.description == "91.10")
        #expect(!code.isCity)
        #expect(try json(code) == "\"91.10\"")
        #expect(try decode(RegionCode.self, "\"91.10\"").text == "91.10")
        #expect(throws: DomainError.self) { _ = try decode(RegionCode.self, "\"91.1\"") }
    }

    @Test func levelsAndAncestors() throws {
        let village = try RegionCode(" 53.71.01.1001 ")
        #expect(village.text == "53.71.01.1001")
        #expect(village.level == .village)
        #expect(village.districtNumber == "01")
        #expect(village.villageNumber == "1001")
        #expect(village.parent?.text == "53.71.01")
        #expect(village.parent?.level == .district)
        #expect(village.ancestor(at: .province)?.text == "53")
        #expect(village.isCity)
        #expect(try RegionCode("53").parent == nil)
        #expect(try RegionCode("53").level == .province)
        #expect(try !RegionCode("53").isCity)
        #expect(try RegionCode("53.71").ancestor(at: .district) == nil)
        #expect(try RegionCode("53.71").contains(village))
        #expect(try !RegionCode("53.01").contains(village))
        #expect(try !village.contains(RegionCode("53.71")))
        #expect(try !RegionCode("53.01").isCity)
    }

    @Test func refusesCodesThatDoNotExist() {
        expectInvalid("region_code.invalid_regency", field: "region_code") { _ = try RegionCode("53.00") }
        expectInvalid("region_code.invalid_regency") { _ = try RegionCode("53.70") }
        expectInvalid("region_code.invalid_province") { _ = try RegionCode("10.71") }
        expectInvalid("region_code.invalid_province") { _ = try RegionCode("00") }
        expectInvalid("region_code.invalid_district") { _ = try RegionCode("53.71.00") }
        expectInvalid("region_code.invalid_village") { _ = try RegionCode("53.71.01.0000") }
    }

    @Test(arguments: ["91.1", "5371", "53.71.1", "53.71.01.101", "53.71.01.1001.01", "53..71", "53.71.", "5a.71", "53,71"])
    func refusesWrongShapes(raw: String) {
        expectInvalid("region_code.invalid", field: "units[0].region_code") {
            _ = try RegionCode(raw, field: "units[0].region_code")
        }
    }

    @Test func requiresAValue() {
        expectInvalid("region_code.required") { _ = try RegionCode(" ") }
    }
}
