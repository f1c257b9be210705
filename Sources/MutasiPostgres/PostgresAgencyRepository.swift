import Foundation
import MutasiDomain
import MutasiRepositories
import PostgresNIO

struct PostgresAgencyRepository: AgencyRepository {
    let db: PostgresTransaction

    private static let columns = "tenant_id, id, code, name, version"

    private func agency(_ row: PostgresRow) throws -> Agency {
        let (tenantID, id, code, name, version) = try row.decode((UUID, UUID, String, String, Int32).self)
        return Agency(tenantID: tenantID, id: id, code: code, name: name, version: Int(version))
    }

    func create(tenantID: UUID, code: String, name: String) async throws -> Agency {
        let rows = try await db.rows("""
            INSERT INTO agencies (tenant_id, code, name) VALUES (\(tenantID), \(code), \(name))
            RETURNING \(unescaped: Self.columns)
            """)
        return try agency(rows[0])
    }

    func find(tenantID: UUID, id: UUID) async throws -> Agency? {
        try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM agencies WHERE tenant_id = \(tenantID) AND id = \(id)
            """).first.map(agency)
    }

    func list(tenantID: UUID, onlyIDs: [UUID]?, _ page: PageRequest) async throws -> Page<Agency> {
        let total = try await db.count("""
            SELECT count(*) FROM agencies
            WHERE tenant_id = \(tenantID) AND (\(onlyIDs)::uuid[] IS NULL OR id = ANY(\(onlyIDs)))
            """)
        let rows = try await db.rows("""
            SELECT \(unescaped: Self.columns) FROM agencies
            WHERE tenant_id = \(tenantID) AND (\(onlyIDs)::uuid[] IS NULL OR id = ANY(\(onlyIDs)))
            ORDER BY code LIMIT \(page.limit) OFFSET \(page.offset)
            """)
        return Page(items: try rows.map(agency), total: total, request: page)
    }
}
