import Foundation
import Hummingbird
import HummingbirdTesting
@testable import MutasiHTTP
@testable import MutasiSpreadsheet
import NIOCore
import Testing

/// `/impor` and `/ekspor` through the router: who may use them, the CSRF check of an upload,
/// the all-or-nothing report, downloads that open as workbooks, and the upload limit.
@Suite("Web import and export pages")
struct FilePagesTests {
    static let tenant = "provinsi-sabangau"
    static let goodUnits = "kode_unit;nama_unit;kode_instansi;kode_wilayah\nUPT-BARU;UPT Pelatihan Guru;dinas-pendidikan;62.71.01\n"
    /// Line 3 names no agency that exists: the file is refused, line 2 included.
    static let badUnits = """
        kode_unit;nama_unit;kode_instansi;kode_wilayah
        UPT-BAIK;UPT Baik;dinas-pendidikan;62.71.01
        UPT-BURUK;UPT Buruk;dinas-entah;62.71.01

        """

    static func unitTotal(_ http: TestClientProtocol) async throws -> Int {
        let token = try await http.login(tenant, "admin")
        let scope = try await http.call(.get, "/v1/me", token: token).json()["scope"] as! String
        return try await http.call(.get, "/v1/tenants/\(scope)/units?limit=1", token: token).json()["total"] as! Int
    }

