import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiSpreadsheet
import NIOCore
import Testing

/// .xlsx beside CSV: exports whose cells Excel keeps as text, imports that share the CSV
/// importer and its all-or-nothing report, and workbooks that are broken or expand too far
/// refused before anything is written.
@Suite("Workforce .xlsx import and export")
struct XLSXImportExportTests {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures/xlsx")

    static func importXLSX(_ http: some TestClientProtocol, token: String, tenantID: String, _ file: String,
                           _ bytes: [UInt8]) async throws -> TestResponse {
        try await http.execute(uri: "/v1/tenants/\(tenantID)/imports/\(file)", method: .post,
                               headers: [.authorization: "Bearer \(token)", .contentType: XLSXWriter.contentType],
                               body: ByteBuffer(bytes: bytes))
    }

    static func counts(_ response: TestResponse) throws -> [Int] {
        let counts = try response.json()["counts"] as? [String: Any]
        return ["inserted", "updated", "unchanged"].map { counts?[$0] as? Int ?? -1 }
    }

    @Test("export .xlsx then import it back changes nothing; an 18-digit NIP and the code 91.10 stay text")
    func roundTrip() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let added = try await Self.importXLSX(http, token: token, tenantID: tenantID, "units", Array(XLSXWriter.write(
                header: ["kode_unit", "nama_unit", "kode_instansi", "kode_wilayah"],
                rows: [["91.10", "Unit Sembilan Satu", "dinas-pendidikan", "53.71.01"]])))
            #expect(added.status == .ok, "\(added.text)")
            #expect(try Self.counts(added) == [1, 0, 0])
            #expect(try added.json()["separator"] as? String == "")

