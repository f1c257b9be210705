import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MutasiServices
import NIOCore
import Testing

/// Exports never hand a spreadsheet a formula to run, and imports read such cells back as the
/// text they were.
@Suite("CSV formula neutralisation")
struct CSVFormulaTests {
    static let tricky = ["=HYPERLINK(\"http://contoh.id\";\"klik\")", "+62 812", "-5 kelas", "@SUM(A1)", "\tTab di depan",
                         "'=sudah diapit", "''-dua apostrof", "'biasa", "Biasa saja", "=", "'", ""]

    @Test("every text survives write and read exactly; dangerous ones are written behind an apostrophe")
    func roundTrip() throws {
        let data = CSV.write(header: ["a", "b"], rows: Self.tricky.map { [$0, "x"] })
        let document = try CSV.parse(Array(data))
        #expect(document.records.map { $0.fields[0] } == Self.tricky)
        let text = String(decoding: data.dropFirst(3), as: UTF8.self)
        for line in text.split(separator: "\r\n").dropFirst() {
            let cell = line.hasPrefix("\"") ? String(line.dropFirst()) : String(line)
            if let first = cell.first, "=+-@\t".contains(first) {
                Issue.record("a cell starts with a formula character: \(line)")
            }
        }
        #expect(text.contains("'=HYPERLINK"))
        #expect(text.contains("''=sudah diapit"))
        #expect(text.contains("\r\n'biasa;x\r\n"))
    }

    @Test("a unit named like a formula exports as text and imports back unchanged")
    func throughTheAPI() async throws {
        try await TestApp.run { http, _, _, _ in
            let (admin, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let name = "=HYPERLINK(\"http://contoh.id\",\"SD\")"
            let imported = try await WorkforceFixtures.importCSV(http, token: admin, tenantID: tenantID, "units",
                                                                 "kode_unit;nama_unit;kode_instansi;kode_wilayah\nSDN-9;\"\(name.replacingOccurrences(of: "\"", with: "\"\""))\";dinas-pendidikan;53.71.01\nSDN-8;@Sekolah;dinas-pendidikan;53.71.01\n")
            #expect(try imported.json()["applied"] as? Bool == true, "\(imported.text)")
            let export = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/units", token: admin)
            let text = export.text
            #expect(text.contains("SDN-9;\"'=HYPERLINK(\"\"http://contoh.id\"\",\"\"SD\"\")\";"), "\(text)")
            #expect(text.contains("SDN-8;'@Sekolah;"), "\(text)")
            let back = try await http.execute(uri: "/v1/tenants/\(tenantID)/imports/units", method: .post,
                                              headers: [.authorization: "Bearer \(admin)", .contentType: "text/csv"],
                                              body: ByteBuffer(bytes: Array(export.body.readableBytesView)))
            let counts = try back.json()["counts"] as? [String: Any]
            #expect(counts?["updated"] as? Int == 0 && counts?["inserted"] as? Int == 0, "\(back.text)")
            let units = try await http.call(.get, "/v1/tenants/\(tenantID)/units?q=SDN-", token: admin).json()["items"] as! [[String: Any]]
            #expect(units.contains { $0["name"] as? String == name })
            #expect(units.contains { $0["name"] as? String == "@Sekolah" })
        }
    }
}
