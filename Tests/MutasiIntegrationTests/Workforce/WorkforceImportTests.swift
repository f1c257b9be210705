import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@Suite("Workforce CSV import and export")
struct WorkforceImportTests {
    @Test("units, slots and employees import; a second import changes nothing")
    func importAndReimport() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let first = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "units", WorkforceFixtures.units)
            #expect(first.status == .ok, "\(first.text)")
            let report = try first.json()
            #expect(report["separator"] as? String == ";")
            #expect((report["counts"] as? [String: Any])?["inserted"] as? Int == 3)
            let slots = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "slots", WorkforceFixtures.slots)
            #expect(slots.status == .ok, "\(slots.text)")
            #expect(try slots.json()["separator"] as? String == ",")
            let employees = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "employees",
                                                                  WorkforceFixtures.employees, bom: true)
            #expect(employees.status == .ok, "\(employees.text)")
            #expect((try employees.json()["counts"] as? [String: Any])?["inserted"] as? Int == 4)

            for (file, csv) in [("units", WorkforceFixtures.units), ("slots", WorkforceFixtures.slots),
                                ("employees", WorkforceFixtures.employees)] {
                let again = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, file, csv)
                let counts = try again.json()["counts"] as? [String: Any]
                #expect(counts?["inserted"] as? Int == 0, "\(file): \(again.text)")
                #expect(counts?["updated"] as? Int == 0, "\(file): \(again.text)")
            }

            let list = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?nip=1990", token: token).json()
            let maria = try #require((list["items"] as? [[String: Any]])?.first)
            #expect(maria["name"] as? String == "Maria \"Ina\" Lado")
            #expect(maria["locked"] as? Bool == true)
            #expect(maria["lockReason"] as? String == "Sedang tugas belajar sampai 2026")
            #expect(maria["retirementDate"] as? String == "2048-02-01")   // ahli pertama: 58
            #expect((maria["positionHistory"] as? [[String: Any]])?.count == 1)
            let unit = try await http.call(.get, "/v1/tenants/\(tenantID)/units?q=oebobo", token: token).json()
            #expect(unit["total"] as? Int == 2)
        }
    }
}