            var csvBefore: [String: String] = [:]
            for file in ["units", "slots", "employees"] {
                csvBefore[file] = try await http.call(.get, "\(t)/exports/\(file)", token: token).text
                let export = try await http.call(.get, "\(t)/exports/\(file).xlsx", token: token)
                #expect(export.status == .ok)
                #expect(export.headers[.contentType] == XLSXWriter.contentType)
                #expect(export.headers[.contentDisposition] == "attachment; filename=\"\(file).xlsx\"")
                let bytes = Array(export.body.readableBytesView)
                let rows = try XLSXReader.read(bytes, limit: 1 << 24)
                let csvLines = csvBefore[file]!.split(separator: "\r\n")
                #expect(rows.count == csvLines.count, "\(file)")
                if file == "employees" {
                    #expect(rows.contains { $0.fields.first == "198503152010011002" })
                    #expect(rows.contains { $0.fields.first == "200012312024211001" })
                }
                if file == "units" {
                    #expect(rows.contains { $0.fields == ["91.10", "Unit Sembilan Satu", "dinas-pendidikan", "53.71.01", "tidak"] })
                }
                let back = try await Self.importXLSX(http, token: token, tenantID: tenantID, file, bytes)
                #expect(back.status == .ok, "\(file): \(back.text)")
                #expect(try Self.counts(back) == [0, 0, rows.count - 1], "\(file): \(back.text)")
            }
            for file in ["units", "slots", "employees"] {
                #expect(try await http.call(.get, "\(t)/exports/\(file).csv", token: token).text == csvBefore[file], "\(file)")
            }
            let unit = try await http.call(.get, "\(t)/units?q=91.10", token: token).json()["items"] as? [[String: Any]]
            #expect(unit?.first?["code"] as? String == "91.10")
            let unknown = try await http.call(.get, "\(t)/exports/units.ods", token: token)
            #expect(unknown.status == .notFound)
        }
    }

    // Tests/Fixtures/xlsx/units-deflated.xlsx: made by make_fixtures.py beside it with Python's
    // zipfile (ZIP_DEFLATED), shared strings, a rich-text run and an inline string.
    @Test("a deflated workbook packed by another program imports")
    func deflatedFixture() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("units-deflated.xlsx")))
            let response = try await Self.importXLSX(http, token: token, tenantID: tenantID, "units", bytes)
            #expect(response.status == .ok, "\(response.text)")
            #expect(try Self.counts(response) == [2, 0, 0])
            let units = try await http.call(.get, "/v1/tenants/\(tenantID)/units?q=91.10", token: token).json()["items"] as? [[String: Any]]
            #expect(units?.first?["name"] as? String == "SD Negeri & Kupang")
            #expect(units?.first?["regionCode"] as? String == "53.71.01")
        }
    }

    // Tests/Fixtures/xlsx/employees-typed.xlsx (make_fixtures.py): row 2 has a birth date typed
    // as a date, row 3 a NIP typed as a number, row 4 a number where the date belongs.
    @Test("a date cell imports as its date; a NIP typed as a number is refused as Excel damaged it")
    func typedCells() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            let bytes = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("employees-typed.xlsx")))
            let response = try await Self.importXLSX(http, token: token, tenantID: tenantID, "employees", bytes)
            #expect(response.status.code == 422, "\(response.text)")
            let errors = try #require(try response.json()["report"] as? [String: Any])["errors"] as? [[String: Any]] ?? []
            #expect(Set(errors.compactMap { $0["line"] as? Int }) == [3, 4], "\(response.text)")
            #expect(errors.contains { $0["line"] as? Int == 3 && $0["code"] as? String == "nip.scientific_notation" })
            #expect(errors.contains { $0["line"] as? Int == 4 && $0["column"] as? String == "tanggal_lahir" })
        }
    }

    @Test("bad rows in a workbook get the CSV report by row number; broken or exploding files get 400/413; nothing is written")
    func refused() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let auditor = try await http.login("kota-kupang", "auditor")
            let mataram = try await http.login("kota-mataram", "admin")
            let unitsBefore = try await http.call(.get, "\(t)/units?limit=1", token: token).json()["total"] as? Int
            let auditBefore = try await http.call(.get, "\(t)/audit-events?limit=1", token: token).json()["total"] as? Int

            let bad = try await Self.importXLSX(http, token: token, tenantID: tenantID, "units", Array(XLSXWriter.write(
                header: ["kode_unit", "nama_unit", "kode_instansi", "kode_wilayah"],
                rows: [["OK-1", "Unit Baik", "dinas-pendidikan", "53.71.01"], ["BAD 2", "Unit", "tidak-ada", "53.71.01"]])))
            #expect(bad.status.code == 422)
            let report = try #require(try bad.json()["report"] as? [String: Any])
            let lines = (report["errors"] as? [[String: Any]] ?? []).compactMap { $0["line"] as? Int }
            #expect(!lines.isEmpty && lines.allSatisfy { $0 == 3 }, "\(bad.text)")

            let good = Array(XLSXWriter.write(header: ["kode_unit"], rows: [["X"]]))
            var corrupt = good
            let sheetData = Array("<sheetData>".utf8)
            let at = try #require((0..<good.count - sheetData.count).first { Array(good[$0..<$0 + sheetData.count]) == sheetData })
            corrupt[at + 1] ^= 0x20   // the sheet no longer matches its CRC
            let broken: [(String, [UInt8])] = [
                ("csv bytes", Array(WorkforceFixtures.units.utf8)), ("cut", Array(good.prefix(good.count / 2))), ("corrupt", corrupt),
            ]
            for (name, bytes) in broken {
                let response = try await Self.importXLSX(http, token: token, tenantID: tenantID, "units", bytes)
                #expect(response.status == .badRequest, "\(name): \(response.text)")
                #expect(try response.json()["code"] as? String == "xlsx.invalid", "\(name)")
            }
            let bomb = Array(try Data(contentsOf: Self.fixtures.appendingPathComponent("bomb.xlsx")))
            let exploded = try await Self.importXLSX(http, token: token, tenantID: tenantID, "units", bomb)
            #expect(exploded.status == .contentTooLarge, "\(exploded.text)")
            #expect(try exploded.json()["code"] as? String == "xlsx.too_large")

            // Those who may not import learn nothing from the file: 403, and 404 for another tenant.
            #expect(try await Self.importXLSX(http, token: auditor, tenantID: tenantID, "units", bomb).status == .forbidden)
            #expect(try await Self.importXLSX(http, token: mataram, tenantID: tenantID, "units", corrupt).status == .notFound)

            #expect(try await http.call(.get, "\(t)/units?limit=1", token: token).json()["total"] as? Int == unitsBefore)
            #expect(try await http.call(.get, "\(t)/audit-events?limit=1", token: token).json()["total"] as? Int == auditBefore)
        }
    }

    @Test("an agency operator's .xlsx export holds only their agencies' units")
    func operatorExport() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let export = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/units.xlsx", token: operatorToken)
            let rows = try XLSXReader.read(Array(export.body.readableBytesView), limit: 1 << 24).dropFirst()
            #expect(!rows.isEmpty)
            #expect(rows.allSatisfy { $0.fields[2] == "dinas-pendidikan" }, "\(rows)")
            #expect(!rows.contains { $0.fields[0] == "PKM-1" })
        }
    }
}
