import Foundation
import Testing
@testable import MutasiDomain

@Suite struct DecreeNumberPatternTests {
    @Test func standardPatternNumbersBySequenceAndYear() throws {
        let pattern = try DecreeNumberPattern(DecreeNumberPattern.standard, perAgency: false)
        let date = try CalendarDate(year: 2026, month: 11, day: 29)
        #expect(pattern.number(seq: 7, issuedOn: date, agencyCode: nil) == "800.1.3.3/7/BKPSDM/2026")
    }

    @Test func monthInRomanNumeralsAndAgencyCode() throws {
        let pattern = try DecreeNumberPattern("821/{seq}/{agency}/{month}/{year}", perAgency: true)
        #expect(pattern.number(seq: 12, issuedOn: try CalendarDate(year: 2027, month: 4, day: 1), agencyCode: "DISDIK")
                == "821/12/DISDIK/IV/2027")
        #expect((1...12).map(IndonesianDate.roman) == ["I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII"])
    }

    @Test func refusesUnknownTokensMissingSequenceAndAgencyWithoutPerAgency() {
        expectInvalid("decree_settings.unknown_token", field: "numberPattern") {
            _ = try DecreeNumberPattern("800/{seq}/{tahun}", perAgency: false)
        }
        expectInvalid("decree_settings.seq_required", field: "numberPattern") { _ = try DecreeNumberPattern("800/{year}", perAgency: false) }
        expectInvalid("decree_settings.agency_token", field: "numberPattern") {
            _ = try DecreeNumberPattern("800/{seq}/{agency}", perAgency: false)
        }
        expectInvalid("decree_settings.invalid_pattern", field: "numberPattern") { _ = try DecreeNumberPattern("800/{seq", perAgency: false) }
    }

    @Test func longIndonesianDates() throws {
        #expect(IndonesianDate.long(try CalendarDate(year: 2026, month: 11, day: 29)) == "29 November 2026")
        #expect(IndonesianDate.long(try CalendarDate(year: 2027, month: 1, day: 2)) == "2 Januari 2027")
    }

    @Test func defaultsFollowTheTenantKind() {
        let city = Tenant(id: UUID(), code: "kota-kupang", name: "Pemerintah Kota Kupang", kind: .city, regionCode: "53.71",
                          bknOfficeID: UUID(), active: true, version: 1)
        let settings = DecreeSettings.defaults(for: city)
        #expect(settings.regionHead == "WALI KOTA KUPANG" && settings.placeOfSigning == "Kupang")
        #expect(settings.legalBases.contains { $0.contains("Nomor 20 Tahun 2023") })
        var regency = city
        regency.kind = .regency
        regency.name = "Kabupaten Kupang"
        #expect(DecreeSettings.defaults(for: regency).regionHead == "BUPATI KUPANG")
        #expect((try? settings.validated()) != nil)
    }
}
