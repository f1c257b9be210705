import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiSpreadsheet
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
            let pegawai = try await http.login("kota-kupang", "pegawai")
            let own = try await http.call(.get, "/v1/tenants/\(tenantID)/employees", token: pegawai).json()
            #expect(own["total"] as? Int == 1)
            #expect((own["items"] as? [[String: Any]])?.first?["name"] as? String == "Pegawai Contoh")
        }
    }

    @Test("one bad row writes nothing, and the report lists every bad row with line and column")
    func allOrNothing() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            let before = try await http.call(.get, "\(t)/employees?limit=1", token: token).json()["total"] as? Int
            let auditBefore = try await http.call(.get, "\(t)/audit-events?limit=1", token: token).json()["total"] as? Int
            let csv = """
                nip,jenis_asn,nama,golongan,kode_unit,kode_jabatan,tmt_jabatan
                199101012016011001,PNS,Baru Satu,III/a,SDN-1,GURU-KELAS,2016-01-01
                1.98501E+17,PNS,Angka Excel,III/a,,,
                199101012016011002,PNS,"Nama dengan
                baris baru",III/z,SDN-9,GURU-KELAS,2016-01-01
                199101012016011003,PNS,,III/a,SDN-1,GURU-X,2016-01-01
                199101012016011001,PNS,Ganda,III/a,,,
                199101012016011004,PNS,Baru Dua,III/a,,,

                """
            let response = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "employees", csv)
            #expect(response.status.code == 422)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try response.json()
            #expect(problem["code"] as? String == "import.rejected")
            let report = try #require(problem["report"] as? [String: Any])
            #expect(report["applied"] as? Bool == false)
            #expect(report["badRows"] as? Int == 4)
            let errors = (report["errors"] as? [[String: Any]] ?? []).map {
                "\($0["line"] as? Int ?? 0) \($0["column"] as? String ?? "-") \($0["code"] as? String ?? "")"
            }
            #expect(errors == [
                "3 nip nip.scientific_notation",
                "4 golongan grade.invalid", "4 kode_unit unit.not_found",
                "6 nama employee_name.required", "6 kode_jabatan slot.not_found",
                "7 nip csv.duplicate_key",
            ], "\(errors)")
            #expect(try await http.call(.get, "\(t)/employees?limit=1", token: token).json()["total"] as? Int == before)
            #expect(try await http.call(.get, "\(t)/audit-events?limit=1", token: token).json()["total"] as? Int == auditBefore)

            let header = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "units",
                                                               "kode_unit;nama;kode_wilayah\nX;Y;53.71.01\n")
            let headerErrors = ((try header.json()["report"] as? [String: Any])?["errors"] as? [[String: Any]] ?? []).compactMap { $0["code"] as? String }
            #expect(headerErrors == ["csv.unknown_column", "csv.missing_column", "csv.missing_column"])
            let latin1 = try await http.execute(uri: "\(t)/imports/units", method: .post,
                                                headers: [.authorization: "Bearer \(token)", .contentType: "text/csv"],
                                                body: ByteBuffer(bytes: Array("kode_unit;nama_unit\nX;Caf".utf8) + [0xE9]))
            #expect(((try latin1.json()["report"] as? [String: Any])?["errors"] as? [[String: Any]])?.first?["code"] as? String == "csv.not_utf8")
            // A NUL byte is UTF-8 but no cell's text: refused by its line, nothing written (was a 500).
            let nul = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "units",
                                                            "kode_unit;nama_unit;kode_instansi;kode_wilayah;terpencil\nNUL-1;Unit\u{0}Nul;x;53.71.01;tidak\n")
            #expect(nul.status.code == 422 || nul.status == .badRequest, "\(nul.status)")
            let nulError = ((try nul.json()["report"] as? [String: Any])?["errors"] as? [[String: Any]])?.first
            #expect(nulError?["code"] as? String == "csv.nul_character")
            #expect(nulError?["line"] as? Int == 2, "\(String(describing: nulError))")
            #expect(try await http.call(.get, "\(t)/units?q=NUL-1", token: token).json()["total"] as? Int == 0)
            let json = try await http.call(.post, "\(t)/imports/units", token: token, json: ["kode_unit": "X"])
            #expect(json.status == .unsupportedMediaType)
            let unknownFile = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "agencies", "a\n")
            #expect(unknownFile.status == .notFound)
        }
    }

    @Test("an export (BOM, semicolons) imports back unchanged; a changed cell updates one row")
    func roundTrip() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            for file in ["units", "slots", "employees"] {
                let export = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/\(file)", token: token)
                #expect(export.status == .ok)
                #expect(export.headers[.contentType] == "text/csv; charset=utf-8")
                let bytes = Array(export.body.readableBytesView)
                #expect(bytes.starts(with: [0xEF, 0xBB, 0xBF]), "\(file) has no BOM")
                let text = String(decoding: bytes.dropFirst(3), as: UTF8.self)
                #expect(text.hasPrefix(file == "units" ? "kode_unit;nama_unit;" : file == "slots" ? "kode_unit;kode_jabatan;" : "nip;jenis_asn;"))
                let back = try await http.execute(uri: "/v1/tenants/\(tenantID)/imports/\(file)", method: .post,
                                                  headers: [.authorization: "Bearer \(token)", .contentType: "text/csv; charset=utf-8"],
                                                  body: ByteBuffer(bytes: bytes))
                let counts = try back.json()["counts"] as? [String: Any]
                #expect(counts?["inserted"] as? Int == 0 && counts?["updated"] as? Int == 0, "\(file): \(back.text)")
                #expect((counts?["unchanged"] as? Int ?? 0) > 0)
            }
            let export = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/employees", token: token).text
            #expect(export.contains(";ya;Sedang tugas belajar sampai 2026\r\n"))
            let line = export.split(separator: "\r\n").first { $0.hasPrefix("198503152010011002") }.map(String.init) ?? ""
            #expect(line == "198503152010011002;PNS;Yohanes Ndun;1985-03-15;L;III/c;S1;Pendidikan Guru SD;MENGAJAR:3;SDN-1;GURU-KELAS;2018-01-01;2023:Baik|2024:Sangat Baik;tidak;", "\(line)")
            // Changing one cell updates exactly that row and moves its history.
            let moved = WorkforceFixtures.employees.replacingOccurrences(of: "SDN-1;GURU-KELAS;2018-01-01", with: "SDN-2;GURU-KELAS;2025-01-01")
            let update = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "employees", moved)
            #expect((try update.json()["counts"] as? [String: Any])?["updated"] as? Int == 1, "\(update.text)")
            let yohanes = (try await http.call(.get, "/v1/tenants/\(tenantID)/employees?nip=198503152010011002", token: token)
                .json()["items"] as! [[String: Any]])[0]
            #expect((yohanes["positionHistory"] as? [[String: Any]])?.count == 2)
            let audit = try await http.call(.get, "/v1/tenants/\(tenantID)/audit-events?entityType=import", token: token).json()
            #expect((audit["total"] as? Int ?? 0) >= 7)
        }
    }

    @Test("a column left out of a file keeps what is stored: lock, SKP, competencies, placement, needs")
    func partialFiles() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let t = "/v1/tenants/\(tenantID)"
            func export(_ file: String) async throws -> String { try await http.call(.get, "\(t)/exports/\(file)", token: token).text }
            func counts(_ file: String, _ csv: String) async throws -> [String: Any]? {
                let response = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, file, csv)
                #expect(response.status == .ok, "\(response.text)")
                return try response.json()["counts"] as? [String: Any]
            }
            let employeesBefore = try await export("employees")

            // No dikunci, alasan_kunci, skp, kompetensi, pendidikan, bidang_pendidikan: Maria stays locked
            // with her reason, Yohanes keeps his ratings and competencies; only his grade changes.
            let grades = try await counts("employees", """
                nip;jenis_asn;nama;golongan;kode_unit;kode_jabatan;tmt_jabatan
                198503152010011002;PNS;Yohanes Ndun;III/d;SDN-1;GURU-KELAS;2018-01-01
                199001022015032001;PNS;"Maria ""Ina"" Lado";III/a;PKM-1;PERAWAT;2015-03-01

                """)
            #expect(grades?["updated"] as? Int == 1 && grades?["unchanged"] as? Int == 1, "\(grades ?? [:])")
            let afterGrades = try await export("employees")
            #expect(afterGrades == employeesBefore.replacingOccurrences(
                of: "198503152010011002;PNS;Yohanes Ndun;1985-03-15;L;III/c;", with: "198503152010011002;PNS;Yohanes Ndun;1985-03-15;L;III/d;"),
                "\(afterGrades)")
            #expect(afterGrades.contains(";2024:Baik;ya;Sedang tugas belajar sampai 2026\r\n"))
            #expect(afterGrades.contains(";MENGAJAR:3;SDN-1;GURU-KELAS;2018-01-01;2023:Baik|2024:Sangat Baik;tidak;"))

            // Only the number and the lock: the name, grade, placement and history are kept.
            let lock = try await counts("employees", "nip;dikunci;alasan_kunci\n198503152010011002;ya;Cuti besar\n199001022015032001;ya;Sedang tugas belajar sampai 2026\n")
            #expect(lock?["updated"] as? Int == 1 && lock?["unchanged"] as? Int == 1, "\(lock ?? [:])")
            let yohanes = (try await http.call(.get, "\(t)/employees?nip=198503152010011002", token: token).json()["items"] as! [[String: Any]])[0]
            #expect(yohanes["locked"] as? Bool == true && yohanes["lockReason"] as? String == "Cuti besar")
            #expect(yohanes["name"] as? String == "Yohanes Ndun")
            #expect((yohanes["positionHistory"] as? [[String: Any]])?.count == 1)
            let afterLock = try await export("employees")
            #expect(afterLock == afterGrades.replacingOccurrences(of: "2024:Sangat Baik;tidak;", with: "2024:Sangat Baik;ya;Cuti besar"),
                    "\(afterLock)")
            // A file of numbers and ratings alone sets those years and keeps the others.
            let skp = try await counts("employees", "nip;skp\n198503152010011002;2025:Baik\n")
            #expect(skp?["unchanged"] as? Int == 1)
            #expect(try await export("employees").contains("2023:Baik|2024:Sangat Baik|2025:Baik;ya;Cuti besar"))

            // Slots without kebutuhan, kompetensi and bidang_pendidikan keep them.
            let slotsBefore = try await export("slots")
            let slots = try await counts("slots", """
                kode_unit,kode_jabatan,nama_jabatan,jenis_jabatan,golongan_min,golongan_maks
                SDN-1,GURU-KELAS,Guru Kelas,Guru,III/a,IV/b
                PKM-1,PERAWAT,Perawat Terampil,Ahli Pertama,III/a,III/d

                """)
            #expect(slots?["updated"] as? Int == 1 && slots?["unchanged"] as? Int == 1, "\(slots ?? [:])")
            #expect(try await export("slots") == slotsBefore.replacingOccurrences(of: ";Perawat;", with: ";Perawat Terampil;"))
        }
    }

    @Test("a new employee in a file that lacks a required column is refused, naming the column")
    func partialFileWithNewEmployee() async throws {
        try await TestApp.run { http, _, _, _ in
            let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
            try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
            let before = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/employees", token: token).text
            func errors(_ csv: String) async throws -> [String] {
                let response = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "employees", csv)
                #expect(response.status.code == 422, "\(response.text)")
                let report = try response.json()["report"] as? [String: Any]
                return (report?["errors"] as? [[String: Any]] ?? []).map {
                    "\($0["line"] as? Int ?? 0) \($0["column"] as? String ?? "-") \($0["code"] as? String ?? "")"
                }
            }
            #expect(try await errors("""
                nip;dikunci;alasan_kunci
                198503152010011002;ya;Cuti besar
                199101012016011001;tidak;

                """) == ["3 jenis_asn csv.missing_column", "3 nama csv.missing_column", "3 golongan csv.missing_column"])
            #expect(try await errors("""
                nip;jenis_asn;golongan
                198503152010011002;PNS;III/d
                199101012016011001;PNS;III/a

                """) == ["3 nama csv.missing_column"])
            // Columns that mean something only together.
            #expect(try await errors("nip;tmt_jabatan\n198503152010011002;2018-01-01\n")
                    == ["1 kode_unit csv.missing_column", "1 kode_jabatan csv.missing_column"])
            #expect(try await errors("nip;alasan_kunci\n198503152010011002;Cuti\n") == ["1 dikunci csv.missing_column"])
            #expect(try await http.call(.get, "/v1/tenants/\(tenantID)/exports/employees", token: token).text == before)
        }
    }

    @Test("the CLI imports and exports, and reports bad rows with a non-zero exit")
    func cli() async throws {
        let db = try await TestDatabase.create()
        #expect(try CLITests.run(["demo", "seed"], db: db).status == 0)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (file, csv) in [("units", WorkforceFixtures.units), ("slots", WorkforceFixtures.slots), ("employees", WorkforceFixtures.employees)] {
            let path = dir.appendingPathComponent("\(file).csv").path
            try csv.write(toFile: path, atomically: true, encoding: .utf8)
            let run = try CLITests.run(["import", file, "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", path], db: db)
            #expect(run.status == 0, "\(run.stderr)")
            #expect(run.stdout.contains("selesai"), "\(run.stdout)")
        }
        let out = dir.appendingPathComponent("out.csv").path
        let export = try CLITests.run(["export", "employees", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", "-o", out], db: db)
        #expect(export.status == 0, "\(export.stderr)")
        #expect(try String(contentsOfFile: out, encoding: .utf8).contains("Yohanes Ndun"))
        let xlsx = dir.appendingPathComponent("out.xlsx").path
        let xlsxExport = try CLITests.run(["export", "employees", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin",
                                           "-o", xlsx], db: db)
        #expect(xlsxExport.status == 0, "\(xlsxExport.stderr)")
        let sheet = try XLSXReader.read(Array(try Data(contentsOf: URL(fileURLWithPath: xlsx))), limit: 1 << 24)
        #expect(sheet.contains { $0.fields.first == "198503152010011002" && $0.fields.contains("Yohanes Ndun") })
        let reimport = try CLITests.run(["import", "employees", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", xlsx], db: db)
        #expect(reimport.status == 0 && reimport.stdout.contains("0 baru, 0 diubah"), "\(reimport.stdout)\(reimport.stderr)")
        let asCSV = try CLITests.run(["import", "employees", "--format", "csv", "--tenant", "kota-kupang", "--operator",
                                      "kota-kupang/admin", xlsx], db: db)
        #expect(asCSV.status != 0)
        let broken = dir.appendingPathComponent("rusak.xlsx").path
        try "bukan buku kerja".write(toFile: broken, atomically: true, encoding: .utf8)
        let refusedXLSX = try CLITests.run(["import", "units", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", broken], db: db)
        #expect(refusedXLSX.status == 1 && refusedXLSX.stderr.contains("xlsx.invalid"), "\(refusedXLSX.stderr)")
        let xlsxToStdout = try CLITests.run(["export", "units", "--format", "xlsx", "--tenant", "kota-kupang", "--operator",
                                             "kota-kupang/admin"], db: db)
        #expect(xlsxToStdout.status == 0 && xlsxToStdout.stdout.hasPrefix("PK"))
        let bad = dir.appendingPathComponent("bad.csv").path
        try "nip;jenis_asn;nama;golongan\n1.98501E+17;PNS;X;III/a\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let refused = try CLITests.run(["import", "employees", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", bad], db: db)
        #expect(refused.status == 4)
        #expect(refused.stdout.contains("nip.scientific_notation"))
        let list = try CLITests.run(["employee", "list", "--tenant", "kota-kupang", "--operator", "kota-kupang/admin", "--nip", "1985"], db: db)
        #expect(list.stdout.contains("Yohanes Ndun") && list.stdout.contains("PENSIUN"), "\(list.stdout)\(list.stderr)")
        let units = try CLITests.run(["unit", "list", "--tenant", "provinsi-sabangau", "--operator", "provinsi-sabangau/admin"], db: db)
        #expect(units.stdout.contains("SBG-SMAN1"), "\(units.stdout)\(units.stderr)")
        let denied = try CLITests.run(["import", "units", "--tenant", "kota-kupang", "--operator", "kota-kupang/auditor",
                                       dir.appendingPathComponent("units.csv").path], db: db)
        #expect(denied.status == 1 && denied.stderr.contains("auth.forbidden"))
    }
}
