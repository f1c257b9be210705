import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@Suite("Demo workforce")
struct DemoWorkforceTests {
    @Test("Sabangau has thousands of employees, shortages and surpluses; seeding again changes nothing")
    func sabangau() async throws {
        try await TestApp.run { http, services, _, _ in
            let token = try await http.login("provinsi-sabangau", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String
            let t = "/v1/tenants/\(tenantID)"
            let employees = try await http.call(.get, "\(t)/employees?limit=1", token: token).json()["total"] as? Int ?? 0
            #expect(employees > 2000, "\(employees) employees")
            let auditBefore = try await http.call(.get, "\(t)/audit-events?limit=1", token: token).json()["total"] as? Int
            let exportBefore = try await http.call(.get, "\(t)/exports/employees", token: token).text
            try await services.demo.seed()
            #expect(try await http.call(.get, "\(t)/audit-events?limit=1", token: token).json()["total"] as? Int == auditBefore)
            #expect(try await http.call(.get, "\(t)/exports/employees", token: token).text == exportBefore)

            // Teachers short where pupils grew, administrative staff in surplus in the offices.
            let slots = try await http.call(.get, "\(t)/exports/slots", token: token).text.split(separator: "\r\n").dropFirst()
            func staff(_ unit: String, _ slot: String) async throws -> (need: Int, staff: Int) {
                let line = slots.first { $0.hasPrefix("\(unit);\(slot);") }!
                let cells = line.split(separator: ";", omittingEmptySubsequences: false)
                let need = Int(cells[cells.count - 2])!  // kebutuhan, then alasan_kebutuhan
                let unitID = (try await http.call(.get, "\(t)/units?q=\(unit)", token: token).json()["items"] as! [[String: Any]])[0]["id"] as! String
                let list = try await http.call(.get, "\(t)/employees?unitID=\(unitID)&limit=200", token: token).json()["items"] as! [[String: Any]]
                let slotID = (try await http.call(.get, "\(t)/slots?unitID=\(unitID)&q=\(slot)", token: token).json()["items"] as! [[String: Any]])[0]["id"] as! String
                return (need, list.filter { $0["slotID"] as? String == slotID }.count)
            }
            let teachers = try await staff("SBG-SMAN1", "GURU-MTK")
            #expect(teachers.staff < teachers.need, "\(teachers)")
            let clerks = try await staff("SBG-BKPSDM-1", "PENGADMINISTRASI")
            #expect(clerks.staff > clerks.need, "\(clerks)")
            let pegawai = try await http.login("provinsi-sabangau", "pegawai")
            #expect(try await http.call(.get, "/v1/me", token: pegawai).json()["employeeID"] as? String != nil)
        }
    }
}
