import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiDomain
import MutasiRepositories
import MutasiServices
import NIOCore
import Testing

/// Records that cannot be true are refused (future SKP years, numbers born or started in the
/// future), a wrong SKP year can be removed, and somebody past their retirement date is shown
/// as retired and leaves the headcount.
@Suite("Record integrity")
struct RecordIntegrityTests {
    static var thisYear: Int { Calendar(identifier: .gregorian).dateComponents(in: TimeZone(identifier: "UTC")!, from: Date()).year! }

    @Test("SKP years after this one are refused; a wrong year is removed and audited")
    func performanceYears() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let employee = (try await http.call(.get, "\(t)/employees?nip=198503152010011002", token: admin).json()["items"]
                as! [[String: Any]])[0]
            let path = "\(t)/employees/\(employee["id"] as! String)/performance"
            let v1: HTTPFields = [.ifMatch: "\"v1\""]

            let future = try await http.call(.put, path, token: admin, json: ["ratings": [
                ["year": Self.thisYear, "predicate": "Baik"], ["year": Self.thisYear + 1, "predicate": "Sangat Baik"]]], headers: v1)
            #expect(future.status == .badRequest)
            #expect(try future.json()["code"] as? String == "performance.future_year")
            #expect(try future.json()["field"] as? String == "ratings[1].year")
            let kept = try await http.call(.get, "\(t)/employees/\(employee["id"] as! String)", token: admin).json()
            #expect((kept["performance"] as? [[String: Any]])?.count == 2)

            // The import refuses them too, naming line and column.
            let imported = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "employees",
                                                                 "nip;skp\n198503152010011002;\(Self.thisYear + 1):Baik\n")
            let report = try imported.json()["report"] as? [String: Any] ?? [:]
            #expect(report["applied"] as? Bool == false, "\(imported.text)")
            #expect((report["errors"] as? [[String: Any]])?.first?["code"] as? String == "performance.future_year")

            #expect(try await http.call(.delete, "\(path)/2023", token: admin).status == .preconditionRequired)
            let removed = try await http.call(.delete, "\(path)/2023", token: admin, headers: v1)
            #expect(removed.status == .ok, "\(removed.text)")
            #expect((try removed.json()["performance"] as? [[String: Any]])?.map { $0["year"] as? Int } == [2024])
            #expect(removed.headers[.eTag] == "\"v2\"")
            let again = try await http.call(.delete, "\(path)/2023", token: admin, headers: [.ifMatch: "\"v2\""])
            #expect(again.status == .notFound)
            #expect(try again.json()["code"] as? String == "performance.not_found")
            for year in ["99999999999999999999", "abc", "-1"] {
                #expect(try await http.call(.delete, "\(path)/\(year)", token: admin, headers: v1).status == .notFound)
            }
            let events = try await http.call(.get, "\(t)/audit-events?action=employee.performance_remove", token: admin).json()
            #expect(events["total"] as? Int == 1)
        }
    }

    @Test("an employee past the retirement date is shown retired and leaves the headcount and plans")
    func retiredEmployee() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            func slotRow() async throws -> [String: Any] {
                let rows = try await http.call(.get, "\(t)/balance?level=slot&limit=200", token: admin).json()["items"] as! [[String: Any]]
                return try #require(rows.first { $0["code"] as? String == "GURU-KELAS" && $0["unitCode"] as? String == "SDN-1" })
            }
            let before = try await slotRow()
            #expect(before["retired"] as? Int == 0)

            // Born 1 January 1960, a teacher: retirement age 60, so retired since February 2020.
            let slot = try await WorkforceFixtures.firstSlot(http, token: admin, tenantID: tenantID, unit: "SDN-1").slot["id"] as! String
            let created = try await http.call(.post, "\(t)/employees", token: admin, json: [
                "nip": "196001011985031001", "kind": "PNS", "name": "Pensiunan Uji", "grade": "III/d",
                "slotID": slot, "slotSince": "2010-01-01"])
            #expect(created.status == .created, "\(created.text)")
            #expect(try created.json()["retired"] as? Bool == true)
            #expect(try created.json()["retirementDate"] as? String == "2020-02-01")
            let colleague = (try await http.call(.get, "\(t)/employees?nip=198503152010011002", token: admin).json()["items"]
                as! [[String: Any]])[0]
            #expect(colleague["retired"] as? Bool == false)

            let after = try await slotRow()
            #expect(after["headcount"] as? Int == before["headcount"] as? Int)
            #expect(after["current"] as? Int == before["current"] as? Int)
            #expect(after["retired"] as? Int == 1)
            let retirements = try await http.call(.get, "\(t)/balance/retirements", token: admin).json()["items"] as! [[String: Any]]
            let listed = retirements.first { ($0["employee"] as? [String: Any])?["nip"] as? String == "196001011985031001" }
            #expect(listed?["retired"] as? Bool == true)
        }
    }

    @Test("the planning instance leaves out whoever has retired")
    func retiredNotPlanned() throws {
        let slotID = UUID()
        let slot = PlanningSlotRecord(id: slotID, key: "SDN-1/GURU", unitCode: "SDN-1", region: "53.71.01", need: 2, minGrade: 9,
                                      maxGrade: 14, educationFields: [], competencies: [], positionKind: "teacher")
        func employee(_ nip: String, born: String) throws -> PlanningEmployeeRecord {
            PlanningEmployeeRecord(id: UUID(), nip: nip, name: nip, slotID: slotID, slotSince: try CalendarDate(iso: "2010-01-01"),
                                   birthDate: try CalendarDate(iso: born), grade: 10, educationField: "", competencies: [:],
                                   latestPerformance: 4, transferRequested: false, locked: false, preferredUnits: [])
        }
        let builder = PlanningInstanceBuilder(
            policy: PlanPolicy(), slots: [slot],
            employees: [try employee("196001011985031001", born: "1960-01-01"), try employee("198503152010011002", born: "1985-03-15")],
            retirementAges: .default, today: try CalendarDate(iso: "2026-11-29"))
        #expect(builder.instance.employees.map(\.id) == ["198503152010011002"])
    }
}
