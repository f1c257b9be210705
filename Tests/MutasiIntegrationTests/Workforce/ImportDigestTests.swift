import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

/// An employee import skips a row whose digest it stored the last time; these check that the
/// rows that do change something are still applied.
@Suite("Employee import digests")
struct ImportDigestTests {
    @Test("a row whose only change is a rating is applied, a changed cell updates its row, unchanged rows keep their digest")
    func changedRowsApplied() async throws {
        try await TestApp.run { http, _, db, _ in
            let file = try await Digests.loaded(http, db)
            #expect(try await file.digested() == 4)
            let original = try await file.export()

            let rated = WorkforceFixtures.employees.replacingOccurrences(of: "2024:Sangat Baik", with: "2024:Butuh Perbaikan")
            #expect(try await file.counts(rated) == [0, 0, 4])
            #expect(try await file.export() == original.replacingOccurrences(of: "2024:Sangat Baik", with: "2024:Butuh Perbaikan"))
            #expect(try await file.counts(rated) == [0, 0, 4])
            #expect(try await file.digested() == 4)

            let renamed = rated.replacingOccurrences(of: "Yohanes Ndun", with: "Yohanes Ndun Baru")
            #expect(try await file.counts(renamed) == [0, 1, 3])
            #expect(try await file.export().contains("Yohanes Ndun Baru"))
            #expect(try await file.counts(WorkforceFixtures.employees) == [0, 1, 3])
            #expect(try await file.export() == original)
            #expect(try await file.counts(WorkforceFixtures.employees) == [0, 0, 4])
        }
    }

    @Test("an edit outside the import (a field, a rating changed or removed, a partial file) is undone by importing the file again")
    func editsOutsideImport() async throws {
        try await TestApp.run { http, _, db, _ in
            let file = try await Digests.loaded(http, db)
            let original = try await file.export()
            let (t, token) = ("/v1/tenants/\(file.tenantID)", file.token)
            func employee(_ nip: String) async throws -> (id: String, etag: String) {
                let list = try await http.call(.get, "\(t)/employees?nip=\(nip)", token: token).json()
                let id = try #require((list["items"] as? [[String: Any]])?.first?["id"] as? String)
                let one = try await http.call(.get, "\(t)/employees/\(id)", token: token)
                return (id, try #require(one.headers[.eTag]))
            }
            let yohanes = try await employee("198503152010011002")
            let renamed = try await http.call(.patch, "\(t)/employees/\(yohanes.id)", token: token,
                                              json: ["name": "Yohanes Diubah"], headers: [.ifMatch: yohanes.etag])
            #expect(renamed.status == .ok, "\(renamed.text)")
            let maria = try await employee("199001022015032001")
            let rerated = try await http.call(.put, "\(t)/employees/\(maria.id)/performance", token: token,
                                              json: ["ratings": [["year": 2024, "predicate": "Sangat Baik"]]],
                                              headers: [.ifMatch: maria.etag])
            #expect(rerated.status == .ok, "\(rerated.text)")
            #expect(try await file.digested() == 2)
            // Only a rating changes for Maria, so her row counts as unchanged, but the rating is back.
            #expect(try await file.counts(WorkforceFixtures.employees) == [0, 1, 3])
            #expect(try await file.export() == original)
            #expect(try await file.digested() == 4)

            // A rating removed outside the import forgets the digest without touching the employee.
            try await db.asOwner(tenant: "kota-kupang") { connection, _ in
                try await connection.query("DELETE FROM employee_performance WHERE year = 2023", logger: TestDatabase.logger)
            }
            #expect(try await file.digested() == 3)
            #expect(try await file.counts(WorkforceFixtures.employees) == [0, 0, 4])
            #expect(try await file.export() == original)

            // A file that lacks columns is compared field by field, and a row it changes loses its digest.
            let grades = "nip;golongan\n198503152010011002;III/d\n"
            #expect(try await file.counts(grades) == [0, 1, 0])
            #expect(try await file.digested() == 3)
            #expect(try await file.counts(WorkforceFixtures.employees) == [0, 1, 3])
            #expect(try await file.export() == original)
        }
    }
}

/// Imports and exports kota-kupang's employees and counts the stored digests.
private struct Digests {
    let http: any TestClientProtocol
    let db: TestDatabase
    let token: String
    let tenantID: String

    /// After kota-kupang's admin imported the units, slots and employees of `WorkforceFixtures`.
    static func loaded(_ http: any TestClientProtocol, _ db: TestDatabase) async throws -> Digests {
        let (token, tenantID) = try await WorkforceFixtures.kupangAdmin(http)
        try await WorkforceFixtures.load(http, token: token, tenantID: tenantID)
        return Digests(http: http, db: db, token: token, tenantID: tenantID)
    }

    /// Inserted, updated and unchanged rows of an import that must succeed.
    func counts(_ csv: String) async throws -> [Int] {
        let response = try await WorkforceFixtures.importCSV(http, token: token, tenantID: tenantID, "employees", csv)
        #expect(response.status == .ok, "\(response.text)")
        let counts = try response.json()["counts"] as? [String: Any] ?? [:]
        return ["inserted", "updated", "unchanged"].map { counts[$0] as? Int ?? -1 }
    }

    func export() async throws -> String {
        try await http.call(.get, "/v1/tenants/\(tenantID)/exports/employees", token: token).text
    }

    /// Employees of the file with a stored digest.
    func digested() async throws -> Int {
        let numbers = ["198503152010011002", "199001022015032001", "200012312024211001", "197001011995031001"]
        return try await db.asOwner(tenant: "kota-kupang") { connection, id in
            try await connection.column("""
                SELECT count(*) FROM employees WHERE tenant_id = \(id) AND nip = ANY(\(numbers)) AND import_digest IS NOT NULL
                """, as: Int64.self).first.map(Int.init) ?? -1
        }
    }
}
