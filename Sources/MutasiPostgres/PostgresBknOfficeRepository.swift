import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresBknOfficeRepository: BknOfficeRepository {
    let db: PostgresTransaction

    private static let columns = "id, code, name, version"

    private func office(_ row: PostgresRow) throws -> BknOffice {
        let (id, code, name, version) = try row.decode((UUID, String, String, Int32).self)
        return BknOffice(id: id, code: code, name: name, version: Int(version))
    }

    func create(code: String, name: String) async throws -> BknOffice {
        let rows = try await db.rows("""
            INSERT INTO bkn_offices (code, name) VALUES (\(code), \(name))
            RETURNING \(unescaped: Self.columns)
            """)
        return try office(rows[0])
    }

    func find(id: UUID) async throws -> BknOffice? {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM bkn_offices WHERE id = \(id)").first.map(office)
    }

    func find(code: String) async throws -> BknOffice? {
        try await db.rows("SELECT \(unescaped: Self.columns) FROM bkn_offices WHERE code = \(code)").first.map(office)
    }

    func list(_ page: PageRequest) async throws -> Page<BknOffice> {
        let total = try await db.count("SELECT count(*) FROM bkn_offices")
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM bkn_offices ORDER BY code
            LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(office), total: total, request: page)
    }
}
