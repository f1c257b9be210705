import Foundation
import Hummingbird
import HummingbirdTesting
import MutasiSpreadsheet
import NIOCore
import Testing

/// Every role against every workforce route, on Kota Kupang's demo records: tenant admins
/// manage all, agency operators their agencies' records, employees see their own record,
/// approvers and auditors read, other tenants' ids read as absent.
@Suite("Workforce role x route matrix")
struct WorkforceAccessTests {
    static let logins: [String: (String?, String)] = [
        "platform": (nil, "admin"), "bkn-x": (nil, "bkn-denpasar"), "bkn-viii": (nil, "bkn-banjarmasin"),
        "admin": ("kota-kupang", "admin"), "operator": ("kota-kupang", "operator-pendidikan"), "ppk": ("kota-kupang", "ppk"),
        "pegawai": ("kota-kupang", "pegawai"), "auditor": ("kota-kupang", "auditor"),
        "mataram-admin": ("kota-mataram", "admin"), "mataram-auditor": ("kota-mataram", "auditor"),
    ]
    static let foreign = ["bkn-viii": 404, "mataram-admin": 404, "mataram-auditor": 404]

    struct Case: Sendable {
        var method: HTTPRequest.Method
        var path: String
        var json: (@Sendable (String, [String: String]) -> [String: Any])?
        var csv: String?
        /// Rows (header first) sent as an .xlsx workbook.
        var xlsx: [[String]]?
        var ifMatch: String?
        var expect: [String: Int]
        var otherwise: Int
    }

    /// Records of Kupang the cases refer to (imported from `WorkforceFixtures`): `{school}` a unit
    /// of Dinas Pendidikan (the operator's agency), `{clinic}` one of Dinas Kesehatan, their slots
    /// and employees, and the demo employee's own record (not placed in any slot).
    static func ids(_ http: some TestClientProtocol, admin: String, pegawai: String, tenantID: String) async throws -> [String: String] {
        func first(_ path: String) async throws -> [String: Any] {
            let items = try await http.call(.get, "/v1/tenants/\(tenantID)/\(path)", token: admin).json()["items"] as? [[String: Any]]
            guard let item = items?.first else { throw TestSetupError("nothing at \(path)") }
            return item
        }
        let school = try await first("units?q=SDN-1")
        let clinic = try await first("units?q=PKM-1")
        let agencies = try await http.call(.get, "/v1/tenants/\(tenantID)/agencies", token: admin).json()["items"] as! [[String: Any]]
        func agency(_ code: String) -> String { agencies.first { $0["code"] as? String == code }!["id"] as! String }
        let schoolID = school["id"] as! String, clinicID = clinic["id"] as! String
        let own = try await http.call(.get, "/v1/me", token: pegawai).json()["employeeID"] as? String
        let staff = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?unitID=\(schoolID)&limit=200", token: admin)
            .json()["items"] as? [[String: Any]] ?? []
        guard let schoolStaff = staff.first(where: { $0["id"] as? String != own }) else { throw TestSetupError("no school staff") }
        return [
            "{tenant}": tenantID, "{school}": schoolID, "{clinic}": clinicID,
            "{school-slot}": try await first("slots?unitID=\(schoolID)")["id"] as! String,
            "{clinic-slot}": try await first("slots?unitID=\(clinicID)")["id"] as! String,
            "{school-employee}": schoolStaff["id"] as! String,
            "{clinic-employee}": try await first("employees?unitID=\(clinicID)")["id"] as! String,
            "{own}": own ?? "missing", "{pendidikan}": agency("dinas-pendidikan"), "{kesehatan}": agency("dinas-kesehatan"),
        ]
    }