    @Test("Role x page: the import form for tenant admins, exports for the roles the export service serves")
    func roleMatrix() async throws {
        try await TestApp.run { http, _, _, _ in
            let logins: [String: (String?, String)] = [
                "platform": (nil, "admin"), "bkn": (nil, "bkn-banjarmasin"), "admin": (Self.tenant, "admin"),
                "operator": (Self.tenant, "operator-pendidikan"), "ppk": (Self.tenant, "ppk"),
                "auditor": (Self.tenant, "auditor"), "pegawai": (Self.tenant, "pegawai"),
            ]
            let expected: [(String, [String: Int])] = [
                ("/impor", ["platform": 403, "bkn": 403, "admin": 200, "operator": 403, "ppk": 403, "auditor": 403, "pegawai": 403]),
                ("/ekspor", ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("/ekspor/units.csv", ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("/ekspor/employees.xlsx",
                 ["platform": 403, "bkn": 403, "admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 403]),
                ("/ekspor/gaji.csv", ["platform": 403, "bkn": 403, "admin": 404, "operator": 404, "ppk": 404, "auditor": 404, "pegawai": 404]),
            ]
            let before = try await Self.unitTotal(http)
            for (who, login) in logins {
                let session = try await http.webSignIn(login.0, login.1)
                for (page, statuses) in expected {
                    let response = try await http.webGet(page, session: session)
                    #expect(response.status.code == statuses[who], "\(who) \(page): \(response.status)")
                }
                // Only a tenant admin's upload is taken (the others' refused before any row is read).
                let token = WebSession.csrfToken(session: session)
                let upload = try await http.webUpload("/impor/units", session: session, csrf: token, file: "unit.csv",
                                                      Array(Self.goodUnits.utf8))
                #expect(upload.status.code == (who == "admin" ? 200 : 403), "\(who): \(upload.status)")
                #expect(upload.headers[.contentType] == "text/html; charset=utf-8")
            }
            #expect(try await Self.unitTotal(http) == before + 1)
        }
    }

    @Test("An operator's export holds their agencies' records; another tenant's admin gets their own tenant's")
    func exportScope() async throws {
        try await TestApp.run { http, _, _, _ in
            let operatorSession = try await http.webSignIn(Self.tenant, "operator-pendidikan")
            let own = try await http.webGet("/ekspor/units.csv", session: operatorSession)
            #expect(own.status == .ok && own.headers[.contentDisposition] == "attachment; filename=\"units.csv\"")
            #expect(own.text.contains(";dinas-pendidikan;") && !own.text.contains(";dinas-kesehatan;"))
            let admin = try await http.webGet("/ekspor/units.csv", session: try await http.webSignIn(Self.tenant, "admin"))
            #expect(admin.text.contains(";dinas-kesehatan;"))
            let kupang = try await http.webGet("/ekspor/units.csv", session: try await http.webSignIn("kota-kupang", "admin"))
            #expect(kupang.status == .ok && !kupang.text.contains(";62."))
        }
    }

    @Test("An .xlsx export opens as a workbook, every NIP a text cell of 18 digits as the API gives it")
    func xlsxDownload() async throws {
        try await TestApp.run { http, _, _, _ in
            let session = try await http.webSignIn(Self.tenant, "admin")
            let response = try await http.webGet("/ekspor/employees.xlsx", session: session)
            #expect(response.status == .ok)
            #expect(response.headers[.contentType] == XLSXWriter.contentType)
            let bytes = Array(response.body.readableBytesView)
            let rows = try XLSXReader.read(bytes, limit: 1 << 26)
            #expect(rows.first?.fields.first == "nip")
            let csv = try await http.webGet("/ekspor/employees.csv", session: session).text
            #expect(rows.count == csv.split(whereSeparator: \.isNewline).count)
            let nips = rows.dropFirst().map { $0.fields[0] }
            #expect(!nips.isEmpty && nips.allSatisfy { $0.count == 18 && $0.allSatisfy(\.isNumber) })
            var zip = try ZipReader(bytes, limit: 1 << 26)
            let sheet = String(decoding: try #require(try zip.read("xl/worksheets/sheet1.xml")), as: UTF8.self)
            #expect(sheet.contains("<c s=\"1\" t=\"inlineStr\"><is><t>\(nips[0])</t></is></c>"))
        }
    }

    @Test("An upload without the form's CSRF token is refused with 403 and writes nothing")
    func uploadCSRF() async throws {
        try await TestApp.run { http, _, _, _ in
            let before = try await Self.unitTotal(http)
            let session = try await http.webSignIn(Self.tenant, "admin")
            let other = try await http.webSignIn(Self.tenant, "admin")
            let foreignToken = try #require(try await http.webGet("/impor", session: other).csrfToken)
            for token in [nil, "", "salah", foreignToken] as [String?] {
                let response = try await http.webUpload("/impor/units", session: session, csrf: token, file: "unit.csv",
                                                        Array(Self.goodUnits.utf8))
                #expect(response.status == .forbidden, "\(token ?? "none")")
                #expect(response.text.contains("Formulir ini kedaluwarsa"))
            }
            #expect(try await Self.unitTotal(http) == before)
        }
    }

    @Test("A file with a bad row shows every rejected row and writes nothing; a good file imports and shows the counts")
    func uploadReport() async throws {
        try await TestApp.run { http, _, _, _ in
            let before = try await Self.unitTotal(http)
            let session = try await http.webSignIn(Self.tenant, "admin")
            let token = try #require(try await http.webGet("/impor", session: session).csrfToken)
            let bad = try await http.webUpload("/impor/units", session: session, csrf: token, file: "unit.csv", Array(Self.badUnits.utf8))
            #expect(bad.status.code == 422)
            #expect(bad.text.contains("Impor unit kerja ditolak"))
            #expect(bad.text.contains("<caption>Baris yang ditolak</caption>"))
            #expect(bad.text.contains("<tr><td class=\"num\">3</td><td>kode_instansi</td><td>Tidak ada instansi dengan kode ini.</td>"))
            #expect(bad.text.contains("<dt>Ditolak</dt><dd>1</dd>"))
            #expect(try await Self.unitTotal(http) == before)

            let good = try await http.webUpload("/impor/units", session: session, csrf: token, file: "UNIT.CSV", Array(Self.goodUnits.utf8))
            #expect(good.status == .ok)
            #expect(good.text.contains("Impor unit kerja berhasil"))
            #expect(good.text.contains("<dt>Baru</dt><dd>1</dd>") && good.text.contains("<dt>Ditolak</dt><dd>0</dd>"))
            #expect(try await Self.unitTotal(http) == before + 1)
            let again = try await http.webUpload("/impor/units", session: session, csrf: token, file: "unit.csv", Array(Self.goodUnits.utf8))
            #expect(again.text.contains("<dt>Baru</dt><dd>0</dd>") && again.text.contains("<dt>Tidak berubah</dt><dd>1</dd>"))

            // The same file as a workbook.
            let workbook = XLSXWriter.write(header: ["kode_unit", "nama_unit", "kode_instansi", "kode_wilayah"],
                                            rows: [["UPT-XLSX", "UPT dari Excel", "dinas-pendidikan", "62.71.02"]])
            let xlsx = try await http.webUpload("/impor/units", session: session, csrf: token, file: "unit.xlsx", Array(workbook))
            #expect(xlsx.status == .ok && xlsx.text.contains("<dt>Baru</dt><dd>1</dd>"))
            #expect(try await Self.unitTotal(http) == before + 2)
        }
    }

    @Test("Uploads that are no file, no CSV or .xlsx, or no workbook re-render the form with the reason and write nothing")
    func uploadRefusals() async throws {
        try await TestApp.run { http, _, _, _ in
            let before = try await Self.unitTotal(http)
            let session = try await http.webSignIn(Self.tenant, "admin")
            let token = try #require(try await http.webGet("/impor", session: session).csrfToken)
            let cases: [(String, [UInt8], Int, String)] = [
                ("unit.csv", [], 400, "Pilih berkas CSV atau .xlsx"),
                ("unit.txt", Array(Self.goodUnits.utf8), 415, "Berkas harus berakhiran .csv atau .xlsx."),
                ("unit.xlsx", Array(Self.goodUnits.utf8), 400, "bukan buku kerja .xlsx"),
            ]
            for (name, bytes, status, message) in cases {
                let response = try await http.webUpload("/impor/units", session: session, csrf: token, file: name, bytes)
                #expect(response.status.code == status, "\(name)")
                #expect(response.text.contains(message), "\(name)")
                #expect(response.text.contains("enctype=\"multipart/form-data\""))
            }
            let unknown = try await http.webUpload("/impor/gaji", session: session, csrf: token, file: "unit.csv", Array(Self.goodUnits.utf8))
            #expect(unknown.status == .notFound)
            #expect(try await Self.unitTotal(http) == before)
        }
    }

    @Test("An upload past the API's import limit is refused with 413; other multipart forms keep the short-form limit")
    func uploadLimits() async throws {
        try await TestApp.run { http, _, _, _ in
            let before = try await Self.unitTotal(http)
            let session = try await http.webSignIn(Self.tenant, "admin")
            let token = try #require(try await http.webGet("/impor", session: session).csrfToken)
            var big = Array(Self.goodUnits.utf8)
            big += [UInt8](repeating: UInt8(ascii: "\n"), count: 64 * 1024 * 1024)
            let tooLarge = try await http.webUpload("/impor/units", session: session, csrf: token, file: "unit.csv", big)
            #expect(tooLarge.status == .contentTooLarge)
            #expect(tooLarge.text.contains("Berkas melebihi batas 64 MiB"))
            #expect(try await Self.unitTotal(http) == before)
            // Sign-out as a multipart form of 20 KiB: over the 16 KiB of a short form.
            let signOut = try await http.webUpload("/keluar", session: session, csrf: token, file: "x.csv",
                                                   [UInt8](repeating: 65, count: 20 * 1024))
            #expect(signOut.status == .contentTooLarge)
            #expect(try await http.webGet("/impor", session: session).status == .ok)
        }
    }
}

extension TestClientProtocol {
    /// Posts a `multipart/form-data` form as a browser does: the CSRF field (when given), then the file.
    func webUpload(_ uri: String, session: String, csrf: String?, file name: String, _ bytes: [UInt8],
                   contentType: String = "application/octet-stream") async throws -> TestResponse {
        let boundary = "----MutasiUji\(UUID().uuidString.prefix(8))"
        var body: [UInt8] = []
        if let csrf {
            body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n\(csrf)\r\n".utf8)
        }
        body += Array("--\(boundary)\r\nContent-Disposition: form-data; name=\"berkas\"; filename=\"\(name)\"\r\nContent-Type: \(contentType)\r\n\r\n".utf8)
        body += bytes
        body += Array("\r\n--\(boundary)--\r\n".utf8)
        var headers: HTTPFields = [:]
        headers[.contentType] = "multipart/form-data; boundary=\(boundary)"
        headers[.cookie] = "\(WebPage.session)=\(session)"
        return try await execute(uri: uri, method: .post, headers: headers, body: ByteBuffer(bytes: body))
    }
}
