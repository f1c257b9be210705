import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresBknOfficeRepository: BknOfficeRepository {
    let db: PostgresTransaction

    private static let columns = "id, code, name, province_codes, version"

    private func office(_ row: PostgresRow) throws -> BknOffice {
        let (id, code, name, provinces, version) = try row.decode((UUID, String, String, [String], Int32).self)
        return BknOffice(id: id, code: code, name: name, provinceCodes: provinces, version: Int(version))
    }

    func create(code: String, name: String, provinceCodes: [String]) async throws -> BknOffice {
        let rows = try await db.rows("""
            INSERT INTO bkn_offices (code, name, province_codes) VALUES (\(code), \(name), \(provinceCodes)::text[])
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

    func update(id: UUID, _ changes: BknOfficeChanges, expectedVersion: Int) async throws -> BknOffice? {
        let rows = try await db.rows("""
            UPDATE bkn_offices SET name = COALESCE(\(changes.name), name),
                                   province_codes = COALESCE(\(changes.provinceCodes)::text[], province_codes),
                                   version = version + 1
            WHERE id = \(id) AND version = \(Int32(expectedVersion))
            RETURNING \(unescaped: Self.columns)
            """)
        if let row = rows.first { return try office(row) }
        guard try await find(id: id) != nil else { return nil }
        throw DomainError(.preconditionFailed, code: "bkn_office.version_mismatch",
                          "The BKN office was changed by someone else; reload it and try again.")
    }
}