    static func cases() -> [Case] {
        let t = "/v1/tenants/{tenant}"
        let readersAndManagers = ["pegawai": 200].merging(foreign) { a, _ in a }
        func unit(_ agency: String) -> @Sendable (String, [String: String]) -> [String: Any] {
            { who, ids in ["agencyID": ids[agency]!, "code": "U-\(who)-\(agency.count)", "name": "Unit \(who)", "regionCode": "53.71.02"] }
        }
        let slot: @Sendable (String, [String: String]) -> [String: Any] = { who, ids in
            ["unitID": ids["{school}"]!, "code": "S-\(who)", "name": "Guru \(who)", "kind": "Guru", "grades": ["min": 9, "max": 13]]
        }
        let employee: @Sendable (String, [String: String]) -> [String: Any] = { who, ids in
            let seq = String(format: "%03d", 100 + who.count * 7 + (who.hasPrefix("m") ? 50 : 0) + (who.hasPrefix("b") ? 200 : 0))
            return ["nip": "199001012015011" + seq, "kind": "PNS", "name": "Pegawai \(who)", "grade": "III/a",
                    "slotID": ids["{school-slot}"]!, "slotSince": "2020-01-01"]
        }
        return [
            Case(method: .get, path: "\(t)/units", expect: ["pegawai": 200].merging(foreign) { a, _ in a }, otherwise: 200),
            Case(method: .post, path: "\(t)/units", json: unit("{pendidikan}"),
                 expect: ["admin": 201, "operator": 201].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .post, path: "\(t)/units", json: unit("{kesehatan}"),
                 expect: ["admin": 201].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/units/{school}", expect: readersAndManagers, otherwise: 200),
            Case(method: .get, path: "\(t)/units/{clinic}", expect: ["operator": 404].merging(foreign) { a, _ in a }, otherwise: 200),
            Case(method: .patch, path: "\(t)/units/{school}", json: { who, _ in ["name": "SMA Negeri 1 \(who)"] }, ifMatch: "\"v1\"",
                 expect: ["admin": 200, "operator": 412].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .patch, path: "\(t)/units/{clinic}", json: { who, _ in ["name": "Puskesmas \(who)"] }, ifMatch: "\"v1\"",
                 expect: ["admin": 200, "operator": 404].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/slots", expect: ["pegawai": 403].merging(foreign) { a, _ in a }, otherwise: 200),
            Case(method: .post, path: "\(t)/slots", json: slot,
                 expect: ["admin": 201, "operator": 201].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/slots/{school-slot}", expect: ["pegawai": 403].merging(foreign) { a, _ in a }, otherwise: 200),
            Case(method: .get, path: "\(t)/slots/{clinic-slot}",
                 expect: ["pegawai": 403, "operator": 404].merging(foreign) { a, _ in a }, otherwise: 200),
            Case(method: .patch, path: "\(t)/slots/{clinic-slot}",
                 json: { _, _ in ["need": 9, "needReason": "Penambahan formasi puskesmas rawat inap"] }, ifMatch: "\"v1\"",
                 expect: ["admin": 200, "operator": 404].merging(foreign) { a, _ in a }, otherwise: 403),
            // An operator's own slot: the need still comes only from an approved analysis.
            Case(method: .patch, path: "\(t)/slots/{school-slot}",
                 json: { who, _ in ["need": who == "admin" ? 7 : 8, "needReason": "Penambahan rombongan belajar baru"] }, ifMatch: "\"v1\"",
                 expect: ["admin": 200, "operator": 403].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/employees",
                 expect: ["admin": 200, "operator": 200, "ppk": 200, "pegawai": 200, "auditor": 200].merging(foreign) { a, _ in a },
                 otherwise: 403),
            Case(method: .post, path: "\(t)/employees", json: employee,
                 expect: ["admin": 201, "operator": 201].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/employees/{school-employee}",
                 expect: ["admin": 200, "operator": 200, "ppk": 200, "auditor": 200, "pegawai": 404].merging(foreign) { a, _ in a },
                 otherwise: 403),
            Case(method: .get, path: "\(t)/employees/{clinic-employee}",
                 expect: ["admin": 200, "ppk": 200, "auditor": 200, "operator": 404, "pegawai": 404].merging(foreign) { a, _ in a },
                 otherwise: 403),
            Case(method: .get, path: "\(t)/employees/{own}",
                 expect: ["admin": 200, "operator": 404, "ppk": 200, "auditor": 200, "pegawai": 200].merging(foreign) { a, _ in a },
                 otherwise: 403),
            Case(method: .patch, path: "\(t)/employees/{clinic-employee}", json: { who, _ in ["name": "Nama \(who)"] }, ifMatch: "\"v1\"",
                 expect: ["admin": 200, "operator": 404, "pegawai": 403].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .put, path: "\(t)/employees/{school-employee}/performance",
                 json: { who, _ in ["ratings": [["year": 2025, "predicate": who == "admin" ? "Sangat Baik" : "Baik"]]] },
                 ifMatch: Self.current, expect: ["admin": 200, "operator": 200, "pegawai": 403].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .delete, path: "\(t)/employees/{school-employee}/performance/2023", ifMatch: Self.current,
                 expect: ["admin": 200, "operator": 404].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/retirement-ages", expect: foreign, otherwise: 200),
            Case(method: .put, path: "\(t)/retirement-ages", json: { _, _ in ["teacher": 60, "executor": 58] }, ifMatch: Self.current,
                 expect: ["admin": 200].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .post, path: "\(t)/imports/units", csv: "kode_unit;nama_unit;kode_instansi;kode_wilayah\nIMP-1;Unit Impor;setda;53.71.01\n",
                 expect: ["admin": 200].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/exports/employees",
                 expect: ["admin": 200, "operator": 200, "ppk": 200, "auditor": 200].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .post, path: "\(t)/imports/units",
                 xlsx: [["kode_unit", "nama_unit", "kode_instansi", "kode_wilayah"], ["IMP-2", "Unit Impor", "setda", "53.71.01"]],
                 expect: ["admin": 200].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/exports/employees.xlsx",
                 expect: ["admin": 200, "operator": 200, "ppk": 200, "auditor": 200].merging(foreign) { a, _ in a }, otherwise: 403),
            Case(method: .get, path: "\(t)/exports/units.csv",
                 expect: ["admin": 200, "operator": 200, "ppk": 200, "auditor": 200].merging(foreign) { a, _ in a }, otherwise: 403),
        ]
    }

    @Test("each role gets exactly what it may do on the workforce routes")
    func matrix() async throws {
        try await TestApp.run { http, _, _, _ in
            var tokens: [String: String] = [:]
            for (name, login) in Self.logins { tokens[name] = try await http.login(login.0, login.1) }
            let tenantID = try await http.call(.get, "/v1/me", token: tokens["admin"]!).json()["scope"] as! String
            try await WorkforceFixtures.load(http, token: tokens["admin"]!, tenantID: tenantID)
            let ids = try await Self.ids(http, admin: tokens["admin"]!, pegawai: tokens["pegawai"]!, tenantID: tenantID)
            var failures: [String] = []
            for c in Self.cases() {
                var path = c.path
                for (placeholder, id) in ids { path = path.replacingOccurrences(of: placeholder, with: id) }
                for name in Self.logins.keys.sorted() {
                    let expected = c.expect[name] ?? c.otherwise
                    var c = c
                    if c.ifMatch == Self.current {
                        c.ifMatch = try await Self.currentETag(http, path: path, admin: tokens["admin"]!)
                    }
                    let response = try await Self.send(http, c, path: path, token: tokens[name], who: name, ids: ids)
                    if response.status.code != expected {
                        failures.append("\(c.method) \(c.path) as \(name): \(response.status.code), expected \(expected): \(response.text.prefix(300))")
                    }
                }
                let anonymous = try await Self.send(http, c, path: path, token: nil, who: "anon", ids: ids)
                if anonymous.status.code != 401 { failures.append("\(c.method) \(c.path) anonymous: \(anonymous.status.code)") }
            }
            #expect(failures.isEmpty, "\(failures.joined(separator: "\n"))")
        }
    }

    /// `ifMatch` placeholder: the ETag the resource has when the case runs (read by the admin).
    static let current = "{current}"

    /// The ETag of the resource a path updates: an employee's ratings belong to the employee.
    static func currentETag(_ http: some TestClientProtocol, path: String, admin: String) async throws -> String? {
        let resource = path.range(of: "/performance").map { String(path[..<$0.lowerBound]) } ?? path
        return try await http.call(.get, resource, token: admin).headers[.eTag]
    }

    static func send(_ http: some TestClientProtocol, _ c: Case, path: String, token: String?, who: String,
                     ids: [String: String]) async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let token { headers[.authorization] = "Bearer \(token)" }
        if let ifMatch = c.ifMatch { headers[.ifMatch] = ifMatch }
        if let csv = c.csv {
            headers[.contentType] = "text/csv"
            return try await http.execute(uri: path, method: c.method, headers: headers, body: ByteBuffer(string: csv))
        }
        if let rows = c.xlsx {
            headers[.contentType] = XLSXWriter.contentType
            let data = XLSXWriter.write(header: rows[0], rows: Array(rows.dropFirst()))
            return try await http.execute(uri: path, method: c.method, headers: headers, body: ByteBuffer(bytes: data))
        }
        return try await http.call(c.method, path, json: c.json?(who, ids), headers: headers)
    }

    @Test("an employee sees only their own record; an operator only their agencies' staff")
    func ownRecords() async throws {
        try await TestApp.run { http, _, _, _ in
            let admin = try await http.login("kota-kupang", "admin")
            let tenantID = try await http.call(.get, "/v1/me", token: admin).json()["scope"] as! String
            try await WorkforceFixtures.load(http, token: admin, tenantID: tenantID)
            let pegawai = try await http.login("kota-kupang", "pegawai")
            let own = try #require(try await http.call(.get, "/v1/me", token: pegawai).json()["employeeID"] as? String)
            let mine = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?limit=200", token: pegawai).json()
            #expect(mine["total"] as? Int == 1)
            #expect((mine["items"] as? [[String: Any]])?.first?["id"] as? String == own)

            let all = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?limit=200", token: admin).json()
            let agencies = try await http.call(.get, "/v1/tenants/\(tenantID)/agencies", token: admin).json()["items"] as! [[String: Any]]
            let pendidikan = agencies.first { $0["code"] as? String == "dinas-pendidikan" }!["id"] as! String
            let operatorToken = try await http.login("kota-kupang", "operator-pendidikan")
            let theirs = try await http.call(.get, "/v1/tenants/\(tenantID)/employees?limit=200", token: operatorToken).json()
            let items = theirs["items"] as? [[String: Any]] ?? []
            #expect(!items.isEmpty)
            #expect(items.allSatisfy { $0["agencyID"] as? String == pendidikan })
            #expect((theirs["total"] as? Int ?? 0) < (all["total"] as? Int ?? 0))
            let units = try await http.call(.get, "/v1/tenants/\(tenantID)/units?limit=200", token: operatorToken).json()
            #expect((units["items"] as? [[String: Any]] ?? []).allSatisfy { $0["agencyID"] as? String == pendidikan })
            let export = try await http.call(.get, "/v1/tenants/\(tenantID)/exports/units", token: operatorToken)
            #expect(!export.text.contains("PKM"))
            #expect(export.text.contains("SDN-1"))
        }
    }
}
